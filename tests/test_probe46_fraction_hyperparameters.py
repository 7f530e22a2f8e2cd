"""probe46 P46-8: a ``fractions.Fraction`` or ``decimal.Decimal`` learning rate (or beta, epsilon, schedule value) was
refused as "expected a positive finite number", though data takes them.  They are numbers as SymPy's ``Rational`` is:
taken as the Python float they are (which, as any Python-float hyperparameter, TF1's rule rounds to float32 first).
Oracle: gradient descent on (w - 3)**2 by hand at that rate."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError


@pytest.mark.parametrize("lr", [Fraction(1, 10), Decimal("0.1")])
def test_a_fraction_or_decimal_learning_rate_trains_as_its_float(lr):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(lr), steps=5)
    rate, hand = float(np.float32(0.1)), 0.0
    for _ in range(5):
        hand -= rate * 2 * (hand - 3)
    assert result[w] == pytest.approx(hand, rel=1e-14)
    assert result[w] == symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(0.1), steps=5)[w]


def test_other_hyperparameters_and_schedules_take_them():
    w = symopt.Variable("w", 0.0)
    exact = symopt.Adam(0.1, beta1=0.9, beta2=0.999, epsilon=1e-8)
    given = symopt.Adam(Fraction(1, 10), beta1=Decimal("0.9"), beta2=Fraction(999, 1000), epsilon=Decimal("1e-8"))
    runs = [symopt.minimize((w - 3) ** 2, w, optimizer=o, steps=4)[w] for o in (exact, given)]
    assert runs[0] == runs[1]
    decayed = symopt.GradientDescent(symopt.ExponentialDecay(Fraction(1, 10), 2, Decimal("0.5")))
    assert symopt.minimize((w - 3) ** 2, w, optimizer=decayed, steps=3)[w] == \
        symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(symopt.ExponentialDecay(0.1, 2, 0.5)),
                        steps=3)[w]


@pytest.mark.parametrize("lr, shown", [(Fraction(10 ** 400), "Fraction(1000"), (Decimal("1e400"), "Decimal('1E+400')"),
                                       (Fraction(1, 10 ** 400), "Fraction(1, 1000"), (Decimal("NaN"), "Decimal('NaN')"),
                                       (Fraction(-1, 10), "Fraction(-1, 10)")])
def test_values_out_of_range_are_refused_naming_them(lr, shown):
    with pytest.raises(ConfigurationError, match=re.escape("lr: expected a positive finite number; given " + shown)):
        symopt.GradientDescent(lr)


@pytest.mark.parametrize("option", ["tol", "clip_norm", "clip_value"])
def test_fraction_and_decimal_run_options_are_their_floats(option):
    """probe46 P46-8's rest: ``tol=``, ``clip_norm=`` and ``clip_value=`` refused a Fraction or a Decimal."""
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    for value in (Fraction(1, 10), Decimal("0.1")):
        given = symopt.minimize(cost, w, steps=20, **{option: value})
        floats = symopt.minimize(cost, w, steps=20, **{option: 0.1})
        assert given.params[w] == floats.params[w] and given.steps == floats.steps

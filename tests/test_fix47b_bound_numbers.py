"""probe90 P90-9: bounds= takes a Decimal or Fraction (alone or in a list) and a longdouble as SciPy does (its
``np.asarray(bounds, float)``), without NumPy's overflow warning for a longdouble past float64 (a high bound of
1e400 bounds nothing); what it refuses it names by type.  Oracle: the box's solution by hand, clip(target, low,
high) for sum((w - T)**2)."""

import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

TARGET = np.array([[-5.0], [0.3], [300.0]])


def _fit(pair):
    w = symopt.Variable("w", np.zeros((3, 1)), shape=(3, 1))
    T = symopt.Placeholder("T", (3, 1))
    return symopt.minimize(ops.sum(ops.square(w - T)), w, data={T: TARGET}, method="lbfgs", bounds={w: pair}).params[w]


@pytest.mark.parametrize("pair, low, high", [
    ((Decimal("0.5"), Fraction(3, 2)), 0.5, 1.5),
    (([[Decimal("0.1")], [Decimal("0.2")], [Decimal("0.3")]], None), np.array([[0.1], [0.2], [0.3]]), np.inf),
    ((np.longdouble("0.1"), np.longdouble("1e400")), 0.1, np.inf),
])
def test_exact_and_wide_numbers_are_bounds(pair, low, high):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning from the longdouble
        found = _fit(pair)
    assert np.allclose(found, np.clip(TARGET, low, high), atol=1e-6)


def test_a_refused_pair_names_its_types():
    with pytest.raises(ConfigurationError, match=r"of types complex, complex"):
        _fit((0j, 1 + 0j))


def test_a_fraction_beyond_float64_is_an_infinite_side():
    """final47b2 47b2-2: ``Fraction(-10**400)`` raised a bare OverflowError where a Decimal of that size is -inf."""
    from fractions import Fraction

    from symopt.bound_numbers import as_bound_side

    assert as_bound_side(Fraction(-10 ** 400)) == float("-inf") and as_bound_side(Fraction(10 ** 400)) == float("inf")

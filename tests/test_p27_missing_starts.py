"""probe27 P27-10: a missing start value.  ``Variable("v", None)`` advised ``numpy.nan`` (advice written for data,
where NaN marks a missing value), which is then refused as a start; ``minimize(cost, {t: None})`` called None
"NaN or infinity".  Now both say a parameter needs a finite starting number and show one; data keep the NaN
advice."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError


@pytest.mark.parametrize("init, given", [(None, "given None."), ([1.0, None], "given None inside [1.0, None].")])
def test_a_variable_without_a_start_is_told_to_take_a_number(init, given):
    with pytest.raises(ConfigurationError, match="initial value of 'v'") as caught:
        symopt.Variable("v", init)
    message = str(caught.value)
    assert given in message and "finite starting number" in message and "numpy.nan" not in message


@pytest.mark.parametrize("method", [None, "lbfgs"])
def test_a_start_of_none_in_wrt_is_not_called_nan(method):
    t = sympy.Symbol("t", real=True)
    options = {"method": method} if method else {"steps": 3}
    with pytest.raises(ConfigurationError) as caught:
        symopt.minimize((t - 3) ** 2, {t: None}, **options)
    message = str(caught.value)
    assert "the starting value of t: expected numbers; given None." in message and "wrt={t: 0.0}" in message
    assert "NaN" not in message and "numpy.nan" not in message


def test_a_start_with_a_none_entry_shows_an_array_of_the_shape():
    W = symopt.Variable("W", np.zeros(2))
    with pytest.raises(ConfigurationError, match=r"given None inside \[1.0, None\].*wrt=\{W: numpy.zeros\(\(2,\)\)\}"):
        symopt.minimize(ops.sum(W.applyfunc(lambda w: w ** 2)), {"W": [1.0, None]})


def test_a_nan_start_is_still_refused_as_not_finite():
    t = sympy.Symbol("t", real=True)
    with pytest.raises(ConfigurationError, match="the starting value of t is not finite"):
        symopt.minimize((t - 3) ** 2, {t: float("nan")}, steps=3)


def test_data_with_none_keep_the_missing_value_advice():
    x, w = symopt.Placeholder("x", (None, 1)), symopt.Variable("w", 0.0)
    with pytest.raises(FeedError, match=r"impute a missing value, or drop its row"):  # (NaN is refused too: P91-7c)
        symopt.evaluate(ops.sum(x.applyfunc(lambda u: (u - w) ** 2)), {x: [[1.0], [None]], w: 0.0})


def test_a_start_holding_arrays_and_none_gets_the_message_not_a_bare_error():
    """final34 F34-3: `None in` compared None with each entry, and an array entry answered with an array: a bare
    ValueError 'The truth value of an array ... is ambiguous'."""
    import numpy as np
    from symopt import ops
    W = symopt.Variable("W", np.zeros(2))
    with pytest.raises(symopt.errors.ConfigurationError, match=r"starting value of W.*numpy\.zeros\(\(2,\)\)"):
        symopt.minimize(ops.sum(ops.square(W)), {W: [np.array([1.0, 2.0]), None]}, steps=2)
    with pytest.raises(symopt.errors.FeedError, match="value for W"):
        symopt.minimize(ops.sum(ops.square(W)), {W: [np.zeros(2), np.zeros(3)]}, steps=2)

"""probe33 P33-10: a feed that the program's dtype would turn into 0, or a SymPy number beyond float64, is refused
as the mirror cases were (float32 overflow, a Python int past float64): ``log(w)`` at a float32 ``w = 1e-50`` was
``(-inf, inf)`` without a word, ``w = sympy.Float("1e400")`` computed with ``inf``.  Oracle: mpmath's
``log(1e-50) = -115.13`` is no float32 number's logarithm; the feed had to be refused or rescaled."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import FeedError

w = symopt.Variable("w", 1.0)
COST = sympy.log(w)


def test_a_float32_feed_flushed_to_zero_is_refused():
    with pytest.raises(FeedError) as caught:
        symopt.compile(COST, w, dtype="float32")(w=1e-50)
    assert str(caught.value) == (
        "value for w (scalar): expected numbers of dtype float32, whose smallest positive is 1.401e-45; given 1e-50, "
        "which float32 would make 0. Rescale the data, or compute in float64 (dtype='float64').")
    X = symopt.Placeholder("X", (None, 1))
    with pytest.raises(FeedError, match="given 1e-60, which float32 would make 0"):
        symopt.evaluate(symopt.ops.sum(X), {X: np.array([[1.0], [1e-60], [0.0]])}, dtype="float32")


def test_a_subnormal_and_a_zero_still_pass():
    assert symopt.compile(w * 2, w, dtype="float32")(w=1e-40)[0] == np.float32(1e-40) * 2  # subnormal, not 0
    assert symopt.compile(w * 2, w, dtype="float32")(w=0.0)[0] == 0.0
    assert symopt.compile(w * 2, w, dtype="float32")(w=np.float32(0.0))[0] == 0.0


@pytest.mark.parametrize("value, made", [(sympy.Float("1e400"), "infinite"), (sympy.Rational(1, 10 ** 400), "0")])
def test_a_sympy_number_beyond_float64_is_refused(value, made):
    with pytest.raises(FeedError, match=f"given the SymPy number 1.000E[+-]400, which float64 would make {made}"):
        symopt.compile(COST, w)(w=value)


def test_a_sympy_number_is_rounded_once():
    third = sympy.Rational(1, 3)
    value, gradient = symopt.compile(COST, w)(w=third)
    assert (value, gradient) == (float(sympy.N(sympy.log(third), 30)), 3.0)

"""probe90 P90-2/7 (feeds) and P90-3 (initial values): a number the run's dtype makes 0 (or infinite) is refused
wherever it is given, a Python scalar, a list, a SymPy Matrix or an object array, not computed with the 0.  Oracle:
the numbers themselves: Decimal('1e-400') and Fraction(1, 10**400) are nonzero, float(...) of them is 0.0 (below
float64's smallest subnormal 4.94e-324); Decimal('1e400') is finite, float() of it inf; float32(1e-50) is 0."""

from decimal import Decimal
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError, FeedError

TINY = [Decimal("1e-400"), Fraction(1, 10**400), sympy.Float("1e-400"), mpmath.mpf("1e-400")]


@pytest.mark.parametrize("tiny", TINY, ids=["Decimal", "Fraction", "sympy.Float", "mpmath.mpf"])
def test_a_tiny_exact_number_is_refused_as_a_scalar_and_in_containers(tiny):
    assert float(tiny) == 0.0 and tiny != 0  # the oracle: float64 loses it
    x, P = sympy.Symbol("x"), symopt.Placeholder("P", (None, 2))
    shown = r"the SymPy number 1\.000E-400" if isinstance(tiny, sympy.Basic) else r"1e-400"  # final47c2 47c2-6
    with pytest.raises(FeedError, match=rf"given {shown}, which float64 would make 0"):
        symopt.evaluate(sympy.log(x), {x: tiny})
    for feed in ([[tiny, 2]], sympy.Matrix([[tiny, 2]]), np.array([[tiny, 2]], dtype=object)):
        with pytest.raises(FeedError, match=r"given 1e-400, which float64 would make 0"):
            symopt.evaluate(symopt.ops.sum(P), {P: feed})


def test_a_start_in_a_list_is_refused():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(FeedError, match=r"given 1e-400, which float64 would make 0"):
        symopt.minimize(w - sympy.log(w), {w: [Decimal("1e-400")]}, steps=1)


def test_a_huge_exact_number_in_a_list_is_named_not_blamed_as_infinity_in_the_data():
    assert float(Decimal("1e400")) == float("inf")
    P = symopt.Placeholder("P", (None, 1))
    for huge in (Decimal("1e400"), sympy.Float("1e400"), mpmath.mpf("1e400")):  # mpmath: review final47c 47c-15
        with pytest.raises(FeedError, match=r"given 1e\+400, which float64 would make infinite"):
            symopt.evaluate(symopt.ops.sum(P), {P: [[huge]]})


def test_ordinary_exact_numbers_still_feed():
    P = symopt.Placeholder("P", (None, 2))
    feed = sympy.Matrix([[sympy.Rational(1, 3), 2]])
    assert symopt.evaluate(symopt.ops.sum(P), {P: feed}) == pytest.approx(1 / 3 + 2)


@pytest.mark.parametrize("init, dtype", [(1e-50, "float32"), ([Decimal("1e-400")], "float64"),
                                         (np.longdouble("1e-400"), "float64")])
def test_an_initial_value_the_dtype_makes_zero_is_refused(init, dtype):
    assert np.array(init, dtype=dtype).reshape(-1)[0] == 0  # the oracle: the cast loses it
    with pytest.raises(ConfigurationError, match=rf"initial value of 'w': .*given 1e-[45]0+, which {dtype} would make 0"):
        symopt.Variable("w", init, shape=np.shape(init) or (), dtype=dtype)


def test_a_zero_initial_value_is_fine():
    assert symopt.evaluate(symopt.Variable("w", [0.0, 1e-30], dtype="float32"))[0] == 0.0

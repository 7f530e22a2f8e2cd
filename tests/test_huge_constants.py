"""Constants at the edge of float64 (probe8 R5, R6).

A constant beyond float64's range (``exp(1000)``, ``1e200*1e200``) is refused when the code is generated, naming it;
it was printed as the bare name ``inf``, and every call died with ``NameError``.  A constant whose value fits but whose
SymPy form holds an integer no float holds (``log(250!)``: SymPy writes ``log(3232...)``, 493 digits) is printed as its
value; it was refused as "beyond float64's range".
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 0.0)
W = symopt.Variable("W", 0.0, shape=(2, 1))

BEYOND = {
    "exp(1000) times w": lambda: symopt.compile(sympy.exp(1000) * w, w),
    "exp(710) in a sum, evaluate": lambda: symopt.evaluate(w + sympy.exp(710), {w: 1.0}),
    "a product of floats": lambda: symopt.compile(w * 1e200 * 1e200, w),
    "minimize": lambda: symopt.minimize((w - sympy.exp(800)) ** 2, w, steps=2),
    "float32": lambda: symopt.compile(sympy.exp(1000) * w, w, dtype="float32"),
    "cosh": lambda: symopt.compile(sympy.cosh(1000) * w ** 2, w),
    "a rational in an array program": lambda: symopt.compile(
        ops.sum(symopt.Placeholder("X", (None, 2)) @ W) * sympy.Rational(10 ** 400, 3), W),
    "a 60-digit Float in an array program": lambda: symopt.compile(
        ops.sum(symopt.Placeholder("X", (None, 2)) @ W) * sympy.Float("1e400", 60), W),
}


@pytest.mark.parametrize("case", sorted(BEYOND))
def test_a_constant_beyond_float64_is_refused_by_name(case):
    with pytest.raises(UnsupportedOperationError, match=r"the constant .* is beyond float64's range"):
        BEYOND[case]()


def test_jax_refuses_it_too():
    pytest.importorskip("jax")
    with pytest.raises(UnsupportedOperationError, match=r"exp\(1000\).* is beyond float64's range"):
        symopt.compile(sympy.exp(1000) * w, w, backend="jax")


def test_the_largest_constants_that_fit_still_compile():
    value, gradient = symopt.compile(sympy.exp(709) * w, w)(w=1.0)
    assert value == gradient == math.exp(709)


def test_poisson_likelihood_of_literal_counts_past_170():
    """R6: SymPy folds log(250!) into log(<493-digit integer>); its value, 1134.05, is what is printed."""
    lam = symopt.Variable("lam", 1.0)
    counts = [3, 250, 7]
    nll = sum(lam - k * sympy.log(lam) + sympy.log(sympy.factorial(k)) for k in counts)
    f = symopt.compile(nll, lam)
    expected = sum(50.0 - k * math.log(50.0) + math.lgamma(k + 1) for k in counts)
    assert f(lam=50.0)[0] == pytest.approx(expected, rel=1e-14)
    result = symopt.minimize(nll, {lam: 50.0}, method="newton")
    assert result[lam] == pytest.approx(sum(counts) / 3, rel=1e-9)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_log_of_a_huge_factorial_constant(dtype):
    lam = symopt.Variable("lam", 1.0)
    value, gradient = symopt.compile(sympy.log(sympy.factorial(200)) + lam ** 2, lam, dtype=dtype)(lam=1.0)
    assert float(value) == pytest.approx(math.lgamma(201) + 1, rel=1e-7 if dtype == "float32" else 1e-15)
    assert float(gradient) == 2.0


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_constant_whose_parts_are_beyond_float64_but_whose_value_fits(dtype):
    """log(exp(1000) + 1) = 1000 (to float64): printed as its value, not refused for exp(1000)."""
    value, gradient = symopt.compile(sympy.log(sympy.exp(1000) + 1) * w, w, dtype=dtype)(w=2.0)
    assert (float(value), float(gradient)) == (2000.0, 1000.0)


def test_a_rational_of_huge_integers_whose_value_fits():
    """10**400/(10**399 + 1) is 10 (to float64): printed as its value; 1/10**400 underflows to 0, as a float does."""
    X = symopt.Placeholder("X", (None, 2))
    f = symopt.compile(ops.sum(X @ W) * sympy.Rational(10 ** 400, 10 ** 399 + 1), W)
    value, gradient = f(W=np.ones((2, 1)), X=np.ones((3, 2)))
    assert value == pytest.approx(60.0, rel=1e-15) and np.allclose(gradient, 30.0, rtol=1e-15)
    assert symopt.compile(w * sympy.Rational(10 ** 400, 10 ** 399 + 1), w)(w=1.0)[0] == pytest.approx(10.0, rel=1e-15)



def test_constants_below_float64_underflow_to_zero_as_ieee_arithmetic_does():
    """A constant below float64's smallest subnormal is its nearest double, 0.0 (review2 F2: refusing it refused a
    Taylor series of exp to 200 terms, whose last coefficients 1/k! underflow, and exact costs such as
    ``w**2 + exp(-800)``); subnormals are kept."""
    taylor = sum(w ** k / sympy.factorial(k) for k in range(200))
    value, gradient = symopt.compile(taylor, w)(w=0.5)
    assert value == gradient == pytest.approx(math.exp(0.5), rel=1e-15)
    assert symopt.compile(w ** 2 + sympy.exp(-800), w)(w=0.5) == (0.25, 1.0)
    assert symopt.compile(w ** 2 + sympy.Rational(1, 10 ** 400), w)(w=0.5) == (0.25, 1.0)
    value, gradient = symopt.compile(sympy.Float("1e-320") * sympy.exp(w), w)(w=0.0)
    assert value == gradient == 1e-320 and value > 0
    assert symopt.compile(sympy.Float(0.0) * w + w, w)(w=2.0) == (2.0, 1.0)


def test_an_infinite_constant_is_refused_by_every_display_as_compile_refuses_it():
    """probe23 P23-3: ``derive`` and ``graph`` showed ``J = oow + u = ∞`` for ``sympy.oo*w + w**2`` (also
    ``w*float("inf")``), where compile, minimize and explain refuse; every one now says the constant is infinite
    (not "scale the cost", which cannot make it finite)."""
    import sympy
    from symopt.errors import UnsupportedOperationError
    w = symopt.Variable("w", 1.0)
    for cost in (sympy.oo * w + w ** 2, w * float("inf") + w ** 2, -sympy.oo * w):
        for call in (lambda: symopt.derive(cost, w, at={w: 1}), lambda: symopt.graph(cost, at={w: 1}).svg(),
                     lambda: symopt.compile(cost, w), lambda: symopt.explain(cost, w, at={w: 1})):
            with pytest.raises(UnsupportedOperationError, match="is infinite: .*sympy.limit"):
                call()


def test_a_cost_sympy_collapsed_to_nan_or_infinity_says_so():
    """probe23 P23-5: ``w**2 + sympy.nan`` is ``nan`` once built, and was called "a constant ... gradient identically
    zero ... write it in terms of the parameters", which the user had done."""
    from symopt.errors import ConfigurationError
    w = symopt.Variable("w", 1.0)
    for cost, said in ((w ** 2 + sympy.nan, "a NaN constant"), (w ** 2 + float("nan"), "a NaN constant"),
                       (w ** 2 + sympy.oo, "an infinite constant")):
        for call in (lambda: symopt.compile(cost, w), lambda: symopt.derive(cost, w, at={w: 1}),  # final33 F33-1:
                     lambda: symopt.explain(cost, w, at={w: 1}), lambda: symopt.graph(cost).svg()):  # every entry
            with pytest.raises(ConfigurationError, match=f"the cost is .*: {said} in it made SymPy drop the rest"):
                call()


def test_a_long_constant_beyond_float64_is_shown_elided_not_cut_to_a_smaller_number():
    """probe23 P23-6: ``10**400/3`` was shown as its first 40 digits, a number inside float64's range."""
    w = symopt.Variable("w", 1.0)
    with pytest.raises(UnsupportedOperationError, match=r"the constant 100000000000\.\.\. \(403 characters\) \(about "
                                                        r"3\.33E\+399\)"):
        symopt.compile(sympy.Integer(10) ** 400 / 3 * w, w)

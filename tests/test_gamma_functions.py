"""Γ, ln Γ and ln k! of data (probe8 R2, R3): the values every backend gives, against mpmath, sympy and math.

``log(factorial(k))`` (the Poisson likelihood's ln k!) and ``log(gamma(x))`` print as ``log_gamma(x)``, never
forming Γ(x), which overflows from x = 171.7; SymPy's ``loggamma`` is real only for x > 0 (elsewhere NaN, never
``math.lgamma``'s real part ln|Γ(x)|); Γ of data past overflow or at a pole is IEEE's inf / NaN, not a refusal.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy

import symopt
from symopt import ops, runtime
from symopt.errors import DomainError

k, c = sympy.Symbol("k"), sympy.Symbol("c")


def _log_gamma_oracle(x: float) -> float:
    """ln Γ(x) where Γ(x) > 0 (mpmath at 30 digits), NaN where Γ(x) < 0, +inf at 0+."""
    with mpmath.workdps(30):
        value = mpmath.gamma(mpmath.mpf(x)) if not (x <= 0 and float(x).is_integer()) else None
        if value is None:
            return math.inf if x == 0 else math.nan
        return float(mpmath.log(value)) if value > 0 else math.nan


POINTS = [0.5, 1.0, 2.0, 3.7, 170.0, 171.0, 171.7, 172.0, 200.0, 1e5, -0.5, -1.5, -2.5, -3.5, -170.5, -171.5,
          0.0, -1.0, -2.0]


@pytest.mark.parametrize("x", POINTS)
def test_log_gamma_against_mpmath(x):
    expected = _log_gamma_oracle(x)
    for got in (runtime.log_gamma(x), float(runtime.log_gamma(np.array([x]))[0])):
        if math.isnan(expected):
            assert math.isnan(got)
        else:
            assert got == pytest.approx(expected, rel=1e-13, abs=1e-13)


@pytest.mark.parametrize("x", POINTS)
def test_loggamma_is_sympys_real_values_only(x):
    """SymPy's loggamma: ln Γ(x) for x > 0, oo at 0, -1, -2, ...; complex (so NaN here) at every other x < 0."""
    exact = sympy.loggamma(sympy.Integer(x) if x.is_integer() else sympy.Float(x, 30))  # a Float pole raises
    got = runtime.loggamma(x)
    if exact is sympy.oo:
        assert got == math.inf
    elif exact.is_real:
        assert got == pytest.approx(float(exact), rel=1e-13)
    else:
        assert sympy.im(exact.evalf()) != 0 and math.isnan(got)


@pytest.mark.parametrize("x, expected", [(5.0, 24.0), (0.5, math.sqrt(math.pi)), (171.0, math.factorial(170)),
                                         (172.0, math.inf), (0.0, math.inf), (-0.0, -math.inf), (-1.0, math.nan),
                                         (-2.5, float(sympy.gamma(sympy.Rational(-5, 2))))])
def test_gamma_is_ieee_where_math_raises(x, expected):
    with np.errstate(over="ignore"):  # NumPy warns of an overflow to inf, as for numpy.exp(1000.0)
        array_value = float(runtime.gamma(np.array([x]))[0])
    for got in (runtime.gamma(x), array_value):
        if math.isnan(expected):
            assert math.isnan(got)
        else:
            assert got == pytest.approx(expected, rel=1e-14)


def test_gamma_functions_keep_the_dtype_of_their_argument():
    for function in (runtime.gamma, runtime.loggamma, runtime.log_gamma):
        assert function(np.float32([3.0, 4.0])).dtype == np.float32
        assert type(function(3.0)) is float  # the math backend's Python floats


def test_poisson_likelihood_past_170_counts():
    """R2: ln k! of a count k >= 171 raised "no code printer for gamma"; ln 171! = 711.71 (math.lgamma(172))."""
    lam = symopt.Variable("lam", 1.0)
    nll = lam - k * sympy.log(lam) + sympy.log(sympy.factorial(k))
    f = symopt.compile(nll, lam)
    assert "log_gamma(1 + k)" in f.source and "math.gamma" not in f.source
    for count in (3.0, 170.0, 171.0, 200.0, 1e4):
        value, gradient = f(lam=150.0, k=count)
        assert value == pytest.approx(150.0 - count * math.log(150.0) + math.lgamma(count + 1), rel=1e-13)
        assert gradient == pytest.approx(1 - count / 150.0, rel=1e-13)
    result = symopt.minimize(nll, {lam: 150.0}, data={k: 200.0}, method="newton")
    assert result[lam] == pytest.approx(200.0)


def test_log_factorial_of_a_data_matrix_sums_lgamma():
    counts = np.array([[0.0], [3.0], [171.0], [500.0]])
    K = symopt.Placeholder("K", (None, 1))
    W = symopt.Variable("W", 1.0)
    value, gradient = symopt.compile(ops.sum(K.applyfunc(lambda t: sympy.log(sympy.factorial(t)))) * W, W)(
        W=2.0, K=counts)
    expected = sum(math.lgamma(x + 1) for x in counts.ravel())
    assert value == pytest.approx(2 * expected, rel=1e-14) and gradient == pytest.approx(expected, rel=1e-14)


def test_log_of_a_negative_gamma_has_no_real_value():
    """Γ(-0.5) < 0: log(gamma(c)) has no real value there, whatever ln|Γ| is; Γ(-1.5) > 0: it has."""
    w = symopt.Variable("w", 0.0)
    f = symopt.compile(w * sympy.log(sympy.gamma(c)), w)
    assert math.isnan(f(w=1.0, c=-0.5)[0])
    assert f(w=1.0, c=-1.5)[0] == pytest.approx(math.log(float(sympy.gamma(sympy.Rational(-3, 2)))), rel=1e-14)


def test_loggamma_of_negative_data_is_not_its_real_part():
    """R3: loggamma(-2.5) is complex (imaginary part -3π); symopt printed math.lgamma, i.e. its real part, and a
    minimize trained to it silently."""
    w = symopt.Variable("w", 0.0)
    value, gradient = symopt.compile(w * sympy.loggamma(c), w)(w=1.0, c=-2.5)
    assert math.isnan(value) and math.isnan(gradient)
    with pytest.raises(DomainError, match="loggamma"):
        symopt.minimize((w - sympy.loggamma(c)) ** 2, w, data={c: -2.5}, steps=5)
    assert symopt.compile(w * sympy.loggamma(c), w)(w=1.0, c=2.5)[1] == pytest.approx(math.lgamma(2.5), rel=1e-15)


def test_gamma_of_data_past_overflow_is_inf_not_a_refusal():
    """R2: gamma(200.0) made math raise, and the NumPy rerun refused with "no code printer for gamma"."""
    w = symopt.Variable("w", 0.0)
    f = symopt.compile(w * sympy.gamma(c), w)
    assert f(w=1.0, c=5.0) == (24.0, 24.0)
    with np.errstate(over="ignore"):
        value, gradient = f(w=1.0, c=200.0)
    assert value == math.inf and gradient == math.inf


@pytest.mark.parametrize("cost", [sympy.log(sympy.factorial(k)), sympy.loggamma(k), sympy.gamma(k)])
def test_jax_refuses_gamma_functions_by_name(cost):
    pytest.importorskip("jax")
    lam = symopt.Variable("lam", 1.0)
    with pytest.raises(symopt.errors.UnsupportedOperationError,
                       match=r"no code printer for (factorial|loggamma|gamma) on the jax backend: .* The NumPy backend "
                             r"computes it: drop backend='jax'\. Where it reads only data"):
        symopt.compile(lam + cost, lam, backend="jax")


def test_jax_refuses_the_poisson_likelihoods_log_factorial_saying_what_runs_it():
    """probe21 P21-11: the refusal listed internal names (in_float, the elementwise body's _arg) and asked for a
    rewrite that does not exist; it names the NumPy backend and the data-only input instead."""
    pytest.importorskip("jax")
    y, a = symopt.Placeholder("y", (None, 1)), symopt.Variable("a", 0.5)
    cost = symopt.ops.mean(y.applyfunc(lambda t: -(t * a - sympy.exp(a) - sympy.loggamma(t + 1))))
    with pytest.raises(symopt.errors.UnsupportedOperationError) as caught:
        symopt.minimize(cost, a, data={y: np.array([[0.], [1.], [3.], [2.]])}, steps=50, backend="jax")
    assert "drop backend='jax'" in str(caught.value) and "_arg" not in str(caught.value)
    assert "in_float" not in str(caught.value)

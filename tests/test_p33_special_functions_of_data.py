"""probe33 P33-4 and P33-9: special functions of data print forms that keep their digits, or are refused.

P33-4: SymPy's code printers rewrite ``binomial(n, k)`` and ``beta(a, b)`` as ratios of Γ, NaN for ``n < k`` (true 0)
and past n = 170 (Γ overflows: true finite), so a Binomial likelihood at n = 200 was NaN and ``minimize`` blamed the
data.  ``binomial(n, 3)`` is now the product ``n(n - 1)(n - 2)/6``, ``beta(q, 2)`` is ``1/(q(q + 1))``, their logarithms
are differences of log Γ (never forming Γ), and a ``binomial`` / ``beta`` / ``catalan`` of data with no such form is a
typed refusal naming ``scipy.special`` and the logarithm.
P33-9: ``coth``, ``csch``, ``sech`` (and their inverses) of data printed SymPy's rewrite into exponentials, which
cancels near 0 (``coth(1e-10)`` off by 8e-8) and is inf at 1e-300; they print ``1/tanh(q)``, ``asinh(1/q)``, ....
Oracle: ``sympy.N`` at 30 digits.
"""

from __future__ import annotations

import math

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

n = symopt.Placeholder("n", ())
k = symopt.Placeholder("k", ())
q = symopt.Placeholder("q", ())
p = symopt.Variable("p", 0.3)
w = symopt.Variable("w", 1.0)


def _oracle(expr, values: dict) -> float:
    return float(sympy.N(expr.subs({s: sympy.Rational(v) for s, v in values.items()}), 30))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("expr, values", [
    (sympy.binomial(n, 3), {n: 1}),  # 0: was nan
    (sympy.binomial(n, 3), {n: 200}),  # 1313400: was nan
    (sympy.binomial(n, 3), {n: -1}),  # -1, SymPy's binomial(-1, 3)
    (sympy.binomial(n, 3), {n: 2.5}),
    (sympy.beta(q, 2), {q: 200}),  # 2.4876e-05: was nan
    (sympy.log(sympy.beta(q, 2)), {q: 200}),  # -10.6016, the Beta-distribution normalizer: was nan
    (sympy.log(sympy.beta(q, n)), {q: 200, n: 2}),
    (sympy.log(sympy.binomial(n, k)), {n: 200, k: 60}),  # 119.38: was nan
])
def test_values_of_data(expr, values, dtype):
    value = float(symopt.evaluate(expr, values, dtype=dtype))
    tolerance = 4e-6 if dtype == "float32" else 1e-14
    assert value == pytest.approx(_oracle(expr, values), rel=tolerance, abs=0)


def test_the_log_of_a_binomial_that_is_zero_is_minus_infinity():
    assert symopt.evaluate(sympy.log(sympy.binomial(n, k)), {n: 2.0, k: 3.0}) == -math.inf  # binomial(2, 3) = 0


def test_a_binomial_likelihood_at_n_200_fits():
    nll = -(k * sympy.log(p) + (n - k) * sympy.log(1 - p) + sympy.log(sympy.binomial(n, k)))
    value, gradient = symopt.compile(nll, p)(p=0.3, n=200.0, k=60.0)
    assert value == pytest.approx(_oracle(nll, {p: sympy.Rational(3, 10), n: 200, k: 60}), rel=1e-13)  # 2.7893...
    assert gradient == pytest.approx(0.0, abs=1e-12)  # the maximum likelihood is k/n = 0.3
    assert symopt.minimize(nll, {p: 0.5}, data={n: 200.0, k: 60.0}, method="newton")[p] == pytest.approx(0.3)


def test_the_printed_forms():
    source = symopt.compile(sympy.binomial(n, 3) * w, w).source
    assert source.splitlines()[1] == "    t0 = ((-1 + n)*(-2 + n)*n/6)"
    assert symopt.compile(sympy.beta(n, 2) * w, w).source.splitlines()[1] == "    t0 = (1/((1 + n)*n))"
    assert symopt.compile(sympy.coth(q) * w, w).source.splitlines()[1] == "    t0 = (1/math.tanh(q))"
    assert symopt.compile(sympy.acsch(q) * w, w, dtype="float32").source.splitlines()[1] == \
        "    t0 = numpy.arcsinh(1/q)"


@pytest.mark.parametrize("expr, outside", [
    (sympy.binomial(n, k), "scipy.special.binom(n, k)"),
    (sympy.beta(q, n), "scipy.special.beta(a, b)"),
    (sympy.catalan(q), "scipy.special.binom(2*n, n)/(n + 1)"),
])
def test_a_form_without_digits_is_refused_with_the_fix(expr, outside):
    with pytest.raises(UnsupportedOperationError) as caught:
        symopt.evaluate(expr, {n: 2.0, k: 1.0, q: 3.0})
    assert f"Compute it beforehand, e.g. {outside}, and feed the result as an input of its own, or write its " \
           "logarithm (a likelihood needs only that)" in str(caught.value)


@pytest.mark.parametrize("function, x", [
    (sympy.coth, 1e-10), (sympy.csch, 1e-10), (sympy.coth, 1e-300), (sympy.acsch, 1e-300), (sympy.sech, 3.0),
    (sympy.acoth, -2.0), (sympy.asech, 0.5), (sympy.csch, -2.0),
])
def test_reciprocal_hyperbolic_functions_keep_their_digits(function, x):
    value = float(symopt.evaluate(function(q), {q: x}))
    assert value == pytest.approx(float(sympy.N(function(sympy.Float(x, 40)), 30)), rel=4e-16, abs=0)


@pytest.mark.parametrize("expr", [
    w / sympy.sech(q), w / sympy.coth(q), 2 ** sympy.csch(q), -sympy.csch(q) ** -2, sympy.coth(q) ** 3,
    w / sympy.binomial(n, 3), w / sympy.beta(q, 2), sympy.binomial(n, 3) ** 2, 2 ** sympy.beta(2, q),
])
def test_a_printed_form_is_one_operand_of_what_holds_it(expr):
    """``sech(q)`` prints ``(1/numpy.cosh(q))`` and ``binomial(n, 3)`` ``((-1 + n)*(-2 + n)*n/6)``, in parentheses:
    ``w/sech(q)`` printed ``w/1/math.cosh(q)``, which is ``w/cosh(q)``, and ``w/binomial(n, 3)`` divided by ``(n - 1)``
    only (found after P33-4 and P33-9 were merged; a map's ``coth`` summed read ``1/numpy.tanh(q).sum()``)."""
    values = {q: 0.9, w: 0.7, n: 7.0}
    value = float(symopt.evaluate(expr, values))
    exact = expr.subs({symbol: sympy.Float(v, 40) for symbol, v in values.items()})
    assert value == pytest.approx(float(sympy.N(exact, 30)), rel=1e-14)

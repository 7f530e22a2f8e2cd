"""probe27 P27-8: a Poisson likelihood of literal counts holds ``log(k!)``, which SymPy keeps as the log of a
``k!``-sized integer.  From k = 1559 that integer has more than 4300 digits, and ``float_literals.elided`` called
``str()`` on it (to write the refusal the math printer falls back from), which Python refuses: a bare ValueError
from ``minimize``, ``evaluate`` and ``compile``.  Now the constant compiles to its float value.  Oracles:
``math.lgamma(k + 1)``, ``scipy.special.gammaln``, ``sympy.N`` at 30 digits."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest
import scipy.special
import sympy

import symopt
from symopt.float_literals import elided


def _poisson(a, counts):
    return sum(sympy.exp(a) - k * a + sympy.log(sympy.factorial(k)) for k in counts)


@pytest.mark.parametrize("term", [lambda k: sympy.log(sympy.factorial(k)), lambda k: sympy.loggamma(k + 1),
                                  lambda k: sympy.log(sympy.gamma(k + 1))], ids=["log factorial", "loggamma", "log gamma"])
def test_a_log_factorial_constant_past_the_digit_limit_compiles_to_its_value(term):
    a = symopt.Variable("a", 0.0)
    compiled = symopt.compile(a + term(2000), a)
    expected = math.lgamma(2001)
    assert expected == pytest.approx(float(scipy.special.gammaln(2001)), rel=1e-15)
    assert expected == float(sympy.N(sympy.log(sympy.factorial(2000)), 30))
    assert repr(expected) in compiled.source  # 13206.524350513806, the double nearest log(2000!)
    value, gradient = compiled(a=1.0)
    assert value == pytest.approx(1.0 + expected, rel=1e-15) and gradient == 1.0


def test_a_poisson_fit_with_a_count_of_2000_runs():
    a = symopt.Variable("a", 0.0)
    counts = [3, 2000, 5]
    nll = _poisson(a, counts)
    value = symopt.evaluate(nll, {a: 1.0})
    oracle = sum(math.exp(1.0) - k + math.lgamma(k + 1) for k in counts)
    assert value == pytest.approx(oracle, rel=1e-14)
    result = symopt.minimize(nll, a, method="lbfgs")
    assert result[a] == pytest.approx(math.log(np.mean(counts)), abs=1e-6)  # the Poisson MLE: log of the mean


def test_the_count_at_the_cliff_and_past_it():
    a = symopt.Variable("a", 0.0)
    for k in (1558, 1559, 3000):
        assert symopt.evaluate(_poisson(a, [k]), {a: 0.0}) == pytest.approx(1.0 + math.lgamma(k + 1), rel=1e-14)


@pytest.mark.parametrize("number", [10 ** 400, -(10 ** 400), 10 ** 40, 10 ** 40 - 1, 10 ** 5000 - 1,
                                    sympy.factorial(2000), sympy.Integer(10) ** 4500],
                         ids=["1e400", "-1e400", "1e40", "1e40-1", "1e5000-1", "2000!", "Integer 1e4500"])
def test_elided_counts_digits_without_str(number):
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        text = str(abs(int(number)))
    finally:
        sys.set_int_max_str_digits(limit)
    sign = "-" if number < 0 else ""
    expected = f"{sign}{text}" if len(text) <= 40 else f"{sign}{text[:12]}... ({len(text)} digits)"
    assert elided(number) == expected


def test_derive_and_graph_show_such_a_constant_cut():
    a = symopt.Variable("a", 0.0)
    nll = _poisson(a, [3, 2000, 5])
    derivation = symopt.derive(nll, a, at={a: 1.0})
    text = str(derivation)
    assert "log(331627509245... (5736 digits))" in text
    oracle = sum(math.exp(1.0) - k + math.lgamma(k + 1) for k in (3, 2000, 5))
    assert f"= {oracle:.6g}" in text  # 11213.3, the cost at a = 1
    assert r"331627509245\ldots\;(\text{5736 digits})" in derivation.latex()
    assert "log(331627509245... (5736 digits))" in str(symopt.graph(nll))


def test_shorter_integers_are_shown_whole():
    a = symopt.Variable("a", 0.0)
    assert str(sympy.factorial(250))[:20] in str(symopt.derive(a + sympy.log(sympy.factorial(250)), a))

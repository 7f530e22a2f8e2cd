"""derive/explain end on short inputs whose polynomials SymPy would read at a huge degree (probe44 P44-1).

``w**(1/1000) + w**(1/999)`` (its derivative is a polynomial of degree 1996001 in ``w**(1/999000)`` for SymPy's
``cancel``), ``exp(10**9*w)`` (degree 10⁹ in ``exp(w)``), ``exp((w+1)**30)`` (the expanded exponent: 2³⁰) never
ended: tidy's degree bound counted each power as degree 1.  No clock: the bound is checked against the degrees
SymPy's own polynomial reader finds (``parallel_dict_from_expr``, sparse, so cheap), and what reaches ``cancel`` and
``factor`` is read the same way."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sympy
from sympy.polys.polyutils import parallel_dict_from_expr

import symopt
from symopt.display import backward
from symopt.display import tidy as tidy_module
from symopt.display.tidy import SPARSE_DEGREE, TIDY_DEGREE, degree_bound, terms_bound

w, x = sympy.symbols("w x")
a = sympy.symbols("a1:5")


def read_degree(expr) -> int:
    """The largest total degree of the numerator and denominator SymPy's polynomials read in ``expr`` (the oracle):
    as ``cancel`` (after ``factor_terms(radical=True)``) and ``factor`` (after ``together``) put it over one
    denominator and expand it."""
    degree = 0
    for form in (sympy.factor_terms(expr, radical=True), sympy.together(expr)):
        numerator, denominator = form.as_numer_denom()
        try:
            polynomials, _ = parallel_dict_from_expr((numerator, denominator))
        except sympy.PolificationFailed:
            continue
        degree = max(degree, *(sum(monomial) for polynomial in polynomials for monomial in polynomial))
    return degree


HUGE = [w ** sympy.Rational(1, 1000) + w ** sympy.Rational(1, 999),
        sympy.Add(*(w ** sympy.Rational(1, p) for p in (2, 3, 5, 7, 11, 13))),
        sympy.exp(1000 * w) + sympy.exp(w), sympy.exp(123456 * w) + sympy.exp(654321 * w),
        sympy.exp(10 ** 9 * w), sympy.exp((w + 1) ** 30), w ** sympy.Rational(1, 10 ** 6) * (w + 1),
        sympy.Add(*((w + i) ** sympy.Rational(-29, 2) for i in range(1, 13))),
        w / 2 ** sympy.Rational(1, 1000) + w ** 2 / 2 ** sympy.Rational(1, 999)]


def test_the_bound_counts_powers_of_the_generator_sympy_reads():
    assert degree_bound(w ** sympy.Rational(1, 1000) + w ** sympy.Rational(1, 999)) == 1000
    assert degree_bound(sympy.diff(w ** sympy.Rational(1, 1000) + w ** sympy.Rational(1, 999), w)) == 1996001
    assert degree_bound(sympy.exp(10 ** 9 * w)) == 10 ** 9
    assert degree_bound(sympy.exp((w + 1) ** 30)) == 2 ** 30
    assert degree_bound(w ** sympy.Rational(1, 1000) * (w + 1)) == 1001
    assert degree_bound(sympy.sqrt(w)) == 1 and degree_bound(1 / sympy.sqrt(w) + 1 / (w + 1)) == 3
    # unchanged for polynomials and plain functions
    assert degree_bound(((x ** 2 + x) ** 2 + x) ** 2) == 8 and degree_bound(sympy.exp(x ** 3) + x) == 3


@pytest.mark.parametrize("expr", [
    w ** sympy.Rational(1, 10) + w ** sympy.Rational(1, 9), sympy.exp(40 * w) + sympy.exp(w) / (w + 1),
    sympy.exp(w / 3) * sympy.exp(w / 4) + w, sympy.exp((w + 1) ** 4), w ** sympy.Rational(1, 7) * (w + 1),
    sympy.Add(*((w + i) ** sympy.Rational(-5, 2) for i in range(1, 4))), 2 ** (7 * w) + 2 ** sympy.Rational(1, 3),
    (a[0] + a[1]) ** sympy.Rational(5, 2) / (a[2] - a[3] ** sympy.Rational(2, 3)), w ** (3 * x) + w ** (x / 2),
    sympy.sin(w ** sympy.Rational(1, 4)) * x ** sympy.Rational(3, 2) + 1 / (x ** sympy.Rational(1, 3) + w)])
def test_the_bound_is_at_least_the_degree_sympy_reads(expr):
    for form in (expr, sympy.diff(expr, w)):
        assert read_degree(form) <= degree_bound(form)


@pytest.fixture
def handed(monkeypatch):
    """The degree SymPy reads in every expression tidy hands to cancel or factor; a larger one fails at once."""
    degrees = []
    for name in ("cancel", "factor"):
        original = getattr(sympy, name)

        def recorded(expr, *args, _original=original, **kwargs):
            degrees.append(read_degree(expr))
            if degrees[-1] > SPARSE_DEGREE:
                raise AssertionError(f"tidy handed {name} a polynomial of degree {degrees[-1]}")
            return _original(expr, *args, **kwargs)
        monkeypatch.setattr(tidy_module.sympy, name, recorded)
    return degrees


@pytest.mark.parametrize("cost", HUGE, ids=range(len(HUGE)))
def test_huge_degrees_are_shown_as_derived(handed, cost):
    derivation = symopt.derive(cost, [w], at={w: sympy.Rational(1, 2)})
    expected = sympy.diff(cost, w).subs(w, sympy.Rational(1, 2))
    shown = derivation.numbers[backward.adjoint_symbol(w)]
    if abs(expected) < 1e300:
        assert float(shown) == pytest.approx(float(sympy.N(expected, 30)), rel=1e-9)


def test_small_roots_and_exponentials_are_still_tidied(handed):
    assert str(symopt.derive(w * sympy.sqrt(w) - w, w)).splitlines()[-1] == "  dJ/dw = 3√w/2 - 1"
    assert handed and max(handed) <= TIDY_DEGREE


def test_sparse_expressions_of_higher_degree_are_still_tidied(handed):  # final38b F38b-2: 0.37 turned tidy off
    sigmoid = sympy.exp(sympy.Rational(37, 100) * w) / (1 + sympy.exp(sympy.Rational(37, 100) * w))
    assert str(symopt.derive(sigmoid, w)).splitlines()[-1] == \
        "  dJ/dw = 37·exp(37w/100)/(100(1 + exp(37w/50) + 2·exp(37w/100)))"
    power = w ** sympy.Rational(37, 100) / (1 + w ** sympy.Rational(37, 100))
    assert str(symopt.derive(power, w)).splitlines()[-1] == "  dJ/dw = 37/(200w + 100·w^(137/100) + 100·w^(63/100))"
    assert TIDY_DEGREE < max(handed) <= SPARSE_DEGREE
    assert terms_bound(sympy.sin((a[0] + a[1] + a[2] + a[3]) ** 20) * w) > 200  # expand multiplies out arguments


@pytest.mark.parametrize("argv, last", [
    (["derive", "w**(1/1000) + w**(1/999)", "--wrt", "w"],
     "  dJ/dw = 1/(999·w^(998/999)) + 1/(1000·w^(999/1000))"),
    (["derive", "exp(10**9*w)", "--wrt", "w"], "  dJ/dw = 1000000000·exp(1000000000w)"),
    (["derive", "exp(w)^1000 + exp(w)", "--wrt", "w"], "  dJ/dw = exp(w) + 1000·exp(1000w)"),
    (["explain", "w**(1/1000) + w**(1/999)", "--wrt", "w", "--at", "w=1"], "  w: fine: dJ/dw = 0.002001")])
def test_the_command_line_answers(argv, last):
    done = subprocess.run([sys.executable, "-m", "symopt", *argv], capture_output=True, text=True, timeout=120,
                          encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == last

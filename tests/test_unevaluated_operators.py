"""SymPy's unevaluated operators (probe8 R1): Sum, Product, Integral, Limit, Derivative, Subs bind their own variables,
so no data can give them a value.  Every entry point refuses them first, naming the node and the fix; before,
``minimize`` asked for data for the bound variable, a bound, or Limit's direction string ``'+'``, and ``evaluate``
raised "symbol i is not an input" or a raw ValueError."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 2.0)
i, n = sympy.Symbol("i", integer=True), sympy.Symbol("n", integer=True)
t = sympy.Symbol("t")

CASES = {
    "sum with integer bounds": (sympy.Sum((w - i) ** 2, (i, 0, 3)), r"write it out with \.doit\(\).*ops\.sum"),
    "sum to a symbol": (sympy.Sum((w - i) ** 2, (i, 0, n)), r"call \.doit\(\).*SymPy evaluates it to"),  # P57-6
    "sum of data to a symbol": (sympy.Sum(w * sympy.IndexedBase("x")[i], (i, 0, n)),
                                r"Placeholder\('x', \(None, 1\)\).*ops\.sum"),
    "product": (sympy.Product(w + i, (i, 0, 2)), r"bounds are numbers: write it out with \.doit\(\)"),
    "sum with a float bound": (sympy.Sum((w - i) ** 2, (i, 1, 3.0)), r"bounds are numbers: write it out with \.doit\(\)"),
    "limit": (sympy.Limit(w * t, t, 0), r"call \.doit\(\)"),
    "integral": (sympy.Integral(w * t, (t, 0, 1)), r"call \.doit\(\)"),
    "derivative": (sympy.Derivative(w ** 3, w), r"call \.doit\(\)"),
    "subs": (sympy.Subs(sympy.sin(t) * w, t, 1), r"call \.doit\(\)"),
}

ENTRY_POINTS = {
    "minimize": lambda cost: symopt.minimize(cost, w, steps=3),
    "minimize with the bound fed": lambda cost: symopt.minimize(cost, w, data={n: 4, t: 1.0}, steps=3),
    "evaluate": lambda cost: symopt.evaluate(cost, {n: 4}),
    "compile": lambda cost: symopt.compile(cost, w),
}


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_unevaluated_operators_are_refused_by_name_before_asking_for_data(case, entry):
    cost, advice = CASES[case]
    with pytest.raises(UnsupportedOperationError, match=f"unevaluated SymPy {type(cost).__name__}") as info:
        ENTRY_POINTS[entry](cost)
    assert "missing" not in str(info.value) and "not an input" not in str(info.value)
    assert __import__("re").search(advice, str(info.value))


@pytest.mark.parametrize("case", ["sum with integer bounds", "product", "integral", "derivative", "subs"])
def test_the_advised_doit_compiles_and_matches_sympy(case):
    cost, _ = CASES[case]
    closed = cost.doit()
    value, gradient = symopt.compile(closed, w)(w=1.5)
    assert value == pytest.approx(float(closed.subs(w, 1.5)), rel=1e-12)
    assert gradient == pytest.approx(float(sympy.diff(closed, w).subs(w, 1.5)), rel=1e-12)


@pytest.mark.parametrize("case", sorted(CASES))
def test_grad_gives_the_same_advice(case):
    """symopt.grad (no data involved) names the same fix: one table of advice (symopt.unevaluated_operators)."""
    cost, advice = CASES[case]
    with pytest.raises(UnsupportedOperationError, match=f"no derivative rule for {type(cost).__name__}") as info:
        symopt.grad(cost, w)
    assert __import__("re").search(advice, str(info.value))

"""probe35 P35-5, P35-3, P35-10: costs the displays rebuilt with a step symbol or a number, dying in SymPy's bare
``TypeError``, and that compile either guessed on or refused without the fix:

* a Boolean symbol as a Piecewise condition (``Piecewise((w**2, b), (w, True))``): compile read any fed number by
  Python's truthiness (0.5 and NaN were true), derive raised ``TypeError: Second argument must be a Boolean``;
* ``Contains(x, Integers)`` (sympy.stats' discrete pmfs): derive/explain/graph raised ``TypeError: expecting Set``;
* a series' ``O()`` term: ``graph(at=)`` raised ``TypeError``, ``graph()`` drew ``O(1)``, and no message said
  ``.removeO()``.

Each is now a typed ``UnsupportedOperationError`` from every entry point, naming the fix.
"""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w, b, x = sympy.symbols("w b x")
X = symopt.Placeholder("X", (None, 1))

ENTRIES = {
    "grad": lambda cost, at: symopt.grad(cost, w),
    "compile": lambda cost, at: symopt.compile(cost, w),
    "derive": lambda cost, at: symopt.derive(cost, w),
    "derive at": lambda cost, at: symopt.derive(cost, w, at=at),
    "explain": lambda cost, at: symopt.explain(cost, w, at=at),
    "graph": lambda cost, at: symopt.graph(cost),
    "graph at": lambda cost, at: symopt.graph(cost, at=at),
    "graph ops": lambda cost, at: symopt.graph(cost, "ops"),
}

BOOLEAN = sympy.Piecewise((w**2, b), (w, True))


@pytest.mark.parametrize("entry", sorted(ENTRIES))
@pytest.mark.parametrize("cost, at", [
    (BOOLEAN, {w: 0.5, b: 1.0}),
    (BOOLEAN, {w: 0.5, b: True}),
    (sympy.Piecewise((w**2, sympy.And(b, w > 0)), (w, True)), {w: 0.5, b: 1.0}),
    (symopt.ops.sum(X.applyfunc(lambda t: sympy.Piecewise((w * t, b), (t, True)))), None),
])
def test_a_symbol_read_as_a_truth_value_is_refused(entry, cost, at):
    if at is None and entry in ("derive at", "explain", "graph at"):
        pytest.skip("a matrix input has no scalar at= here")
    with pytest.raises(UnsupportedOperationError, match=r"given the symbol b as a truth value .* b > 0\.5"):
        ENTRIES[entry](cost, at)


@pytest.mark.parametrize("entry", sorted(set(ENTRIES) - {"grad", "compile"}))
def test_a_set_condition_is_refused_in_the_displays(entry):
    cost = sympy.Piecewise((w**2, sympy.Contains(x, sympy.Integers)), (w, True))
    with pytest.raises(UnsupportedOperationError, match=r"given Contains\(x, Integers\) .* sympy.Eq\(x, sympy.floor"):
        ENTRIES[entry](cost, {w: 0.5, x: 1.0})


@pytest.mark.parametrize("entry", sorted(ENTRIES))
def test_a_series_order_term_names_remove_o(entry):
    cost = sympy.series(sympy.exp(w), w, 0, 4) + w**2
    with pytest.raises(UnsupportedOperationError, match=r"O\(\.\.\.\) .* \.removeO\(\)"):
        ENTRIES[entry](cost, {w: 0.3})


def test_comparisons_and_the_series_without_its_order_term_still_work():
    cost = sympy.Piecewise((w**2, b > 0.5), (w, True))
    assert symopt.compile(cost, w)(w=0.5, b=1.0) == (0.25, 1.0)
    polynomial = sympy.series(sympy.exp(w), w, 0, 4).removeO() + w**2
    value, slope = symopt.compile(polynomial, w)(w=0.3)
    assert value == pytest.approx(float(sympy.N(polynomial.subs(w, sympy.Rational(3, 10)), 30)), rel=1e-15)
    assert slope == pytest.approx(float(sympy.N(sympy.diff(polynomial, w).subs(w, sympy.Rational(3, 10)), 30)))


@pytest.mark.parametrize("value", [0.5, float("nan"), 1.0])
def test_evaluate_refuses_a_symbol_read_as_a_truth_value(value):
    """``symopt.evaluate`` (no gradient) read a fed b by Python's truthiness too: 0.5 and NaN took the w**2 branch."""
    with pytest.raises(UnsupportedOperationError, match=r"given the symbol b as a truth value .* b > 0\.5"):
        symopt.evaluate(BOOLEAN, {w: 0.5, b: value})

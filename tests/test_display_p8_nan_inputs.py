"""probe8 R21: derive, graph and explain at a point where an input is NaN show what the generated code computes
(a comparison with NaN is false, so a Piecewise takes its next branch; max, min, atan2 of NaN are NaN) instead of
raising SymPy's "The argument 'nan' is not comparable" / "Invalid NaN comparison"."""

import math

import pytest
import sympy as sp

import symopt

w = symopt.Variable("w", 0.0)
c = sp.Symbol("c")
NAN = float("nan")

CASES = {
    "max, data nan": (sp.Max(w, c) * 2, {w: 1.0, c: NAN}),
    "max, parameter nan": (sp.Max(w, c) * 2, {w: NAN, c: 1.0}),
    "piecewise": (sp.Piecewise((w, w > c), (2 * w, True)), {w: 1.0, c: NAN}),
    "piecewise with !=": (sp.Piecewise((3 * w, sp.Ne(w, c)), (w, True)), {w: 1.0, c: NAN}),
    "atan2": (sp.atan2(w, c), {w: 0.0, c: NAN}),
    "min, steps": (sp.Min(w, c) * 2 + sp.Heaviside(c) * w + sp.sign(c) * w, {w: 1.0, c: NAN}),
}


def number(text: str) -> float:
    shown = text.rsplit(" = ", 1)[-1].strip()
    return NAN if shown == "undefined" else float(shown)


def same(shown: float, expected: float) -> bool:
    return (math.isnan(shown) and math.isnan(expected)) or shown == pytest.approx(expected)


@pytest.mark.parametrize("name", sorted(CASES))
def test_displays_at_nan_show_the_compiled_numbers(name):
    cost, at = CASES[name]
    value, gradient = symopt.compile(cost, w)(**{str(s): x for s, x in at.items()})
    lines = str(symopt.derive(cost, [w], at=at)).splitlines()
    assert same(number(lines[-1]), gradient)
    assert same(number(next(line for line in lines if line.strip().startswith("J = "))), value)
    nodes = {node.id: node.lines for node in symopt.graph(cost, at=at).nodes()}
    assert same(number(nodes["w"][1]), gradient)
    assert same(number(nodes["J"][0].split("  ←")[0]), value)


@pytest.mark.parametrize("name", ["max, data nan", "piecewise", "atan2"])
def test_explain_at_nan_data_answers(name):
    cost, at = CASES[name]
    text = str(symopt.explain(cost, w, at={w: at[w]}, data={c: at[c]}))
    assert text.startswith("explain") and "w" in text

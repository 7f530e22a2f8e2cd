"""probe8 R9, R20, R12: the "values" graph at a point takes its local derivatives from symopt's rule table (what
``grad`` and the generated code use), so its dJ/d numbers are the compiled gradient's: at a Max/Min tie (TF1's rule,
not SymPy's Heaviside(0) = 1/2), at the jump of Heaviside/sign (0, not DiracDelta's "undefined"), and for
Abs/floor/ceiling/Mod/sign of a compound argument (which raised SymPy's "Can't calculate derivative wrt -2.").
A cost compile refuses is refused by graph with the same typed error."""

import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt.errors import ConfigurationError, UnsupportedOperationError

a, b, c = sp.symbols("a b c")
w = symopt.Variable("w", 0.0)
v = symopt.Variable("v", 0.0)


def drawn_gradients(expr, at) -> dict:
    """``{input name: dJ/d(input) as drawn}`` of the values graph at ``at``."""
    found = {}
    for node in symopt.graph(expr, at=at).nodes():
        if node.kind == "input" and len(node.lines) > 1:
            found[node.id] = float(node.lines[1].split(" = ")[-1])
    return found


def compiled_gradients(expr, at) -> dict:
    inputs = sorted((s for s in at if s in expr.free_symbols), key=str)
    _, gradients = symopt.compile(expr, inputs)(**{str(s): float(x) for s, x in at.items()})
    return {str(s): float(g) for s, g in zip(inputs, np.atleast_1d(gradients))}


CASES = {
    "max tie": (sp.Max(w, c) ** 2 + w, {w: 2.0, c: 2.0}),
    "max and min at 0": (sp.Max(w, 0) + sp.Min(w, 0), {w: 0.0}),
    "max of two variables": (2 * sp.Max(w, v), {w: 1.0, v: 1.0}),
    "min tie": (sp.Min(w ** 2, c), {w: 1.0, c: 1.0}),
    "heaviside jump": (sp.Heaviside(w) + w, {w: 0.0}),
    "sign jump": (sp.sign(w) + w, {w: 0.0}),
    "heaviside of a difference": (3 * sp.Heaviside(w - c) + w, {w: 1.0, c: 1.0}),
    "abs of a difference": (sp.Abs(a - b), {a: 1, b: 3}),
    "floor": (sp.floor(w) * w, {w: 0.7}),
    "ceiling": (sp.ceiling(w) + w ** 2, {w: 0.7}),
    "sign of a difference": (sp.sign(a - b) * a, {a: 1, b: 3}),
    "relu kink": (sp.Max(a - b, 0) * a, {a: 2, b: 2}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_numbers_are_the_compiled_gradient(name):
    expr, at = CASES[name]
    drawn = drawn_gradients(expr, at)
    expected = compiled_gradients(expr, at)
    assert drawn == pytest.approx(expected)


def test_max_tie_in_the_graph_agrees_with_derive():
    expr, at = CASES["max tie"]
    assert drawn_gradients(expr, at)["w"] == 5.0
    assert str(symopt.derive(expr, [w], at=at)).rstrip().endswith("= 5")


def test_entry_of_a_matrix_in_abs():
    S = symopt.Placeholder("S", (2, 1))
    expr = sp.Abs(S[1, 0] - 2) * w
    drawn = drawn_gradients(expr, {w: 1.5, S: np.array([[0.0], [1.0]])})
    _, gradient = symopt.compile(expr, w)(w=1.5, S=np.array([[0.0], [1.0]]))
    assert drawn["w"] == pytest.approx(gradient) and drawn["S[1,0]"] == pytest.approx(-1.5)


def test_data_through_a_function_without_a_rule_is_drawn_without_its_gradient():
    expr = sp.Mod(c, 3) * w
    nodes = {node.id: node.lines for node in symopt.graph(expr, at={w: 0.7, c: 4.0}).nodes()}
    assert nodes["c"] == ("c = 4",)  # no dJ/dc: symopt has no rule for Mod, and c is data
    _, gradient = symopt.compile(expr, w)(w=0.7, c=4.0)
    assert float(nodes["w"][1].split(" = ")[-1]) == pytest.approx(gradient)


@pytest.mark.parametrize("expr", [sp.Function("f")(w), sp.LambertW(w)], ids=["undefined function", "LambertW"])
def test_a_variable_without_a_rule_is_refused_as_grad_refuses_it(expr):
    with pytest.raises(UnsupportedOperationError) as refused:
        symopt.grad(expr, [w])
    with pytest.raises(UnsupportedOperationError) as drawn:
        str(symopt.graph(expr, at={w: 0.5}))
    assert str(drawn.value) == str(refused.value)


def test_costs_compile_refuses_are_refused_by_graph_and_derive():
    x = sp.IndexedBase("x")
    with pytest.raises(ConfigurationError, match="constant I"):
        symopt.graph((w + sp.I) ** 2)
    with pytest.raises(UnsupportedOperationError, match="condition"):
        symopt.graph(sp.Eq(w, 1), at={w: 0.5})
    for display in (lambda: symopt.derive((w * x[0] - 1) ** 2, [w], at={w: 0.5, x[0]: 2.0}),
                    lambda: symopt.graph((w * x[0] - 1) ** 2, at={w: 0.5, x[0]: 2.0})):
        with pytest.raises(UnsupportedOperationError, match="IndexedBase"):
            display()


def test_command_line_graph_of_abs_at_a_point(tmp_path):
    out = tmp_path / "g.txt"
    done = subprocess.run([sys.executable, "-m", "symopt", "graph", "abs(a - b)", "--style", "values",
                           "--at", "a=1,b=3", "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    drawn = out.read_text()
    assert "dJ/da = -1" in drawn and "dJ/db = 1" in drawn

"""probe73 P73-6: a Max of more than three arguments lists its masks' arguments in the order grad breaks a tie in
(the varying arguments in SymPy's order of the cost's Max, then the constants), so read by docs/display.md's rule
("1 where q is the first argument attaining the largest value", in the order listed) each printed mask, and the
printed formula with it, gives grad's number at a tie; main listed the constant first (``argmax(1, p, u, v, w)``),
which by that rule is 0 at a tie of all five while grad gives 2.  Oracle: each printed line parsed back with
SymPy (the masks evaluated by the documented rule) against symopt.grad evaluated at the point, at ties."""

import re

import pytest
import sympy
from sympy.parsing.sympy_parser import implicit_multiplication, parse_expr, standard_transformations

import symopt

w, v, u, p, q = sympy.symbols("w v u p q", real=True)
COST = sympy.Max(w, v, u, 2 * w - v, 1) ** 2
MASK = re.compile(r"\[(argmax|argmin)\(([^\[\]]*)\) =: ([^\[\]]*)\]")  # " = " in a mask read as " =: "
NAMES = {"u": u, "v": v, "w": w, "p": p, "q": q, "max": sympy.Max, "min": sympy.Min}
TIES = [(1.0, 1.0, 1.0), (0.5, 1.0, 1.0), (0.5, 0.5, 1.0), (0.5, 0.5, 0.5), (1.0, 2.0, 1.5), (2.0, 2.0, 2.0)]


def parsed(printed: str):
    return parse_expr(printed.replace("·", "*").replace("²", "**2"), local_dict=NAMES,
                      transformations=standard_transformations + (implicit_multiplication,))


def mask_value(match, point: dict) -> int:
    """The documented reading: 1 where the selected argument is the first listed attaining the max (min)."""
    name, listed, selected = match.groups()
    values = [float(parsed(argument).subs(point)) for argument in listed.split(", ")]
    best = max(values) if name == "argmax" else min(values)
    return int(values.index(best) == listed.split(", ").index(selected))


def printed_value(formula: str, point: dict) -> float:
    return float(parsed(MASK.sub(lambda m: f"({mask_value(m, point)})", formula)).subs(point))


def lines_of(text: str, section: str) -> dict:
    """``{"dJ/du": formula}`` of a section, continuation lines joined, the value after the last " = " dropped."""
    body = text.split(f"\n{section}\n")[1].split("\ngradient\n")[0].replace("\n        ", " ")
    found = {}
    for row in body.splitlines():
        left, *rest = re.sub(r"\[([^\[\]]*) = ([^\[\]]*)\]", r"[\1 =: \2]", row.strip()).split(" = ")
        found[left] = rest[-2]
    return found


def test_the_printed_order_is_grads():
    text = str(symopt.derive(COST, [w, v, u], at={w: 1.0, v: 1.0, u: 1.0}))
    assert "  q = max(u, v, w, p, 1) = 1" in text
    assert "  dJ/du = dJ/dq · dq/du = 2q[argmax(u, v, w, p, 1) = u] = 2" in text
    assert "  dJ/du = 2[argmax(u, v, w, 2w - v, 1) = u]·max(u, v, w, 2w - v, 1) = 2" in text
    latex = symopt.derive(COST, [w, v, u], at={w: 1.0, v: 1.0, u: 1.0}).latex()
    assert r"q &= \max\left(u, v, w, p, 1\right) = 1" in latex
    assert r"\left[\operatorname{argmax}\left(u, v, w, 2 w - v, 1\right) = u\right]" in latex


@pytest.mark.parametrize("extremum", [sympy.Max, sympy.Min])
@pytest.mark.parametrize("tie", TIES)
def test_each_printed_mask_reads_grads_number_at_a_tie(extremum, tie):
    cost = extremum(w, v, u, 2 * w - v, 1) ** 2
    point = dict(zip((u, v, w), tie))
    text = str(symopt.derive(cost, [w, v, u], at=point))
    gradient = [float(g.subs(point)) for g in symopt.grad(cost, [w, v, u])]
    shown = lines_of(text, "gradient")
    assert [printed_value(shown[f"dJ/d{s}"], point) for s in "wvu"] == pytest.approx(gradient)
    steps = {**point, p: 2 * point[w] - point[v]}
    steps[q] = float(extremum(*(steps[s] for s in (u, v, w, p)), 1))
    backward = lines_of(text, "backward")
    assert printed_value(backward["dJ/du"], steps) == pytest.approx(gradient[2])


def test_a_mins_masks_name_its_steps():
    text = str(symopt.derive(sympy.Min(w, 2 * v, w + v, 1 - w, v - 3), [w, v], at={w: 0.5, v: 1.0}))
    assert "  J = min(w, 2v, u, p, q) = -2" in text  # u = v - 3, p = v + w, q = 1 - w
    assert "  dJ/du = [argmin(w, 2v, u, p, q) = u] = 1" in text  # main: [argmin(p, 2v, w, 1 - w, v - 3) = v - 3]

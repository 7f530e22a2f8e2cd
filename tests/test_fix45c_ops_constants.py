"""probe75 P75-2: the "ops" graph draws every operand of max, min, a comparison and a Piecewise (``where``, TF1's
``tf.where``), constants included, under textbook labels, never SymPy's class names (``strictlessthan``,
``exprcondpair``, ``Piecewise``) and a ``True`` node.  Oracle: the drawing evaluated as a program (each node's
label applied to its operands' values, in the order drawn) equals the cost evaluated by SymPy, at points on both
sides of each kink and branch."""

import math
import operator

import pytest
import sympy

from symopt.display import graph

w, x, y = sympy.symbols("w x y", real=True)
LABELS = {"+": lambda *a: sum(a), "−": operator.sub, "×": lambda *a: math.prod(a), "square": lambda a: a * a, "max": max,
          "min": min, "|·|": abs, "<": operator.lt, "≤": operator.le, ">": operator.gt, "≥": operator.ge,
          "where": lambda c, a, b=math.nan: a if c else b, "∨": operator.or_, "∧": operator.and_,
          "¬": operator.not_, "exp": math.exp, "sign": lambda a: (a > 0) - (a < 0),
          "Heaviside": lambda a, at_zero=0.5: 1.0 if a > 0 else at_zero if a == 0 else 0.0}
COSTS = [sympy.Max(0, 1 - y * w * x) + w**2, sympy.Min(w, 3)**2 + sympy.Piecewise((w, w < 2), (2, True)),
         sympy.Piecewise((w**2, w <= 1), (3 * w, w > 2), (w, True)) + sympy.Abs(w - 1)]
LOGIC = [sympy.Piecewise((sympy.exp(w) - 1, (w > 2) | (w < 1)), (1, True)),  # 45c-7: or, and, not, sign, Heaviside
         sympy.Piecewise((w, sympy.And(w > 0, w < 2)), (0, True)) + sympy.sign(w - 1) * w,
         sympy.Piecewise((w, sympy.Not(sympy.Or(w > 3, w < 0))), (3, True)) + sympy.Heaviside(w - 1, 0) + sympy.Heaviside(w)]


def drawn_value(cost, point: dict) -> float:
    values = {}
    for node in graph(cost, "ops").nodes():
        label = node.lines[0]
        if node.kind == "input":
            values[node.id] = point[sympy.Symbol(node.id, real=True)]
        elif node.kind == "constant":
            values[node.id] = float(sympy.sympify(label))
        else:
            values[node.id] = LABELS[label](*(values[i] for i in node.inputs))
    return values["J"]


@pytest.mark.parametrize("cost", COSTS + LOGIC)
@pytest.mark.parametrize("at", [-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.5])
def test_the_drawing_computes_the_cost(cost, at):
    point = {w: at, x: 2.0, y: 1.0}
    assert drawn_value(cost, point) == pytest.approx(float(cost.subs(point)))


def test_labels_and_constants_of_the_hinge_and_the_branch():
    assert "q: max  ← 0, p" in str(graph(COSTS[0], "ops"))
    drawn = str(graph(COSTS[1], "ops")).splitlines()
    assert "q: <  ← w, 2" in drawn and "u: where  ← q, w, 2" in drawn and "v: min  ← 3, w" in drawn
    for internal in ("strictlessthan", "exprcondpair", "Piecewise", "True"):
        assert internal not in str(graph(COSTS[1], "ops")) + graph(COSTS[2], "ops").dot()


def test_a_conditions_logic_is_drawn_with_its_signs():
    drawn = "\n".join(str(graph(cost, "ops")) for cost in LOGIC).splitlines()
    labels = {line.split(":")[1].split("←")[0].strip() for line in drawn if "←" in line}
    assert {"∨", "∧", "¬", "sign", "Heaviside"} <= labels and not {"or", "and", "not"} & labels

"""45c-11 and 45c-3: fix45c's P73-3 (NaN masks for a Piecewise branch pinned on a step's inputs) made derive and
explain raise ``TypeError: Invalid NaN comparison`` on a pinned Piecewise inside a Max or another Piecewise, and
made the graph draw ``dJ/dw = undefined`` for a Piecewise pinned on data, where grad gives 0.  Its change is
reverted; the displays give grad's numbers again.  Oracle: symopt.grad evaluated at the point."""

import re
import warnings

import pytest
import sympy
from sympy import Eq, Piecewise

import symopt

w = sympy.Symbol("w", real=True)
PINNED_SUM = Piecewise((5, Eq(w, 1)), ((1 - w**5) / (1 - w), True))  # 1 + w + w² + w³ + w⁴
NESTED = {"hinge": sympy.Max(0, 3 - PINNED_SUM), "branch": Piecewise((PINNED_SUM, w > 0), (0, True))}


def grad_at(cost, wrt, point: dict) -> list:
    return [float(gradient.subs(point)) for gradient in symopt.grad(cost, wrt)]


@pytest.mark.parametrize("name", sorted(NESTED))
def test_a_pinned_piecewise_inside_a_max_or_a_branch_derives_to_grads_number(name):
    cost = NESTED[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        printed = str(symopt.derive(cost, w, at={w: 0.5}))
        explained = str(symopt.explain(cost, w, at={w: 0.5}))
    expected = grad_at(cost, [w], {w: 0.5})[0]
    assert float(printed.splitlines()[-1].rsplit("= ", 1)[1]) == pytest.approx(expected)
    assert expected == pytest.approx(-3.25 if name == "hinge" else 3.25)  # ±(1 + 2w + 3w² + 4w³) at w = ½
    assert explained


def test_the_graph_of_a_piecewise_pinned_on_data_draws_grads_zero():
    weight, data = symopt.Variable("w", 1.0), symopt.Placeholder("x")
    cost = Piecewise((5, Eq(data, 2)), (data * weight, True))
    point = {weight: 1.0, data: 2.0}
    drawn = {node.id: node.lines for node in symopt.graph(cost, at=point).nodes() if node.kind == "input"}
    shown = re.fullmatch(r"dJ/dw = (.*)", drawn["w"][1]).group(1)
    assert float(shown) == grad_at(cost, [weight], point)[0] == 0.0

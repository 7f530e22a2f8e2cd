"""A user's unevaluated product or sum with a repeated argument (``sympy.Mul(w, w, evaluate=False)``,
``parse_expr(..., evaluate=False)``, ``with sympy.evaluate(False):``) differentiates as written (probe14 X1): the
reverse sweep rebuilt such a node evaluated (``w*w`` became ``w**2``, ``w + w`` became ``2*w``) and applied the
product rule to the new node's arguments, so d(w*w)/dw was the constant 2 and minimize ran off to a wrong point.
The oracle is ``sympy.diff`` of the same expression."""

import pytest
import sympy

import symopt

w = symopt.Variable("w", 0.7)
v = symopt.Variable("v", -1.3)
with sympy.evaluate(False):
    IN_A_BLOCK = w * w - 3 * w
COSTS = {
    "w*w": sympy.Mul(w, w, evaluate=False),
    "w*w*w": sympy.Mul(w, w, w, evaluate=False),
    "w + w": sympy.Add(w, w, evaluate=False),
    "w + w + w": sympy.Add(w, w, w, evaluate=False),
    "exp(w)*exp(w)": sympy.Mul(sympy.exp(w), sympy.exp(w), evaluate=False),
    "sin(w)*sin(w)*v": sympy.Mul(sympy.sin(w), sympy.sin(w), v, evaluate=False),
    "2*w + 2*w": sympy.Add(sympy.Mul(2, w, evaluate=False), sympy.Mul(2, w, evaluate=False), evaluate=False),
    "w**1": sympy.Pow(w, 1, evaluate=False),
    "parse_expr": sympy.parse_expr("w*w + w + w*v", local_dict={"w": w, "v": v}, evaluate=False),
    "evaluate(False) block": IN_A_BLOCK,
}


@pytest.mark.parametrize("name", sorted(COSTS))
def test_the_gradient_is_sympy_diffs(name):
    cost = COSTS[name]
    parameters = [s for s in (w, v) if s in cost.free_symbols]
    point = {w: 0.7, v: -1.3}
    value, gradient = symopt.compile(cost, parameters)(**{s.name: point[s] for s in parameters})
    assert value == pytest.approx(float(cost.subs(point)), rel=1e-14)
    for got, symbol in zip(gradient, parameters):
        assert got == pytest.approx(float(sympy.diff(cost, symbol).subs(point)), rel=1e-14, abs=1e-15)
    assert symopt.grad(cost, w).subs(point) == pytest.approx(float(sympy.diff(cost, w).subs(point)), rel=1e-14)


def test_minimize_finds_the_minimum_of_what_was_written():
    result = symopt.minimize(IN_A_BLOCK, w, optimizer=symopt.GradientDescent(0.1), steps=200)
    assert result[w] == pytest.approx(1.5, rel=1e-9)  # w*w - 3w is least at 3/2 (it ran to 20.7)

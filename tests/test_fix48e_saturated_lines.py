"""P92-1, P92-2: at a saturated point (σ = 1 in float64), a line never reads ``formula = number`` where the number is
not that formula's value, and graph(at=) draws the derivation's numbers on every node.

Oracles: mpmath at 50 digits for the exact slopes (σ(40) - 0 = 1 - 4.2e-18, which prints as 1); symopt.compile for
the claim of the remark (its gradient of the cost as written is NaN there)."""

import warnings

import mpmath
import numpy as np
import pytest
import sympy

import symopt
from symopt.display import derive, graph
from symopt.display.backward import adjoint_symbol

mpmath.mp.dps = 50
w, x, b, y = sympy.symbols("w x b y")
w1, w2, x1, x2 = sympy.symbols("w1 w2 x1 x2")
REMARK = ("the compiled gradient of the cost as written is not finite for {} here (see symopt.explain); the lines "
          "show the simplified formulas' values")


def _sigma(t):
    return 1 / (1 + mpmath.exp(-t))


def _compiled(cost, wrt, point):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return symopt.compile(cost, wrt)(**{s.name: float(v) for s, v in point.items()})


def _cross_entropy(z):
    a = symopt.sigmoid(z)
    return -(y * sympy.log(a) + (1 - y) * sympy.log(1 - a))


def test_logit_of_a_sigmoid_shows_its_slope_1_not_1_equals_undefined():
    cost = sympy.log(symopt.sigmoid(w) / (1 - symopt.sigmoid(w)))  # = w
    exact = mpmath.diff(lambda t: mpmath.log(_sigma(t) / (1 - _sigma(t))), 40)
    assert exact == pytest.approx(1, rel=1e-30)
    assert np.isnan(_compiled(cost, [w], {w: 40})[1][0])  # what the remark says
    assert str(derive(cost, w, at={w: 40})).split("\n", 5)[5] == (
        "backward (" + REMARK.format("w") + ")\n"
        "  dJ/dp = v/u = 0\n"
        "  dJ/dv = dJ/dp · dp/dv = -1/v = -∞\n"
        "  dJ/du = dJ/dv · dv/du + dJ/dp · dp/du = 1/v + 1/u = ∞\n"
        "  dJ/dw = dJ/du · du/dw = 1\n"
        "gradient\n"
        "  dJ/dw = 1")


def test_the_course_example_in_code_notation_at_a_saturated_point():
    cost = _cross_entropy(w1 * x1 + w2 * x2 + b)
    z, a = w1 * x1 + w2 * x2 + b, symopt.sigmoid(w1 * x1 + w2 * x2 + b)
    point = {w1: 20, w2: 20, x1: 1, x2: 1, b: 0, y: 0}
    exact = mpmath.diff(lambda t: -mpmath.log(1 - _sigma(t * 1 + 20 * 1 + 0)), 20)  # ∂L/∂w₁ at y = 0
    assert float(exact) == 1.0 and exact < 1  # 1 - 4.2e-18, which prints as 1
    assert all(np.isnan(g) for g in _compiled(cost, [w1, w2, b], point)[1])
    shown = str(derive(cost, [w1, w2, b], names={z: "z", a: "a", cost: "L"}, notation="code", at=point))
    assert shown.split("\n", 4)[4] == (
        "backward (" + REMARK.format("w₁, w₂, b") + ")\n"
        "  da = -y/a + (1 - y)/(1 - a) = ∞\n"
        "  dz = a - y = 1\n"
        "  dw₁ = x₁·dz = 1\n"
        "  dw₂ = x₂·dz = 1\n"
        "  db = dz = 1\n"
        "gradient\n"
        "  dL/dw₁ = x₁(σ(w₁x₁ + w₂x₂ + b) - y) = 1\n"
        "  dL/dw₂ = x₂(σ(w₁x₁ + w₂x₂ + b) - y) = 1\n"
        "  dL/db = σ(w₁x₁ + w₂x₂ + b) - y = 1")


def test_float32_cross_entropy_at_z_18():
    vw, vb = symopt.Variable("w", 0.0, dtype="float32"), symopt.Variable("b", 0.0, dtype="float32")
    vx, vy = symopt.Placeholder("x", (), dtype="float32"), symopt.Placeholder("y", (), dtype="float32")
    a = symopt.sigmoid(vw * vx + vb)
    cost = -(vy * sympy.log(a) + (1 - vy) * sympy.log(1 - a))
    exact = 2 * _sigma(18)  # x(σ(z) - y): 1.99999997, 2 in float32
    assert float(np.float32(float(exact))) == 2.0
    lines = str(derive(cost, [vw, vb], at={vw: 9.0, vx: 2.0, vb: 0.0, vy: 0.0})).splitlines()
    assert lines[-2:] == ["  dJ/dw = x(σ(xw + b) - y) = 2", "  dJ/db = σ(xw + b) - y = 1"]
    assert "  dJ/dw = dJ/du · du/dw = x(p - y) = 2" in lines
    assert lines[12] == "backward (" + REMARK.format("w, b") + ")"


def test_the_numbers_attribute_keeps_the_codes_slope():
    """``numbers`` is what explain reads: the generated code's NaN, which the remark names."""
    cost = sympy.log(symopt.sigmoid(w) / (1 - symopt.sigmoid(w)))
    derivation = derive(cost, w, at={w: 40})
    assert derivation.numbers[adjoint_symbol(w)] is sympy.nan


def test_graph_draws_the_derivations_numbers_on_intermediate_nodes_of_the_cross_entropy():
    text = str(graph(_cross_entropy(w * x + b), at={w: 40, x: 1, b: 0, y: 0}))
    slope = float(_sigma(40))  # dJ/du = dJ/dv = σ(40) - y
    assert slope == pytest.approx(1, abs=1e-17)
    assert text.splitlines()[:6] == [
        "b = 0, dJ/db = 1 (compiled: undefined)",
        "w = 40, dJ/dw = 1 (compiled: undefined)",
        "x = 1, dJ/dx = 40 (compiled: undefined)",
        "y = 0, dJ/dy = -∞",
        "u = wx = 40, dJ/du = 1  ← w, x",
        "v = b + u = 40, dJ/dv = 1  ← b, u"]


def test_graph_of_a_saturated_log_draws_du_as_derive_does():
    cost = -sympy.log(1 - symopt.sigmoid(w * x))
    point = {w: 40, x: 1}
    assert _compiled(cost, [w, x], point)[1] == [1.0, 40.0]
    assert float(_sigma(40)) == pytest.approx(1, abs=1e-17)  # dJ/du = σ(wx)
    assert str(graph(cost, at=point)) == (
        "w = 40, dJ/dw = 1\n"
        "x = 1, dJ/dx = 40\n"
        "u = wx = 40, dJ/du = 1  ← w, x\n"
        "v = σ(u) = 1, dJ/dv = ∞  ← u\n"
        "p = 1 - v = 0, dJ/dp = -∞  ← v\n"
        "q = log(p) = -∞, dJ/dq = -1  ← p\n"
        "J = -q = ∞  ← q")
    assert "  dJ/du = dJ/dv · dv/du = v = 1" in str(derive(cost, [w, x], at=point))


@pytest.mark.parametrize("cost, point", [
    (sympy.log(symopt.sigmoid(w) / (1 - symopt.sigmoid(w))), {w: 40}),
    (-sympy.log(1 - symopt.sigmoid(w * x)), {w: 40, x: 1}),
    (_cross_entropy(w * x + b), {w: 40, x: 1, b: 0, y: 0}),
])
def test_graph_and_derive_agree_on_every_node(cost, point):
    lines = str(derive(cost, sorted(point, key=str), at=point, steps="all")).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("backward"))
    end = lines.index("gradient")
    backward = {line.split(" = ")[0].strip(): line.rsplit(" = ", 1)[1] for line in lines[start + 1:end]}
    for line in str(graph(cost, at=point)).splitlines():
        node, _, rest = line.partition(" = ")
        if ", d" in rest:
            slope = rest.split(", ")[1].split("  ←")[0]
            name, number = slope.split(" = ", 1)
            assert backward[name].strip() == number.split(" (compiled")[0], (line, lines)


def test_a_cost_without_a_real_value_keeps_its_slopes_undefined():
    """No formula's value is printed where the cost itself has none (log(x) at x = -1: 1/x reads -1, yet J has no
    slope there); mpmath: log(-1) = iπ, not real."""
    assert mpmath.log(-1).imag == pytest.approx(float(mpmath.pi))
    assert str(derive(sympy.log(x), x, at={x: -1})).splitlines()[2:] == [
        "backward", "  dJ/dx = 1/x = undefined", "gradient", "  dJ/dx = 1/x = undefined"]

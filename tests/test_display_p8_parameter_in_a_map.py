"""probe8 R25: a scalar parameter inside an elementwise function of a matrix (``X.applyfunc(lambda t: (t - w)**2)``,
a Huber delta, a PReLU slope) was no input of the map's step, so derive printed the backward line ``dw = 0`` (its
gradient line was right) and with at= refused ("the derivation's line for dw disagrees with symopt.grad")."""

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt import ops

w = symopt.Variable("w", 0.5)
X = symopt.Placeholder("X", (None, 2))
RNG = np.random.default_rng(0)
XV = RNG.normal(size=(4, 2)) + 1.0

MAPS = {
    "(t - w)**2": lambda t: (t - w) ** 2,
    "w*t**2": lambda t: w * t ** 2,
    "Max(t, w)": lambda t: sp.Max(t, w),
    "log(t + w)": lambda t: sp.log(t + w),
    "exp(w*t)": lambda t: sp.exp(w * t),
    "huber": lambda t: sp.Piecewise((t ** 2 / 2, sp.Abs(t) < w), (w * (sp.Abs(t) - w / 2), True)),
}


def backward_line(text: str, name: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip().startswith(f"{name} = "))


@pytest.mark.parametrize("name", sorted(MAPS))
def test_the_backward_line_of_a_parameter_in_a_map_is_its_gradient(name):
    cost = ops.mean(X.applyfunc(MAPS[name]))
    _, gradient = symopt.compile(cost, w)(w=0.5, X=XV)
    assert gradient != 0
    assert backward_line(str(symopt.derive(cost, [w])), "dw") != "dw = 0"
    shown = backward_line(str(symopt.derive(cost, [w], at={w: 0.5, X: XV})), "dw")
    assert float(shown.rsplit(" = ", 1)[-1]) == pytest.approx(gradient, rel=1e-3)
    assert symopt.explain(cost, w, at={w: 0.5}, data={X: XV}).finding("w").status == "fine"


def test_the_slope_of_a_learnable_leaky_relu():
    a = symopt.Variable("a", 0.2)
    y = symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    cost = ops.mean(ops.square(ops.leaky_relu(X @ W, a) - y))
    point = {W: np.array([[0.5], [-1.0]]), a: 0.2, X: XV - 1.0, y: np.ones((4, 1))}
    _, (_, gradient) = symopt.compile(cost, [W, a])(**{str(s): v for s, v in point.items()})
    assert backward_line(str(symopt.derive(cost, [W, a])), "da") != "da = 0"
    shown = backward_line(str(symopt.derive(cost, [W, a], at=point)), "da")
    assert float(shown.rsplit(" = ", 1)[-1]) == pytest.approx(gradient, rel=1e-3)

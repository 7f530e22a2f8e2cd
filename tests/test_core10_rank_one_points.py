"""probe16 Z20: derive, explain and graph refused every at= value of a rank-1 Variable or Placeholder
(``Variable("theta", np.zeros(3))``, ``Placeholder("yv", (None,))``): the value was reshaped to the (3, 1) column used
inside before it was checked against the declared (3,) ("expected shape (3,); given (3, 1)").  They now take the
declared shape, as symopt.compile does, and show compile's numbers."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError

RNG = np.random.default_rng(0)
X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
yv = symopt.Placeholder("yv", (None,))
theta = symopt.Variable("theta", np.zeros(3))
AT = {X: RNG.normal(size=(5, 3)), y: RNG.normal(size=(5, 1)), yv: RNG.normal(size=5), theta: np.array([0.1, -0.2, 0.3])}


def _gradient(cost):
    inputs = {str(symbol): value for symbol, value in AT.items() if symbol in cost.free_symbols | {theta}}
    return np.ravel(symopt.compile(cost, theta)(**inputs)[1])


@pytest.mark.parametrize("labels", [y, yv], ids=["column labels", "rank-1 labels"])
def test_derive_and_explain_take_a_rank_one_value(labels):
    cost = ops.mean(ops.square(X @ theta - labels))
    derivation = symopt.derive(cost, theta, at=AT)
    line = str(derivation).splitlines()[-1]
    shown = [float(v) for v in line.split("= [[")[1].rstrip("]").replace("], [", ",").split(",")]
    assert shown == pytest.approx(_gradient(cost), abs=1e-4)
    assert "θ: fine" in str(symopt.explain(cost, theta, at=AT))
    assert "θ: fine" in str(symopt.explain(cost, theta, at={theta: AT[theta]}, data={X: AT[X], labels: AT[labels]}))


def test_graph_of_a_rank_one_variable_read_entry_by_entry():
    lines = str(symopt.graph(theta[0, 0] ** 2 + theta[1, 0] * theta[2, 0], at={theta: np.array([0.1, -0.2, 0.3])}))
    assert "θ[0,0] = 0.1, dJ/dθ[0,0] = 0.2" in lines and "J = u + v = -0.05  ← u, v" in lines


def test_a_column_for_a_rank_one_variable_is_refused_as_compile_refuses_it():
    cost = ops.mean(ops.square(X @ theta - y))
    with pytest.raises(ShapeError, match=r"expected shape \(3,\); given \(3, 1\)"):
        symopt.compile(cost, theta)(X=AT[X], y=AT[y], theta=np.zeros((3, 1)))
    with pytest.raises(ShapeError, match=r"expected shape \(3,\); given \(3, 1\)"):
        symopt.derive(cost, theta, at={**AT, theta: np.zeros((3, 1))})

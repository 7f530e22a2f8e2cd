"""explain: a weight whose inputs include dead ReLU units is "partly zero" there (probe U9: W₂ below two dead units
was called "fine").  The oracle is the compiled gradient itself: its entries for those inputs are exactly 0."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

RNG = np.random.default_rng(3)
DEAD = np.array([0.0, -10.0, 0.0, -10.0, 0.0])  # units 1 and 3 are ≤ 0 for every example


def _rows():
    X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 1))
    W1 = symopt.Variable("W1", RNG.normal(size=(3, 5)), shape=(3, 5))
    b1 = symopt.Variable("b1", DEAD.reshape(1, 5), shape=(1, 5))
    W2, b2 = symopt.Variable("W2", RNG.normal(size=(5, 1)), shape=(5, 1)), symopt.Variable("b2", 0.0, shape=(1, 1))
    cost = ops.sigmoid_cross_entropy(ops.bias_add(ops.relu(ops.bias_add(X @ W1, b1)) @ W2, b2), Y)
    data = {X: RNG.normal(size=(20, 3)), Y: (RNG.random((20, 1)) > 0.5) * 1.0}
    return cost, [W1, b1, W2, b2], data, "rows", "dW₂ = (1/m) A₁ᵀ dZ₂"


def _columns():
    X, Y = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (1, None))
    W1 = symopt.Variable("W1", RNG.normal(size=(5, 3)), shape=(5, 3))
    b1 = symopt.Variable("b1", DEAD.reshape(5, 1), shape=(5, 1))
    W2, b2 = symopt.Variable("W2", RNG.normal(size=(1, 5)), shape=(1, 5)), symopt.Variable("b2", 0.0, shape=(1, 1))
    A2 = ops.sigmoid(ops.bias_add(W2 @ ops.relu(ops.bias_add(W1 @ X, b1)), b2))
    ones = sympy.OneMatrix(*A2.shape)
    cost = -ops.sum(ops.hadamard(Y, ops.log(A2)) + ops.hadamard(ones - Y, ops.log(ones - A2))) / X.shape[1]
    data = {X: RNG.normal(size=(3, 20)), Y: (RNG.random((1, 20)) > 0.5) * 1.0}
    return cost, [W1, b1, W2, b2], data, "columns", "dW₂ = (1/m) dZ₂ A₁ᵀ"


@pytest.mark.parametrize("network", [_rows, _columns], ids=["rows", "columns"])
def test_dead_units_below_a_weight_make_it_partly_zero(network):
    cost, wrt, data, where, line = network()
    _, gradients = symopt.compile(cost, wrt)({**data, **{p: p.init for p in wrt}})
    zero_inputs = np.flatnonzero(np.all(np.asarray(gradients[2]).reshape(-1, 5 if where == "columns" else 1) == 0,
                                        axis=0 if where == "columns" else 1))
    assert list(zero_inputs) == [1, 3]
    finding = symopt.explain(cost, wrt, data=data).finding("W2")
    assert (finding.status, finding.detail) == ("partly zero", "0 for 2 of 5 inputs")
    assert finding.causes == (("dead ReLU", f"2 of 5 units of A₁ are 0 for all 20 examples, so {line} is 0 in their "
                                            f"{where}"),)
    assert finding.line == line
    assert symopt.explain(cost, wrt, data=data).finding("b2").status == "fine"

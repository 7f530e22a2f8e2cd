"""``explain``'s "0 for k of n units" names a cause for every zero unit: a dead ReLU and, for a unit alive in some
example, weights above that are all 0 for it (probe6 P12). Checked in both layouts (examples as rows: Z = X W + b;
as columns: Z = W X + b) against the compiled gradient's zero units."""
from __future__ import annotations

import re

import numpy as np
import pytest

import symopt
from symopt import ops

W1_ROWS = np.array([[1.0, -1.0, 0.5, -2.0], [0.5, -1.0, -0.5, -2.0]])
B1_ROWS = np.array([[0.0, -0.5, 0.0, 0.0]])
W2_ROWS = np.array([[1.0], [2.0], [0.0], [-1.0]])
X_ROWS = np.array([[1.0, 2.0], [2.0, 1.0], [-1.0, 0.5]])
Y_ROWS = np.array([[1.0], [0.0], [2.0]])


def network(rows: bool):
    if rows:
        X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 1))
        W1, b1 = symopt.Variable("W1", 0.0, shape=(2, 4)), symopt.Variable("b1", 0.0, shape=(1, 4))
        W2, b2 = symopt.Variable("W2", 0.0, shape=(4, 1)), symopt.Variable("b2", 0.0, shape=(1, 1))
        Z2 = ops.bias_add(ops.relu(ops.bias_add(X @ W1, b1)) @ W2, b2)
        values = {W1: W1_ROWS, b1: B1_ROWS, W2: W2_ROWS, b2: np.array([[0.1]])}
        data = {X: X_ROWS, Y: Y_ROWS}
    else:
        X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
        W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0, shape=(4, 1))
        W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0, shape=(1, 1))
        Z2 = ops.bias_add(W2 @ ops.relu(ops.bias_add(W1 @ X, b1)), b2)
        values = {W1: W1_ROWS.T, b1: B1_ROWS.T, W2: W2_ROWS.T, b2: np.array([[0.1]])}
        data = {X: X_ROWS.T, Y: Y_ROWS.T}
    return ops.mean(ops.square(Z2 - Y)), W1, b1, values, data


@pytest.mark.parametrize("rows", [True, False])
def test_every_zero_unit_of_the_hidden_layer_has_its_cause(rows):
    cost, W1, b1, values, data = network(rows)
    # oracle by hand: a unit's gradient is 0 where it is dead (Z1 <= 0 for every example) or its weight above is 0
    Z1 = X_ROWS @ W1_ROWS + B1_ROWS
    dead = np.all(Z1 <= 0, axis=0)
    silent = (W2_ROWS[:, 0] == 0) & ~dead
    _, gradient = symopt.compile(cost, [W1, b1])(**{str(k.name): v for k, v in {**values, **data}.items()})
    zero_units = np.all(np.asarray(gradient[1]) == 0, axis=0 if rows else 1).ravel()
    assert list(zero_units) == list(dead | silent) and silent.any() and dead.any()
    explanation = symopt.explain(cost, [W1, b1], at=values, data=data)
    for name in ("W1", "b1"):
        finding = explanation.finding(name)
        assert finding.status == "partly zero" and f"{int(zero_units.sum())} of 4 units" in finding.detail
        counts = {kind: int(re.match(r"(\d+) of 4 units", message).group(1)) for kind, message in finding.causes}
        assert counts == {"dead ReLU": int(dead.sum()), "zero weights": int(silent.sum())}

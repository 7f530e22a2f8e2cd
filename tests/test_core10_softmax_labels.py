"""probe16 Z1: derive(at=) of a softmax network whose labels do not sum to 1 per example (multi-label or soft rows)
said "the course's line for dW2 disagrees with symopt.grad ... derive without at= and report this cost", which then
prints dZ₂ = A₂ - Y, false for those labels.  The refusal now names the examples and the derivation that holds
(steps="all", whose numbers are compile's)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 3))
W1, b1 = symopt.Variable("W1", 0.0, shape=(3, 4)), symopt.Variable("b1", 0.0, shape=(1, 4))
W2, b2 = symopt.Variable("W2", 0.0, shape=(4, 3)), symopt.Variable("b2", 0.0, shape=(1, 3))
COST = ops.softmax_cross_entropy(ops.bias_add(ops.relu(ops.bias_add(X @ W1, b1)) @ W2, b2), Y)
RNG = np.random.default_rng(3)
AT = {X: RNG.normal(size=(5, 3)), W1: RNG.normal(size=(3, 4)), W2: RNG.normal(size=(4, 3))}
MULTI = np.array([[1, 1, 0], [0, 0, 1], [0, 1, 0], [.5, .5, .5], [1, 0, 0.]])


def test_labels_that_do_not_sum_to_one_are_named():
    with pytest.raises(UnsupportedOperationError, match=r"2 of 5 examples \(rows of Y\): 0 \(sum 2\), 3 \(sum 1.5\)"
                                                          r".*steps=\"all\"") as error:
        symopt.derive(COST, [W2, b2], at={**AT, Y: MULTI})
    assert "report this cost" not in str(error.value)


def test_the_advised_derivation_is_compiles():
    derivation = str(symopt.derive(COST, [W2, b2], at={**AT, Y: MULTI}, steps="all")).splitlines()
    shown = [float(v) for v in derivation[-1].split("= [[")[-1].rstrip("]").split(", ")]
    feed = {"X": AT[X], "Y": MULTI, "W1": AT[W1], "b1": np.zeros((1, 4)), "W2": AT[W2], "b2": np.zeros((1, 3))}
    _, (_, gradient_b2) = symopt.compile(COST, [W2, b2])(**feed)
    assert shown == pytest.approx(np.ravel(gradient_b2), abs=1e-4)


def test_one_hot_and_probability_labels_are_derived():
    for labels in (np.eye(3)[[0, 2, 1, 1, 0]], np.full((5, 3), 1 / 3)):
        assert "db₂" in str(symopt.derive(COST, [W2, b2], at={**AT, Y: labels}))

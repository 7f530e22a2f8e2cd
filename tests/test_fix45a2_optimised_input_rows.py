"""45a-9: wrt={X: start} for an input with a batch dimension, with a start whose rows differ from the fed data's, is
a ShapeError naming both shapes before anything runs (was NumPy's bare "non-broadcastable output operand").

Oracle: the shapes given; a start with the data's rows still runs and matches NumPy's least-squares solution."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Placeholder("W", (2, 1))
COST = ops.mean(ops.square(X @ W - y))
TARGETS = np.array([[1.0], [2.0], [3.0]])
WEIGHTS = np.array([[1.0], [2.0]])


@pytest.mark.parametrize("method", ["lbfgs", "bfgs"])
def test_a_start_with_other_rows_than_the_data_names_both_shapes(method):
    with pytest.raises(ShapeError, match=r"start of X \(shape \(1, 2\)\).*y is fed 3 \(shape \(3, 1\)\)"):
        symopt.minimize(COST, {X: np.array([[1.0, 2.0]])}, data={y: TARGETS, W: WEIGHTS}, method=method)


def test_a_start_with_the_data_s_rows_runs():
    result = symopt.minimize(COST, {X: np.zeros((3, 2))}, data={y: TARGETS, W: WEIGHTS}, method="lbfgs")
    fitted = np.asarray(result.params[X]) @ WEIGHTS
    assert np.asarray(result.params[X]).shape == (3, 2)
    assert np.allclose(fitted, TARGETS, atol=1e-4)  # X W = y is reachable: the cost's minimum 0

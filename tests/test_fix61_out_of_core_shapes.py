"""probe61 P61-4: out-of-core data of the wrong shape is the same ShapeError, with the same fix, as in memory."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.batched import evaluate_in_batches
from symopt.errors import ShapeError


def _saved(tmp_path, name, values):
    np.save(tmp_path / name, values)
    return np.load(tmp_path / name, mmap_mode="r")


@pytest.fixture
def problem(tmp_path):
    rng = np.random.default_rng(1)
    X, y = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((4, 1)), shape=(4, 1))
    return X, y, w, ops.mean(ops.square(X @ w - y)), rng.normal(size=(200, 4)), rng.normal(size=(200,))


def test_a_saved_label_vector_is_told_to_be_a_column(tmp_path, problem):
    X, y, w, cost, features, labels = problem
    vector = _saved(tmp_path, "y.npy", labels)
    for run in (lambda: symopt.minimize(cost, w, data={X: features, y: vector}, batch_size=50),
                lambda: evaluate_in_batches(cost, {X: features, y: vector, w: np.ones((4, 1))}, batch_size=50)):
        with pytest.raises(ShapeError, match=r"expected shape \(None, 1\); given \(200,\)\. Feed a column: "
                                             r"value\.reshape\(-1, 1\)"):
            run()
    found = evaluate_in_batches(cost, {X: features, y: vector.reshape(-1, 1), w: np.ones((4, 1))}, batch_size=50)
    assert found == pytest.approx(np.mean((features.sum(axis=1) - labels) ** 2))  # the advice works


def test_transposed_features_out_of_core_are_told_to_transpose(tmp_path, problem):
    X, y, w, cost, features, labels = problem
    transposed = _saved(tmp_path, "XT.npy", features.T.copy())
    with pytest.raises(ShapeError, match=r"given \(4, 200\)\. The examples go along axis 0 of X .*value\.T"):
        symopt.minimize(cost, w, data={X: transposed, y: labels.reshape(-1, 1)}, batch_size=50)

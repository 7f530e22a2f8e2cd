"""review final35 F35-4: sigmoid_cross_entropy of labels declared with the batch size m beside logits of data
declared with a fixed number of examples is refused as before, but the message says that (it said "an m x m loss",
which a fed batch of 4 rows does not give); a transposed or 1-sized mismatch keeps the broadcast reason."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError

W = symopt.Variable("w", np.zeros((3, 1)))


def test_batch_labels_beside_fixed_size_logits_name_the_fixed_size():
    fixed = symopt.Placeholder("Xf", (4, 3))
    with pytest.raises(ShapeError) as error:
        ops.sigmoid_cross_entropy(fixed @ W, symopt.Placeholder("yfb", (None, 1)))
    message = str(error.value)
    assert "the labels have the batch size m (a None dimension) where the logits have the fixed size 4" in message
    assert "symopt.Placeholder('y', (4, 1))" in message
    assert "m x m" not in message


def test_fixed_size_labels_beside_batch_logits_name_the_fixed_size():
    batch = symopt.Placeholder("X", (None, 3))
    with pytest.raises(ShapeError) as error:
        ops.sigmoid_cross_entropy(batch @ W, symopt.Placeholder("y4", (4, 1)))
    message = str(error.value)
    assert "the logits have the batch size m (a None dimension) where the labels have the fixed size 4" in message
    assert "symopt.Placeholder('y', (None, 1))" in message
    assert "m x m" not in message


@pytest.mark.parametrize("shape", [(1, None), (1, 1), (None, 2)])
def test_a_transposed_or_one_sized_mismatch_keeps_the_broadcast_reason(shape):
    batch = symopt.Placeholder("X", (None, 3))
    with pytest.raises(ShapeError, match="m x m loss"):
        ops.sigmoid_cross_entropy(batch @ W, symopt.Placeholder("y", shape))


def test_fixed_size_labels_beside_fixed_size_logits_train_as_hand_numpy():
    fixed = symopt.Placeholder("Xf", (4, 3))
    labels = symopt.Placeholder("yf", (4, 1))
    x = np.arange(12.0).reshape(4, 3) / 10
    y = np.array([[0.0], [0.0], [1.0], [1.0]])
    result = symopt.minimize(ops.sigmoid_cross_entropy(fixed @ W, labels), wrt=[W], data={fixed: x, labels: y},
                             steps=50, optimizer=symopt.GradientDescent(0.5))
    w = np.zeros((3, 1))
    for _ in range(50):
        w -= 0.5 * x.T @ (1 / (1 + np.exp(-(x @ w))) - y) / 4
    np.testing.assert_allclose(result[W], w, rtol=1e-12)

"""Review 45d-4: softmax cross-entropy of logits shared by every example (``OneMatrix @ row``, printed as a
read-only ``numpy.broadcast_to`` view) computes as on main instead of writing the log-softmax into the view
("output array is read-only").  Oracles: hand NumPy for the value, central differences for the gradient."""

import numpy as np
import sympy

import symopt
from symopt import ops
from tests.central_differences import central_difference

K = 4


def _hand_loss(row: np.ndarray, labels: np.ndarray) -> float:
    """The mean over examples of log(sum exp z) - y.z, every example's logits the same row z."""
    z = np.broadcast_to(row, labels.shape)
    return float(np.mean(np.log(np.exp(z).sum(axis=1)) - (labels * z).sum(axis=1)))


def test_logits_broadcast_from_one_row_are_not_written_into():
    rng = np.random.default_rng(0)
    labels = np.eye(K)[rng.integers(0, K, 6)]
    c_value, b_value, v_value = rng.normal(size=(1, K)), rng.normal(size=(1, 3)), rng.normal(size=(3, K))
    Y = symopt.Placeholder("Y", (None, K))
    c = symopt.Variable("c", c_value)
    b, V = symopt.Variable("b", b_value), symopt.Variable("V", v_value)
    ones = sympy.OneMatrix(symopt.BATCH, 1)

    cost = ops.softmax_cross_entropy(ones @ ops.tanh(c), Y)
    value, (gradient,) = symopt.compile(cost, [c])(c=c_value, Y=labels)
    np.testing.assert_allclose(value, _hand_loss(np.tanh(c_value), labels), rtol=1e-13)
    expected = central_difference(lambda x: _hand_loss(np.tanh(x), labels), [c_value], 0)
    np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-9)

    cost = ops.softmax_cross_entropy(ones @ (b @ V), Y)
    value, (gradient,) = symopt.compile(cost, [V])(b=b_value, V=v_value, Y=labels)
    np.testing.assert_allclose(value, _hand_loss(b_value @ v_value, labels), rtol=1e-13)
    expected = central_difference(lambda x: _hand_loss(b_value @ x, labels), [v_value], 0)
    np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-9)

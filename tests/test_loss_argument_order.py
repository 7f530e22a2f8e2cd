"""The cross-entropies take the logits first (probe20 P20-10): the labels-first order of ``tf.losses`` and Keras,
``ops.softmax_cross_entropy(Y, X @ W)``, trained silently to a negative 'cross-entropy' (-36 after 200 Adam steps)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

X = symopt.Placeholder("X", (None, 4))
Y = symopt.Placeholder("Y", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(4, 3))
w = symopt.Variable("w", 0.0, shape=(4, 1))


def test_softmax_cross_entropy_with_the_labels_first_is_refused_naming_the_order():
    with pytest.raises(ConfigurationError) as raised:
        ops.softmax_cross_entropy(Y, X @ W)
    assert str(raised.value).startswith(
        "symopt.ops.softmax_cross_entropy(logits, labels): the logits come first, the labels second; given as logits "
        "Y, which reads no Variable (data), and as labels X*W, which reads the Variable W. Write "
        "symopt.ops.softmax_cross_entropy(X*W, Y)")
    assert "tf.losses.softmax_cross_entropy" in str(raised.value)


def test_sigmoid_cross_entropy_with_the_labels_first_is_refused_for_matrices_and_scalars():
    with pytest.raises(ConfigurationError, match=r"sigmoid_cross_entropy\(X\*w, y\)"):
        ops.sigmoid_cross_entropy(y, X @ w)
    a, label = symopt.Variable("a", 0.0), symopt.Placeholder("label")
    with pytest.raises(ConfigurationError, match="the logits come first"):
        ops.sigmoid_cross_entropy(label, 3 * a + 1)


def test_valid_calls_pass_labels_computed_from_data_or_beside_a_model():
    Xd = np.random.default_rng(0).normal(size=(6, 4))
    Yd = np.eye(3)[np.argmax(Xd[:, :3], 1)]
    smoothed = ops.bias_add(0.9 * Y, 0.1 / 3)  # labels computed from data (label smoothing)
    J = ops.softmax_cross_entropy(X @ W, smoothed)
    Wd = np.random.default_rng(1).normal(size=(4, 3))
    Z = Xd @ Wd
    log_p = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(symopt.evaluate(J, {X: Xd, Y: Yd, W: Wd}),
                               -np.sum((0.9 * Yd + 0.1 / 3) * log_p) / 6, rtol=1e-13)
    ops.softmax_cross_entropy(X @ W, ops.softmax(X @ W))  # an entropy term: both read W
    teacher = symopt.Variable("T", 0.0, shape=(4, 3), trainable=False)
    ops.softmax_cross_entropy(X @ W, ops.softmax(X @ teacher))  # distillation: logits read W
    ops.sigmoid_cross_entropy(X @ w, y)


def test_the_refusal_comes_before_training_could_go_below_zero():
    data = {X: np.ones((5, 4)), Y: np.eye(3)[[0, 1, 2, 0, 1]]}
    with pytest.raises(ConfigurationError):
        symopt.minimize(ops.softmax_cross_entropy(Y, X @ W), W, data=data, steps=2)


def test_probabilities_of_the_model_against_data_logits_pass():
    # reverse-KL distillation's cross-entropy: the student's probabilities against a teacher's logits (data); the
    # cost is bounded, and swapping the arguments would train another model (review10 R10-1)
    T = symopt.Placeholder("T", (None, 3))
    b = symopt.Variable("b", 0.0, shape=(1, 3))
    Z = ops.bias_add(X @ W, b)
    rng = np.random.default_rng(0)
    x, t = rng.standard_normal((5, 4)), rng.standard_normal((5, 3))
    w0, b0 = rng.standard_normal((4, 3)), rng.standard_normal((1, 3))
    cost = ops.softmax_cross_entropy(T, ops.softmax(Z))
    value = symopt.evaluate(cost, {X: x, T: t, W: w0, b: b0})
    z = x @ w0 + b0
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    log_q = t - t.max(axis=1, keepdims=True)
    log_q -= np.log(np.exp(log_q).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(value, -(p * log_q).sum() / 5, rtol=1e-12)
    assert ops.sigmoid_cross_entropy(T, ops.sigmoid(Z)) is not None
    s = symopt.Variable("s", 0.0)
    assert ops.sigmoid_cross_entropy(symopt.Placeholder("t"), ops.sigmoid(s)) is not None


def test_a_raw_model_output_as_the_labels_is_still_refused():
    b = symopt.Variable("b", 0.0, shape=(1, 3))
    with pytest.raises(ConfigurationError, match="the logits come first"):
        ops.softmax_cross_entropy(Y, ops.bias_add(X @ W, b))
    s = symopt.Variable("s", 0.0)
    with pytest.raises(ConfigurationError, match="the logits come first"):
        ops.sigmoid_cross_entropy(symopt.Placeholder("t"), 2 * s + 1)

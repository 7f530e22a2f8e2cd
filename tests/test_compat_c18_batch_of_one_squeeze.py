"""``tf.squeeze(x)`` (no axis) of a tensor with a batch dimension, run on a batch of one row, gives TF1's result: the
batch dimension is squeezed too (probe22 H2; the classic trap of predicting one example with
``sess.run(tf.squeeze(logits), {x: one_row})``, a 0-d value in TF1).  Programs ported from TF1 print TF1's values.

The values were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same programs (/tmp/c18_h2b.py
of compat18's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _same(value, golden):
    """``value`` is TF1's: the same type (a NumPy scalar or array), shape, dtype and numbers."""
    assert type(value) is type(golden) and np.shape(value) == np.shape(golden)
    assert np.asarray(value).dtype == np.asarray(golden).dtype
    np.testing.assert_allclose(value, golden, rtol=1e-6)


def test_a_squeezed_batch_of_one_row_is_a_scalar_as_in_tf1():
    x = tf.placeholder(tf.float32, [None, 1])
    y = tf.squeeze(x)
    with tf.Session() as s:
        _same(s.run(y, {x: [[2.0]]}), np.float32(2.0))
        _same(s.run(tf.rank(y), {x: [[2.0]]}), np.int32(0))
        _same(s.run(y, {x: [[2.0], [3.0]]}), np.float32([2.0, 3.0]))  # two rows: the vector, as before
        _same(s.run(tf.squeeze(tf.squeeze(x)), {x: [[2.0]]}), np.float32(2.0))
        _same(y.eval({x: [[7.0]]}), np.float32(7.0))


def test_a_squeezed_row_of_features_and_what_reads_it():
    z = tf.placeholder(tf.float32, [None, 3])
    row = [[2.0, 3.0, 4.0]]
    with tf.Session() as s:
        _same(s.run(tf.squeeze(z), {z: row}), np.float32([2.0, 3.0, 4.0]))
        _same(s.run(tf.squeeze(z) * 2, {z: row}), np.float32([4.0, 6.0, 8.0]))
        _same(s.run(tf.squeeze(z) + z, {z: row}), np.float32([[4.0, 6.0, 8.0]]))  # broadcast back to (1, 3)


def test_predicting_one_example_of_a_trained_logistic_regression():
    x = tf.placeholder(tf.float32, [None, 1])
    labels = tf.placeholder(tf.float32, [None])
    w, b = tf.Variable([[0.5]]), tf.Variable(0.1)
    logits = tf.squeeze(tf.matmul(x, w) + b)
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    pred = tf.sigmoid(logits)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.round(pred), labels), tf.float32))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i, (golden_loss, golden_logit, golden_pred) in enumerate(
                [(0.43748793, 0.6, 0.64565635), (0.17867564, 1.6315155, 0.83637714),
                 (0.05454316, 2.8813674, 0.94691765)]):
            _, value_loss, value_logit, value_pred, value_accuracy = s.run(
                [train, loss, logits, pred, accuracy], {x: [[1.0 + i]], labels: [1.0]})
            _same(value_loss, np.float32(golden_loss))
            _same(value_logit, np.float32(golden_logit))
            _same(value_pred, np.float32(golden_pred))
            _same(value_accuracy, np.float32(1.0))
        _same(s.run(pred, {x: [[1.0], [2.0]]}), np.float32([0.7868334, 0.9025919]))
        _same(s.run(tf.expand_dims(pred, 0), {x: [[1.0]]}), np.float32([0.7868334]))
        _same(s.run(tf.stack([pred, pred]), {x: [[1.0]]}), np.float32([0.7868334, 0.7868334]))
        grads = s.run(tf.gradients(loss, [w, b]), {x: [[1.0]], labels: [1.0]})
        _same(grads[0], np.float32([[-0.2131666]]))
        _same(grads[1], np.float32(-0.2131666))
        with pytest.raises(UnsupportedOperationError, match=r"tf.squeeze\(x, axis=1\)"):
            s.run(logits + tf.gradients(loss, b)[0], {x: [[1.0]], labels: [1.0]})  # TF1: 1.0927761


def test_a_squeeze_of_a_placeholder_without_a_shape_fed_one_row():
    p = tf.placeholder(tf.float32)
    with tf.Session() as s:
        _same(s.run(tf.squeeze(p) * 1, {p: [[3.0]]}), np.float32(3.0))

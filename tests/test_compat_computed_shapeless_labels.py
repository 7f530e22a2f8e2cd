"""``tf.nn.sigmoid_cross_entropy_with_logits`` (and ``weighted_cross_entropy_with_logits``, ``log_poisson_loss``)
check the operands' static shapes, as TF1: labels computed from a placeholder without a shape (``tf.cast(y,
tf.float32)``, ``y * 1.0``, ``tf.identity(y)``) have an unknown static shape, so TF1 checks nothing and its kernel
broadcasts the fed shapes (``[1, ?]`` logits with ``[?]`` labels: ``[1, m]``; ``[?, 1]`` with ``[?]``: ``[m, m]``),
as it did for the placeholder itself; ``tf.reshape(y, [-1])`` has the static shape ``(?,)``, which TF1 refuses
against ``(1, ?)`` logits when the graph is made.  Goldens: TF 2.21 ``tf.compat.v1``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

X = np.float32([[1, 2, 3], [4, 5, 6], [-1, 0, 2], [0.5, 0.5, 0.5]])
Y = np.float32([1, 0, 1, 0])

LABELS = {
    "cast": lambda y: tf.cast(y, tf.float32),
    "times one": lambda y: y * 1.0,
    "identity": lambda y: tf.identity(y),
}


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _model():
    x = tf.placeholder(tf.float32, [None, 3])
    w, b = tf.Variable([[0.1, -0.2, 0.3]]), tf.Variable(0.5)
    return x, w, tf.matmul(w, tf.transpose(x)) + b, tf.matmul(x, tf.transpose(w)) + b


@pytest.mark.parametrize("computed", sorted(LABELS))
@pytest.mark.parametrize("label_dtype", [tf.float32, tf.int32])
def test_computed_labels_of_a_shapeless_placeholder_broadcast_as_tf1(computed, label_dtype):
    x, w, row, column = _model()
    y = tf.placeholder(label_dtype)
    labels = LABELS[computed](y if label_dtype == tf.float32 or computed == "cast" else tf.cast(y, tf.float32))
    row_loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=row)
    column_loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=column)
    row_mean, column_mean = tf.reduce_mean(row_loss), tf.reduce_mean(column_loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        feed = {x: X, y: Y.astype(label_dtype.as_numpy_dtype)}
        values = session.run([row_loss, row_mean, tf.gradients(row_mean, w)[0], column_loss, column_mean], feed)
    assert values[0].shape == (1, 4) and values[3].shape == (4, 4)
    assert values[1] == np.float32(0.87646776)
    np.testing.assert_allclose(values[2].ravel(), np.float32([0.9310422, 1.0127555, 1.0272336]), rtol=3e-7)
    np.testing.assert_allclose(values[4], np.float32(0.8514678), rtol=3e-7)  # a mean of 16: summed in another order


@pytest.mark.parametrize("loss, message", [
    (lambda labels, logits: tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits),
     r"`logits` and `labels` must have the same shape, received \(\(1, \?\) vs \(\?,\)\)\."),
    (lambda labels, logits: tf.nn.weighted_cross_entropy_with_logits(labels=labels, logits=logits, pos_weight=2.0),
     r"`logits` and `labels` must have the same shape, received \(\(1, \?\) vs \(\?,\)\)\."),
    (lambda labels, logits: tf.nn.log_poisson_loss(labels, logits),
     r"`log_input` and `targets` must have the same shape, received \(\(1, \?\) vs \(\?,\)\)\."),
])
def test_labels_reshaped_to_a_vector_are_refused_against_a_row_of_logits(loss, message):
    _, _, row, _ = _model()
    y = tf.placeholder(tf.float32)
    with pytest.raises(ValueError, match=message):
        loss(tf.reshape(y, [-1]), row)


def test_weighted_cross_entropy_of_computed_shapeless_labels_broadcasts_as_tf1():
    x, w, row, _ = _model()
    y = tf.placeholder(tf.float32)
    loss = tf.reduce_mean(tf.nn.weighted_cross_entropy_with_logits(labels=y * 1.0, logits=row, pos_weight=2.0))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value = session.run(loss, {x: X, y: Y})
    np.testing.assert_allclose(value, np.float32(1.026617), rtol=3e-7)

"""probe32 P32-8: ``tf.clip_by_value(t, lo, hi)`` with bounds that broadcast ``t`` to a bigger shape returned the
bigger tensor; TF1 refuses it when built ("to prevent unintentional broadcasting").  TF 2.21's messages and
numbers."""

import re

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("clip, shapes", [
    (lambda W, X: tf.clip_by_value(W, -1.0, tf.constant([0.5, 2.0])), "(2, 1) and (2, 2)"),
    (lambda W, X: tf.clip_by_value(W, tf.constant([-1.0, 0.0]), 1.0), "(2, 1) and (2, 2)"),
    (lambda W, X: tf.clip_by_value(X, 0.0, tf.constant([0.5, 2.0])), "(?, 1) and (?, 2)"),
    (lambda W, X: tf.clip_by_value(tf.constant(3.0), 0.0, [1.0, 2.0]), "() and (2,)"),
    (lambda W, X: tf.clip_by_value([[3.0], [-3.0]], -1.0, [1.0, 2.0]), "(2, 1) and (2, 2)"),
])
def test_bounds_that_broadcast_t_are_tf1s_error(clip, shapes):
    W = tf.Variable([[1.0], [-2.0]])
    X = tf.placeholder(tf.float32, [None, 1])
    with pytest.raises(ValueError, match="^" + re.escape(f"Shapes {shapes} are incompatible")):
        clip(W, X)


def test_bounds_of_ts_shape_or_broadcast_into_it_clip_as_tf1():
    W = tf.Variable([[1.0], [-2.0]])
    Y = tf.placeholder(tf.float32, [None, 2])
    by_row = tf.clip_by_value(Y, 0.0, tf.constant([0.5, 2.0]))
    by_column = tf.clip_by_value(W, -1.0, tf.constant([[0.5], [3.0]]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(by_row, {Y: [[1.0, 3.0]]}).tolist() == [[0.5, 2.0]]  # TF 2.21
        assert sess.run(by_column).tolist() == [[0.5], [-1.0]]  # TF 2.21

"""probe84 P84-1: ``tf.nn.sparse_softmax_cross_entropy_with_logits`` and ``tf.nn.in_top_k`` of labels from a placeholder
without a shape (HOML ch10's ``y = tf.placeholder(tf.int64, shape=(None))``) have TF1's static shape, one entry per
row of the logits: ``(?,)`` beside ``[None, 3]`` logits, ``(5,)`` beside ``[5, 3]`` ones (symopt's had an unknown rank,
so ``xentropy.shape.as_list()`` raised).  Expected: TF 2.21 (tf.compat.v1, graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("rows", [None, 5])
def test_per_example_results_have_tf1s_static_shape(rows):
    tf.reset_default_graph()
    logits = tf.matmul(tf.placeholder(tf.float32, shape=(rows, 4)), tf.ones([4, 3]))
    y = tf.placeholder(tf.int64, shape=(None))
    xentropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
    correct = tf.nn.in_top_k(logits, y, 1)
    assert xentropy.shape.as_list() == [rows] and correct.shape.as_list() == [rows]
    assert (xentropy.dtype, correct.dtype) == (tf.float32, tf.bool)
    assert tf.reduce_sum(xentropy, axis=0).shape.as_list() == []


def test_values_unchanged():
    # TF 2.21: log(3) = 1.0986123 for equal logits; the label's class ties the others, so it is in the top 1
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, shape=(None, 4))
    y = tf.placeholder(tf.int64, shape=(None))
    logits = tf.matmul(X, tf.ones([4, 3]))
    with tf.Session() as session:
        loss, hits = session.run([tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits),
                                  tf.nn.in_top_k(logits, y, 1)], {X: np.eye(4)[:2], y: [0, 1]})
    np.testing.assert_allclose(loss, [1.0986123, 1.0986123], rtol=1e-7)
    assert hits.tolist() == [True, True]

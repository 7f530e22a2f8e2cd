"""probe53 P53-3: softmax cross-entropy of constant labels of shape [2, 3] and logits of shape [None, 3] takes
TF1's static shape [2] (the unknown batch meets the labels' 2 rows), as the same labels times
``tf.log(tf.nn.softmax(logits))`` do; it was refused with a message naming the fused op's inner nodes.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), the same program,
printed with ``repr``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

LABELS = [[0., 1., 0.], [0., 0., 1.]]
LOGITS = np.array([[1., 2., 0.5], [0.1, 0.2, 3.]], np.float32)


def test_constant_labels_beside_batch_logits_compute_and_train_as_tf1():
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 3])
    b = tf.Variable(np.array([0.1, -0.2, 0.3], np.float32))
    cross_entropy = tf.nn.softmax_cross_entropy_with_logits_v2(labels=LABELS, logits=z + b)
    loss = tf.reduce_mean(cross_entropy)
    gradient = tf.gradients(loss, b)[0]
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    v1 = tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant(LABELS), logits=z)
    smoothed = tf.losses.softmax_cross_entropy(np.float32(LABELS), z, label_smoothing=0.1)
    assert cross_entropy.shape.as_list() == [2]  # TF 2.21: (2,)
    feed = {z: LOGITS}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        np.testing.assert_allclose(session.run(cross_entropy, feed), [0.62297404, 0.07874873], rtol=1e-6)
        np.testing.assert_allclose(session.run(gradient, feed), [0.15398988, -0.21478148, 0.06079157], rtol=1e-6)
        session.run(train, feed)
        np.testing.assert_allclose(session.run(b), [0.02300506, -0.09260926, 0.26960424], rtol=1e-6)
        np.testing.assert_allclose(session.run(v1, feed), [0.4643688, 0.10960147], rtol=1e-6)
        np.testing.assert_allclose(session.run(smoothed, feed), 0.4236518, rtol=1e-6)
        for rows in (1, 3):  # TF 2.21: InvalidArgumentError for both (one row of logits is not broadcast), its
            # words since fix45b: "logits and labels must be broadcastable: logits_size=[3,3] labels_size=[2,3]"
            with pytest.raises(tf.errors.InvalidArgumentError, match="logits and labels must be broadcastable"):
                session.run(cross_entropy, {z: np.ones((rows, 3), np.float32)})


def test_logits_computed_in_another_shape_read_the_labels_at_the_batch_size():
    """Refused until fix45b; TF 2.21 computes it: with W of ones every logit of a row is equal, so each loss is
    log 3 (a hand oracle), and a batch of 3 rows is TF1's InvalidArgumentError."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    logits = tf.matmul(x, tf.Variable(tf.ones([2, 3])))
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=LABELS, logits=logits)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        np.testing.assert_allclose(session.run(loss, {x: [[1.0, 2.0], [0.0, 1.0]]}), [np.log(3.0)] * 2, rtol=1e-6)
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"logits_size=\[3,3\] labels_size=\[2,3\]"):
            session.run(loss, {x: np.ones((3, 2), np.float32)})

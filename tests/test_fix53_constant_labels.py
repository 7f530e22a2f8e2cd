"""probe53 P53-3: softmax cross-entropy of constant labels of shape [2, 3] and logits of shape [None, 3] takes
TF1's static shape [2] (the unknown batch meets the labels' 2 rows), as the same labels times
``tf.log(tf.nn.softmax(logits))`` do; it was refused with a message naming the fused op's inner nodes.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), the same program,
printed with ``repr``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError

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
        for rows in (1, 3):  # TF 2.21: InvalidArgumentError for both (one row of logits is not broadcast)
            with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes"):
                session.run(cross_entropy, {z: np.ones((rows, 3), np.float32)})


def test_logits_computed_in_another_shape_are_refused_naming_the_users_tensors():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    logits = tf.matmul(x, tf.Variable(tf.ones([2, 3])))
    with pytest.raises(UnsupportedOperationError) as caught:
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=LABELS, logits=logits)
    message = str(caught.value)
    assert "MatMul:0 (shape [?,3])" in message and "(shape [2,3])" in message and "rebuilt" not in message
    assert "computed from Placeholder:0, of shape [?,2]" in message
    assert "tf.placeholder(tf.float32, [2, 2])" in message

"""Softmax cross-entropies of ``[None, k]`` logits beside labels of a fixed length 4, differentiated with respect to
the logits placeholder, and fed 5 rows (fix45b finding 5).

Expected values: TensorFlow 2.21 ``tf.compat.v1`` (graph mode) on the same program: the losses, the gradients
(static shape ``(4, 3)``) and, fed 5 rows of logits, ``InvalidArgumentError`` with the messages quoted below.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf

LOGITS = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0], [2.5, 0.5, 0.5], [-1.0, 0.0, 1.0]], np.float32)
LABELS = np.array([0, 2, 1, 2], np.int32)
TF_LOSS = [1.4643688201904297, 0.06588391214609146, 2.2395448684692383, 0.40760594606399536]
TF_MEAN_GRADIENT = [[-0.19219402968883514, 0.15713292360305786, 0.03506109490990639],
                    [0.011653156019747257, 0.004286956507712603, -0.015940114855766296],
                    [0.19674649834632874, -0.22337326407432556, 0.026626743376255035],
                    [0.022507643327116966, 0.06118211895227432, -0.08368976414203644]]
TF_SUM_GRADIENT = [[-0.7687761187553406, 0.6285316944122314, 0.14024437963962555],
                   [0.04661262407898903, 0.01714782603085041, -0.06376045942306519],
                   [0.7869859933853149, -0.8934930562973022, 0.10650697350502014],
                   [0.09003057330846786, 0.2447284758090973, -0.33475905656814575]]


def _sparse():
    x, labels = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.int32, [4])
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=x)
    return x, {labels: LABELS}, loss, tf.gradients(tf.reduce_mean(loss), x)[0], TF_MEAN_GRADIENT, \
        "logits and labels must have the same first dimension, got logits shape [5,3] and labels shape [4]"


def _dense():
    x = tf.placeholder(tf.float32, [None, 3])
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(np.eye(3, dtype=np.float32)[LABELS]),
                                                      logits=x)
    return x, {}, loss, tf.gradients(tf.reduce_sum(loss), x)[0], TF_SUM_GRADIENT, \
        "logits and labels must be broadcastable: logits_size=[5,3] labels_size=[4,3]"


@pytest.mark.parametrize("build", [_sparse, _dense])
def test_gradient_with_respect_to_the_logits_placeholder(build):
    tf.reset_default_graph()
    x, feeds, loss, gradient, expected_gradient, message = build()
    assert tuple(gradient.shape.as_list()) == (4, 3)
    with tf.Session() as session:
        got_loss, got_gradient = session.run([loss, gradient], {x: LOGITS, **feeds})
        np.testing.assert_allclose(got_loss, TF_LOSS, rtol=1e-6)
        np.testing.assert_allclose(got_gradient, expected_gradient, rtol=1e-5, atol=1e-7)
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"^" + message.replace("[", r"\[")):
            session.run(loss, {x: np.zeros((5, 3), np.float32), **feeds})


X_VALUE = np.array([[1, 2], [0, 1], [2, -1], [1, 1]], np.float32)
TF_COMPUTED_LOSS = [1.8151888847351074, 0.9119014739990234, 1.1119015216827393, 0.7512505054473877]
TF_COMPUTED_W_GRADIENT = [[-0.021648790687322617, -0.1823098063468933, 0.20395857095718384],
                          [-0.36560073494911194, 0.4773872494697571, -0.11178651452064514]]


@pytest.mark.parametrize("labels", ["placeholder", "constant", "one-hot placeholder"])
def test_logits_computed_from_another_shape(labels):
    """``tf.matmul(X, W)`` of ``X`` ``[None, 2]`` beside labels of length 4: TF 2.21 computes the same numbers."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3) / 5)
    logits = tf.matmul(x, w)
    if labels == "one-hot placeholder":
        y = tf.placeholder(tf.float32, [4, 3])
        feeds = {y: np.eye(3, dtype=np.float32)[LABELS]}
        loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits)
        message = "logits and labels must be broadcastable: logits_size=[5,3] labels_size=[4,3]"
    else:
        y = tf.placeholder(tf.int32, [4]) if labels == "placeholder" else tf.constant(LABELS)
        feeds = {y: LABELS} if labels == "placeholder" else {}
        loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
        message = "logits and labels must have the same first dimension, got logits shape [5,3] and labels shape [4]"
    (gradient,) = tf.gradients(tf.reduce_mean(loss), [w])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        got_loss, got_gradient = session.run([loss, gradient], {x: X_VALUE, **feeds})
        np.testing.assert_allclose(got_loss, TF_COMPUTED_LOSS, rtol=1e-6)
        np.testing.assert_allclose(got_gradient, TF_COMPUTED_W_GRADIENT, rtol=1e-5, atol=1e-7)
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"^" + message.replace("[", r"\[")):
            session.run(loss, {x: np.ones((5, 2), np.float32), **feeds})

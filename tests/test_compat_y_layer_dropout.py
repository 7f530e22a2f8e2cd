"""``tf.layers.dropout(h, rate, training=<tf.bool tensor>)`` (v-probe V3; Géron ch. 11's recipe with
``training = tf.placeholder_with_default(False, shape=())``): TF1's ``smart_cond``, dropout when the fed flag is true,
the inputs unchanged otherwise.  Expected numbers: TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

FEATURES = np.float32([[1, 2, 3], [0.5, -1, 2], [2, 1, 0]])
TARGETS = np.float32([[1], [0], [2]])


def _network():
    X = tf.placeholder(tf.float32, [None, 3], name="X")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    training = tf.placeholder_with_default(False, shape=(), name="training")
    kernel = np.float32([[0.1, -0.2, 0.3, 0.4], [0.5, 0.1, -0.3, 0.2], [-0.1, 0.2, 0.1, -0.4]])
    hidden = tf.layers.dense(X, 4, activation=tf.nn.relu, kernel_initializer=tf.constant_initializer(kernel),
                             name="hidden")
    dropped = tf.layers.dropout(hidden, 0.5, training=training)
    out = tf.layers.dense(dropped, 1, kernel_initializer=tf.constant_initializer(
        np.float32([[0.3], [-0.1], [0.2], [0.5]])), name="out")
    return X, y, training, hidden, dropped, out


def test_training_flag_off_by_default_trains_as_tf1():
    X, y, training, hidden, dropped, out = _network()
    loss = tf.reduce_mean(tf.square(out - y))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([train, loss], {X: FEATURES, y: TARGETS})[1] for _ in range(3)]
        predictions = sess.run(out, {X: FEATURES})
    assert losses == pytest.approx([0.7324667, 0.23859079, 0.067798525], rel=1e-6)  # TF 2.21 tf.compat.v1
    np.testing.assert_allclose(predictions.ravel(), [0.9882747, 0.32826823, 1.8831654], rtol=1e-6)


def test_training_flag_fed_true_drops():
    X, y, training, hidden, dropped, out = _network()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        kept = sess.run(hidden, {X: FEATURES})
        np.testing.assert_array_equal(sess.run(dropped, {X: FEATURES}), kept)
        draws = [sess.run(dropped, {X: FEATURES, training: True}) for _ in range(20)]
    for draw in draws:  # each entry dropped or scaled by 1 / (1 - rate)
        assert np.all((draw == 0) | np.isclose(draw, 2 * kept))
    positive = kept > 0
    assert any(np.any(draw[positive] == 0) for draw in draws) and any(np.any(draw[positive] != 0) for draw in draws)


def test_training_flag_of_another_dtype_is_refused():
    with pytest.raises(TypeError, match="tf.bool scalar tensor"):
        tf.layers.dropout(tf.ones([2, 2]), 0.5, training=tf.placeholder(tf.float32, ()))

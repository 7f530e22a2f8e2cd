"""Arguments and reads that were taken silently otherwise than TF1 (b-probe B10, B13, B14, B15): ``read_value()``
under ``tf.control_dependencies``, ``apply_gradients`` of a gradient of another shape or dtype, ``collections=`` of
variables, ``merge_all(scope=)``, ``tf.layers.dropout(noise_shape=)``.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_read_value_under_control_dependencies_runs_them_and_a_same_dtype_cast_makes_no_op():
    w = tf.Variable(np.float32([1.0, 2.0]), name="w")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w - 3.0)))
    with tf.control_dependencies([train]):
        w_after = w.read_value()
        same = tf.cast(w, tf.float32)
    assert str(w_after) == 'Tensor("read:0", shape=(2,), dtype=float32)'  # TF 2.21 tf.compat.v1
    assert same is w.value()  # TF 2.21: no Cast op (w/read:0), so no control inputs (final43b F43b-3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(w_after), [1.4, 2.2], rtol=1e-6)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(w_after), [1.72, 2.3600001], rtol=1e-6)
        np.testing.assert_allclose(sess.run(same), [1.72, 2.3600001], rtol=1e-6)  # TF 2.21: no step run


def test_apply_gradients_refuses_a_gradient_of_another_shape_or_dtype_when_built():
    a = tf.Variable(np.float32([1.0, 2.0]))
    W = tf.Variable(np.float32([[1.0, 2.0], [3.0, 4.0]]))
    sgd = tf.train.GradientDescentOptimizer(0.1)
    for gradient, variable, error, words in (
            (tf.constant(1.0), a, ValueError, "Shapes must be equal rank, but are 1 and 0"),  # TF 2.21's words
            (tf.constant([1.0, 2.0]), W, ValueError, "Shapes must be equal rank, but are 2 and 1"),
            (tf.constant([[1.0], [2.0]]), a, ValueError, "Shapes must be equal rank, but are 1 and 2"),
            (tf.constant([1.0, 2.0, 3.0]), a, ValueError, "incompatible"),
            (tf.constant([1, 1]), a, TypeError, "has type int32 that does not match type float32 of argument 'var'"),
            (tf.constant([1.0, 1.0], tf.float64), a, TypeError, "has type float64 that does not match")):
        with pytest.raises(error, match=words):
            sgd.apply_gradients([(gradient, variable)])
        with pytest.raises(error, match=words):
            tf.train.AdamOptimizer(0.1).apply_gradients([(gradient, variable)])
    train = sgd.apply_gradients([(np.float32([1.0, 1.0]), a)])  # numbers of the variable's shape: as TF1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        np.testing.assert_allclose(sess.run(a), [0.9, 1.9], rtol=1e-6)


def test_collections_of_variables_and_summary_scopes_as_tf1():
    v = tf.get_variable("v", [2], initializer=tf.ones_initializer(), collections=[tf.GraphKeys.LOCAL_VARIABLES],
                        trainable=False)
    u = tf.Variable([1.0, 2.0], collections=[tf.GraphKeys.LOCAL_VARIABLES], name="u", trainable=False)
    w = tf.get_variable("w", [2], initializer=tf.zeros_initializer(),
                        collections=["mine", tf.GraphKeys.GLOBAL_VARIABLES])
    t = tf.get_variable("t", [2], initializer=tf.zeros_initializer(), collections=["only_mine"], trainable=False)
    # TF 2.21 tf.compat.v1
    assert (tf.global_variables(), tf.local_variables(), tf.get_collection("mine"), tf.get_collection("only_mine"),
            tf.trainable_variables()) == ([w], [v, u], [w], [t], [w])
    with pytest.raises(UnsupportedOperationError, match="trainable=False"):
        tf.Variable([1.0], collections=[tf.GraphKeys.LOCAL_VARIABLES], name="u2")
    x, y = tf.placeholder(tf.float32, []), tf.placeholder(tf.float32, [])
    with tf.name_scope("train"):
        tf.summary.scalar("loss", x * 2)
    with tf.name_scope("test"):
        tf.summary.scalar("acc", y)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        np.testing.assert_array_equal(sess.run(v), [1.0, 1.0])  # TF 2.21: set by the local initializer
        assert sess.run(tf.summary.merge_all(scope="train"), {x: 1.0})  # only train/loss: y needs no feed


def test_a_layers_dropout_noise_shape_is_refused_not_ignored():
    x = tf.placeholder(tf.float32, [None, 50])
    with pytest.raises(UnsupportedOperationError, match="noise_shape"):
        tf.layers.dropout(x, rate=0.5, noise_shape=[1, 50], training=True)
    kept = tf.layers.dropout(x, rate=0.5, noise_shape=[1, 50], training=False)  # TF1: unchanged, through a new
    assert kept.name == "dropout/Identity:0"  # op (TF 2.21's name; final46a 46a-8)

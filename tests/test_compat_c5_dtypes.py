"""Inputs of different dtypes are TF1's TypeError when the op is made, also for placeholders without a shape
(g-probe G2: the error used to come only at ``sess.run``, and ``y.dtype`` named one operand's dtype).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import DTypeMismatchError
from symopt.errors import SymoptError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_shapeless_placeholder_of_another_dtype_is_refused_when_the_op_is_made():
    a = tf.placeholder(tf.float64)
    b = tf.Variable(1.0)
    i = tf.placeholder(tf.int32)
    # TF 2.21 tf.compat.v1: TypeError: Input 'y' of 'Mul' Op has type float32 that does not match type float64 ...
    with pytest.raises(TypeError, match="Input 'y' of 'Mul' Op has type float32 that does not match type float64"):
        a * b
    with pytest.raises(TypeError, match="Input 'y' of 'Mul' Op has type float64 that does not match type float32"):
        b * a
    with pytest.raises(TypeError, match="has type float32 that does not match type float64"):
        a + tf.constant(1.0)
    with pytest.raises(TypeError, match="has type float32 that does not match type int32"):
        i * b
    with pytest.raises(TypeError, match="Expected int32"):  # TF 2.21: Expected int32 ... got 1.5 of type 'float'
        i * 1.5
    with pytest.raises(DTypeMismatchError) as caught:
        tf.matmul(a, tf.ones([2, 2]))
    assert isinstance(caught.value, SymoptError)


def test_shapeless_placeholders_of_one_dtype_still_build_and_run():
    a = tf.placeholder(tf.float64)
    b = tf.Variable(1.0)
    i = tf.placeholder(tf.int32)
    y = tf.cast(a, tf.float32) * b
    assert (y.dtype, (a + 1.0).dtype, (a * a).dtype, (i / 2).dtype) == \
        (tf.float32, tf.float64, tf.float64, tf.float64)  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: [1. 2.] [[9.]] [1.5]
        np.testing.assert_array_equal(sess.run(y, {a: [1.0, 2.0]}), np.float32([1.0, 2.0]))
        assert sess.run(a * a, {a: [[3.0]]}).tolist() == [[9.0]]
        assert sess.run(i / 2, {i: [3]}).tolist() == [1.5]


def test_the_argmax_of_a_shapeless_placeholder_is_int64_and_the_accuracy_line_runs():
    # the sentdex MNIST tutorial's last lines (g-probe G8): y = tf.placeholder('float'), no shape
    x = tf.placeholder("float", [None, 2])
    y = tf.placeholder("float")
    w = tf.Variable(np.float32([[1.0, -1.0], [0.5, 2.0]]))
    prediction = tf.matmul(x, w)
    assert tf.argmax(y, 1).dtype == tf.int64  # TF 2.21 tf.compat.v1: int64 (tf.argmin too)
    correct = tf.equal(tf.argmax(prediction, 1), tf.argmax(y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct, "float"))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = {x: [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], y: [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]}
        assert sess.run(accuracy, feed) == np.float32(0.33333334)  # TF 2.21 tf.compat.v1: 0.33333334

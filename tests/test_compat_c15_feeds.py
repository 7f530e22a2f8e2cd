"""Feeds as TF1 treats them: a feed key of another graph is TF1's ``TypeError`` (probe15 Y11: it was dropped without a
word), and a fetched tensor that the run feeds comes back as the fed value, a 0-d array for a scalar (probe15 Y14:
a NumPy scalar; a fed string placeholder crashed).  Messages and values: TF 2.21 ``tf.compat.v1``
(/tmp/c15/y11.py, y14.py in compat15's notes)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_feed_key_of_another_graph_is_tf1s_type_error():
    x_old = tf.placeholder(tf.float32, [None], name="x")
    v_old = tf.Variable(1.0)
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None], name="x")
    w = tf.Variable(1.0)
    y = x * 2
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(w * x))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(TypeError, match=r'^Cannot interpret feed_dict key as Tensor: Tensor Tensor\("x:0", '
                                            r'shape=\(\?,\), dtype=float32\) is not an element of this graph\.$'):
            sess.run(y, {x: [1.], x_old: [5.]})
        with pytest.raises(TypeError, match=r'Tensor Tensor\("Variable:0", shape=\(\), dtype=float32_ref\) is not '
                                            r'an element of this graph\.$'):
            sess.run(y, {x: [1.], v_old: 3.0})
        sess.run(train, {x: [1.]})  # the training loop's plan is made
        with pytest.raises(TypeError, match="is not an element of this graph"):
            sess.run(train, {x: [1.], x_old: [5.]})
        assert sess.run(w) == np.float32(0.9)  # the refused run changed nothing


def test_a_fetched_fed_tensor_is_the_fed_value_as_an_array():
    x = tf.placeholder(tf.float32, [])
    W = tf.Variable(2.0)
    h = W * 3.0
    flag = tf.placeholder(tf.bool, [])
    count = tf.placeholder(tf.int32, [])
    text = tf.placeholder(tf.string, [])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fetched = sess.run([W, x, h], {W: 10.0, x: 1.5, h: 4.0})
        assert repr(fetched) == "[array(10., dtype=float32), array(1.5, dtype=float32), array(4., dtype=float32)]"
        assert repr(sess.run([flag, count], {flag: True, count: 7})) == "[array(True), array(7, dtype=int32)]"
        assert repr(sess.run(text, {text: "ab"})) == "array('ab', dtype=object)"
        assert repr(sess.run(h)) == "np.float32(6.0)" and repr(sess.run(x * 2, {x: 1.0})) == "np.float32(2.0)"
        assert repr(sess.make_callable([x, h], feed_list=[x])(5.0)) == "[array(5., dtype=float32), np.float32(6.0)]"

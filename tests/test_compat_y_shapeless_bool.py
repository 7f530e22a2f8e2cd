"""Comparisons and logical ops of tensors read from a placeholder without a shape are ``tf.bool`` (v-probe V7), so
``tf.cond`` takes them (cs20si lecture 3's Huber loss trained this way: test_compat_w_shapeless_cond.py).
Expected numbers: TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_comparisons_of_a_shapeless_placeholder_are_bool():
    x = tf.placeholder(tf.float32, name="X")
    tests = [x < 3.0, tf.less(x, 3.0), tf.equal(x, 1.0), tf.not_equal(x, 1.0), x >= 1.0, tf.less_equal(x, 1.0),
             tf.logical_not(x > 1.0), tf.logical_and(x > 0, x < 2), tf.logical_or(x > 0, x < 2), tf.is_nan(x),
             tf.reduce_any(x > 0)]
    assert [t.dtype for t in tests] == [tf.bool] * len(tests)  # TF 2.21 tf.compat.v1: <dtype: 'bool'>
    with tf.Session() as sess:
        both, any_positive = sess.run([tf.logical_and(x > 0, x < 2), tf.reduce_any(x > 0)], {x: [1.0, -2.0]})
    np.testing.assert_array_equal(both, [True, False])
    assert any_positive


def test_cond_on_a_comparison_of_shapeless_placeholders():
    x = tf.placeholder(tf.float32, name="X")
    y = tf.placeholder(tf.float32, name="Y")
    w = tf.Variable(0.5)
    residual = tf.abs(y - w * x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(tf.cond(x < 3.0, lambda: x * 2.0, lambda: x * 3.0), {x: 1.0}) == 2.0
        assert sess.run(tf.cond(residual < 14.0, lambda: x * 2.0, lambda: x * 3.0), {x: 1.0, y: 20.0}) == 3.0
        assert not sess.run(residual < 14.0, {x: 1.0, y: 20.0})

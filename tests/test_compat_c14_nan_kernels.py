"""probe15 Y2, Y3 (compat14): TF1's kernels at NaN.  Every expected number is TF 2.21 ``tf.compat.v1``'s output for
the same program (graph mode)."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _same(got, expected) -> bool:
    return np.array_equal(np.asarray(got), np.asarray(expected, dtype=np.float32), equal_nan=True)


def test_relu6_propagates_nan_fed_or_constant_as_tf1():
    x = tf.placeholder(tf.float32, [None])
    s_ = tf.placeholder(tf.float32, [])
    points = [np.nan, 1.0, -1.0, 7.0, 0.0, 6.0, np.inf, -np.inf]
    gradient = tf.gradients(tf.reduce_sum(tf.nn.relu6(x)), x)[0]
    with tf.Session() as sess:
        # TF 2.21: a diverged (NaN) activation stays NaN through ReLU6; it used to come out as 6.0
        assert _same(sess.run(tf.nn.relu6(x), {x: points}), [np.nan, 1, 0, 6, 0, 6, 6, 0])
        assert np.isnan(sess.run(tf.nn.relu6(s_ * 2.0), {s_: np.nan}))
        assert _same(sess.run(tf.nn.relu6(tf.constant([np.nan, 7.0]))), [np.nan, 6.0])
        assert _same(sess.run(tf.nn.relu6(tf.reshape(x, [-1, 1])), {x: [np.nan, 7.0]}).ravel(), [np.nan, 6.0])
        assert _same(sess.run(gradient, {x: points}), [0, 1, 0, 0, 0, 0, 0, 0])  # Relu6Grad: 0 at NaN


def test_kernels_of_a_nan_constant_run_as_tf1():
    c = tf.constant(np.nan)
    outputs = [tf.nn.relu6(c), tf.nn.elu(c), tf.nn.selu(c), tf.nn.relu6(tf.constant(np.nan, tf.float64) * 2.0),
               tf.nn.elu(tf.log(tf.constant(-1.0)))]
    with tf.Session() as sess:
        got = sess.run(outputs)  # was TypeError: Invalid NaN comparison (SymPy's, from the session)
    assert all(np.isnan(value) for value in got)  # TF 2.21: nan for each


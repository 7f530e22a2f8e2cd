"""A Python int outside an integer dtype's range converts as TF1 converts it, wrapped around, where NumPy's
``OverflowError`` escaped raw (``x + 2**40`` of an int32 ``x``, ``uint8 + 300``, ``tf.constant(-1, tf.uint8)``).
Goldens from TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np

import symopt.compat.v1 as tf


def test_python_ints_out_of_range_wrap_as_tf1():
    tf.reset_default_graph()
    x = tf.placeholder(tf.int32, [None])
    u = tf.placeholder(tf.uint8, [None])
    fetches = [x + 2 ** 40, tf.constant(2 ** 40 + 5, tf.int32), u + 300, u - (-1), tf.constant(-1, tf.uint8),
               tf.divide(2 ** 40, x), tf.constant([1, 2 ** 40 + 7], tf.int32), tf.constant(-129, tf.int8)]
    got = tf.Session().run(fetches, {x: [1, 2], u: [1, 2]})
    tf_golden = [np.int32([1, 2]), np.int32(5), np.uint8([45, 46]), np.uint8([2, 3]), np.uint8(255),
                 np.float64([0.0, 0.0]), np.int32([1, 7]), np.int8(127)]
    for ours, theirs in zip(got, tf_golden):
        assert np.asarray(ours).dtype == np.asarray(theirs).dtype
        np.testing.assert_array_equal(ours, theirs)
    assert tf.constant(2 ** 40).dtype == tf.int64  # a Python int past int32 is int64 without a dtype, as TF1

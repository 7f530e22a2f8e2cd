"""64-bit integer comparisons and minima stay exact past 2**53 (review2 F0: a7da8d5 compared every integer dtype
through float64, which merges neighbours there: x > y was False for x = 2**53 + 1, y = 2**53).  NumPy is the
oracle: TF1's kernels compare int64 exactly."""

import numpy as np

import symopt.compat.v1 as tf

BIG = 2 ** 53


def test_neighbours_past_two_to_the_53_compare_and_order_as_numpy():
    tf.reset_default_graph()
    dtype = tf.int64
    kind = np.dtype(dtype.as_numpy_dtype)
    x = tf.placeholder(dtype, [3])
    y = tf.placeholder(dtype, [3])
    xs = np.array([BIG + 1, 2 ** 60 + 1, 2 ** 62 + 7], kind)
    ys = np.array([BIG, 2 ** 60, 2 ** 62 + 8], kind)
    session = tf.Session()
    feed = {x: xs, y: ys}
    got = session.run([x > y, x >= y, x < y, x <= y, tf.maximum(x, y), tf.minimum(x, y), tf.reduce_min(x),
                       tf.reduce_max(x), tf.argmin(x), tf.clip_by_value(x, BIG + 1, 2 ** 61)], feed)
    expected = [xs > ys, xs >= ys, xs < ys, xs <= ys, np.maximum(xs, ys), np.minimum(xs, ys), xs.min(), xs.max(),
                np.argmin(xs), np.clip(xs, BIG + 1, 2 ** 61)]
    for ours, theirs in zip(got, expected):
        np.testing.assert_array_equal(ours, theirs)
    values, indices = session.run(tf.nn.top_k(tf.reshape(x, [1, 3]), 2), feed)
    np.testing.assert_array_equal(values, [[2 ** 62 + 7, 2 ** 60 + 1]])
    np.testing.assert_array_equal(indices, [[2, 1]])


def test_int64_extremes_order_as_numpy():
    tf.reset_default_graph()
    x = tf.placeholder(tf.int64, [4])
    xs = np.array([2 ** 63 - 1, -2 ** 62, 0, 2 ** 63 - 2], np.int64)
    session = tf.Session()
    assert session.run(tf.reduce_max(x), {x: xs}) == 2 ** 63 - 1
    assert session.run(tf.reduce_min(x), {x: xs}) == -2 ** 62
    assert session.run(tf.argmax(x), {x: xs}) == 0

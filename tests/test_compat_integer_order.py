"""probe11 U6, U8: comparisons, ``maximum`` / ``minimum`` / ``clip_by_value`` / ``where(a > b)`` of integers read the
sign of a difference, and ``reduce_min`` / ``argmin`` / ``top_k`` negate: an integer ``sub`` or negation wraps around
(uint8 ``1 - 2`` is 255, ``-0`` is 0, int32 ``-(-2**31)`` is itself), so both are computed in float64, exactly.
Goldens: TF 2.21 ``tf.compat.v1``, and NumPy's own comparisons (which TF 2.21 agrees with on every pair)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_uint8_and_int32_comparisons_as_tf1():
    a, b = tf.placeholder(tf.uint8, [None]), tf.placeholder(tf.uint8, [None])
    img = tf.placeholder(tf.uint8, [None])
    i, j = tf.placeholder(tf.int32, []), tf.placeholder(tf.int32, [])
    with tf.Session() as session:
        pairs = session.run([a > b, a < b, tf.maximum(a, b), tf.minimum(a, b)], {a: [1, 200], b: [2, 100]})
        image = session.run([tf.less(img, 10), tf.minimum(img, 50), tf.clip_by_value(img, 20, 100)],
                            {img: [0, 5, 200, 255]})
        large = session.run([i > j, tf.maximum(i, j), tf.where(i > j, i, j)], {i: 2000000000, j: -2000000000})
    np.testing.assert_array_equal(pairs[0], [False, True])
    np.testing.assert_array_equal(pairs[1], [True, False])
    np.testing.assert_array_equal(pairs[2], np.uint8([2, 200]))
    np.testing.assert_array_equal(pairs[3], np.uint8([1, 100]))
    np.testing.assert_array_equal(image[0], [True, True, False, False])
    np.testing.assert_array_equal(image[1], np.uint8([0, 5, 50, 50]))
    np.testing.assert_array_equal(image[2], np.uint8([20, 20, 100, 100]))
    assert large[0] and large[1] == large[2] == 2000000000


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int16, np.int32, np.int64])
def test_integer_comparisons_over_the_whole_range_agree_with_numpy(dtype):
    """The whole range of every dtype of at most 32 bits; int64 within +-2**62, where its own difference cannot
    wrap (64-bit integers compare by it: float64 would merge neighbours past 2**53, tests/test_compat_int64_order.py)."""
    info, rng = np.iinfo(dtype), np.random.default_rng(0)
    low, high = (int(info.min), int(info.max)) if dtype != np.int64 else (-2 ** 62, 2 ** 62)
    xs, ys = (rng.integers(low, high, 300, endpoint=True, dtype=np.int64).astype(dtype) for _ in range(2))
    a, b = tf.placeholder(tf.as_dtype(dtype), [None]), tf.placeholder(tf.as_dtype(dtype), [None])
    ops = {"gt": (a > b, np.greater), "ge": (a >= b, np.greater_equal), "lt": (a < b, np.less),
           "le": (a <= b, np.less_equal), "max": (tf.maximum(a, b), np.maximum), "min": (tf.minimum(a, b), np.minimum)}
    with tf.Session() as session:
        values = session.run({key: op for key, (op, _) in ops.items()}, {a: xs, b: ys})
    for key, (_, oracle) in ops.items():
        np.testing.assert_array_equal(values[key], oracle(xs, ys), err_msg=key)


def test_integer_minimum_and_smallest_entries_as_tf1():
    a = tf.placeholder(tf.int32, [3])
    u, rows = tf.placeholder(tf.uint8, [4]), tf.placeholder(tf.uint8, [None, 3])
    top = tf.nn.top_k(a, 3)
    with tf.Session() as session:
        int32 = session.run([tf.reduce_min(a), tf.argmin(a, 0), top.values, top.indices], {a: [5, -2147483648, -3]})
        uint8 = session.run([tf.reduce_min(u), tf.argmin(u, 0)], {u: [0, 5, 200, 3]})
        image = session.run([tf.reduce_min(rows, 1), tf.argmin(rows, 1), tf.reduce_min(rows, 0)],
                            {rows: [[0, 5, 200], [7, 0, 255], [9, 8, 7]]})
    assert int32[0] == -2147483648 and int32[1] == 1
    np.testing.assert_array_equal(int32[2], np.int32([5, -3, -2147483648]))
    np.testing.assert_array_equal(int32[3], [0, 2, 1])
    assert uint8 == [0, 0]
    np.testing.assert_array_equal(image[0], np.uint8([0, 0, 7]))
    np.testing.assert_array_equal(image[1], [0, 1, 2])
    np.testing.assert_array_equal(image[2], np.uint8([0, 0, 7]))

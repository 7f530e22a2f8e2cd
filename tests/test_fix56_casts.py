"""A ``tf.cast`` between integers and floats gives the dtype the rest of the graph is computed in (probe56).

P56-12: ``tf.cast(int32, tf.int64)`` was still computed in int32 (products wrapped, constants past int32 raised
NumPy's OverflowError); from a float, in the float.  P56-16: ``tf.cast(int32, tf.float32)`` was computed in the
program's float64 (``tf.cast(tf.cast(i, tf.float32) * 0.37, tf.int32)`` one less than TF1's float32 product),
and ``tf.cast(int32, tf.float64)`` in a float32 program in float32.  P56-14: one entry of an integer constant
cast to a float raised a bare AttributeError.

Literals marked "TF 2.21" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same
program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture

IDS = [100000, 70000, -3]
COUNTS = [691327, 938227, 1185127]  # float32 * 0.37 rounds up to the next integer; float64 stays below it


def test_int32_widened_to_int64_multiplies_in_int64():
    i = tf.placeholder(tf.int32, [3])
    v = tf.Variable(np.array([100000, 70000], np.int32))
    wide = tf.cast(i, tf.int64)
    fetches = [wide * wide, tf.square(tf.to_int64(i)), tf.square(tf.cast(v, tf.int64)), tf.reduce_sum(wide * 100000)]
    products, squares, of_variable, total = run(fetches, {i: IDS})
    assert products.tolist() == squares.tolist() == [10000000000, 4900000000, 9]  # TF 2.21
    assert of_variable.tolist() == [10000000000, 4900000000]  # TF 2.21
    assert total == 16999700000 and products.dtype == np.int64  # TF 2.21


def test_int32_widened_to_int64_takes_constants_and_sums_past_int32():
    i = tf.placeholder(tf.int32, [None])
    shifted = run(tf.cast(i, tf.int64) * 2 ** 40, {i: [-1, 2, 3]})
    doubled = run(tf.cast(i, tf.int64) + tf.cast(i, tf.int64), {i: [2 ** 31 - 1]})
    assert shifted.tolist() == [-1099511627776, 2199023255552, 3298534883328]  # TF 2.21
    assert doubled.tolist() == [4294967294]  # TF 2.21


def test_scalars_booleans_and_floats_cast_to_int64():
    j = tf.placeholder(tf.int32, [])
    i = tf.placeholder(tf.int32, [2])
    f = tf.placeholder(tf.float32, [2])
    scalar, flags, from_float = run([tf.cast(j, tf.int64) * tf.cast(j, tf.int64), tf.cast(i > 0, tf.int64) * 2 ** 40,
                                     tf.square(tf.cast(f, tf.int64))], {j: 100000, i: [-1, 2], f: [1e5, 7e4]})
    assert scalar == 10000000000  # TF 2.21
    assert flags.tolist() == [0, 1099511627776]  # TF 2.21
    assert from_float.tolist() == [10000000000, 4900000000]  # TF 2.21 (float32's 4.9e9 is 4899999744)


def test_int32_cast_to_float32_computes_in_float32():
    i = tf.placeholder(tf.int32, [3])
    j = tf.placeholder(tf.int32, [])
    scaled = tf.cast(i, tf.float32) * 0.37
    buckets, above, one = run([tf.cast(scaled, tf.int32), tf.cast(scaled >= 255791., tf.int32),
                               tf.cast(tf.cast(j, tf.float32) * 0.37, tf.int32)], {i: COUNTS, j: COUNTS[0]})
    assert buckets.tolist() == [255791, 347144, 438497]  # TF 2.21
    assert above.tolist() == [1, 1, 1]  # TF 2.21
    assert one == 255791  # TF 2.21


def test_int32_cast_to_float32_rounds_to_float32():
    i = tf.placeholder(tf.int32, [2])
    constant = tf.cast(tf.constant([3, 7, 1]), tf.float32) / 10.
    same, tenths = run([tf.equal(tf.cast(i, tf.float32), 16777216.), tf.equal(constant, 0.3)], {i: [16777217, 3]})
    assert same.tolist() == [True, False]  # TF 2.21: float32 has no 16777217
    assert tenths.tolist() == [True, False, False]  # TF 2.21


def test_int32_cast_to_float64_keeps_every_digit_in_a_float32_program():
    i = tf.placeholder(tf.int32, [1])
    f = tf.placeholder(tf.float32, [1])
    difference = tf.cast(tf.cast(i, tf.float64) - 16777216., tf.float32)
    assert run(difference + f, {i: [16777217], f: [0.5]}).tolist() == [1.5]  # TF 2.21


def test_one_entry_of_an_integer_constant_cast_to_float():
    picked = run([tf.cast(tf.constant([0, 1, 2]), tf.float32)[1], tf.cast(tf.range(4), tf.float32)[2]])
    assert picked == [1.0, 2.0]  # TF 2.21


def test_an_integer_quotient_by_zero_widened_to_int64_is_still_an_error():
    i = tf.placeholder(tf.int32, [2])
    j = tf.placeholder(tf.int32, [2])
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):  # TF 2.21: the same
        run(tf.cast(i // j, tf.int64) * 2, {i: [3, 4], j: [0, 2]})


def test_narrow_integers_and_floats_widened_to_int64():
    u = tf.placeholder(tf.uint8, [3])
    b = tf.placeholder(tf.int8, [3])
    f = tf.placeholder(tf.float32, [3])
    pixels, squares, tripled = run([tf.cast(u, tf.int64) * 2 ** 40, tf.square(tf.cast(b, tf.int64)) * 2 ** 40,
                                    tf.cast(f, tf.int64) * 3], {u: [200, 3, 255], b: [-128, 5, 127], f: [1.5, -2.5, 3e9]})
    assert pixels.tolist() == [219902325555200, 3298534883328, 280375465082880]  # TF 2.21
    assert squares.tolist() == [18014398509481984, 27487790694400, 17734023044399104]  # TF 2.21
    assert tripled.tolist() == [3, -6, 9000000000]  # TF 2.21 (float32 arithmetic gave 8999999488)

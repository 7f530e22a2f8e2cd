"""Fed values converted as TF1 converts them (probe61 P61-3, P61-5): number strings parsed in lists, ``<U`` arrays
and object arrays alike, ``None`` read as nan for a float tensor, a Python int past 64 bits fed to a float tensor
as its float.  Expected values: TF 2.21 ``tf.compat.v1`` in graph mode (probe61 p13b_tf1str.py, p21_bigint.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("value", [
    [["1.5", "2", "3"]], [["1.5", 2.0, 3.0]], np.array([["1.5", "2", "3"]]),
    np.array([["1.5", "2", "3"]], dtype=object), [[b"1.5", b"2", b"3"]],
], ids=["list", "mixed list", "unicode array", "object array", "bytes"])
def test_number_strings_are_parsed_whatever_holds_them(value):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.Session() as session:
        assert session.run(tf.reduce_sum(x), {x: value}) == np.float32(6.5)  # TF 2.21: 6.5 for each


def test_none_is_nan_and_a_string_that_is_no_number_is_refused():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    total = tf.reduce_sum(x)
    with tf.Session() as session:
        assert np.isnan(session.run(total, {x: [[None, 2.0, 3.0]]}))  # TF 2.21: nan
        # TF 2.21: ValueError: could not convert string to float: 'abc'
        with pytest.raises(ValueError, match="could not convert string to float: 'abc'"):
            session.run(total, {x: np.array([["abc", 2.0, 3.0]], dtype=object)})


def test_python_int_past_64_bits_fed_to_a_float_placeholder():
    tf.reset_default_graph()
    s = tf.placeholder(tf.float32, [])
    v = tf.placeholder(tf.float64, [None])
    with tf.Session() as session:
        assert session.run(s * 1.0, {s: 2 ** 70}) == np.float32(1.1805916e+21)  # TF 2.21: 1.1805916e+21
        # TF 2.21: 1.8446744073709552e+19 and 1.1805916207174113e+21
        assert session.run(tf.reduce_sum(v), {v: [2 ** 64, 1]}) == np.float64(1.8446744073709552e+19)
        assert session.run(tf.reduce_sum(v), {v: np.array([2 ** 70, 1], dtype=object)}) == \
            np.float64(1.1805916207174113e+21)

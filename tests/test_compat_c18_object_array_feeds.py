"""A NumPy array of dtype ``object`` holding numbers (the numeric columns of a mixed table, ``np.array(rows,
dtype=object)[:, 1:]``) is fed as its numbers, as TF1 converts it (probe22 H13), where symopt refused it with a bare
``TypeError``.  Strings and ``None`` are converted as TF1 converts them: ``"1.5"`` parsed, ``None`` read as nan
(probe61 P61-3: they were refused, while a list of the same strings was parsed).

TF 2.21's ``tf.compat.v1`` in graph mode printed the values (/tmp/c18_h13.py of compat18's session); TensorFlow is
not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_numbers_held_as_objects_are_fed_as_numbers():
    table = np.array([["alice", 1, 2.5], ["bob", 3, 4.0]], dtype=object)
    x = tf.placeholder(tf.float32, [None, 2])
    i = tf.placeholder(tf.int32, [None])
    with tf.Session() as s:
        value = s.run(tf.reduce_sum(x, 1), {x: table[:, 1:]})
        assert value.dtype == np.float32
        np.testing.assert_array_equal(value, [3.5, 7.0])
        np.testing.assert_array_equal(s.run(i * 2, {i: np.array([1, 2], dtype=object)}), [2, 4])
        np.testing.assert_array_equal(s.run(x, {x: np.array([[True, 2.0]], dtype=object)}), [[1.0, 2.0]])
        np.testing.assert_array_equal(s.run(x, {x: np.array([[np.float32(1.5), np.int64(2)]], dtype=object)}),
                                      [[1.5, 2.0]])


@pytest.mark.parametrize("value, expected", [([["1.5", "2"]], [[1.5, 2.0]]), ([[None, 2.0]], [[np.nan, 2.0]])])
def test_strings_and_none_held_as_objects_convert_as_tf1(value, expected):
    x = tf.placeholder(tf.float32, [None, 2])
    with tf.Session() as s:  # TF 2.21: [[1.5, 2.]] and [[nan, 2.]], float32
        np.testing.assert_array_equal(s.run(x, {x: np.array(value, dtype=object)}), np.float32(expected))
    with tf.Session() as s:  # TF 2.21: ValueError: could not convert string to float: 'abc'
        with pytest.raises(ValueError, match="could not convert string to float: 'abc'"):
            s.run(x, {x: np.array([["abc", 2.0]], dtype=object)})

"""F44b-7: an integer ``tf.random_uniform`` with NumPy float bounds draws integers in the bounds TF1 casts them to
(fix70 refused them); a refused uniform (no maxval, a dtype TF1 does not draw) takes no name; an integer normal of
integer mean / stddev says what TF1 says."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def test_numpy_float_bounds_are_cast_as_tf1_casts_them():
    # TF 2.21 graph mode: the sets of values drawn (2000 each): [0, 1, 2, 3] and [1, 2], names random_uniform:0
    tf.reset_default_graph()
    a = tf.random_uniform([2000], 0, np.float64(4.5), dtype=tf.int32)
    b = tf.random_uniform([2000], np.float32(1.7), np.array(3.9), dtype=tf.int64)
    sess = tf.Session()
    assert sorted(set(sess.run(a).tolist())) == [0, 1, 2, 3]
    assert sorted(set(sess.run(b).tolist())) == [1, 2]
    assert (a.name, a.dtype, b.dtype) == ("random_uniform:0", tf.int32, tf.int64)


def test_python_float_bound_is_still_refused():
    tf.reset_default_graph()
    with pytest.raises(TypeError, match="Expected int32, but got 5.0 of type 'float'"):  # TF 2.21's text
        tf.random_uniform([2], 0, 5.0, dtype=tf.int32)


@pytest.mark.parametrize("refused, message", [
    (lambda: tf.random_uniform([2], dtype=tf.int32), "Must specify maxval for integer dtype tf.int32"),
    (lambda: tf.random_uniform([2], dtype=tf.bool), r"Argument `dtype` got invalid value <dtype: 'bool'>\. Accepted "
     r"dtypes are \(tf\.float16, tf\.bfloat16, tf\.float32, tf\.float64, tf\.int32, tf\.int64\)")])
def test_refused_uniform_takes_no_name(refused, message):
    # TF 2.21 (review final44b s/rnd.py): ValueError, and the next uniform is random_uniform/...:0
    tf.reset_default_graph()
    with pytest.raises(ValueError, match=message):
        refused()
    assert tf.random_uniform([2], 0, 4, dtype=tf.int32).name == "random_uniform:0"


def test_integer_normal_of_integer_moments_is_tf1s_message():
    tf.reset_default_graph()
    with pytest.raises(TypeError, match="Value passed to parameter 'dtype' has DataType int32 not in list of allowed "
                                        "values: float16, bfloat16, float32, float64"):  # TF 2.21's text
        tf.random_normal([2], mean=0, stddev=1, dtype=tf.int32)

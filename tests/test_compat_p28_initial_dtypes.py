"""An initial value of another dtype than a variable's declared one is refused as TF1 refuses it (probe28 P28-8).

``tf.Variable(5.7, dtype=tf.int32)`` was 5 (NumPy's truncation), ``tf.get_variable('q', initializer=1.5,
dtype=tf.int32)`` 1, and ``tf.Variable(tf.ones([2]), dtype=tf.float64)`` converted the tensor.  Every expected
error below (class and words) was printed by TensorFlow 2.21's ``tf.compat.v1`` in a separate environment, and so
were the accepted values; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("value, first", [(5.7, "5.7"), ([1.5, 2.5], "1.5"), (2.0, "2.0")])
def test_a_python_float_for_an_integer_variable_is_tf1s_type_error(value, first):
    with pytest.raises(TypeError, match=rf"^Expected int32, but got {first} of type 'float'\."):
        tf.Variable(value, dtype=tf.int32)
    assert tf.global_variables() == []  # nothing made


def test_a_tensor_of_another_dtype_is_tf1s_value_error():
    with pytest.raises(ValueError, match=r"^initial_value: Tensor conversion requested dtype float64 for Tensor with "
                                         r"dtype float32: <tf.Tensor 'ones:0' shape=\(2,\) dtype=float32>"):
        tf.Variable(tf.ones([2]), dtype=tf.float64)


@pytest.mark.parametrize("name, initializer, dtype, given", [
    ("q", 1.5, tf.int32, "float32"), ("q1", 1, tf.float32, "int32"), ("q2", np.zeros(2), tf.float32, "float64"),
    ("q4", 1.5, tf.float64, "float32")])
def test_get_variable_compares_the_initializers_own_dtype(name, initializer, dtype, given):
    with pytest.raises(ValueError, match=rf"^Initializer type '<dtype: '{given}'>' and explicit dtype "
                                         rf"'<dtype: '{dtype.name}'>' don't match\."):
        tf.get_variable(name, initializer=initializer, dtype=dtype)


def test_what_tf1_converts_still_converts():
    values = [tf.Variable(np.array([1.5]), dtype=tf.int32), tf.Variable(np.float32(1.5), dtype=tf.int32),
              tf.Variable(5, dtype=tf.float32), tf.Variable(np.array([1.5, 2.]), dtype=tf.float32),
              tf.Variable(tf.ones([2]), dtype=tf.float32), tf.get_variable("q5", initializer=1.5)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(values)
    assert [np.asarray(v).tolist() for v in got] == [[1], 1, 5.0, [1.5, 2.0], [1.0, 1.0], 1.5]  # TF 2.21
    assert [np.asarray(v).dtype.name for v in got] == ["int32", "int32", "float32", "float32", "float32", "float32"]

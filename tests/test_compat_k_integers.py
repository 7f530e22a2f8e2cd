"""Integer tensors as TF1 treats them (probes K4, K5): integer tensors divided by integer tensors (true division to
float64, floor division and modulo to integers) instead of NumPy's raw ValueError, and float functions of integer
tensors refused with TF1's TypeError at graph construction instead of computing in integers.  Expected values come
from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _same(got, expected, dtype):
    got = np.asarray(got)
    assert got.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(got, np.asarray(expected, dtype=dtype))


def test_integer_tensors_divided_by_integer_tensors():
    I, J = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.int32, [None])
    fd = {I: np.array([3, -7, 0], np.int32), J: np.array([2, 2, 5], np.int32)}
    s = tf.Session()
    # TF 2.21's tf.compat.v1 values and dtypes
    for quotient in (I / J, tf.divide(I, J), tf.truediv(I, J)):
        _same(s.run(quotient, fd), [1.5, -3.5, 0.0], "float64")
    with np.errstate(all="ignore"):
        _same(s.run(I / I, fd), [1.0, 1.0, np.nan], "float64")
    for floored in (tf.div(I, J), I // J, tf.floordiv(I, J)):
        _same(s.run(floored, fd), [1, -4, 0], "int32")
    _same(s.run(tf.truncatediv(I, J), fd), [1, -3, 0], "int32")
    _same(s.run(I % J, fd), [1, 1, 0], "int32")
    _same(s.run(tf.floormod(I, J), fd), [1, 1, 0], "int32")
    _same(s.run(7 // J, fd), [3, 3, 1], "int32")
    _same(s.run(10 / J, fd), [5.0, 5.0, 2.0], "float64")
    a, b = tf.placeholder(tf.int64, []), tf.placeholder(tf.int64, [])
    _same(s.run(a / b, {a: 7, b: 2}), 3.5, "float64")
    _same(s.run(a // b, {a: -7, b: 2}), -4, "int64")
    _same(s.run(a % b, {a: -7, b: 2}), 1, "int64")
    big = tf.placeholder(tf.int32, [None])
    fb = {big: np.array([2147483647, -2147483647, 123456789], np.int32), J: np.array([3, 7, -10], np.int32)}
    _same(s.run(big // J, fb), [715827882, -306783379, -12345679], "int32")
    _same(s.run(big % J, fb), [1, 6, -1], "int32")


def test_accuracy_counters_and_integer_division_by_zero():
    correct, total = tf.Variable(0), tf.Variable(0)
    update = tf.group(tf.assign_add(correct, 7), tf.assign_add(total, 9))
    s = tf.Session()
    s.run(tf.global_variables_initializer())
    s.run(update)
    _same(s.run(correct / total), 0.7777777777777778, "float64")  # TF 2.21
    I, J = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.int32, [None])
    zero = {I: np.array([3, 1], np.int32), J: np.array([0, 1], np.int32)}
    with np.errstate(all="ignore"), pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        s.run(I // J, zero)  # TF1: InvalidArgumentError too
    with np.errstate(all="ignore"), pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        s.run(tf.reduce_sum(I % J), zero)
    with np.errstate(all="ignore"):  # a NaN cast to an integer is no division: TF 2.21 gives [2, -2147483648, 15, 31]
        root = s.run(tf.cast(tf.sqrt(tf.cast(I, tf.float32)), tf.int32), {I: np.int32([7, -3, 250, 1000])})
    assert root.dtype == np.int32 and root[[0, 2, 3]].tolist() == [2, 15, 31]


@pytest.mark.parametrize("name", ["sqrt", "exp", "log", "sigmoid", "tanh", "sin", "floor", "ceil", "rsqrt", "log1p",
                                  "expm1", "erf", "reciprocal", "softplus"])
def test_float_functions_of_integer_tensors_raise_tf1s_type_error(name):
    I = tf.placeholder(tf.int32, [None])
    with pytest.raises(TypeError, match="parameter 'x' has DataType int32 not in list of allowed values"):
        getattr(tf, name)(I)


def test_integer_functions_and_nn_ops():
    I = tf.placeholder(tf.int32, [None])
    fd = {I: np.array([3, -2, 0], np.int32)}
    s = tf.Session()
    # TF 2.21: these take integers
    _same(s.run(tf.abs(I), fd), [3, 2, 0], "int32")
    _same(s.run(tf.square(I), fd), [9, 4, 0], "int32")
    _same(s.run(tf.sign(I), fd), [1, -1, 0], "int32")
    _same(s.run(tf.nn.relu(I), fd), [3, 0, 0], "int32")
    assert tf.nn.leaky_relu(I).dtype == tf.float32  # TF1 casts integer features to float32
    _same(s.run(tf.nn.leaky_relu(I), fd), [3.0, -0.4, 0.0], "float32")
    for op, parameter in ((tf.nn.elu, "features"), (tf.nn.softmax, "logits"), (tf.nn.log_softmax, "logits"),
                          (tf.nn.l2_loss, "t")):
        with pytest.raises(TypeError, match=f"parameter '{parameter}' has DataType int32"):
            op(I)

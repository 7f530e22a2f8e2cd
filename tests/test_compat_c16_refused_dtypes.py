"""What TF1 refuses for its dtypes is refused here too, typed, when the graph is built (probe18 G12): ``tf.one_hot``
of float labels (a fractional label gave an all-zero row), ``tf.realdiv`` of integers (no kernel in TF1), and
``-u`` / ``tf.abs(u)`` / ``tf.sign(u)`` of an unsigned ``u`` (no kernel; ``-u`` of uint8 3 gave 253).

The messages' first sentences are TensorFlow 2.21's ``tf.compat.v1`` (graph mode; /tmp/c16/rd.py and tfneg.py of
compat16's session); TF1 raises the realdiv one when run, symopt when the graph is built.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("dtype", ["float32", "float64", "int16", "uint16", "bool"])
def test_one_hot_of_indices_tf1_does_not_take_is_its_type_error(dtype):
    labels = tf.placeholder(tf.as_dtype(dtype), [None])
    with pytest.raises(TypeError, match=f"Value passed to parameter 'indices' has DataType {dtype} not in list of "
                                        "allowed values: uint8, int8, int32, int64"):
        tf.one_hot(labels, 3)


@pytest.mark.parametrize("dtype", ["uint8", "int8", "int32", "int64"])
def test_one_hot_of_integer_indices(dtype):
    labels = tf.placeholder(tf.as_dtype(dtype), [None])
    with tf.Session() as sess:
        assert sess.run(tf.one_hot(labels, 3), {labels: [0, 2]}).tolist() == [[1, 0, 0], [0, 0, 1]]


def test_realdiv_of_integers_is_tf1s_missing_kernel():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"No OpKernel was registered to support Op 'RealDiv' "
                                                             r"used by \{\{node RealDiv\}\} with these attrs: "
                                                             r"\[T=DT_INT32\]"):
        tf.realdiv(tf.constant([7, -7]), tf.constant([2, 2]))
    with tf.Session() as sess:
        assert sess.run(tf.realdiv(tf.constant([7.0, -7.0]), 2.0)).tolist() == [3.5, -3.5]
        assert sess.run(tf.truediv(tf.constant([7, -7]), tf.constant([2, 2]))).tolist() == [3.5, -3.5]


#: TF1's op type -> the function, and the dtypes its kernel takes (TF 2.21's TypeError lists them).
SIGNED = {
    "Neg": (lambda u: -u, "bfloat16, float16, float32, float64, int8, int16, int32, int64, complex64, complex128"),
    "Sign": (tf.sign, "bfloat16, float16, float32, float64, int8, int16, int32, int64, complex64, complex128"),
    "Abs": (tf.abs, "bfloat16, float16, float32, float64, int8, int16, int32, int64"),
}


@pytest.mark.parametrize("dtype", ["uint8", "uint16"])
@pytest.mark.parametrize("op", sorted(SIGNED))
def test_sign_ops_of_unsigned_integers_are_tf1s_type_error(op, dtype):
    function, allowed = SIGNED[op]
    u = tf.placeholder(tf.as_dtype(dtype), [None])
    with pytest.raises(TypeError, match=f"Value passed to parameter 'x' has DataType {dtype} not in list of allowed "
                                        f"values: {allowed}"):
        function(u)


#: Python operator on two bool tensors -> the dtypes TF 2.21's TypeError lists (/tmp/c16/bool.py).
BOOL_REFUSED = {
    "add": (lambda b: b + b, "bfloat16, float16, float32, float64, uint8, uint16, uint32, uint64, int8, int16, "
                             "int32, int64, complex64, complex128"),
    "sub": (lambda b: b - b, "bfloat16, float16, float32, float64, uint8, int8, uint16, int16, int32, int64, "
                             "complex64, complex128, uint32, uint64"),
    "floordiv": (lambda b: b // b, "bfloat16, float16, float32, float64, uint8, int8, uint16, int16, int32, uint32, "
                                   "uint64, int64, complex64, complex128"),
    "mod": (lambda b: b % b, "int8, int16, int32, int64, uint8, uint16, uint32, uint64, bfloat16, float16, float32, "
                             "float64"),
    "pow": (lambda b: b ** b, "bfloat16, float32, float16, float64, int8, int16, int32, int64, complex64, complex128"),
    "neg": (lambda b: -b, "bfloat16, float16, float32, float64, int8, int16, int32, int64, complex64, complex128"),
}


@pytest.mark.parametrize("op", sorted(BOOL_REFUSED))
def test_arithmetic_on_bool_tensors_is_tf1s_type_error(op):
    function, allowed = BOOL_REFUSED[op]
    with pytest.raises(TypeError, match=f"has DataType bool not in list of allowed values: {allowed}"):
        function(tf.constant([True, False]))


def test_a_product_of_bools_and_the_logical_ops_run_as_tf1():
    b = tf.constant([True, False])
    with tf.Session() as sess:  # TF 2.21: a bool product is its logical and
        assert sess.run(b * b).tolist() == [True, False]
        assert sess.run(tf.logical_or(b, tf.logical_not(b))).tolist() == [True, True]


#: a NumPy value of labels -> TF 2.21's one-hot of it (depth 3): TF1 converts a NumPy array (not a tensor, not a Python
#: list) to int64, truncating toward zero (review6 R6-7; /tmp/c16/r67.py of compat16's session).
NUMPY_LABELS = {
    "float64": (np.array([1.0, 0.0, 2.0]), [[0, 1, 0], [1, 0, 0], [0, 0, 1]]),
    "fractions": (np.array([1.7, 0.2, -0.5]), [[0, 1, 0], [1, 0, 0], [1, 0, 0]]),
    "int16": (np.array([1, 2], np.int16), [[0, 1, 0], [0, 0, 1]]),
    "uint16": (np.array([1, 2], np.uint16), [[0, 1, 0], [0, 0, 1]]),
    "bool": (np.array([True, False]), [[0, 1, 0], [1, 0, 0]]),
    "float32": (np.array([1.0, 2.0], np.float32), [[0, 1, 0], [0, 0, 1]]),
    "scalar": (np.float64(2.0), [0, 0, 1]),
}


@pytest.mark.parametrize("case", sorted(NUMPY_LABELS))
def test_one_hot_of_a_numpy_array_truncates_it_to_int64_as_tf1(case):
    labels, expected = NUMPY_LABELS[case]
    one_hot = tf.one_hot(labels, 3)
    assert one_hot.dtype == tf.float32
    with tf.Session() as sess:
        assert sess.run(one_hot).tolist() == expected


@pytest.mark.parametrize("labels", [[1.0, 2.0], 2.0])
def test_one_hot_of_python_floats_is_tf1s_type_error(labels):
    with pytest.raises(TypeError, match="has DataType float32 not in list of allowed values: uint8, int8, int32, int64"):
        tf.one_hot(labels, 3)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16"])
def test_squared_difference_of_small_integers_is_tf1s_type_error(dtype):
    u = tf.placeholder(tf.as_dtype(dtype), [2])
    with pytest.raises(TypeError, match=f"has DataType {dtype} not in list of allowed values: bfloat16, float16, "
                                        "float32, float64, int32, int64, complex64, complex128"):
        tf.math.squared_difference(u, u)

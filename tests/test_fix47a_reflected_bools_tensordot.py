"""46b-8: a reflected operator converts its Python value strictly to a bool tensor's dtype (``3. * b`` is TF 2.21's
``TypeError: Expected bool, but got 3.0 of type 'float'.``, where ``b * 3.`` is its logical and); ``tf.tensordot``
builds a MatMul whatever its axes, so it takes MatMul's dtypes (int8 / int16 / bool: TypeError naming 'a'; unsigned
integers: no CPU kernel, InvalidArgumentError).  Expected values and messages: TF 2.21 tf.compat.v1 in graph mode."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

VALUES = np.array([1., -1., 2., 3.], np.float32)

# TF 2.21: each raises TypeError "Expected bool, but got <first non-bool item> of type '<its type>'."
REFUSED = {
    "3. * b": (lambda b: 3. * b, "3.0 of type 'float'"),
    "3 * b": (lambda b: 3 * b, "3 of type 'int'"),
    "0. * b": (lambda b: 0. * b, "0.0 of type 'float'"),
    "[True, 1., True, True] * b": (lambda b: [True, 1., True, True] * b, "1.0 of type 'float'"),
    "3. + b": (lambda b: 3. + b, "3.0 of type 'float'"),
    "3. - b": (lambda b: 3. - b, "3.0 of type 'float'"),
    "3. / b": (lambda b: 3. / b, "3.0 of type 'float'"),
    "3. ** b": (lambda b: 3. ** b, "3.0 of type 'float'"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
@pytest.mark.parametrize("shaped", [True, False])
def test_number_left_of_bool_tensor_is_tf1_type_error(case, shaped):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [4] if shaped else None)
    build, given = REFUSED[case]
    with pytest.raises(TypeError, match=f"Expected bool, but got {given}") as caught:
        build(x > 0.)
    assert "tf.cast(" in str(caught.value)  # what to do


# TF 2.21's values for x fed [1, -1, 2, 3]: a bool (or bools) on the left converts, the tensor on the left is the
# logical and.
ACCEPTED = {
    "True * b": (lambda b: True * b, [True, False, True, True]),
    "b * 3.": (lambda b: b * 3., [True, False, True, True]),
    "[[True]] * b": (lambda b: [[True]] * b, [[True, False, True, True]]),
    "b * b": (lambda b: b * b, [True, False, True, True]),
    "np.float64(3.) * b": (lambda b: np.float64(3.) * b, [True, False, True, True]),  # final47a 47a-1: NumPy scalar
}


@pytest.mark.parametrize("operator", ["+", "-", "/"])
def test_numpy_scalar_left_of_bool_tensor_is_the_kernels_refusal(operator):
    # TF 2.21 (final47a 47a-1): "Value passed to parameter 'x' has DataType bool not in list of allowed values"
    tf.reset_default_graph()
    b = tf.placeholder(tf.float32, [4]) > 0.
    with pytest.raises(TypeError, match="has DataType bool not in list of allowed values"):
        {"+": lambda: np.float64(3.) + b, "-": lambda: np.float64(3.) - b, "/": lambda: np.float64(3.) / b}[operator]()


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_bools_left_of_bool_tensor_still_run(case):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [4])
    build, expected = ACCEPTED[case]
    with tf.Session() as session:
        value = session.run(build(x > 0.), {x: VALUES})
    assert value.dtype == np.bool_
    np.testing.assert_array_equal(value, expected)


MATRIX, VECTOR = np.array([[1, 0], [1, 1]]), np.array([1, 2, 3])
AXES = {"matrices, axes=2": (MATRIX, 2), "vectors, axes=1": (VECTOR, 1), "vectors, axes=0": (VECTOR, 0),
        "matrices, axes=1": (MATRIX, 1), "matrices, axes=[[0], [0]]": (MATRIX, [[0], [0]])}


@pytest.mark.parametrize("axes", sorted(AXES))
@pytest.mark.parametrize("dtype", ["int8", "int16", "bool"])
def test_tensordot_without_matmul_kernel_type_is_type_error(axes, dtype):
    tf.reset_default_graph()
    value, how = AXES[axes]
    t = tf.constant(value.astype(dtype))
    with pytest.raises(TypeError, match=f"parameter 'a' has DataType {dtype} not in list of allowed values"):
        tf.tensordot(t, t, how)


@pytest.mark.parametrize("axes", sorted(AXES))
@pytest.mark.parametrize("dtype", ["uint8", "uint16"])
def test_tensordot_of_unsigned_has_no_kernel(axes, dtype):
    tf.reset_default_graph()
    value, how = AXES[axes]
    t = tf.constant(value.astype(dtype))
    with pytest.raises(tf.errors.InvalidArgumentError, match="Tensordot/MatMul") as caught:
        tf.tensordot(t, t, how)
    assert "tf.cast(" in str(caught.value)


@pytest.mark.parametrize("dtype", ["uint8", "uint16"])  # (symopt has no uint32 / uint64)
def test_matmul_of_unsigned_has_no_kernel(dtype):
    tf.reset_default_graph()
    t = tf.constant(np.eye(2, dtype=dtype))
    with pytest.raises(tf.errors.InvalidArgumentError, match=f"DT_{dtype.upper()}"):
        tf.matmul(t, t)


# TF 2.21's values of tf.tensordot(t, t, axes) for the dtypes MatMul takes.
TENSORDOT_VALUES = {"matrices, axes=2": 3, "vectors, axes=1": 14, "vectors, axes=0": [[1, 2, 3], [2, 4, 6], [3, 6, 9]],
                    "matrices, axes=1": [[1, 0], [2, 1]], "matrices, axes=[[0], [0]]": [[2, 1], [1, 1]]}


@pytest.mark.parametrize("axes", sorted(AXES))
@pytest.mark.parametrize("dtype", ["int32", "int64", "float16", "float32"])
def test_tensordot_of_matmul_dtypes_still_runs(axes, dtype):
    tf.reset_default_graph()
    value, how = AXES[axes]
    t = tf.constant(value.astype(dtype))
    with tf.Session() as session:
        result = np.asarray(session.run(tf.tensordot(t, t, how)))
    assert result.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(result, TENSORDOT_VALUES[axes])


def test_tensordot_dtype_mismatch_comes_before_the_kernel():
    # TF 2.21 (final47a 47a-8): "Input 'b' of 'MatMul' Op has type int32 that does not match type uint8 of argument 'a'."
    tf.reset_default_graph()
    with pytest.raises(TypeError, match="Input 'b' of 'MatMul' Op has type int32 that does not match type uint8 of "
                                        "argument 'a'"):
        tf.tensordot(tf.placeholder(tf.uint8, [None, 2]), [1, 2], 1)


# final47a 47a-6: tf.equal / tf.not_equal take bools, and convert a Python y beside a bool x strictly (TF 2.21's
# messages); a bool and a NumPy scalar convert (TF 2.21: [True, False])
@pytest.mark.parametrize("build, op, given, item", [
    (lambda b: tf.equal(b, 1), "Equal", "1 of type 'int'", "1 of type 'int'"),
    (lambda b: tf.not_equal(b, 0.), "NotEqual", "0.0 of type 'float'", "0.0 of type 'float'"),
    (lambda b: tf.equal(b, [True, 1]), "Equal", r"\[True, 1\] of type 'list'", "1 of type 'int'")])
def test_equal_of_bool_tensor_and_number_is_tf1_type_error(build, op, given, item):
    tf.reset_default_graph()
    b = tf.constant([1., -1.]) > 0.
    with pytest.raises(TypeError, match=f"Expected bool passed to parameter 'y' of op '{op}', got {given} instead. "
                                        f"Error: Expected bool, but got {item}"):
        build(b)


def test_equal_of_bool_tensor_and_bool_still_runs():
    tf.reset_default_graph()
    b = tf.constant([1., -1.]) > 0.
    with tf.Session() as session:
        assert session.run(tf.equal(b, True)).tolist() == [True, False]
        assert session.run(tf.equal(b, np.float64(1.))).tolist() == [True, False]

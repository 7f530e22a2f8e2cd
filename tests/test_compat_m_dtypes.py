"""TF1's dtype refusals at graph construction (probe K24): sums, means, products and extrema of a bool tensor, tf.equal
of two dtypes, a Python float with an integer tensor.  TF1 raises TypeError for each; symopt used to compute (a sum
of a bool mask gave True instead of a count).  Expected behaviour from TF 2.21's tf.compat.v1 (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


@pytest.mark.parametrize("reduce", [tf.reduce_sum, tf.reduce_mean, tf.reduce_max, tf.reduce_min])
def test_reducing_a_bool_tensor_is_a_type_error(reduce):
    X = tf.placeholder(tf.float32, [None, 2])
    # TF 2.21: TypeError "Value passed to parameter 'input' has DataType bool not in list of allowed values: ..."
    with pytest.raises(TypeError, match="DataType bool not in list of allowed values"):
        reduce(X > 0)
    with pytest.raises(TypeError, match="DataType bool not in list of allowed values"):
        reduce(X > 0, axis=1)


def test_reduce_prod_of_bool_is_a_type_error_and_the_cast_counts():
    with pytest.raises(TypeError, match="DataType bool"):  # TF 2.21: TypeError
        tf.reduce_prod(tf.constant([True, False]))
    X = tf.placeholder(tf.float32, [None, 2])
    count = tf.reduce_sum(tf.cast(X > 0, tf.float32))
    assert tf.Session().run(count, {X: [[1, 2], [3, -1]]}) == 3.0  # TF 2.21: 3.0


def test_equal_of_two_dtypes_is_a_type_error():
    X = tf.placeholder(tf.float32, [None, 2])
    labels32 = tf.placeholder(tf.int32, [None])
    labels64 = tf.placeholder(tf.int64, [None])
    # TF 2.21: "Input 'y' of 'Equal' Op has type int32 that does not match type int64 of argument 'x'."
    with pytest.raises(TypeError, match="Input 'y' of 'Equal' Op has type int32 that does not match type int64"):
        tf.equal(tf.argmax(X, 1), labels32)
    with pytest.raises(TypeError, match="type int32 that does not match type float32"):
        tf.equal(X, tf.constant([[1, 2]], tf.int32))
    correct = tf.equal(tf.argmax(X, 1), labels64)  # TF 2.21: fine, bool
    assert correct.dtype == tf.bool
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
    assert tf.Session().run(accuracy, {X: [[1, 2], [3, -1]], labels64: [1, 1]}) == 0.5  # TF 2.21: 0.5
    assert tf.equal(X > 0, True).dtype == tf.bool  # TF 2.21: fine


def test_python_float_with_an_integer_tensor_is_a_type_error():
    I = tf.placeholder(tf.int32, [None])
    for build in (lambda: I * 2.0, lambda: tf.equal(I, 2.0), lambda: tf.maximum(I, 0.0),
                  lambda: tf.constant(2.0, tf.int32), lambda: tf.constant([1.0, 2.0], tf.int32)):
        with pytest.raises(TypeError, match="Expected int32"):  # TF 2.21: "Expected int32, but got 2.0 of type 'float'"
            build()
    doubled = I * 2  # TF 2.21: int32
    np.testing.assert_array_equal(tf.Session().run(doubled, {I: [1, 2]}), [2, 4])
    assert (I * np.float32(2)).dtype == tf.int32  # TF 2.21: a NumPy float is converted (int32)

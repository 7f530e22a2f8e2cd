"""Values TF1 refuses when it converts them to a tensor, refused alike (probe13 W8 rest, review4 Q6, Q9), and the
Python ints a float tensor takes:

- ``tf.assign(w, "1.5")`` (a ``Decimal``, a complex number): TF1's ``TypeError``; symopt parsed the string and stored
  1.5 (a complex number was Python's raw ``float()`` error);
- ``y + 2**64`` of an int64 tensor: TF1's ``OverflowError``; symopt said "a string, Decimal or complex number is
  no number" (and ``tf.constant(2**64)`` "only a single string is supported as a string tensor");
- ``x + 2**70`` of a float32 tensor: TF1 converts the int; symopt refused it as no number;
- ``tf.constant([[1.0, None]])``, ``tf.constant(np.array([1.0, None]))``: None values; symopt said "only a single
  string is supported as a string tensor".

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

from decimal import Decimal

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import SymoptError
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("value, shown", [("1.5", "'1.5' of type 'str'"),
                                          (Decimal("1.5"), "Decimal('1.5') of type 'Decimal'"),
                                          (1j, "1j of type 'complex'")])
def test_assigning_a_string_decimal_or_complex_number_is_tf1s_type_error(value, shown):
    w = tf.Variable(0.5)
    # TF 2.21 tf.compat.v1: "Expected float32 passed to parameter 'value' of op 'Assign', got '1.5' of type 'str'
    # instead. Error: Expected float32, but got 1.5 of type 'str'."
    message = f"Expected float32 passed to parameter 'value' of op 'Assign', got {shown} instead"
    for assign in (lambda: tf.assign(w, value), lambda: w.assign(value)):
        with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
            assign()
        assert isinstance(caught.value, SymoptError)
    counter = tf.Variable(3)
    with pytest.raises(TypeError, match="Expected int32 passed to parameter 'value' of op 'Assign', got '2'"):
        tf.assign(counter, "2")
    assert run(w) == np.float32(0.5)  # nothing was made that changes w


@pytest.mark.parametrize("build", [lambda y: y + 2 ** 64, lambda y: y - (-2 ** 63 - 1), lambda y: y * 10 ** 30,
                                   lambda y: tf.constant(2 ** 64, tf.int64), lambda y: tf.constant(2 ** 64),
                                   lambda y: tf.constant([1, 2 ** 64], tf.int64)])
def test_a_python_int_past_64_bits_is_tf1s_overflow_error(build):
    y = tf.placeholder(tf.int64, [2])
    # TF 2.21 tf.compat.v1: "OverflowError: Python int too large to convert to C long" (tf.constant(2**64) without a
    # dtype: TypeError "Failed to convert elements of 18446744073709551616 to Tensor.")
    with pytest.raises(OverflowError, match="Python int too large to convert to C long: .* outside the 64-bit "
                                            r"integers TF1 converts \[-2\*\*63, 2\*\*64 - 1\]"):
        build(y)


def test_64_bit_ints_at_the_edges_convert_as_tf1():
    y = tf.placeholder(tf.int64, [2])
    # TF 2.21 tf.compat.v1: 2**63 wraps to -2**63
    assert run(y + 2 ** 63, {y: [1, 2]}).tolist() == [-9223372036854775807, -9223372036854775806]
    assert run(tf.constant(-2 ** 63, tf.int64)) == -2 ** 63


def test_a_float_tensor_takes_python_ints_past_64_bits():
    x = tf.placeholder(tf.float32, [2])
    d = tf.placeholder(tf.float64, [2])
    with tf.Session() as sess:
        values = sess.run([x + 2 ** 70, d * 10 ** 30, tf.constant(10 ** 30, tf.float32), x * [1, 2 ** 70]],
                          {x: [1., 2.], d: [1., 2.]})
    # TF 2.21 tf.compat.v1: [1.1805916e+21 1.1805916e+21], [1.e+30 2.e+30], 1e+30, [1.0000000e+00 2.3611832e+21]
    np.testing.assert_array_equal(values[0], np.float32([2 ** 70, 2 ** 70]))
    np.testing.assert_array_equal(values[1], np.float64([1e30, 2e30]))
    assert values[2] == np.float32(1e30)
    np.testing.assert_array_equal(values[3], np.float32([1, 2 ** 71]))


@pytest.mark.parametrize("value", [[[1.0, None]], [[1.0], [None]], np.array([1.0, None]), np.array([[1.0, None]])])
def test_a_none_at_any_depth_is_named(value):
    # TF 2.21 tf.compat.v1: TypeError "Failed to convert elements of [[1.0, None]] to Tensor." (object arrays:
    # "Expected binary or unicode string, got 1.0"); symopt names the None, as for tf.constant([1.0, None])
    with pytest.raises(ValueError, match="None values not supported"):
        tf.constant(value)
    with pytest.raises(ValueError, match="None values not supported"):
        tf.convert_to_tensor(value)

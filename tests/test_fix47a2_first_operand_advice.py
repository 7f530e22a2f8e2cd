"""final47a2 47a2-9: the advice after TF1's message for a Python or NumPy value given first whose own dtype is not
the tensor's: no 'np.string(...)' (NumPy has none: a Python str), 'an int32', no operator for tf.equal /
tf.maximum (TF1's ``1 == t`` is Python's identity, and tf.maximum has none), a list example for a list.  TF 2.21's
own message (tf.compat.v1, graph mode) opens each."""

import pytest

import symopt.compat.v1 as tf


def _message(make) -> str:
    tf.reset_default_graph()
    with pytest.raises(TypeError) as error:
        make()
    return str(error.value)


def test_string_tensor_advice_is_a_python_str():
    message = _message(lambda: tf.equal(1, tf.constant("a")))
    assert message.startswith("Input 'y' of 'Equal' Op has type string that does not match type int32 of argument "
                              "'x'.")  # TF 2.21
    assert "np.string" not in message and "a Python str" in message
    assert "operator" not in message


def test_int32_advice_has_an_and_no_operator_for_maximum():
    message = _message(lambda: tf.maximum(1.5, tf.constant([1, 2])))
    assert message.startswith("Input 'y' of 'Maximum' Op has type int32 that does not match type float32 of "
                              "argument 'x'.")  # TF 2.21
    assert "as an int32 value" in message and "operator" not in message


def test_list_advice_for_where():
    message = _message(lambda: tf.where(tf.constant([True, False]), [1, 2], tf.constant([1., 2.])))
    assert message.startswith("Input 'e' of 'Select' Op has type float32 that does not match type int32 of argument "
                              "'t'.")  # TF 2.21
    assert "np.array([...], np.float32) or a list of Python floats" in message


def test_arithmetic_keeps_the_operator_advice():
    message = _message(lambda: tf.multiply(3, tf.constant([1., 2.])))
    assert message.startswith("Input 'y' of 'Mul' Op has type float32 that does not match type int32 of argument "
                              "'x'.")  # TF 2.21
    assert "write the operator, 3 * x" in message


def test_uint8_advice_has_a():
    """final47a3 47a3-7: the advice read "give it as an uint8 value"."""
    import numpy as np

    message = _message(lambda: tf.add(np.array([1., 2.]), tf.placeholder(tf.uint8, [2])))
    assert message.startswith("Input 'y' of 'AddV2' Op has type uint8 that does not match type float64 of argument "
                              "'x'.")  # TF 2.21
    assert "as a uint8 value" in message and "an uint8" not in message

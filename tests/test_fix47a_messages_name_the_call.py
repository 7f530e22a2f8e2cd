"""probe86 P86-7: a refusal names the function the program called: ``tf.contrib.layers.flatten`` of a placeholder of
unknown rank (it said "tf.layers.flatten of ..."), and a SymPy number given to ``tf.fill`` (it said "tf.constant
expects ... a number" of a number), whose message now leads with what to do."""

import pytest
import sympy

import symopt.compat.v1 as tf


@pytest.mark.parametrize("function, build", [("tf.contrib.layers.flatten", lambda x: tf.contrib.layers.flatten(x)),
                                             ("tf.layers.flatten", lambda x: tf.layers.flatten(x))])
def test_flatten_refusal_names_the_function_called(function, build):
    tf.reset_default_graph()
    with pytest.raises(tf.errors.UnsupportedOperationError) as caught:
        build(tf.placeholder(tf.float32))
    message = str(caught.value)
    assert message.startswith(f"{function} of Placeholder:0, whose rank is unknown")
    assert "give it a shape" in message


@pytest.mark.parametrize("build", [lambda: tf.fill([2], sympy.Float(2.5)), lambda: tf.constant(sympy.Float(2.5))])
def test_sympy_number_refusal_says_what_to_give(build):
    # TF 2.21: TypeError "Failed to convert elements of 2.50000000000000 to Tensor. ..." (it names the value only)
    tf.reset_default_graph()
    with pytest.raises(TypeError) as caught:
        build()
    message = str(caught.value)
    assert message.startswith("Failed to convert elements of 2.50000000000000 to Tensor")
    assert "tf.constant expects" not in message and "float(2.50000000000000)" in message

"""final47a2 47a2-6: tf.nn.sigmoid_cross_entropy_with_logits refuses in TF1's order: uint8 logits with float labels
are its ``-logits`` (Neg) TypeError, built before ``logits * labels``; int32 logits with float labels are the Mul
mismatch (there was a 'logistic_loss' Op, which TF has not).  Messages: TF 2.21 (tf.compat.v1, graph mode)."""

import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("dtype, opening", [
    ("uint8", "Value passed to parameter 'x' has DataType uint8 not in list of allowed values: bfloat16, float16, "
              "float32, float64, int8, int16, int32, int64, complex64, complex128"),
    ("int32", "Input 'y' of 'Mul' Op has type float32 that does not match type int32 of argument 'x'."),
])
def test_sigmoid_cross_entropy_of_integer_logits_and_float_labels(dtype, opening):
    tf.reset_default_graph()
    with pytest.raises(TypeError) as error:
        tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant([1., 0.]),
                                                logits=tf.constant([1, 2], getattr(tf, dtype)))
    assert str(error.value).startswith(opening)

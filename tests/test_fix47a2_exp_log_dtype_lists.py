"""final47a2 47a2-10: tf.exp / tf.log of int32 (and the Exp inside weighted_cross_entropy_with_logits) name TF 2.21's
own list of the kernel's dtypes, the one the sigmoid cross entropy's check already prints, not "float16, float32,
float64".  Messages: TF 2.21 (tf.compat.v1, graph mode)."""

import pytest

import symopt.compat.v1 as tf

EXP_LOG = ("Value passed to parameter 'x' has DataType int32 not in list of allowed values: bfloat16, float16, "
           "float32, float64, complex64, complex128")


@pytest.mark.parametrize("function", [tf.exp, tf.log])
def test_exp_and_log_of_int32_name_tf_list(function):
    tf.reset_default_graph()
    with pytest.raises(TypeError) as error:
        function(tf.constant([1, 2]))
    assert str(error.value).startswith(EXP_LOG)

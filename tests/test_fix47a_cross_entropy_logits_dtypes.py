"""probe86 P86-1: cross-entropies of bool or integer logits are TF1's TypeError (they returned a bool True or a
negative / wrapped-around integer loss), and so are tf.diag and tf.nn.top_k of dtypes their kernels lack and
tf.nn.dropout of a tensor that is no float.  Messages and values: TF 2.21 (tf.compat.v1, graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

SOFTMAX_FEATURES = "float16, bfloat16, float32, float64"
# TF 2.21's list for sigmoid_cross_entropy_with_logits: the first op of its graph that refuses the dtype
SIGMOID_X = {"bool": "float32, float64, int32, uint8, int16, int8, int64, bfloat16, uint16, float16, uint32, uint64",
             "int32": "bfloat16, float16, float32, float64, complex64, complex128",
             "int64": "bfloat16, float16, float32, float64, complex64, complex128",
             "uint8": "bfloat16, float16, float32, float64, int8, int16, int32, int64, complex64, complex128"}

LOSSES = {
    "sigmoid": (lambda v: tf.nn.sigmoid_cross_entropy_with_logits(labels=v, logits=v), "x"),
    "softmax_v2": (lambda v: tf.nn.softmax_cross_entropy_with_logits_v2(v, v), "features"),
    "softmax": (lambda v: tf.nn.softmax_cross_entropy_with_logits(labels=v, logits=v), "features"),
    "sparse": (lambda v: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([0]), logits=v),
               "features"),
    "losses.sigmoid": (lambda v: tf.losses.sigmoid_cross_entropy(v, v), "x"),
    "losses.softmax": (lambda v: tf.losses.softmax_cross_entropy(v, v), "features"),
}


@pytest.mark.parametrize("loss", sorted(LOSSES))
@pytest.mark.parametrize("dtype", sorted(SIGMOID_X))
def test_logits_that_are_not_floats_are_tf1_type_error(loss, dtype):
    tf.reset_default_graph()
    build, parameter = LOSSES[loss]
    allowed = SIGMOID_X[dtype] if parameter == "x" else SOFTMAX_FEATURES
    logits = tf.constant(np.array([[1, 0, 1]]).astype(dtype))
    with pytest.raises(TypeError, match=f"parameter '{parameter}' has DataType {dtype} not in list of allowed values: "
                                        f"{allowed}") as caught:
        build(logits)
    assert "tf.cast(" in str(caught.value)


@pytest.mark.parametrize("shape", [[3], None])
def test_placeholder_logits_are_refused_when_built(shape):
    tf.reset_default_graph()
    logits = tf.placeholder(tf.bool, shape)
    with pytest.raises(TypeError, match="parameter 'x' has DataType bool"):
        tf.nn.sigmoid_cross_entropy_with_logits(labels=logits, logits=logits)


def test_float16_logits_still_run():
    # TF 2.21: [[0.3132, 0.6934, 0.3132]] and [1.724] (float16)
    tf.reset_default_graph()
    v = tf.constant(np.array([[1, 0, 1]], np.float16))
    with tf.Session() as session:
        sigmoid, softmax = session.run([tf.nn.sigmoid_cross_entropy_with_logits(labels=v, logits=v),
                                        tf.nn.softmax_cross_entropy_with_logits_v2(v, v)])
    assert sigmoid.dtype == np.float16 and softmax.dtype == np.float16
    np.testing.assert_array_equal(sigmoid, np.array([[0.313232421875, 0.693359375, 0.313232421875]], np.float16))
    np.testing.assert_array_equal(softmax, np.array([1.7236328125], np.float16))


@pytest.mark.parametrize("dtype", ["bool", "uint8"])
def test_diag_and_top_k_kernel_dtypes(dtype):
    tf.reset_default_graph()
    v = tf.constant(np.array([1, 0, 1]).astype(dtype))
    with pytest.raises(TypeError, match=f"parameter 'diagonal' has DataType {dtype}"):
        tf.diag(v)
    if dtype == "bool":
        with pytest.raises(TypeError, match="parameter 'input' has DataType bool"):
            tf.nn.top_k(v, 2)
    else:  # TF 2.21 takes uint8: [1, 1]
        with tf.Session() as session:
            assert session.run(tf.nn.top_k(v, 2).values).tolist() == [1, 1]


@pytest.mark.parametrize("dtype", ["bool", "int32", "uint8"])
@pytest.mark.parametrize("how", [{"rate": 0.}, {"rate": 0.5}, {"keep_prob": 1.0}])
def test_dropout_of_no_float_is_tf1_value_error(dtype, how):
    tf.reset_default_graph()
    with pytest.raises(ValueError, match=f"`x.dtype` must be a floating point tensor as `x` will be scaled. Received: "
                                         f"x_dtype=<dtype: '{dtype}'>"):
        tf.nn.dropout(tf.constant(np.array([1, 0, 1]).astype(dtype)), **how)

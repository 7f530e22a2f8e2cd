"""``tf.one_hot`` takes the dtype of ``on_value`` (else ``off_value``) where ``dtype=`` is not given, as TF1 does
(probe18 G7: ``tf.one_hot(labels, 3, 1, 0)`` was float32, so ``tf.reduce_mean`` of it gave fractions where TF1's
integer mean truncates, and a product with an int32 tensor was refused).

Every literal marked "TF 2.21" was printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same
program (/tmp/c16/oh.py of compat16's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import DTypeMismatchError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

LABELS = [0, 2, 5]  # 5 is out of range: a row of off_value

#: keyword arguments -> (dtype, value) printed by TF 2.21 for tf.one_hot(labels, 3, **kwargs), labels LABELS.
GOLDENS = {
    "int": (dict(on_value=1, off_value=0), "int32", [[1, 0, 0], [0, 0, 1], [0, 0, 0]]),
    "int_on": (dict(on_value=3), "int32", [[3, 0, 0], [0, 0, 3], [0, 0, 0]]),
    "int_off": (dict(off_value=-1), "int32", [[1, -1, -1], [-1, -1, 1], [-1, -1, -1]]),
    "float": (dict(on_value=1.0, off_value=0.0), "float32", [[1, 0, 0], [0, 0, 1], [0, 0, 0]]),
    "int_with_float_dtype": (dict(on_value=1, dtype=tf.float32), "float32", [[1, 0, 0], [0, 0, 1], [0, 0, 0]]),
    "bool": (dict(on_value=True, off_value=False), "bool", [[1, 0, 0], [0, 0, 1], [0, 0, 0]]),
    "bool_inverted": (dict(on_value=False, off_value=True), "bool", [[0, 1, 1], [1, 1, 0], [1, 1, 1]]),
    "int_float64_dtype": (dict(on_value=2, off_value=-1, dtype=tf.float64), "float64",
                          [[2, -1, -1], [-1, -1, 2], [-1, -1, -1]]),
    "numpy_float64": (dict(on_value=np.float64(1.0), off_value=np.float64(0.0)), "float64",
                      [[1, 0, 0], [0, 0, 1], [0, 0, 0]]),
    "int64_tensor": (dict(on_value="int64 tensor 2"), "int64", [[2, 0, 0], [0, 0, 2], [0, 0, 0]]),
    "int64_dtype": (dict(on_value=1, off_value=0, dtype=tf.int64), "int64", [[1, 0, 0], [0, 0, 1], [0, 0, 0]]),
    "uint8": (dict(on_value=np.uint8(255), off_value=np.uint8(0)), "uint8", [[255, 0, 0], [0, 0, 255], [0, 0, 0]]),
    "bool_with_float_dtype": (dict(on_value=True, dtype=tf.float32), "float32", [[1, 0, 0], [0, 0, 1], [0, 0, 0]]),
    "int32_dtype": (dict(dtype=tf.int32), "int32", [[1, 0, 0], [0, 0, 1], [0, 0, 0]]),
    "int32_extremes": (dict(on_value=2 ** 31 - 1, off_value=-2 ** 31), "int32",
                       [[2 ** 31 - 1, -2 ** 31, -2 ** 31], [-2 ** 31, -2 ** 31, 2 ** 31 - 1],
                        [-2 ** 31, -2 ** 31, -2 ** 31]]),
}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_one_hot_takes_on_values_dtype_as_tf1(case):
    kwargs, dtype, expected = GOLDENS[case]
    if kwargs.get("on_value") == "int64 tensor 2":
        kwargs = dict(on_value=tf.constant(2, tf.int64))
    labels = tf.placeholder(tf.int32, [None])
    one_hot = tf.one_hot(labels, 3, **kwargs)
    assert one_hot.dtype.name == dtype
    with tf.Session() as sess:
        value = sess.run(one_hot, {labels: LABELS})
    assert value.dtype == np.dtype(dtype)
    assert value.tolist() == np.array(expected, dtype=dtype).tolist()


def test_integer_one_hot_counts_in_integers_as_tf1():
    labels = tf.placeholder(tf.int32, [None])
    one_hot = tf.one_hot(labels, 3, 1, 0)
    feed = {labels: [0, 2, 2]}
    with tf.Session() as sess:  # TF 2.21
        assert sess.run(tf.reduce_mean(one_hot, 0), feed).tolist() == [0, 0, 0]
        assert sess.run(tf.reduce_sum(one_hot * tf.constant([1, 2, 3]), 1), feed).tolist() == [1, 3, 3]
        assert sess.run(tf.reduce_sum(one_hot, 0) // 2, feed).tolist() == [0, 0, 1]
        assert sess.run(tf.one_hot(2, 3, 1, 0)).tolist() == [0, 0, 1]
        assert sess.run(tf.one_hot(labels, 3, 5, 1, axis=0), {labels: LABELS}).tolist() == [[5, 1, 1], [1, 1, 1],
                                                                                     [1, 5, 1]]
    with pytest.raises(DTypeMismatchError, match="Input 'y' of 'Mul' Op has type float32 that does not match type "
                                                 "int32 of argument 'x'"):
        one_hot * tf.constant([1.5, 2.0, 3.0])


#: arguments -> TF 2.21's TypeError message.
REFUSED = {
    "mixed": (dict(on_value=1, off_value=0.0),
              "dtype <dtype: 'int32'> of on_value does not match dtype <dtype: 'float32'> of off_value"),
    "float_for_int_dtype": (dict(on_value=1.5, dtype=tf.int32),
                            "dtype <dtype: 'float32'> of on_value does not match dtype parameter <dtype: 'int32'>"),
    "bool_on_only": (dict(on_value=True), "Expected bool, but got 0 of type 'int'."),
    "bool_dtype_only": (dict(dtype=tf.bool), "Expected bool, but got 1 of type 'int'."),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_one_hot_values_of_other_dtypes_are_tf1s_type_error(case):
    kwargs, message = REFUSED[case]
    labels = tf.placeholder(tf.int32, [None])
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        tf.one_hot(labels, 3, **kwargs)

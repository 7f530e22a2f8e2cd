"""A Python or NumPy value given FIRST to a TF1 binary function is converted alone, to its own dtype, so
``tf.multiply(3, x)`` / ``tf.add(np.float64(0.1), x)`` with a float32 ``x`` are TF1's TypeError (probe11 U4: they
ran in float32).  The operators (``3 * x``) and a value given second convert to the tensor's dtype.  Messages from
TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def _x(dtype=None):
    tf.reset_default_graph()
    return tf.placeholder(dtype or tf.float32, [None])


@pytest.mark.parametrize("function, first, message", [
    (tf.multiply, 3, "Input 'y' of 'Mul' Op has type float32 that does not match type int32 of argument 'x'."),
    (tf.add, np.float64(0.1), "Input 'y' of 'AddV2' Op has type float32 that does not match type float64 of "
                              "argument 'x'."),
    (tf.subtract, np.float64(1.0), "Input 'y' of 'Sub' Op has type float32 that does not match type float64"),
    (tf.maximum, np.float64(0.1), "Input 'y' of 'Maximum' Op has type float32 that does not match type float64"),
    (tf.minimum, 0, "Input 'y' of 'Minimum' Op has type float32 that does not match type int32"),
    (tf.add, np.int64(1), "Input 'y' of 'AddV2' Op has type float32 that does not match type int64"),
    (tf.multiply, np.array([0.1, 0.2]), "Input 'y' of 'Mul' Op has type float32 that does not match type float64"),
    (tf.multiply, [1, 2], "Input 'y' of 'Mul' Op has type float32 that does not match type int32"),
    (tf.add, 2 ** 40, "Input 'y' of 'AddV2' Op has type float32 that does not match type int64"),
    (tf.realdiv, 3, "Input 'y' of 'RealDiv' Op has type float32 that does not match type int32"),
    (tf.pow, np.float64(2.0), "Input 'y' of 'Pow' Op has type float32 that does not match type float64"),
    (tf.squared_difference, 3, "Input 'y' of 'SquaredDifference' Op has type float32 that does not match type int32"),
    (tf.floordiv, 3, "Input 'y' of 'FloorDiv' Op has type float32 that does not match type int32"),
    (tf.mod, 3, "Input 'y' of 'FloorMod' Op has type float32 that does not match type int32"),
    (tf.truncatediv, 3, "Input 'y' of 'TruncateDiv' Op has type float32 that does not match type int32"),
    (tf.equal, 3, "Input 'y' of 'Equal' Op has type float32 that does not match type int32"),
    (tf.not_equal, 3, "Input 'y' of 'NotEqual' Op has type float32 that does not match type int32"),
    (tf.less, np.float64(0.5), "Input 'y' of 'Less' Op has type float32 that does not match type float64"),
    (tf.greater_equal, 3, "Input 'y' of 'GreaterEqual' Op has type float32 that does not match type int32"),
    (tf.truediv, 3, "`x` and `y` must have the same dtype, got tf.int32 != tf.float32."),
])
def test_a_value_first_of_another_dtype_is_tf1s_type_error(function, first, message):
    x = _x()
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        function(first, x)
    assert [op.name for op in tf.get_default_graph().get_operations()] == ["Placeholder"]  # before any constant


def test_tf_div_with_a_value_first_is_tf1s_value_error():
    x = _x()
    with pytest.raises(ValueError, match="y: Tensor conversion requested dtype int32 for Tensor with dtype float32"):
        tf.div(3, x)


def test_values_tf1_converts_to_the_tensors_dtype_still_run():
    x = _x()
    x64 = tf.placeholder(tf.float64, [None])
    i = tf.placeholder(tf.int32, [None])
    ran = [tf.add(0.5, x), tf.multiply(np.float32(2.0), x), tf.add(x, np.float64(0.1)), tf.multiply(x, 3),
           3 * x, np.float64(0.5) * x, tf.divide(3, x), tf.div_no_nan(3, x), tf.add(np.float64(1.0), x64),
           tf.maximum(0, i), tf.add(x, tf.constant(1.0)), tf.less(0.5, x)]
    values = tf.Session().run(ran, {x: [1.0, 2.0], x64: [1.0, 2.0], i: [-1, 2]})
    expected = [[1.5, 2.5], [2.0, 4.0], [1.1, 2.1], [3.0, 6.0], [3.0, 6.0], [0.5, 1.0], [3.0, 1.5], [3.0, 1.5],
                [2.0, 3.0], [0, 2], [2.0, 3.0], [True, True]]
    for ours, theirs in zip(values, expected):
        np.testing.assert_allclose(np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float), rtol=1e-6)

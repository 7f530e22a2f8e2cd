"""P70-8: with a placeholder without a shape, TF1's build-time dtype errors are raised when the op is built (they
surfaced at the first ``sess.run``), and ``tf.gradients`` with respect to an integer one is ``None``, as TF1's.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode) running probe70's ``p55_deferred_checks.py`` / ``p56_int_grad.py``
(outputs in its ``out/``): each op below raised ``TypeError`` when built (``Value passed to parameter 'x' has
DataType int32 not in list of allowed values``, ``... 'logits' ...``, ``Tensors in list passed to 'values' of
'ConcatV2' Op have types [int32, float32] that don't all match.``, ``DataType bool not in list ...``), the
assignment of an int32 value to a float32 variable was refused when built, and the gradient was ``[None]``.
"""

import pytest

import symopt.compat.v1 as tf

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


@pytest.mark.parametrize("build, message", [
    (lambda xi, w: tf.log(xi), r"parameter 'x' has DataType int32 not in list of allowed values.*'Log'"),
    (lambda xi, w: tf.sqrt(xi), r"parameter 'x' has DataType int32 .*'Sqrt'"),
    (lambda xi, w: tf.nn.softmax(xi), r"parameter 'logits' has DataType int32 .*'Softmax'"),
    (lambda xi, w: tf.concat([xi, w], 0), r"'ConcatV2' Op have types \[int32, float32\] that don't all match"),
    (lambda xi, w: tf.assign(w, xi), r"Input 'value' of 'Assign' Op has type int32 that does not match type float32"),
    (lambda xi, w: tf.placeholder(tf.bool) + 1, r"parameter 'x' has DataType bool not in list of allowed values"),
])
def test_dtype_errors_of_a_shapeless_placeholder_are_raised_when_built(build, message):
    xi = tf.placeholder(tf.int32)
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(TypeError, match=message):
        build(xi, w)


def test_gradient_with_respect_to_a_shapeless_integer_placeholder_is_none():
    xs = tf.placeholder(tf.int32)
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    assert tf.gradients(tf.reduce_sum(tf.cast(xs, tf.float32) * w), xs) == [None]


def test_float_shapeless_placeholder_still_builds_and_runs():
    xf = tf.placeholder(tf.float32)
    total = tf.reduce_sum(tf.concat([tf.log(xf), tf.nn.softmax(xf)], 0))
    (gradient,) = tf.gradients(total, xf)
    with tf.Session() as session:
        value, slope = session.run([total, gradient], {xf: [1.0, 1.0]})
    assert value == pytest.approx(1.0) and slope.tolist() == pytest.approx([1.0, 1.0])

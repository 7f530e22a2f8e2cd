"""F44b-13: a schedule of a vector step is refused when built naming its shape as ``[2]`` (fix70 printed
``[Dimension(2)]``; ``exponential_decay`` raised an internal ShapeError), and ``piecewise_constant`` of a tensor step
refuses boundaries of another dtype, as TF1 (fix70 built and ran them).  Oracle: TF 2.21 ``tf.compat.v1``,
review final44b s/pc.py."""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.mark.parametrize("build, argument", [
    (lambda ep: tf.train.piecewise_constant(tf.stack([ep, ep]), [2, 4], [0.1, 0.05, 0.01]), "x"),
    (lambda ep: tf.train.exponential_decay(0.1, tf.stack([ep, ep]), 2, 0.5), "global_step")])
def test_a_vector_step_is_refused_naming_its_shape(build, argument):
    # TF 2.21 builds these and fails when run (InvalidArgumentError / TypeError): symopt says why when built
    tf.reset_default_graph()
    ep = tf.placeholder(tf.int32, [])
    expected = rf"{argument} must be a scalar .* of shape \[2\]: pass one step"
    with pytest.raises(UnsupportedOperationError, match=expected):
        build(ep)


@pytest.mark.parametrize("dtype, boundaries, message", [
    ("float32", [2, 4], "Boundaries (<dtype: 'int32'>) must have the same dtype as x (<dtype: 'float32'>)."),
    ("int32", [2.0, 4.0], "Boundaries (<dtype: 'float32'>) must have the same dtype as x (<dtype: 'int32'>).")])
def test_boundaries_of_another_dtype_are_tf1s_value_error(dtype, boundaries, message):
    tf.reset_default_graph()
    x = tf.placeholder(dtype, [])
    with pytest.raises(ValueError) as raised:  # TF 2.21: ValueError with this text, when built
        tf.train.piecewise_constant(x, boundaries, [0.1, 0.05, 0.01])
    assert str(raised.value).startswith(message)


def test_int32_boundaries_of_an_int64_step_are_widened():
    tf.reset_default_graph()
    ep = tf.placeholder(tf.int32, [])
    lr = tf.train.piecewise_constant(tf.cast(ep, tf.int64), [2, 4], [0.1, 0.05, 0.01])
    sess = tf.Session()
    # TF 2.21: [0.1, 0.1, 0.1, 0.05, 0.05, 0.01]
    assert [round(float(sess.run(lr, {ep: i})), 6) for i in range(6)] == [0.1, 0.1, 0.1, 0.05, 0.05, 0.01]

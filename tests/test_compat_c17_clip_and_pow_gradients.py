"""Gradients through ``tf.clip_by_global_norm`` / ``tf.clip_by_average_norm`` at an all-zero input (probe18 G16:
TF1's NaN and [1, 1] were swapped) and through ``tf.pow(c, y)`` of a constant base ``c <= 0`` (probe18 G21: TF1's
``_PowGrad`` multiplies ``x**y`` by 0 there, NaN where ``x**y`` is not finite, -0.0 where it is negative; it was
folded to 0).  ``tf.clip_by_global_norm`` is TF1's ``c * min(1/N, 1/c)``, so its clipped values have TF1's digits
too (``[30, -40]`` clipped to 5 is ``[2.9999998, -3.9999998]``, it was ``[3, -4]``).

Every value was printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program
(/tmp/c17/g16.py, g21.py of compat17's session); TensorFlow is not needed here.
"""

import math

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

#: input -> TF 2.21's [clipped, d sum(clipped * [1, 2]), d sum(clip_by_average_norm(a, 2)), d global_norm]
CLIP_GOLDENS = {
    (0.0, 0.0): ([0.0, 0.0], [math.nan, math.nan], [1.0, 1.0], [math.nan, math.nan]),
    (1e-30, 0.0): ([1.0000000031710769e-30, 0.0], [math.nan, math.nan], [1.0, 1.0], [math.inf, math.nan]),
    (30.0, -40.0): ([2.999999761581421, -3.999999761581421], [0.1599999964237213, 0.11999998986721039],
                    [0.08959999680519104, 0.06720000505447388], [0.5999999642372131, -0.7999999523162842]),
}


@pytest.mark.parametrize("point", sorted(CLIP_GOLDENS))
def test_clipping_gradients_are_tf1s(point):
    a = tf.placeholder(tf.float32, [2])
    (clipped,), _ = tf.clip_by_global_norm([a], 5.0)
    fetches = [clipped, tf.gradients(tf.reduce_sum(clipped * tf.constant([1.0, 2.0])), a)[0],
               tf.gradients(tf.reduce_sum(tf.clip_by_average_norm(a, 2.0)), a)[0],
               tf.gradients(tf.global_norm([a]), a)[0]]
    with tf.Session() as sess:
        values = sess.run(fetches, {a: list(point)})
    expected = CLIP_GOLDENS[point]
    np.testing.assert_array_equal(values[0], np.float32(expected[0]))  # the clipped values: TF1's digits
    for value, golden in zip(values[1:], expected[1:]):
        np.testing.assert_allclose(value, np.float32(golden), rtol=1e-6)  # NaN where TF1 has NaN


#: (base, exponent) -> TF 2.21's [x**y, d/dy], a constant base and a scalar variable exponent
POW_GOLDENS = {
    (0.0, -1.0): (math.inf, math.nan),
    (-2.0, 0.5): (math.nan, math.nan),
    (-2.0, 3.0): (-8.0, -0.0),
    (-2.0, 2.0): (4.0, 0.0),
    (0.0, 2.0): (0.0, 0.0),
    (2.0, 3.0): (8.0, 5.545177459716797),
}


@pytest.mark.parametrize("point", sorted(POW_GOLDENS))
@pytest.mark.parametrize("constant", [True, False])
def test_the_exponents_gradient_of_a_constant_base_is_tf1s(point, constant):
    base, exponent = point
    y = tf.Variable(exponent)
    z = tf.pow(tf.constant(base) if constant else base, y)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, gradient = sess.run([z, tf.gradients(z, y)[0]])
    expected_value, expected_gradient = POW_GOLDENS[point]
    np.testing.assert_array_equal(value, np.float32(expected_value))
    np.testing.assert_array_equal(gradient, np.float32(expected_gradient))
    assert math.isnan(expected_gradient) or np.signbit(gradient) == np.signbit(expected_gradient)

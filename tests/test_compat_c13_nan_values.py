"""NaN through TF1's kernels (probe15 Y2, Y3): ``tf.nn.relu6`` of NaN was 6.0 (its ``Piecewise`` sent NaN to the
last branch), and a scalar NaN constant (``tf.constant(np.nan)``, ``tf.sqrt(-1.0)``) into any comparison-based op
died in the session with SymPy's raw ``TypeError: Invalid NaN comparison``.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture


def test_relu6_of_nan_is_nan():
    x = tf.placeholder(tf.float32, [None])
    s = tf.placeholder(tf.float32, [])
    with tf.Session() as sess:
        values = sess.run([tf.nn.relu6(x), tf.nn.relu6(s * 2.0), tf.nn.relu6(tf.constant([np.nan, 7.0])),
                           tf.nn.relu6(tf.reshape(x, [-1, 1]))], {x: [np.nan, 7.0], s: np.nan})
        edges = sess.run(tf.nn.relu6(x), {x: [-1., 0., 3., 6., 8., np.inf, -np.inf]})
        gradient = sess.run(tf.gradients(tf.reduce_sum(tf.nn.relu6(x)), x), {x: [np.nan, 1.0, 7.0, 0.0, 6.0]})
    # TF 2.21 tf.compat.v1: [nan 6.] nan [nan 6.] [nan 6.]
    np.testing.assert_array_equal(values[0], np.float32([np.nan, 6.]))
    assert np.isnan(values[1])
    np.testing.assert_array_equal(values[2], np.float32([np.nan, 6.]))
    np.testing.assert_array_equal(values[3].ravel(), np.float32([np.nan, 6.]))
    np.testing.assert_array_equal(edges, np.float32([0., 0., 3., 6., 6., 6., 0.]))  # TF 2.21
    np.testing.assert_array_equal(gradient[0], np.float32([0., 1., 0., 0., 0.]))  # TF 2.21


@pytest.mark.parametrize("build, expected", [  # TF 2.21 tf.compat.v1
    (lambda c: tf.maximum(c, 0.), np.nan), (lambda c: tf.minimum(c, 0.), np.nan),
    (lambda c: tf.clip_by_value(c, 0., 1.), np.nan), (lambda c: tf.nn.elu(c), np.nan),
    (lambda c: tf.nn.leaky_relu(c), np.nan), (lambda c: tf.nn.selu(c), np.nan), (lambda c: tf.nn.relu6(c), np.nan),
    (lambda c: tf.where(c > 0, 1.0, 2.0), 2.0), (lambda c: c > 0, False), (lambda c: c < 1, False),
    (lambda c: tf.cond(c > 0, lambda: 1.0, lambda: 2.0), 2.0), (lambda c: tf.not_equal(c, c), True)])
@pytest.mark.parametrize("make", [lambda: tf.constant(np.nan), lambda: tf.sqrt(-1.0), lambda: tf.log(-1.0),
                                  lambda: tf.constant(np.nan, tf.float64)])
def test_a_scalar_nan_constant_compares_as_tf1(make, build, expected):
    value = run(build(make()))
    if isinstance(expected, float) and np.isnan(expected):
        assert np.isnan(value)
    else:
        assert value == expected

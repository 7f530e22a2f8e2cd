"""probe86 P86-5: TF1's float32 ``Tanh`` is exactly ±1 from |x| = ``np.float32(7.9073896)`` on, where NumPy's float32
``tanh`` gives 0.99999994 up to about 10; so ``tf.log(1 - tf.square(tf.tanh(u)))`` (a tanh-squashed policy's
log-density without epsilon) is TF1's ``-inf`` there.  Expected numbers: TF 2.21 (tf.compat.v1, graph mode, CPU)."""

import warnings

import numpy as np
import pytest

import symopt.compat.v1 as tf

POINTS = np.array([7.9073887, 7.9073896, 8.0, 9.0, -8.0, -9.5], np.float32)  # the float32 below TF1's 1.0, ...


@pytest.mark.parametrize("function", ["tanh", "nn.tanh", "math.tanh"])
def test_float32_tanh_is_one_where_tf1s_is(function):
    tf.reset_default_graph()
    u = tf.placeholder(tf.float32, [6])
    owner = tf.nn if function == "nn.tanh" else tf.math if function == "math.tanh" else tf
    a = owner.tanh(u)
    with tf.Session() as session, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # log(0)
        value, slope, log_density = session.run(
            [a, tf.gradients(tf.reduce_sum(a), u)[0], tf.log(1 - tf.square(a))], {u: POINTS})
    assert value[0] < 1.0  # TF 2.21: 0.9999997 (symopt's NumPy tanh: 0.99999976, two ulps apart)
    np.testing.assert_array_equal(value[1:], [1., 1., 1., -1., -1.])
    np.testing.assert_array_equal(slope[1:], [0., 0., 0., 0., 0.])
    np.testing.assert_array_equal(log_density[1:], [-np.inf] * 5)
    assert np.isfinite(log_density[0])


def test_nan_and_the_middle_stay_tanh():
    # TF 2.21: tanh(nan) = nan; tanh(0.5) = 0.46211713 (NumPy's float32: 0.4621172, two ulps apart)
    tf.reset_default_graph()
    u = tf.placeholder(tf.float32, [2])
    with tf.Session() as session:
        value = session.run(tf.tanh(u), {u: np.array([np.nan, 0.5], np.float32)})
    assert np.isnan(value[0])
    assert abs(value[1] - np.float32(0.46211713)) <= 2 * np.spacing(np.float32(0.46211713))

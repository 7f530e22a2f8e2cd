"""``tf.train.ExponentialMovingAverage`` with a decay computed in the graph (probe48 P48-1: a bare ``TypeError``
about ``tf.constant``) and with ``num_updates`` on a float64 variable (probe48 P48-6: ``1 - (1 + n) / (10 + n)``
was rounded as the exact ``9/31``, one float32 ulp off TF1's ``1 - f32(22/31)``).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_tensor_decay_is_computed_when_the_update_runs():
    """By hand: decay = min(0.999, (1 + step) / (10 + step)) = 1/10, 2/11, 3/12 at steps 0, 1, 2; v moves by
    [1, -0.5] before each update: s = 1 - (1 - 2) * 0.9 = 1.9, then 1.9 - (1.9 - 3) * 9/11 = 2.8, ..."""
    v = tf.Variable([1.0, 2.0])
    step = tf.Variable(0.0, trainable=False)
    ema = tf.train.ExponentialMovingAverage(tf.minimum(0.999, (1.0 + step) / (10.0 + step)))
    apply = ema.apply([v])
    with tf.control_dependencies([apply]):
        tick = tf.assign_add(step, 1.0)
    move = tf.assign_add(v, [1.0, -0.5])
    expected = [[1.9, 1.55], [2.8, 1.1], [3.7, 0.65]]  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for want in expected:
            sess.run(move)
            sess.run(tick)
            np.testing.assert_allclose(sess.run(ema.average(v)), want, rtol=1e-6)


def test_a_constant_tensor_decay_averages_as_the_number():
    v = tf.Variable([1.0, 2.0])
    ema = tf.train.ExponentialMovingAverage(tf.constant(0.5))
    apply = ema.apply([v])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign(v, [3.0, 5.0]))
        sess.run(apply)
        np.testing.assert_array_equal(sess.run(ema.average(v)), np.float32([2.0, 3.5]))  # by hand: (s + v) / 2


@pytest.mark.parametrize("decay", [lambda: tf.constant(0.5, tf.float64), lambda: tf.constant([0.5, 0.5])],
                         ids=["float64", "vector"])
def test_a_decay_that_is_no_float32_scalar_is_refused_with_what_to_do(decay):
    v = tf.Variable([1.0, 2.0])
    ema = tf.train.ExponentialMovingAverage(decay())
    with pytest.raises(UnsupportedOperationError, match=r"expected a number or a float32 scalar tensor .* given a "
                       r"float\d\d tensor of shape .*tf.cast it to tf.float32.*num_updates="):
        ema.apply([v])


def test_num_updates_rounds_the_warm_up_ratio_in_float32_as_tf1():
    w = tf.Variable(np.array([0.0, 100.0]))  # float64
    step = tf.Variable(0, trainable=False)
    ema = tf.train.ExponentialMovingAverage(0.999, num_updates=step)
    apply = ema.apply([w])
    update = tf.group(tf.assign_add(w, [0.5, -0.5]), tf.assign_add(step, 7))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(update)
            sess.run(apply)
        shadow = sess.run(ema.average(w))
    # TF 2.21 tf.compat.v1: [0.819022796913783, 99.18097720308621] (the exact 9/31 gave 0.819022768316702)
    np.testing.assert_allclose(shadow, [0.819022796913783, 99.18097720308621], rtol=1e-14)
    # by hand, in float32 as TF1: 1 - f32(22/31) at step 21
    assert float(np.float32(1.0) - np.float32(22.0) / np.float32(31.0)) == 0.29032260179519653

"""probe56 P56-8: ``tf.div_no_nan(x, y)`` is TF1's literal ``+0.0`` where ``y == 0``, whatever the sign of ``x``
(it was ``x * 0``: ``-0.0`` for a negative ``x``, so ``1 / div_no_nan`` was ``-inf``); a ``-0.0`` quotient
where ``y != 0`` stays ``-0.0``.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), the reciprocals
showing each zero's sign."""

import numpy as np

import symopt.compat.v1 as tf


def test_division_by_zero_gives_positive_zero_and_a_zero_gradient():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 2])
    y = tf.placeholder(tf.float32, [2])
    w = tf.Variable(np.array([-1.5, -0.0], np.float32))
    v = tf.Variable(np.array([0.0, 4.0], np.float32))
    x64 = tf.placeholder(tf.float64, [])
    quotient = tf.div_no_nan(w, v)
    gradients = tf.gradients(tf.reduce_sum(quotient * tf.constant([2.0, -3.0])), [w, v])
    feed = {x: np.array([[-1., 2.], [-0., 6.]], np.float32), y: np.array([0., 4.], np.float32), x64: -2.0}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        with np.errstate(divide="ignore"):
            broadcast = 1.0 / session.run(tf.div_no_nan(x, y), feed)
            variables = 1.0 / session.run(quotient)
            by_constant = 1.0 / session.run(tf.div_no_nan(x64, tf.constant(0.0, tf.float64)), feed)
        gradient_w, gradient_v = session.run(gradients)
    np.testing.assert_array_equal(broadcast, [[np.inf, 2.], [np.inf, 1 / np.float32(1.5)]])  # TF 2.21
    np.testing.assert_array_equal(variables, [np.inf, -np.inf])  # TF 2.21: -0.0 / 4.0 stays -0.0
    assert by_constant == np.inf  # TF 2.21: np.float64(inf)
    np.testing.assert_array_equal(gradient_w, [0., -0.75])  # TF 2.21
    np.testing.assert_array_equal(gradient_v, [0., 0.])  # TF 2.21
    assert np.signbit(gradient_v).tolist() == [False, True]  # TF 2.21: [0.0, -0.0] (final41a F41a-4)

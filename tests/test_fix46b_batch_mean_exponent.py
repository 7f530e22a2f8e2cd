"""P81-1: the gradient of ``tf.pow(w, tf.reduce_mean(x))`` with a ``[None, k]`` placeholder x.  The batch size m of
the mean's ``1/(k m)`` was taken for a parameter of the elementwise power and differentiated, which read the data
placeholder ("no derivative rule for MatrixPlaceholder"); m counts fed rows and takes no gradient."""

import numpy as np

import symopt.compat.v1 as tf


def test_power_with_batch_mean_exponent_matches_tf():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float64, [None, 3])
    w = tf.Variable(np.array([-2.8283]))
    y = tf.pow(tf.abs(w) + 0.5, tf.reduce_mean(x))
    (gradient,) = tf.gradients(tf.reduce_sum(y), [w])
    feed = {x: np.array([[-2.2973, -0.0313, 1.2537], [-0.1393, -0.9823, 0.0197]])}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value, slope = session.run([y, gradient], feed)
    # TF 2.21 tf.compat.v1 (graph mode), probe81 p81_1_pow_batchmean_grad.py run with tf
    np.testing.assert_allclose(value, [0.6464540932691354], rtol=1e-12)
    np.testing.assert_allclose(slope, [0.07046646787790833], rtol=1e-12)

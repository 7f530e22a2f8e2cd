"""46e-11: TF1's float32 ``Sigmoid`` (Eigen's kernel clamps ``x`` at 16.6355324) is exactly 1 from
``np.float32(16.635532)`` on, where the correctly rounded value is 1 only from 17.33; so the course's cross-entropy
``-(y log a + (1 - y) log(1 - a))`` meets ``0 * log 0`` and is NaN at TF 2.21's step.  Every expected number is TF 2.21's
(tf.compat.v1, graph mode, CPU)."""

import warnings

import numpy as np

import symopt.compat.v1 as tf

POINTS = np.array([16.63553, 16.635532, 17.0, 17.5], np.float32)  # the last float32 below the clamp, the clamp, ...


def test_float32_sigmoid_is_one_where_tf1s_is():
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [4])
    a = tf.sigmoid(z)
    with tf.Session() as session, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # log(0)
        value, log_rest, slope = session.run([a, tf.log(1 - a), tf.gradients(tf.reduce_sum(a), z)[0]], {z: POINTS})
    np.testing.assert_array_equal(value, np.array([0.99999994, 1., 1., 1.], np.float32))
    np.testing.assert_array_equal(log_rest, np.array([-16.635532, -np.inf, -np.inf, -np.inf], np.float32))
    np.testing.assert_array_equal(slope, np.array([5.9604641e-08, 0., 0., 0.], np.float32))


def test_course_cross_entropy_goes_nan_at_tf1s_step():
    # /work/wt/final46e/tf1_course.py: separable data, GradientDescentOptimizer(5.0), float32.
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2)).astype(np.float32)
    y = (x[:, :1] + x[:, 1:] > 0).astype(np.float32)
    tf.reset_default_graph()
    X, Y = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(tf.zeros([2, 1]))
    a = tf.sigmoid(tf.matmul(X, W))
    cost = tf.reduce_mean(-(Y * tf.log(a) + (1 - Y) * tf.log(1 - a)))
    train = tf.train.GradientDescentOptimizer(5.0).minimize(cost)
    costs = []
    with tf.Session() as session, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        session.run(tf.global_variables_initializer())
        for _ in range(42):
            costs.append(session.run([cost, train], {X: x, Y: y})[0])
    np.testing.assert_allclose(costs[36:40], [0.0970559, 0.0962313, 0.0954354, 0.0946664], rtol=1e-6)
    assert np.isnan(costs[40]) and np.isnan(costs[41])  # TF 2.21: nan from step 40 on

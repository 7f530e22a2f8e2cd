"""probe64 P64-5: Ftrl with learning_rate_power other than -0.5 gives TF1's float32 digits.

TF1's CPU kernel takes the power of one float32 number with the C library's correctly rounded powf; NumPy's float32
power is an ulp off at some points, and FTRL's accumulated powers carried that to 12 ulps after 20 steps.  Oracle:
TF 2.21 ``tf.compat.v1`` (graph mode, CPU), ``tf.train.FtrlOptimizer(0.3, learning_rate_power=-0.7,
initial_accumulator_value=0.2)``, values printed with repr(float(...)).
"""

import numpy as np

import symopt.compat.v1 as tf

# 0.5 * (w - 2)**2 from w = -1, steps 1..8
TF_SCALAR_STEPS = [-0.7410734, -0.62654984, -0.5403888, -0.47002164, -0.4099036, -0.35705525, -0.30967337,
                   -0.26657552]
# sum((w - t)**2 * c) with t = [0.7, -0.02, 2], c = [1, 3, 0.5] from w = [0.5, 0, -1], after 20 steps
TF_VECTOR_AFTER_20 = [0.699999988079071, -0.019999999552965164, 0.08429726958274841]


def _ftrl():
    return tf.train.FtrlOptimizer(0.3, learning_rate_power=-0.7, initial_accumulator_value=0.2)


def test_each_step_is_tf1s():
    tf.reset_default_graph()
    w = tf.Variable(np.array([-1.0], np.float32))
    train = _ftrl().minimize(tf.reduce_sum(tf.square(w - 2.0) * 0.5))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        steps = []
        for _ in TF_SCALAR_STEPS:
            session.run(train)
            steps.append(session.run(w)[0])
    assert steps == [np.float32(value) for value in TF_SCALAR_STEPS]


def test_twenty_steps_on_a_vector_are_tf1s():
    tf.reset_default_graph()
    target = np.array([[0.7], [-0.02], [2.0]], np.float32)
    w = tf.Variable(np.array([[0.5], [0.0], [-1.0]], np.float32))
    loss = tf.reduce_sum(tf.square(w - target) * np.array([[1.0], [3.0], [0.5]], np.float32))
    train = _ftrl().minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(20):
            session.run(train)
        assert [float(value) for value in session.run(w).ravel()] == TF_VECTOR_AFTER_20

"""Learning-rate decays with tensor arguments, as TF1 builds them from ops (v-probe V3): a float64 constant
learning rate, a fed learning rate that trains, and a fractional ``decay_steps`` (``n_samples / batch_size``).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

# TF 2.21 tf.compat.v1: lr64, lr_fraction, lr_staircase, lr_fed, inverse_time, natural_exp, polynomial, cosine
TF1_RATES = [
    [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.2],
    [0.09864848223823033, 0.095873155, 0.1, 0.14142136, 0.14999999, 0.2, 0.116875, 0.17363963],
    [0.09731523047906444, 0.09191661, 0.1, 0.1, 0.12, 0.14816365, 0.057499997, 0.10999999],
    [0.0959999978542328, 0.08812335, 0.05, 0.07071068, 0.1, 0.14816365, 0.021875, 0.046360392],
    [0.09470254083193433, 0.08448663, 0.05, 0.05, 0.08571428, 0.109762326, 0.01, 0.020000001],
]


def test_decays_of_tensor_arguments_train_as_tf1():
    step = tf.train.get_or_create_global_step()
    w = tf.Variable([1.0, -2.0])
    loss = tf.reduce_sum(tf.square(w - 3.0))
    base = tf.placeholder(tf.float32, [])
    rates = [tf.train.exponential_decay(tf.constant(0.1, tf.float64), step, 3, 0.96),
             tf.train.exponential_decay(0.1, step, 2.5, 0.9),
             tf.train.exponential_decay(0.1, step, 2.5, 0.5, staircase=True),
             tf.train.exponential_decay(base, step, 2, 0.5),
             tf.train.inverse_time_decay(base, step, 1.5, 0.5),
             tf.train.natural_exp_decay(base, step, 2, 0.3, staircase=True),
             tf.train.polynomial_decay(base, step, 4, 0.01, power=2.0),
             tf.train.cosine_decay(base, step, 4, alpha=0.1)]
    assert rates[0].dtype == tf.float64 and str(rates[3]) == \
        'Tensor("ExponentialDecay_3:0", shape=(), dtype=float32)'  # TF 2.21 tf.compat.v1
    train = tf.train.GradientDescentOptimizer(rates[3]).minimize(loss, global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for expected in TF1_RATES:
            values = sess.run(rates, {base: 0.2})
            assert values[0] == expected[0]  # float64, to the bit
            np.testing.assert_allclose(values[1:], np.float32(expected[1:]), rtol=1.5e-7)  # float32 pow: 1 ulp
            sess.run(train, {base: 0.2})
        np.testing.assert_array_equal(sess.run(w), np.float32([2.468004, 1.6700104]))  # TF 2.21 tf.compat.v1
        assert sess.run(step) == 5

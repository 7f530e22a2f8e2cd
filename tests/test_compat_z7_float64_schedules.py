"""A ``numpy.float64`` learning rate given to a decay (probe7 Q20), a float64 tensor learning rate: TF1 converts
it to a float64 tensor, computes the decay in float64 and casts the rate to the variable's dtype directly.  symopt
computed every decay in float32 and cast every tensor rate to float32 before the update (the 9th digit after 10
steps).  The decays TF1 builds with float32 constants of their own (cosine, linear cosine, restarts, polynomial
with ``cycle``) refuse a float64 learning rate in TF1, and here.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import ConfigurationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

f64 = np.float64
DECAYS = {
    "exp": lambda g: tf.train.exponential_decay(f64(0.1), g, 7, 0.5),
    "exp_stair": lambda g: tf.train.exponential_decay(f64(0.1), g, 3, 0.7, staircase=True),
    "inv": lambda g: tf.train.inverse_time_decay(f64(0.1), g, 7, 0.5),
    "poly": lambda g: tf.train.polynomial_decay(f64(0.1), g, 7, 0.01, 2.0),
    "natexp": lambda g: tf.train.natural_exp_decay(f64(0.1), g, 7, 0.3),
    "piecewise": lambda g: tf.train.piecewise_constant(g, [3, 6], [f64(0.1), f64(0.05), f64(0.01)]),
    "const64": lambda g: tf.train.exponential_decay(tf.constant(0.1, tf.float64), g, 7, 0.5),
}
# TF 2.21 tf.compat.v1: the rate before each of 10 steps, then w[0] after them: float64 w with GD, float32 w with
# GD, float64 w with Adam (w = zeros(2), loss sum(w**2 - 10 w + 25))
TF1 = {
    "exp": [[0.1, 0.09057236642639067, 0.0820335356007638, 0.07429971445684742, 0.06729500963161782,
             0.06095068271022378, 0.05520447568369063, 0.05, 0.04528618321319534, 0.0410167678003819],
            3.8159621499423517, 3.815962076187134, 0.6637586849984916],
    "exp_stair": [[0.1, 0.1, 0.1, 0.06999999880790711, 0.06999999880790711, 0.06999999880790711,
                   0.048999998331069966, 0.048999998331069966, 0.048999998331069966, 0.034299998247623475],
                  3.8870102228766874, 3.887010097503662, 0.6882033321313531],
    "inv": [[0.1, 0.09333333333333334, 0.08750000000000001, 0.0823529411764706, 0.07777777777777779,
             0.0736842105263158, 0.07, 0.06666666666666667, 0.06363636363636364, 0.06086956521739131],
            4.077838351032634, 4.07783842086792, 0.7716250242157232],
    "poly": [[0.1, 0.07612244892029131, 0.05591836723746086, 0.039387754951508674, 0.026530612062434764,
              0.017346938570239112, 0.011836734474921715, 0.009999999776482582, 0.009999999776482582,
              0.009999999776482582], 2.669500760275764, 2.6695005893707275, 0.3565635530932781],
    "natexp": [[0.1, 0.09580482409665599, 0.09178564320191196, 0.08793507401557603, 0.08424604297988686,
                0.0807117732852738, 0.07732577242124834, 0.07408182024955749, 0.07097395757768943,
                0.06799647521174061], 4.190108290937869, 4.190108299255371, 0.8259380453038838],
    "piecewise": [[0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.01, 0.01, 0.01],
                  3.5948078735360003, 3.5948078632354736, 0.5781966895701549],
}
TF1["const64"] = TF1["exp"]


def _train(make, dtype: str, optimizer):
    tf.reset_default_graph()
    step = tf.Variable(0, trainable=False, dtype=tf.int64)
    rate = make(step)
    w = tf.Variable(np.zeros(2, dtype))
    train = optimizer(rate).minimize(tf.reduce_sum(w**2 - 10 * w + 25), global_step=step)
    rates = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(10):
            rates.append(sess.run(rate))
            sess.run(train)
        return rate, rates, sess.run(w)


@pytest.mark.parametrize("decay", sorted(DECAYS))
def test_float64_decays_train_with_tf1s_digits(decay):
    rates, w64, w32, adam64 = TF1[decay]
    rate, got_rates, got = _train(DECAYS[decay], "float64", tf.train.GradientDescentOptimizer)
    assert rate.dtype == tf.float64
    assert [type(r) for r in got_rates] == [np.float64] * 10 and got_rates == rates
    assert got.tolist() == [w64, w64]
    assert _train(DECAYS[decay], "float32", tf.train.GradientDescentOptimizer)[2].tolist() == [w32, w32]
    assert _train(DECAYS[decay], "float64", tf.train.AdamOptimizer)[2].tolist() == [adam64, adam64]


def test_a_float64_tensor_learning_rate_is_not_rounded_to_float32():
    rate = tf.placeholder(tf.float64, [])
    w = tf.Variable(np.float64(0.0))
    train = tf.train.GradientDescentOptimizer(rate).minimize(w**2 - 10 * w + 25)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(10):
            sess.run(train, {rate: 0.1})
        assert sess.run(w) == 4.4631290880000005  # TF 2.21 tf.compat.v1 (the number 0.1 gives the same)


@pytest.mark.parametrize("make", [
    lambda g: tf.train.cosine_decay(f64(0.1), g, 7, alpha=0.1),
    lambda g: tf.train.cosine_decay(tf.constant(0.1, tf.float64), g, 7),
    lambda g: tf.train.linear_cosine_decay(f64(0.1), g, 7),
    lambda g: tf.train.cosine_decay_restarts(f64(0.1), g, 3),
    lambda g: tf.train.polynomial_decay(f64(0.1), g, 4, 0.01, 2.0, cycle=True)])
def test_decays_with_float32_constants_of_their_own_refuse_a_float64_rate_as_tf1(make):
    step = tf.Variable(0, trainable=False, dtype=tf.int64)
    with pytest.raises(TypeError, match="Input 'y' of 'Mul' Op has type float64 that does not match type float32"):
        make(step)  # TF 2.21 tf.compat.v1: this TypeError (polynomial's cycle: of 'SelectV2')


def test_piecewise_values_of_two_dtypes_are_refused_as_tf1():
    step = tf.Variable(0, trainable=False, dtype=tf.int64)
    with pytest.raises(ConfigurationError, match=r"Values must have elements all with the same dtype "
                                                 r"\(<dtype: 'float32'> vs <dtype: 'float64'>\)"):  # TF 2.21's ValueError
        tf.train.piecewise_constant(step, [3, 6], [0.1, f64(0.05), 0.01])
    fixed = tf.train.piecewise_constant(4, [3, 6], [f64(0.1), f64(0.05), f64(0.01)])  # a Python int step
    assert fixed.dtype == tf.float64 and tf.Session().run(fixed) == 0.05

"""A decay's ``decay_steps`` given as a whole-valued float (Python 3's ``60000 / 100`` is ``600.0``) is that many
steps, as TF1 divides by it (probe22 H21): symopt refused it with "expected a positive whole number of steps; given
600.0" while it took 600 and 15.625.

TF 2.21's ``tf.compat.v1`` in graph mode printed the rates at global steps 0, 3, 6, 9 and 600 (/tmp/c18_h21.py of
compat18's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

STEPS = (0, 3, 6, 9, 600)
#: schedule of decay_steps -> TF 2.21's float32 rates at STEPS for decay_steps = 6.0
GOLDENS = {
    "polynomial": (lambda gs, d: tf.train.polynomial_decay(0.1, gs, d, 0.01), [0.1, 0.055, 0.01, 0.01, 0.01]),
    "inverse_time": (lambda gs, d: tf.train.inverse_time_decay(0.1, gs, d, 0.5),
                     [0.1, 0.08, 0.06666667, 0.057142857, 0.0019607844]),
    "cosine": (lambda gs, d: tf.train.cosine_decay(0.1, gs, d), [0.1, 0.049999997, 0.0, 0.0, 0.0]),
    "natural_exp": (lambda gs, d: tf.train.natural_exp_decay(0.1, gs, d, 0.5),
                    [0.1, 0.07788008, 0.060653068, 0.04723666, 1.928752e-23]),
    "exponential": (lambda gs, d: tf.train.exponential_decay(0.1, gs, d, 0.5),
                    [0.1, 0.07071068, 0.05, 0.03535534, 7.888609e-32]),
    "staircase": (lambda gs, d: tf.train.exponential_decay(0.1, gs, d, 0.5, staircase=True),
                  [0.1, 0.1, 0.05, 0.05, 7.888609e-32]),
    "linear_cosine": (lambda gs, d: tf.train.linear_cosine_decay(0.1, gs, d),
                      [0.1001, 0.025099998, 0.000100000005, 0.000100000005, 0.000100000005]),
    "restarts": (lambda gs, d: tf.train.cosine_decay_restarts(0.1, gs, d),
                 [0.1, 0.049999997, 0.1, 0.08535534, 0.03785099]),
}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_a_whole_valued_float_is_that_many_steps(case):
    make, golden = GOLDENS[case]
    gs = tf.Variable(0, trainable=False)
    rate = make(gs, 6.0)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        values = [s.run(rate, {gs: g}) for g in STEPS]
    np.testing.assert_array_equal(np.float32(values), np.float32(golden))


def test_the_mnist_epoch_of_60000_over_100():
    gs = tf.Variable(0, trainable=False)
    rate = tf.train.exponential_decay(0.1, gs, 60000 / 100, 0.5)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        assert [s.run(rate, {gs: g}) for g in (0, 600)] == [np.float32(0.1), np.float32(0.05)]

"""A constant learning rate of 0 or below, which TF1 accepts (probe11 U15: symopt's rules refused it with a
ConfigurationError): the slots move, the variables by ``lr`` times the step.  Goldens from TF 2.21's tf.compat.v1."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import ConfigurationError

CASES = {  # optimizer -> (loss after 3 runs, the variable, the first two slot variables), from TF 2.21
    "gd 0": (lambda: tf.train.GradientDescentOptimizer(0.0), 14.0, [1.0, 2.0, 3.0], []),
    "adam 0": (lambda: tf.train.AdamOptimizer(0.0), 14.0, [1.0, 2.0, 3.0],
               [[0.5420001, 1.0840002, 1.6260003], [0.01198785, 0.0479514, 0.10789064]]),
    "momentum 0": (lambda: tf.train.MomentumOptimizer(0.0, 0.9), 14.0, [1.0, 2.0, 3.0],
                   [[5.42, 10.84, 16.259998]]),
    "gd -0.1 (ascent)": (lambda: tf.train.GradientDescentOptimizer(-0.1), 29.030397, [1.728, 3.456, 5.1839995], []),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_rate_of_zero_or_below_runs_as_tf1(case):
    make, loss_after, variable, slots = CASES[case]
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3])
    w = tf.Variable([1.0, 2.0, 3.0])
    loss = tf.reduce_sum(tf.square(w - x))
    optimizer = make()
    train = optimizer.minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(3):
            _, value = session.run([train, loss], feed_dict={x: np.zeros(3, np.float32)})
        assert value == np.float32(loss_after)
        np.testing.assert_array_equal(session.run(w), np.float32(variable))
        made = [session.run(v) for v in optimizer.variables()][:2]
        assert len(made) == len(slots)
        for ours, theirs in zip(made, slots):
            np.testing.assert_array_equal(ours, np.float32(theirs))


def test_a_nan_rate_is_still_refused():
    with pytest.raises(ConfigurationError, match="lr: expected a positive finite number; given nan"):
        tf.train.GradientDescentOptimizer(float("nan"))

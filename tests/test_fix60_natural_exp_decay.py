"""probe60 P60-12: natural_exp_decay's constant r = exp(-k) is TF1's, so the rates are TF1's bit for bit.

TF1 takes ``exp`` of the scalar ``-k`` in float32, correctly rounded (its scalar exp matched float32(exp(-k)) for
515 rates k); NumPy's float32 ``exp`` is 1 ulp off at k = 1 and k = 10, and the power r**t multiplied the error
(12 ulp at step 7).  The rates below are TF 2.21 ``tf.compat.v1`` (graph mode, ``tf.train.natural_exp_decay`` of an
int64 step variable assigned each step), printed with NumPy's float32 repr.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.more_schedules import NaturalExpDecay

STEPS = [1, 3, 7, 8, 40]
TF_RATES = {
    (0.1, 1, 10.0): ["4.5399934e-06", "9.357624e-15", "3.9754505e-32", "1.8048518e-36", "0.0"],
    (0.5, 3, 1.0): ["0.35826567", "0.18393973", "0.04848598", "0.034741726", "8.0979817e-07"],
}


@pytest.mark.parametrize("arguments", sorted(TF_RATES))
def test_the_core_schedule_gives_tf1s_rates(arguments):
    schedule = NaturalExpDecay(*arguments)
    assert [repr(schedule(step).item()) for step in STEPS] == \
        [repr(np.float32(rate).item()) for rate in TF_RATES[arguments]]


def test_tf_train_natural_exp_decay_gives_tf1s_rates():
    tf.reset_default_graph()
    step = tf.Variable(0, trainable=False, dtype=tf.int64)
    rates = {arguments: tf.train.natural_exp_decay(arguments[0], step, arguments[1], arguments[2])
             for arguments in TF_RATES}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for index, at in enumerate(STEPS):
            session.run(tf.assign(step, at))
            for arguments, rate in rates.items():
                assert session.run(rate) == np.float32(TF_RATES[arguments][index]), (arguments, at)


def test_a_constant_tensor_decay_rate_gives_tf1s_rate():
    # review final42a F42a-15: tf.constant(1.0) took NumPy's float32 exp (0.02489353); TF 2.21 tf.compat.v1 (graph
    # mode, int64 step variable at 3, learning rate 0.5, decay_steps 1): 0.024893535, as for np.float32(1.0)
    tf.reset_default_graph()
    step = tf.Variable(3, trainable=False, dtype=tf.int64)
    rate = tf.train.natural_exp_decay(0.5, step, 1, tf.constant(1.0))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert session.run(rate) == np.float32("0.024893535")

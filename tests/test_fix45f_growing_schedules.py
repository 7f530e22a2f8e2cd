"""probe78 P78-3: a growing learning-rate schedule whose rate passes float64's range (``math.pow`` raises
``OverflowError``) computes float32's inf, as TF1's ``powf`` does, instead of crashing with a bare OverflowError.

Oracles: TF 2.21 ``tf.compat.v1`` with eager execution disabled (probe78 ``p53_lr_fetch.py``, ``o23.py``), and
IEEE arithmetic (a rate of inf makes the update of a nonzero gradient infinite and the next one NaN)."""

import numpy as np
import pytest

import symopt
import symopt.compat.v1 as tf
from symopt import more_schedules, schedules
from symopt.errors import DivergenceError


def test_compat_exponential_decay_past_float64_is_inf_as_in_tf1():
    tf.reset_default_graph()
    global_step = tf.Variable(2000, trainable=False, dtype=tf.int64)
    lr = tf.train.exponential_decay(0.1, global_step, 1, 2.0)  # 0.1 * 2**2000: past float64's max
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert session.run(lr) == np.float32(np.inf)  # TF 2.21 prints inf


def test_compat_training_with_a_rate_growing_past_float32_follows_tf1():
    tf.reset_default_graph()
    w = tf.Variable(0.0)
    global_step = tf.train.get_or_create_global_step()
    lr = tf.train.exponential_decay(0.1, global_step, 1, 1e10)
    train = tf.train.GradientDescentOptimizer(lr).minimize(tf.square(w - 3), global_step=global_step)
    # TF 2.21 (probe78 o23.py): [w, lr] after each of the first five steps
    tf1 = [(0.6, 1e9), (4.8e9, 1e19), (-9.6e28, 1e29), (np.inf, np.inf), (np.nan, np.inf)]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for step in range(40):  # 1e10**31 passes float64's range
            session.run(train)
            got = session.run([w, lr])
            expected = tf1[min(step, len(tf1) - 1)]
            np.testing.assert_allclose(np.array(got, dtype=float), np.array(expected), rtol=1e-6)


@pytest.mark.parametrize("schedule", [schedules.ExponentialDecay(0.1, 1, 1e10),
                                      more_schedules.CosineDecayRestarts(0.1, 1, t_mul=1.0, m_mul=1e10)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_rate_past_float64_is_a_divergence_not_an_overflow_error(schedule, dtype):
    w = symopt.Variable("w", 0.0)
    with pytest.raises(DivergenceError, match="training diverged at step"):  # float32's rate is inf from step 4
        symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(schedule), steps=50, dtype=dtype)

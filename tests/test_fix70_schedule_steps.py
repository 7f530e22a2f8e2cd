"""P70-1: ``piecewise_constant`` and ``cosine_decay_restarts`` of a step that is not a bare variable (a fed epoch
placeholder, ``tf.cast(global_step, tf.int32) // 2``), as the other schedules take it.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode): the same programs run there (and probe70's
``p19_decay_ph.py``), their printed values copied here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_schedules_of_a_fed_epoch_are_tf1s_numbers():
    epoch = tf.placeholder(tf.int32, [], name="epoch")
    pieces = tf.train.piecewise_constant(epoch, [5, 12], [0.1, 0.05, 0.01])
    restarts = tf.train.cosine_decay_restarts(0.1, epoch, 4)
    session = tf.Session()
    got = np.array([session.run([pieces, restarts], {epoch: e}) for e in range(0, 20, 3)], dtype=np.float32)
    tf1 = np.array([[0.1, 0.1], [0.1, 0.0146446619], [0.05, 0.0853553414], [0.05, 0.0308658239],
                    [0.05, 0.1], [0.01, 0.0915734768], [0.01, 0.0691341683]], dtype=np.float32)
    np.testing.assert_allclose(got, tf1, rtol=1e-6)


def test_training_with_schedules_of_a_computed_step_and_a_fed_epoch():
    w, u = tf.Variable(1.0), tf.Variable(1.0)
    step = tf.Variable(0, trainable=False)
    rate = tf.train.piecewise_constant(tf.cast(step, tf.int32) // 2, [1], [0.1, 0.05])
    train = tf.train.GradientDescentOptimizer(rate).minimize(w * w, global_step=step)
    epoch = tf.placeholder(tf.int32, [], name="epoch")
    train_u = tf.train.GradientDescentOptimizer(tf.train.cosine_decay_restarts(0.3, epoch, 2)).minimize(u * u)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    got = []
    for k in range(6):
        session.run(train)
        session.run(train_u, {epoch: k})
        got.append(session.run([w, u]))
    tf1 = [(0.800000011920929, 0.3999999761581421), (0.6399999856948853, 0.2800000011920929),
           (0.5119999647140503, 0.1119999885559082), (0.4095999598503113, 0.054641205817461014),
           (0.3686399757862091, 0.03824884444475174), (0.331775963306427, 0.034887995570898056)]
    np.testing.assert_allclose(np.array(got, dtype=np.float32), np.array(tf1, dtype=np.float32), rtol=2e-7)


def test_a_step_that_is_not_a_scalar_names_the_argument():
    with pytest.raises(UnsupportedOperationError, match=r"piecewise_constant: x must be a scalar"):
        tf.train.piecewise_constant(tf.placeholder(tf.int32, [3]), [5], [0.1, 0.01])

"""An optimizer made after ``global_variables_initializer()`` ran has uninitialized slots, as in TF1 (g-probe G15):
its step is TF1's ``FailedPreconditionError`` and changes nothing; symopt trained silently with fresh slots."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_slots_made_after_the_initializer_ran_are_uninitialized():
    x = tf.placeholder(tf.float32, [None, 1])
    w = tf.Variable(np.float32([[2.0]]))
    loss = tf.reduce_sum(tf.square(tf.matmul(x, w)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        late = tf.train.AdamOptimizer(0.1).minimize(loss)  # the beginner's order
        plain = tf.train.GradientDescentOptimizer(0.1).minimize(loss)  # no slots: runs, as in TF1
        # TF 2.21 tf.compat.v1: FailedPreconditionError (uninitialized beta1_power / w/Adam), w stays [[2.]]
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value"):
            sess.run(late, {x: [[1.0]]})
        assert sess.run(w).tolist() == [[2.0]]
        sess.run(plain, {x: [[1.0]]})
        assert sess.run(w).tolist() == [[np.float32(1.6)]]
        sess.run(tf.global_variables_initializer())  # now the slots are set: the step runs
        sess.run(late, {x: [[1.0]]})
        assert sess.run(w).tolist() == [[np.float32(1.9)]]

"""A ``None`` among ``sess.run``'s fetches is TF1's ``TypeError`` (probe22 H3), raised before anything runs: typically
``sess.run(tf.gradients(loss, tf.trainable_variables()))`` where a variable does not reach the loss, whose gradient
is ``None``; symopt returned ``None`` in its place, and the program failed later, far from the cause (or a gradient
check skipped the variable silently).  TF 2.21's words: ``TypeError: Argument `fetch` = None has invalid type
"NoneType". Cannot be None``; TF 1.x's, which symopt gives: ``Fetch argument None has invalid type <class
'NoneType'>``.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

REFUSED = r"Fetch argument None has invalid type <class 'NoneType'>"


def test_a_disconnected_variables_gradient_is_refused_when_fetched():
    w, u = tf.Variable(1.0), tf.Variable(2.0)  # u is not used by the loss
    grads = tf.gradients(tf.square(w), [w, u])
    assert grads[1] is None
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        with pytest.raises(TypeError, match=REFUSED + r".*unconnected_gradients='zero'"):
            s.run(grads)
        with pytest.raises(TypeError, match=REFUSED):
            s.run([tf.square(w), None])
        with pytest.raises(TypeError, match=REFUSED):
            s.run({"loss": tf.square(w), "extra": [None]})
        assert s.run(tf.gradients(tf.square(w), [w, u], unconnected_gradients="zero")) == [2.0, 0.0]


def test_a_training_loop_fetching_none_changes_nothing():
    x = tf.placeholder(tf.float32, [None, 1])
    w = tf.Variable([[0.5]])
    cost = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(cost)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for fetches in ([train, None, cost], (train, None), [None, train]):
            with pytest.raises(TypeError, match=REFUSED):
                s.run(fetches, {x: [[1.0], [2.0]]})
            assert s.run(w) == np.float32(0.5)  # refused before the step
        _, c = s.run([train, cost], {x: [[1.0], [2.0]]})  # the loop as TF1 runs it
        assert c == np.float32(0.125) and s.run(w) != np.float32(0.5)

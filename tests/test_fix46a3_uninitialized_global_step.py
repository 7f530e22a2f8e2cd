"""final46a2 46a2-2: a training step whose global step has no value is TF1's FailedPreconditionError (TF 2.21 with
reference variables, /work/wt/final46a2/gs_uninit.py); it was counted from 0.  final46a3 46a3-2: the update is
applied before the failure, as TF 2.21's (its increment runs after the update): w = [0.8, 1.6] (GD), [0.9, 1.9] (Adam)."""
import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


@pytest.mark.parametrize("optimizer", ["GradientDescentOptimizer", "AdamOptimizer"])
@pytest.mark.parametrize("count", [1, 2])
def test_uninitialized_global_step_is_refused(optimizer, count):
    weights = [tf.Variable([1., 2.]) for _ in range(count)]
    opt = getattr(tf.train, optimizer)(0.1)
    step = tf.Variable(0, trainable=False, name="gs")
    train = opt.minimize(sum(tf.reduce_sum(w ** 2) for w in weights), global_step=step)
    sess = tf.Session()
    sess.run(tf.variables_initializer(weights + opt.variables()))
    with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value gs"):
        sess.run(train)
    stepped = {"GradientDescentOptimizer": [0.8, 1.6], "AdamOptimizer": [0.90000004, 1.9]}[optimizer]  # TF 2.21
    for w in weights:
        np.testing.assert_array_equal(sess.run(w), np.array(stepped, np.float32))


def test_a_local_global_step_left_uninitialized_gets_the_local_initializer_advice():
    """final46a3 46a3-1: a global step in LOCAL_VARIABLES with only the global initializer run: TF 2.21 fails too
    (FailedPreconditionError); the advice names tf.local_variables_initializer(), as it did before 46a2-2."""
    import symopt.compat.v1 as tf
    with tf.Graph().as_default():
        w = tf.Variable(0.0, name="w")
        step = tf.Variable(0, trainable=False, name="gs", collections=[tf.GraphKeys.LOCAL_VARIABLES])
        train = tf.train.GradientDescentOptimizer(0.1).minimize(w**2 - 10*w + 25, global_step=step)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            with pytest.raises(tf.errors.FailedPreconditionError, match=r"local_variables_initializer\(\) first"):
                session.run(train)

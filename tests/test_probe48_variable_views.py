"""Views of a variable made outside ``tf.control_dependencies([train])`` and read inside it, and ``tf.cond`` outputs
that are a variable (probe48 P48-5, P48-4): TF1 passes the variable's buffer on (``tf.identity``, ``tf.reshape``,
``tf.expand_dims``, ``tf.squeeze``, a one-tensor ``tf.concat``, ``Switch``/``Merge``), so a read after the step gives
the weights after it; symopt gave the weights before the step for these, silently.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.  By hand: one step of gradient descent with
rate 0.1 on sum((w - 3)^2) from w = [1, 2] gives w - 0.2 (w - 3) = [1.4, 2.2], a second [1.72, 2.36].
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

AFTER_ONE = [1.4, 2.2]  # TF 2.21 tf.compat.v1 (and by hand)
AFTER_TWO = [1.72, 2.36]  # TF 2.21 tf.compat.v1: [1.72, 2.3600001]


def _model():
    w = tf.Variable([1.0, 2.0])
    loss = tf.reduce_sum(tf.square(w - 3.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    return w, loss, train


VIEWS = {
    "identity": lambda w: tf.identity(w),
    "reshape": lambda w: tf.reshape(w, [-1]),
    "value": lambda w: w.value(),
    "expand_dims": lambda w: tf.reshape(tf.expand_dims(w, 0), [2]),
    "squeeze": lambda w: tf.squeeze(tf.expand_dims(w, 0)),
    "concat_one": lambda w: tf.concat([w], 0),
}


@pytest.mark.parametrize("make", VIEWS.values(), ids=list(VIEWS))
def test_a_view_made_outside_the_block_reads_after_the_step_inside_it(make):
    w, _, train = _model()
    outside = make(w)
    with tf.control_dependencies([train]):
        after = tf.identity(outside)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(after), AFTER_ONE, rtol=1e-6)  # TF 2.21 tf.compat.v1: [1.4, 2.2]
        np.testing.assert_allclose(sess.run([train, outside])[1], AFTER_TWO, rtol=1e-6)  # TF 2.21 tf.compat.v1


def test_a_one_tensor_concat_fetched_beside_the_step_reads_after_it():
    w, _, train = _model()
    joined = tf.concat([w], 0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run([train, joined])[1], AFTER_ONE, rtol=1e-6)  # TF 2.21 tf.compat.v1


def test_a_cond_between_the_averaged_and_the_raw_weights_reads_them_after_the_step():
    use_ema = tf.placeholder_with_default(False, [])
    w, _, train = _model()
    ema = tf.train.ExponentialMovingAverage(0.5)
    ema.apply([w])
    w_use = tf.cond(use_ema, lambda: ema.average(w), lambda: w)
    with tf.control_dependencies([train]):
        w_after = tf.identity(w_use)
        w_after_plain = tf.identity(w)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run([train, w_use])[1], AFTER_ONE, rtol=1e-6)  # TF 2.21: [1.4, 2.2]
        after, plain = sess.run([w_after, w_after_plain])
        np.testing.assert_allclose(after, AFTER_TWO, rtol=1e-6)  # TF 2.21 tf.compat.v1: [1.72, 2.3600001]
        np.testing.assert_allclose(plain, AFTER_TWO, rtol=1e-6)
        # the average was never applied: the shadow keeps w's initial value (TF 2.21 tf.compat.v1: [1., 2.])
        np.testing.assert_allclose(sess.run(w_after, {use_ema: True}), [1.0, 2.0])


def test_a_cond_of_the_variable_and_a_computed_value_reads_each_as_tf1_does():
    """The branch that is the variable reads it after the step; the computed branch (the loss) is the value the
    step computed, before its update: at w = [1.4, 2.2] the loss is 1.6^2 + 0.8^2 = 3.2."""
    w, loss, train = _model()
    p = tf.placeholder_with_default(True, [])
    two = tf.cond(p, lambda: w, lambda: tf.stack([loss, loss]))
    chosen = tf.case([(p, lambda: w)], default=lambda: tf.stack([loss, loss]))
    with tf.control_dependencies([train]):
        a, b = tf.identity(two), tf.identity(chosen)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for value in sess.run([a, b]):
            np.testing.assert_allclose(value, AFTER_ONE, rtol=1e-6)  # TF 2.21 tf.compat.v1: [1.4, 2.2] twice
        for value in sess.run([a, b], {p: False}):
            np.testing.assert_allclose(value, [3.2, 3.2], rtol=1e-6)  # TF 2.21 tf.compat.v1: [3.2, 3.2] twice
        np.testing.assert_allclose(sess.run(w), AFTER_TWO, rtol=1e-6)


def test_a_cond_of_the_variable_and_a_computed_value_fetched_beside_the_step():
    """Fetched beside ``train`` with no block: the variable's branch after the step, the loss's the value the step
    computed (at w = [1.4, 2.2]: 3.2)."""
    w, loss, train = _model()
    p = tf.placeholder_with_default(True, [])
    two = tf.cond(p, lambda: w, lambda: tf.stack([loss, loss]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run([train, two])[1], AFTER_ONE, rtol=1e-6)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run([train, two], {p: False})[1], [3.2, 3.2], rtol=1e-6)  # TF 2.21
        np.testing.assert_allclose(sess.run(w), AFTER_TWO, rtol=1e-6)


def test_a_cond_on_a_variable_predicate_reads_the_predicate_before_the_run_updates_it():
    """A cond made outside the block whose predicate is a variable read as it is: TF1's ``Switch`` reads the flag
    before the flip that the block's cond waits for (the cond passes its branches' buffers, not its predicate's)."""
    flag = tf.Variable(True, trainable=False)
    flip = tf.assign(flag, tf.logical_not(flag))
    chosen = tf.cond(flag, lambda: tf.constant(1.0), lambda: tf.constant(-1.0))
    with tf.control_dependencies([flip]):
        chosen_after = tf.cond(flag, lambda: tf.constant(1.0), lambda: tf.constant(-1.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = [sess.run([chosen, chosen_after]) for _ in range(3)]
    assert got == [[1.0, -1.0], [-1.0, 1.0], [1.0, -1.0]]  # TF 2.21 tf.compat.v1

"""probe32 P32-3: WGAN's weight clipping fetched beside the critic's step, ``sess.run([d_train, d_loss, clip_d])``.
TF1 runs the assignment and the update in no fixed order (the update is clipped, added to the clipped value or lost,
and the loss reads either value, from run to run); symopt lost the update in every run, silently.  Now such a run is
refused before anything changes, naming the deterministic forms; the clipping made under
``tf.control_dependencies([train])`` runs after the step, with TF 2.21's numbers."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

START = np.random.RandomState(14).randn(2, 3).astype(np.float32) * 0.05
FEED_ROWS = np.ones((2, 2), np.float32)


def _critic():
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(START)
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - 1.0))
    return X, W, loss


def test_a_clipping_fetched_beside_the_step_is_refused_before_anything_changes():
    X, W, loss = _critic()
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    clip = W.assign(tf.clip_by_value(W, -0.01, 0.01))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for fetches in ([train, loss, clip], tf.group(train, clip)):
            with pytest.raises(UnsupportedOperationError, match=r"Assign assigns Variable in the run where Adam "
                                                                r"updates it: TF1 runs the two in no fixed order.*"
                                                                r"tf.control_dependencies\(\[Adam\]\)"):
                sess.run(fetches, {X: FEED_ROWS})
            assert np.array_equal(sess.run(W), START)
        sess.run(train, {X: FEED_ROWS})  # separate runs: the step, then the clipping
        sess.run(clip)
        assert np.abs(sess.run(W)).max() == np.float32(0.01)


def test_a_clipping_after_the_step_runs_as_tf1():
    X, W, loss = _critic()
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.control_dependencies([train]):
        clip = W.assign(tf.clip_by_value(W, -0.01, 0.01))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([train, loss, clip], {X: FEED_ROWS})[1] for _ in range(3)]
        assert losses == [np.float32(1.0092455), np.float32(0.9736001), np.float32(0.96040004)]  # TF 2.21
        assert sess.run(W).tolist() == np.float32([[0.01] * 3] * 2).tolist()  # TF 2.21

"""A clipped gradient of an embedding (``clip_by_value``, ``clip_by_norm``, ``clip_by_global_norm``) with a batch
that repeats an id: TF1 clips each occurrence's slice, symopt's gradient is the summed matrix, so such a step is a
typed refusal before any update (probe S5: other numbers, silently); distinct ids, or no clip, train as before."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

E0 = np.float32([[0.1, 0.2], [0.3, -0.4], [-0.5, 0.6], [0.7, 0.8]])


def _program(clip):
    E = tf.Variable(E0)
    w = tf.Variable([1.0, -1.0])
    ids = tf.placeholder(tf.int32, [None])
    y = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_mean(tf.square(tf.reduce_sum(tf.nn.embedding_lookup(E, ids) * w, 1) - y))
    opt = tf.train.GradientDescentOptimizer(0.5)
    pairs = opt.compute_gradients(loss)
    return E, ids, y, opt.apply_gradients(clip(pairs))


@pytest.mark.parametrize("clip", [
    lambda pairs: [(tf.clip_by_value(g, -0.3, 0.3), v) for g, v in pairs],
    lambda pairs: [(tf.clip_by_norm(g, 0.5), v) for g, v in pairs],
    lambda pairs: list(zip(tf.clip_by_global_norm([g for g, _ in pairs], 0.5)[0], [v for _, v in pairs])),
])
def test_a_repeated_id_under_a_clipped_gradient_is_refused_before_the_update(clip):
    E, ids, y, train = _program(clip)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [0, 1], y: [1.0, 1.0]})
        before = sess.run(E)
        with pytest.raises(UnsupportedOperationError, match="repeats an index .*feed batches of distinct ids"):
            sess.run(train, {ids: [0, 0, 2], y: [1.0, 1.0, 1.0]})
        np.testing.assert_array_equal(sess.run(E), before)


def test_repeated_ids_without_a_clip_train():
    E, ids, y, train = _program(lambda pairs: pairs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {ids: [0, 0, 2], y: [1.0, 1.0, 1.0]})
        assert not np.array_equal(sess.run(E), E0)

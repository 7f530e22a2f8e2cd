"""The batch size ``tf.shape(x)[0]`` inside ``tf.range``, ``tf.stack``, ``tf.tile`` and shape arguments, as TF1
programs write them: the row numbers of the fed batch beside the labels as ``tf.gather_nd`` indices (a policy
gradient's log-probability of the action taken), a bias row tiled over the batch, ``tf.reshape(x, tf.stack(...))``.
What the design cannot hold (a count that is not the batch size, a tile of several rows over the batch) raises a
typed error that gives TF1's static spelling.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

FEED_X = np.float32([[1, 2], [0.5, -1], [2, 0.3]])
ACTIONS = [2, 0, 1]
ADVANTAGES = np.float32([1.0, -0.5, 2.0])


def test_row_numbers_pick_each_rows_action_and_train_as_tf1():
    X = tf.placeholder(tf.float32, [None, 2])
    actions = tf.placeholder(tf.int32, [None])
    advantages = tf.placeholder(tf.float32, [None])
    W = tf.Variable([[0.5, -0.2, 0.1], [0.3, 0.8, -0.5]])
    b = tf.Variable([[0.1, 0.0, -0.1]])
    n = tf.shape(X)[0]
    logits = tf.matmul(X, W) + tf.tile(b, [n, 1])
    indices = tf.stack([tf.range(n), actions], axis=1)
    picked = tf.gather_nd(tf.nn.log_softmax(logits), indices)
    loss = -tf.reduce_mean(picked * advantages)
    rows = tf.cast(tf.range(n), tf.float32)
    penalty = tf.reduce_sum(tf.square(tf.reduce_sum(logits, axis=1) - rows))
    train = tf.train.AdamOptimizer(0.1).minimize(loss + 0.01 * penalty)
    assert [str(indices), str(picked)] == ['Tensor("stack:0", shape=(?, 2), dtype=int32)',  # TF 2.21 tf.compat.v1
                                           'Tensor("GatherNd:0", shape=(?,), dtype=float32)']
    feed = {X: FEED_X, actions: ACTIONS, advantages: ADVANTAGES}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(indices, feed).tolist() == [[0, 2], [1, 0], [2, 1]]  # TF 2.21 tf.compat.v1
        value, extra, chosen, grad_w, grad_b = sess.run([loss, penalty, picked, *tf.gradients(loss, [W, b])], feed)
        # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(value, 2.0309674739837646, rtol=1e-6)
        assert extra == np.float32(5.560399532318115)
        np.testing.assert_allclose(chosen, [-3.0468146800994873, -1.0572922229766846, -1.7873671054840088], rtol=1e-6)
        np.testing.assert_allclose(grad_w, [[1.0582890510559082, -0.9467584490776062, -0.11153066158294678],
                                            [0.306231826543808, 0.20501300692558289, -0.5112447738647461]], rtol=1e-6)
        np.testing.assert_allclose(grad_b, [[0.6821832060813904, -0.4028880000114441, -0.27929526567459106]],
                                   rtol=1e-6)
        for i in range(3):  # batches of 2, 3 and 2 rows: the row numbers follow the fed batch
            rows_fed = 2 + i % 2
            sess.run(train, {X: FEED_X[:rows_fed], actions: ACTIONS[:rows_fed], advantages: ADVANTAGES[:rows_fed]})
        # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(W), [[0.22161921858787537, -0.21723435819149017, 0.3436751365661621],
                                                 [0.004075631499290466, 0.5168296098709106, -0.2098625898361206]],
                                   rtol=1e-5)
        np.testing.assert_allclose(sess.run(b), [[-0.19535872340202332, -0.06309396028518677, 0.1817488670349121]],
                                   rtol=1e-6)
        with pytest.raises(tf.errors.InvalidArgumentError, match="3"):  # TF1: indices[0] = [0, 3] out of range
            sess.run(picked, {X: FEED_X, actions: [3, 0, 1]})


def test_the_batch_size_in_stacked_shapes_and_tiles_as_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    n = tf.shape(x)[0]
    b = tf.Variable([[1.0, 2.0, 3.0]])
    v = tf.constant([7.0])
    made = [tf.range(n), tf.tile(b, [n, 1]), tf.tile(v, [n]), tf.stack([n, 3]), tf.reshape(x, tf.stack([n, 3])),
            tf.ones(tf.stack([n, 2])), tf.cast(tf.range(n), tf.float32) * 2.0]
    # TF 2.21 tf.compat.v1
    assert [tuple(t.shape.as_list()) for t in made] == [(None,), (None, 3), (None,), (2,), (None, 3), (None, 2),
                                                        (None,)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(made, {x: [[1, 2, 3], [4, 5, 6]]})
        grad = sess.run(tf.gradients(tf.reduce_sum(tf.tile(b, [n, 1]) * x), b)[0], {x: [[1, 2, 3], [4, 5, 6]]})
    # TF 2.21 tf.compat.v1
    assert [np.asarray(g).tolist() for g in got] == [
        [0, 1], [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], [7.0, 7.0], [2, 3], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
        [[1.0, 1.0], [1.0, 1.0]], [0.0, 2.0]]
    assert grad.tolist() == [[5.0, 7.0, 9.0]]  # TF 2.21 tf.compat.v1


def test_what_symopt_cannot_hold_says_the_static_spelling():
    x = tf.placeholder(tf.float32, [None, 3])
    n = tf.shape(x)[0]
    two_rows = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with pytest.raises(UnsupportedOperationError, match=r"tf.range\(x.shape\[1\].value\)"):
        tf.range(1, n)
    with pytest.raises(UnsupportedOperationError, match=r"one row.*tf.zeros_like\(x\[:, :1\]\) \+ b"):
        tf.tile(two_rows, [n, 1])
    with pytest.raises(UnsupportedOperationError, match="one row"):
        tf.tile(x, [1, n])
    rows = tf.range(n)
    with tf.Session() as sess:  # the batch size comes from a fed placeholder with a batch dimension
        with pytest.raises(tf.errors.InvalidArgumentError, match="batch"):
            sess.run(rows)

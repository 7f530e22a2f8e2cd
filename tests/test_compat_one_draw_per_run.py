"""A batch-shaped random tensor (``tf.nn.dropout``'s mask, ``tf.random_uniform(tf.shape(x))``) is drawn once per
``session.run``: every fetch of the run, and the training step in it, sees the same draw, as TF1 evaluates each
tensor once per run (probe11 U14: with a training operation, the fetched logits came from a second mask)."""

import numpy as np

import symopt.compat.v1 as tf


def test_dropout_fetches_and_the_step_share_the_runs_mask():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 6])
    keep = tf.placeholder(tf.float32)
    W = tf.Variable(tf.ones([6, 1]))
    dropped = tf.nn.dropout(x, keep)
    logits = tf.matmul(dropped, W)
    loss = tf.reduce_sum(logits)
    accuracy = tf.reduce_mean(tf.cast(logits > 6.0, tf.float32))
    train = tf.train.GradientDescentOptimizer(0.5 ** 12).minimize(loss)
    feed = {x: np.ones((200, 6), np.float32), keep: 0.5}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(5):
            before = session.run(W)
            _, cost, share, mask, out = session.run([train, loss, accuracy, dropped, logits], feed_dict=feed)
            assert set(np.unique(mask)) <= {0.0, 2.0} and 0 < mask.sum() < 2400
            np.testing.assert_array_equal(out, mask @ before)  # the fetched logits are the fetched mask's
            assert np.isclose(cost, out.sum(), rtol=1e-6)
            assert np.isclose(share, np.mean(out > 6.0))
            # GD on sum(d @ W): W moves by lr times the column sums of the mask the step used, the fetched one
            np.testing.assert_allclose(before - session.run(W), 0.5 ** 12 * mask.sum(axis=0, keepdims=True).T,
                                       rtol=1e-6)


def test_a_uniform_tensor_of_the_batch_shape_is_one_draw_per_run():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(tf.ones([3, 1]))
    noise = tf.random_uniform(tf.shape(x))
    loss = tf.reduce_sum(tf.matmul(x + noise, W))
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        draws = []
        for _ in range(4):
            weights = session.run(W)
            _, cost, drawn = session.run([train, loss, noise], feed_dict={x: np.zeros((50, 3), np.float32)})
            assert np.isclose(cost, (drawn @ weights).sum(), rtol=1e-6)
            draws.append(drawn)
        assert not np.array_equal(draws[0], draws[1])  # a new draw in the next run

"""probe32 P32-3: gradients accumulated in a variable and applied later, ``opt.apply_gradients([(acc / k, W)])``,
demanded a feed of the loss's shape-less placeholders (the tutorials' ``keep_prob = tf.placeholder(tf.float32)``,
labels ``y = tf.placeholder(tf.float32)``), which the step does not read: TF1 runs it without a feed.  The numbers
are TF 2.21's."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_accumulated_step_needs_no_feed_of_the_loss_placeholders():
    X = tf.placeholder(tf.float32, [None, 2])
    kp = tf.placeholder(tf.float32)
    y = tf.placeholder(tf.float32)
    W = tf.Variable([[1.0], [2.0]])
    loss = tf.reduce_mean(tf.square(tf.nn.dropout(tf.matmul(X, W), kp) - y))
    acc = tf.Variable(tf.zeros([2, 1]), trainable=False)
    opt = tf.train.AdamOptimizer(0.1)
    g, _ = opt.compute_gradients(loss, [W])[0]
    acc_op = acc.assign_add(g)
    train = opt.apply_gradients([(acc / 2.0, W)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for rows, labels in (([[1., 2.]], [[1.0]]), ([[0.5, -1.], [2., 1.]], [[0.0], [1.0]])):
            sess.run(acc_op, {X: rows, y: labels, kp: 1.0})
        assert sess.run(acc).ravel().tolist() == [13.25, 20.5]  # TF 2.21
        sess.run(train)
        assert sess.run(W).ravel().tolist() == [0.8999999761581421, 1.899999976158142]  # TF 2.21
        _, fetched_loss = sess.run([train, loss], {X: [[1., 1.]], y: [[0.0]], kp: 1.0})
        assert fetched_loss == np.float32(7.8399997)  # TF 2.21
        assert sess.run(W).ravel().tolist() == [0.8000003099441528, 1.8000003099441528]  # TF 2.21

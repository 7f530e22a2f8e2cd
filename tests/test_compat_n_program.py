"""A TF1 training program the way tutorials wrote it, with this branch's names together: get_variable(regularizer=),
tf.get_collection(REGULARIZATION_LOSSES) + tf.add_n, tf.losses.sparse_softmax_cross_entropy with per-example weights
fed through a placeholder, compute_gradients -> clip_by_global_norm -> apply_gradients with Adam, tf.nn.in_top_k
accuracy and tf.losses.get_total_loss.  Every number comes from TF 2.21's tf.compat.v1 (graph mode) running the same
program (its l2_regularizer written as TF 1.15's contrib defines it).  Tolerance: 2e-6 relative over 24 Adam steps
(float32 sums in another order), 1e-7 absolute for weights near 0."""

import numpy as np

import symopt.compat.v1 as tf


def test_regularized_clipped_classifier_trains_as_tf1():
    rng = np.random.RandomState(42)
    x_data = rng.randn(40, 4).astype(np.float32)
    y_data = (x_data[:, 0] + x_data[:, 1] * x_data[:, 2] > 0).astype(np.int64) + (x_data[:, 3] > 1)
    w_data = np.where(rng.rand(40) < 0.2, 0.0, 1.0).astype(np.float32)

    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [None, 4], name="X")
    y = tf.placeholder(tf.int64, [None], name="y")
    w = tf.placeholder(tf.float32, [None], name="w")
    regularizer = tf.contrib.layers.l2_regularizer(scale=0.01)
    with tf.variable_scope("layer1"):
        W1 = tf.get_variable("weights", initializer=tf.constant(rng.randn(4, 8).astype(np.float32) * 0.5),
                             regularizer=regularizer)
        b1 = tf.get_variable("biases", [8], initializer=tf.zeros_initializer())
    with tf.variable_scope("layer2"):
        W2 = tf.get_variable("weights", initializer=tf.constant(rng.randn(8, 3).astype(np.float32) * 0.5),
                             regularizer=regularizer)
        b2 = tf.get_variable("biases", [3], initializer=tf.zeros_initializer())
    hidden = tf.nn.relu(tf.matmul(X, W1) + b1)
    logits = tf.matmul(hidden, W2) + b2
    base_loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits, weights=w)
    reg_losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    loss = base_loss + tf.add_n(reg_losses)
    optimizer = tf.train.AdamOptimizer(learning_rate=0.05)
    gradients, variables = zip(*optimizer.compute_gradients(loss))
    gradients, global_norm = tf.clip_by_global_norm(gradients, 1.0)
    train_op = optimizer.apply_gradients(zip(gradients, variables))
    accuracy = tf.reduce_mean(tf.cast(tf.nn.in_top_k(logits, y, 1), tf.float32))
    total = tf.losses.get_total_loss()

    # TF 2.21 tf.compat.v1: the last batch's loss and global norm after each epoch
    expected = [(1.0397034, 0.8047532), (0.7629484, 0.45866457), (0.69544256, 0.44884336), (0.6149615, 0.43280023),
                (0.5528517, 0.5044855), (0.50158584, 0.56283164)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for epoch in range(6):
            for start in range(0, 40, 10):
                feed = {X: x_data[start:start + 10], y: y_data[start:start + 10], w: w_data[start:start + 10]}
                _, batch_loss, norm = sess.run([train_op, loss, global_norm], feed_dict=feed)
            np.testing.assert_allclose([batch_loss, norm], expected[epoch], rtol=2e-6)
        full = {X: x_data, y: y_data, w: w_data}
        # TF 2.21 tf.compat.v1: loss = total loss 0.6011305, accuracy 0.8
        np.testing.assert_allclose(sess.run([loss, total], full), [0.6011305, 0.6011305], rtol=2e-6)
        assert sess.run(accuracy, full) == np.float32(0.8)
        np.testing.assert_allclose(sess.run(W2), [[-0.53644705, 1.0687767, -0.6098018],
                                                  [0.03397322, -0.57453644, -0.20266955],
                                                  [-0.22390625, 0.33417127, -0.41192108],
                                                  [-0.25101987, 0.9424085, 0.07264252],
                                                  [-0.67844164, -0.14249097, -0.5688258],
                                                  [0.5305978, -0.00202569, -0.73852384],
                                                  [0.7019856, 0.08189754, -0.68056864],
                                                  [0.4173615, -0.31134805, -1.1051158]], rtol=2e-6, atol=1e-7)

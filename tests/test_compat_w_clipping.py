"""``tf.clip_by_global_norm`` and ``tf.global_norm`` carry TF1's float32 digits exactly: the norm is
:math:`\\sqrt{2 \\sum \\mathrm{l2\\_loss}(t_i)}` in float32 and every tensor is multiplied by
:math:`c \\cdot \\min(1/N, 1/c)`, also when :math:`N \\le c` (the tensors then come back as ``t * c * (1/c)``).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

A_VALUE = np.float32([[0.3, -1.7], [2.9, 0.11], [-0.6, 1.3]])
B_VALUE = np.float32([0.7, -0.2, 3.1])


def test_clip_by_global_norm_of_fed_tensors_has_tf1s_float32_digits():
    a = tf.placeholder(tf.float32, [3, 2])
    b = tf.placeholder(tf.float32, [3])
    clipped, norm = tf.clip_by_global_norm([a, b], 0.5)
    kept, _ = tf.clip_by_global_norm([a, b], 7.0)
    with tf.Session() as sess:
        got = sess.run([norm, tf.global_norm([a, b]), *clipped, *kept], {a: A_VALUE, b: B_VALUE})
    # TF 2.21 tf.compat.v1, every digit
    assert got[0] == got[1] == np.float32(4.857170104980469)
    np.testing.assert_array_equal(got[2], np.float32([[0.030882179737091064, -0.17499901354312897],
                                                      [0.2985277473926544, 0.011323465965688229],
                                                      [-0.06176435947418213, 0.13382276892662048]]))
    np.testing.assert_array_equal(got[3], np.float32([0.07205841690301895, -0.020588120445609093,
                                                      0.31911584734916687]))
    np.testing.assert_array_equal(got[4], np.float32([[0.30000001192092896, -1.7000000476837158],
                                                      [2.9000000953674316, 0.10999999940395355],
                                                      [-0.6000000238418579, 1.2999999523162842]]))
    np.testing.assert_array_equal(got[5], np.float32([0.699999988079071, -0.20000000298023224, 3.0999999046325684]))


def test_clipped_adam_steps_follow_tf1():
    X = tf.placeholder(tf.float32, [None, 2])
    Y = tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable([[0.5], [-0.3]])
    c = tf.Variable(0.1)
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) + c - Y))
    optimizer = tf.train.AdamOptimizer(0.05)
    grads, variables = zip(*optimizer.compute_gradients(loss))
    clipped, norm = tf.clip_by_global_norm(grads, 0.5)
    train = optimizer.apply_gradients(zip(clipped, variables))
    feed = {X: np.float32([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5], [2.0, 2.0]]),
            Y: np.float32([[1.0], [0.0], [2.0], [-1.0]])}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        _, first_norm = sess.run([train, norm], feed)
        assert first_norm == np.float32(3.5298724)  # TF 2.21 tf.compat.v1
        # TF 2.21 tf.compat.v1, every digit after the first step
        np.testing.assert_array_equal(sess.run(W).ravel(), np.float32([0.45000001788139343, -0.25000011920928955]))
        assert sess.run(c) == np.float32(0.05000036582350731)
        for _ in range(4):
            sess.run(train, feed)
        # TF 2.21 tf.compat.v1 after 5 steps (from step 2 on the gradient itself, before any clipping, differs from
        # TF1's in the last place: tf.gradients gives 2.9625008 where TF1 gives 2.962501)
        np.testing.assert_allclose(sess.run(W).ravel(), [0.25006502866744995, -0.04950334131717682], rtol=1e-6)
        np.testing.assert_allclose(sess.run(c), -0.0074866097420454025, rtol=1e-6)

"""TF1's gradient of ``tf.sqrt`` (its ``SqrtGrad`` kernel gives 0 where the incoming gradient is 0): the branch of a
``tf.where`` not taken contributes 0, so ``tf.where(x > 0, tf.sqrt(x), 0)`` at ``x <= 0`` trains (symopt gave
``0 * inf = NaN`` there); a gradient that does reach a square root at 0 is still TF1's NaN.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_untaken_square_root_of_a_where_passes_zero():
    x = tf.Variable([-1.0, 0.0, 4.0])
    root = tf.where(x > 0, tf.sqrt(x), tf.zeros_like(x))
    logarithm = tf.where(x > 0, tf.log(x), x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(tf.gradients(tf.reduce_sum(root), x)[0]), [0.0, 0.0, 0.25])  # TF 2.21
        np.testing.assert_array_equal(sess.run(tf.gradients(tf.reduce_sum(logarithm), x)[0]),
                                      [1.0, np.nan, 0.25])  # TF 2.21: log's gradient is 0 * inf there too


def test_training_through_a_guarded_square_root_as_tf1():
    x = tf.placeholder(tf.float32, [3])
    w = tf.Variable([0.5, -1.0, 2.0])
    guarded = tf.where(x * w > 0, tf.sqrt(x * w), tf.zeros_like(x))
    loss = tf.reduce_sum(guarded) + tf.reduce_sum(tf.sqrt(tf.square(w) + 1.0))
    gradient = tf.gradients(loss, w)[0]
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    feed = {x: [2.0, 1.0, 0.0]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(gradient, feed), [1.4472136, -0.70710677, 0.8944272], rtol=1e-6)  # TF 2.21
        sess.run(train, feed)
        np.testing.assert_allclose(sess.run(w), [0.3552786, -0.92928934, 1.9105573], rtol=1e-6)  # TF 2.21
        assert np.isnan(sess.run(tf.gradients(tf.norm(w - w), w)[0])).all()  # TF 2.21: [nan nan nan]

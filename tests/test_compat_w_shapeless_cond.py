"""cs20si lecture 3's Huber loss, fed one example at a time through placeholders without a shape: a comparison of
such tensors is a ``tf.bool`` tensor before it is built (as in TF1), so ``tf.cond`` takes it, and ``minimize``
trains through the cond along the taken branch.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

DATA = np.float32([[1.0, 3.1], [2.0, 4.9], [3.0, 7.2], [4.0, 40.0], [5.0, 11.1]])


def test_cs20si_huber_loss_trains_one_example_at_a_time_as_tf1():
    X = tf.placeholder(tf.float32, name="X")
    Y = tf.placeholder(tf.float32, name="Y")
    w = tf.get_variable("weights", initializer=tf.constant(0.0))
    b = tf.get_variable("bias", initializer=tf.constant(0.0))
    predicted = w * X + b

    def huber_loss(labels, predictions, delta=14.0):
        residual = tf.abs(labels - predictions)
        return tf.cond(residual < delta, lambda: 0.5 * tf.square(residual),
                       lambda: delta * residual - 0.5 * tf.square(delta))
    loss = huber_loss(Y, predicted)
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(loss)
    averages = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(30):
            total = 0.0
            for x, y in DATA:
                _, value = sess.run([optimizer, loss], feed_dict={X: x, Y: y})
                total += value
            averages.append(total / len(DATA))
        w_out, b_out = sess.run([w, b])
    # TF 2.21 tf.compat.v1 (cs20si's printout every 10 epochs)
    np.testing.assert_allclose(averages[0:30:10], [111.71956634521484, 81.66167449951172, 68.84515380859375],
                               rtol=1e-6)
    assert (w_out, b_out) == (np.float32(2.48733), np.float32(0.66875386))

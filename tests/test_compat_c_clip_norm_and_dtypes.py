"""``tf.clip_by_norm`` of an all-zero row trains as TF1 (b-probe B19: its gradient was NaN, TF 1.14+ takes the square
root of 1 there), and ``tf.get_variable(name, initializer=value)`` takes the value's dtype (B18: it was float32).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_clipping_the_norm_of_a_zero_padding_row_keeps_training_finite():
    E = tf.Variable(np.float32([[0.0, 0.0], [3.0, 4.0], [0.5, -0.2]]))
    ids, y = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.float32, [None])
    w = tf.Variable(np.float32([1.0, -1.0]))
    emb = tf.clip_by_norm(tf.nn.embedding_lookup(E, ids), 1.0, axes=[1])
    loss = tf.reduce_mean(tf.square(tf.reduce_sum(emb * w, 1) - y))
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    x, v = tf.placeholder(tf.float32, [None, 2]), tf.Variable([1.0, 2.0])
    at_zero = tf.gradients(tf.reduce_sum(tf.clip_by_norm(x * v, 1.0)), v)[0]
    V = tf.Variable([[0.0, 0.0], [3.0, 4.0]])
    rows = tf.gradients(tf.reduce_sum(tf.clip_by_norm(V, 1.0, axes=[1]) * [[1.0, 2.0], [1.0, 1.0]]), V)[0]
    clipped = tf.clip_by_norm(tf.constant([[3.0, 4.0], [0.3, 0.4]]), 1.0, axes=[1])
    assert clipped.name == "clip_by_norm_3:0"  # TF 2.21 tf.compat.v1 (its inner ops take no names)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = {ids: [0, 1, 2, 0], y: [0, 1, 0.5, 0]}
        losses = [sess.run([train, loss], feed)[1] for _ in range(3)]
        np.testing.assert_allclose(losses, [0.37, 0.19970699, 0.10852663], rtol=1e-6)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(w), [1.3671877, -0.44001442], rtol=1e-6)
        np.testing.assert_array_equal(sess.run(E)[0], [0.0, 0.0])
        np.testing.assert_array_equal(sess.run(at_zero, {x: [[0.0, 0.0]]}), [0.0, 0.0])  # TF 2.21 (it was NaN)
        np.testing.assert_allclose(sess.run(rows), [[1.0, 2.0], [0.03199999, -0.024000004]], rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(sess.run(clipped), [[0.6, 0.8], [0.3, 0.4]], rtol=1e-7)


def test_get_variable_of_a_value_takes_its_dtype():
    c = tf.get_variable("c", initializer=0, trainable=False)
    G = tf.get_variable("G", initializer=np.array([[0.1], [-0.7]]))
    H = tf.get_variable("H", initializer=tf.constant(np.array([0.1, 0.2])))
    K = tf.get_variable("K", initializer=[1.5, 2.0])
    assert (c.dtype, G.dtype, H.dtype, K.dtype) == (tf.int32, tf.float64, tf.float64, tf.float32)  # TF 2.21
    increment = tf.assign_add(c, 1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(increment)
        assert [sess.run(c), sess.run(c / 2), sess.run(c // 2)] == [3, 1.5, 1]  # TF 2.21 tf.compat.v1
        product = sess.run(tf.matmul(tf.constant(np.array([[1.0, 2.0]])), G))
        assert product.dtype == np.float64 and product.tolist() == [[0.1 * 1.0 + -0.7 * 2.0]]  # TF 2.21: [[-1.3]]

"""``tf.matrix_inverse`` / ``tf.linalg.inv`` of a singular matrix is TF1's ``InvalidArgumentError`` at run time,
for the inverse, what is computed from it, its gradient and a training step through it, never NaN entries
(g-probe G-L2: the core's generated ``inverse`` gives NaN there, and ``Session.run`` silences NumPy's warnings).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

SINGULAR = np.array([[1.0, 2.0], [2.0, 4.0]], np.float32)


def test_a_singular_inverse_is_tf1s_error_and_changes_no_variable():
    A = tf.Variable(SINGULAR)
    B = tf.Variable(np.array([[2.0, 1.0], [1.0, 3.0]], np.float32))
    loss = tf.reduce_sum(tf.linalg.inv(A) * B)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: InvalidArgumentError (Input is not invertible.) for each
        for fetch in (tf.linalg.inv(A), tf.matmul(tf.matrix_inverse(A), B), tf.gradients(loss, A)[0], [train, loss]):
            with pytest.raises(tf.errors.InvalidArgumentError, match="Input is not invertible"):
                sess.run(fetch)
        np.testing.assert_array_equal(sess.run(A), SINGULAR)  # the failed step changed nothing
        # the determinant's gradient there is the adjugate (TF 2.21 raises: its gradient goes through the inverse)
        np.testing.assert_array_equal(sess.run(tf.gradients(tf.linalg.det(A), A)[0]), [[4.0, -2.0], [-2.0, 1.0]])


def test_an_invertible_matrix_trains_as_tf1():
    A = tf.Variable(SINGULAR)
    B = tf.Variable(np.array([[2.0, 1.0], [1.0, 3.0]], np.float32))
    loss = tf.reduce_sum(tf.matrix_inverse(B, adjoint=True) * A)
    train = tf.train.AdamOptimizer(0.1).minimize(loss, var_list=[B])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            _, value = sess.run([train, loss])
        # TF 2.21 tf.compat.v1
        assert value == pytest.approx(1.2859643, rel=1e-6)
        np.testing.assert_allclose(sess.run(B), [[2.2922814, 1.296582], [1.296582, 3.2994144]], rtol=1e-6)
        np.testing.assert_allclose(sess.run(tf.gradients(loss, B)[0]),
                                   [[-0.014416454, -0.06711643], [-0.06711645, -0.31246355]], rtol=2e-6)

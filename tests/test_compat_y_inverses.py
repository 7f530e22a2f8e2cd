"""``tf.matrix_inverse`` / ``tf.linalg.inv`` and ``tf.matrix_determinant`` / ``tf.linalg.det`` (v-probe V3): Géron
ch. 9's normal equation, values, gradients and training steps.  Expected numbers: TF 2.21 tf.compat.v1 (graph
mode); float32 LU factorisations differ in their last bits (NumPy's LAPACK vs TF1's Eigen, whose determinant is
``sign * exp(sum(log|u_ii|))``), hence the relative tolerances of a few float32 ulps."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_normal_equation():
    rng = np.random.RandomState(42)
    m, n = 20, 3
    data = rng.rand(m, n).astype(np.float32)
    target = (data @ np.float32([[1.5], [-2.0], [0.5]]) + 0.3 + 0.01 * rng.randn(m, 1)).astype(np.float32)
    data_b = np.c_[np.ones((m, 1)), data].astype(np.float32)
    X = tf.constant(data_b, dtype=tf.float32, name="X")
    y = tf.constant(target, dtype=tf.float32, name="y")
    XT = tf.transpose(X)
    inverse = tf.matrix_inverse(tf.matmul(XT, X))
    theta = tf.matmul(tf.matmul(inverse, XT), y)
    assert str(inverse) == 'Tensor("MatrixInverse:0", shape=(4, 4), dtype=float32)'  # TF 2.21 tf.compat.v1
    assert str(tf.matrix_determinant(tf.matmul(XT, X))) == \
        'Tensor("MatrixDeterminant:0", shape=(), dtype=float32)'
    with tf.Session() as sess:
        # TF 2.21 tf.compat.v1 (XᵀX's condition number amplifies the LU's rounding)
        np.testing.assert_allclose(sess.run(theta).ravel(), [0.29160458, 1.5171479, -2.0020535, 0.49845862],
                                   rtol=5e-6)


def test_values_gradient_and_training():
    A = tf.Variable(np.float32([[2.0, 1.0], [0.5, 3.0]]), name="A")
    d = tf.linalg.det(A)
    adjoint_inverse = tf.linalg.inv(A, adjoint=True)
    loss = tf.reduce_sum(tf.matrix_inverse(A)) + d
    gradient = tf.gradients(loss, A)[0]
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, inverse_t, grad = sess.run([d, adjoint_inverse, gradient])
        assert value == pytest.approx(5.5000005, rel=2e-7)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(inverse_t, [[0.54545456, -0.09090909], [-0.18181819, 0.36363637]], rtol=2e-7)
        np.testing.assert_allclose(grad, [[2.834711, -0.623967], [-1.0661159, 1.9504135]], rtol=5e-7)
        for _ in range(3):
            sess.run(train)
        np.testing.assert_allclose(sess.run(A), [[1.9156706, 1.0190847], [0.5321762, 2.942319]], rtol=2e-7)
        B = tf.constant(np.float64([[4.0, 2.0], [1.0, 3.0]]))
        inverse_b, det_b = sess.run([tf.matrix_inverse(B), tf.matrix_determinant(B)])
    np.testing.assert_allclose(inverse_b, [[0.3, -0.2], [-0.1, 0.4]], rtol=1e-15)  # TF 2.21 tf.compat.v1
    assert det_b == pytest.approx(10.000000000000002, rel=1e-15)


def test_refusals():
    with pytest.raises(ValueError, match="Dimensions must be equal, but are 2 and 3"):
        tf.matrix_inverse(tf.ones([2, 3]))
    with pytest.raises(ValueError, match="must be at least rank 2"):
        tf.matrix_determinant(tf.ones([3]))
    with pytest.raises(TypeError, match="int32"):
        tf.matrix_inverse(tf.constant([[1, 0], [0, 1]]))
    with pytest.raises(UnsupportedOperationError, match="full shape"):
        tf.matrix_inverse(tf.placeholder(tf.float32, [None, 3]))

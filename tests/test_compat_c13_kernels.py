"""probe15 Y18: ``tf.nn.softsign``'s gradient is TF1's ``SoftsignGrad``, :math:`1 / (1 + |x|)^2` (the square rounded
first, then divided), where SymPy's quotient rule cancelled (77 ulp off at x = 100, 2 % at 1e6, NaN at infinity);
(probe15 Y17's refusal of ``tf.Variable(constraint=f)`` that was here is gone: the constraint is applied after each
update now, tests/test_compat_c15_constraints.py.)

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture

POINTS = [0.5, -2.0, 100., 1e4, 1e6, np.inf, 0.0]


def test_softsign_gradient_is_tf1s_kernel():
    x = tf.placeholder(tf.float32, [None])
    d = tf.placeholder(tf.float64, [None])
    gradient = tf.gradients(tf.reduce_sum(tf.nn.softsign(x)), x)[0]
    gradient64 = tf.gradients(tf.reduce_sum(tf.nn.softsign(d)), d)[0]
    with tf.Session() as sess:
        got, got64, value = sess.run([gradient, gradient64, tf.nn.softsign(x)], {x: POINTS, d: POINTS})
    # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(got, np.float32([4.4444445e-01, 1.1111111e-01, 9.8029603e-05, 9.9980006e-09,
                                                   9.9999794e-13, 0.0, 1.0]))
    np.testing.assert_allclose(got64, 1 / (1 + np.abs(POINTS)) ** 2, rtol=1e-15)  # TF 2.21: the same
    np.testing.assert_array_equal(value, np.float32([0.33333334, -0.6666667, 0.990099, 0.9999, 0.999999, np.nan,
                                                     0.0]))  # TF 2.21 tf.compat.v1


def test_softsign_second_derivative():
    """TF1 has none (LookupError: no gradient for SoftsignGrad); symopt's is exact: -2 sign(x) / (1 + |x|)^3."""
    x = tf.placeholder(tf.float32, [3])
    hessian = tf.hessians(tf.reduce_sum(tf.nn.softsign(x)), x)[0]
    points = np.float32([0.5, -2.0, 3.0])
    np.testing.assert_allclose(np.diag(run(hessian, {x: points})), -2 * np.sign(points) / (1 + np.abs(points)) ** 3,
                               rtol=1e-6)

"""``tf.reciprocal`` and ``tf.rsqrt`` have TF1's gradient kernels, ``ReciprocalGrad`` and ``RsqrtGrad``: 0 where the
incoming gradient is 0 (probe18 G19: ``mask * tf.reciprocal(d)`` at a padded ``d = 0`` gave a NaN gradient and a NaN
variable), and elsewhere TF1's products, ``dy * -(y y)`` and ``(dy y) * (-0.5 (y y))`` from the output ``y``.

Every value was printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program
(/tmp/c17/m28.py, k8.py, k9.py of compat17's session); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_masked_reciprocal_trains_as_tf1():
    x = tf.placeholder(tf.float32, [None])
    m = tf.placeholder(tf.float32, [None])
    w = tf.Variable(1.0)
    d = x * w  # 0 for the padded entry
    loss_r = tf.reduce_sum(m * tf.reciprocal(d))
    loss_q = tf.reduce_sum(m * tf.rsqrt(d))
    gr, gq = tf.gradients(loss_r, w)[0], tf.gradients(loss_q, w)[0]
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss_r)
    feed = {x: [2.0, 0.0], m: [1.0, 0.0]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([loss_r, loss_q, gr, gq], feed)
        sess.run(train, feed)
        trained = sess.run(w)
    assert np.isnan(values[0]) and np.isnan(values[1])  # the loss reads 0 * inf, as TF1's
    assert values[2] == np.float32(-0.5) and values[3] == np.float32(-0.35355335)
    assert trained == np.float32(1.005)


#: dtype -> (TF 2.21's gradient of tf.reciprocal, of tf.rsqrt) at X with grad_ys DY
X, DY = [0.5, 3.0, 7.25, 0.0625, 0.0], [0.0, 1.5, -2.25, 0.75, 1.0]
KERNEL_GOLDENS = {
    "float32": ([0.0, -0.1666666865348816, 0.04280618205666542, -192.0, -np.inf],
                [0.0, -0.14433754980564117, 0.05762958526611328, -24.0, -np.inf]),
    "float64": ([0.0, -0.16666666666666666, 0.042806183115338875, -192.0, -np.inf],
                [0.0, -0.14433756729740652, 0.05762958771011954, -24.0, -np.inf]),
}


@pytest.mark.parametrize("dtype", sorted(KERNEL_GOLDENS))
def test_reciprocal_and_rsqrt_gradients_are_tf1s_kernels(dtype):
    x = tf.placeholder(dtype, [5])
    dy = tf.placeholder(dtype, [5])
    grads = [tf.gradients(f(x), x, grad_ys=dy)[0] for f in (tf.reciprocal, tf.rsqrt)]
    with tf.Session() as sess:
        values = sess.run(grads, {x: X, dy: DY})
    for value, expected in zip(values, KERNEL_GOLDENS[dtype]):
        assert value.dtype == np.dtype(dtype)
        np.testing.assert_array_equal(value, np.asarray(expected, dtype))


#: dtype -> (x, dy, TF 2.21's RsqrtGrad): points where dy * (-0.5 y**3) rounds differently from TF1's products
RSQRT_DIGITS = {
    "float32": ([0.58, 6.56, 4.41, 6.82], [3.0, -1.59, 2.85, 2.22],
                [-3.3958559036254883, 0.047316357493400574, -0.153871089220047, -0.062322717159986496]),
    "float64": ([8.73, 8.08, 0.24, 0.95], [-2.89, -1.1, 2.6, 2.07],
                [0.05602043560970138, 0.023946698613964146, -11.056724533396292, -1.1177764151664575]),
}


@pytest.mark.parametrize("dtype", sorted(RSQRT_DIGITS))
def test_rsqrt_gradient_rounds_as_tf1s_kernel(dtype):
    points, incoming, expected = RSQRT_DIGITS[dtype]
    x = tf.placeholder(dtype, [4])
    dy = tf.placeholder(dtype, [4])
    with tf.Session() as sess:
        value = sess.run(tf.gradients(tf.rsqrt(x), x, grad_ys=dy)[0], {x: points, dy: incoming})
    np.testing.assert_array_equal(value, np.asarray(expected, dtype))


@pytest.mark.parametrize("function", ["reciprocal", "rsqrt", "sqrt"])
def test_a_scalar_behind_a_zero_mask_has_gradient_zero(function):
    op = getattr(tf, function)
    w = tf.Variable(0.0)
    m = tf.placeholder(tf.float32, [])
    masked = tf.gradients(m * op(w), w)[0]
    folded = tf.gradients(op(w) * 0.0, w)[0]  # TF1's Mul gradient is the constant 0.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([masked, folded], {m: 0.0})
    assert values == [0.0, 0.0]


def test_a_scalars_gradient_keeps_its_digits():
    v = tf.Variable(3.0)
    m = tf.placeholder(tf.float32, [])
    grads = [tf.gradients(m * op(v), v)[0] for op in (tf.reciprocal, tf.rsqrt)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(grads, {m: 1.7})
    assert values == [np.float32(-0.18888890743255615), np.float32(-0.16358256340026855)]


def test_a_division_keeps_tf1s_realdiv_gradient():
    x = tf.Variable(np.float32([0.0, 2.0]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value = sess.run(tf.gradients(1.0 / x, x, grad_ys=tf.constant([0.0, 1.0]))[0])
    assert np.isnan(value[0]) and value[1] == np.float32(-0.25)  # (-1 / x) / x * dy: 0 * inf, as TF1

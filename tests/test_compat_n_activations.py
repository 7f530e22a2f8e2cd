"""tf.nn.selu, tf.nn.softsign, tf.log_sigmoid (tf.math.log_sigmoid), tf.math.reduce_euclidean_norm, tf.nn.xw_plus_b,
tf.nn.relu_layer and tf.nn.zero_fraction: values and gradients in float32 and float64 against TF 2.21's
tf.compat.v1 (graph mode) running the same program.  Tolerances:
values 3e-7 relative; gradients 6e-7, softsign's 2e-6 (symopt differentiates x / (|x| + 1) symbolically, 1/(|x|+1) -
|x|/(|x|+1)^2, which cancels where TF1's kernel divides by (|x| + 1)^2: 1.3e-6 at x = 30); float64 1e-15."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


# TF 2.21 tf.compat.v1: value, d/dx sum(value * c)
EXPECTED = {
    'selu': ([[-1.6705687, -0.69175816, -0.0001758391, 0.0], [0.0001050701, 0.7354907, 2.101402, 31.52103]], [[0.08753061, -2.1326823, 0.87896174, 3.152103], [-1.5760515, 2.6267526, 0.26267526, -0.78802574]]),
    'softsign': ([[-0.75, -0.33333334, -9.999e-05, 0.0], [9.999e-05, 0.41176468, 0.6666667, 0.9677419]], [[0.0625, -0.8888889, 0.4999, 3.0], [-1.4997001, 0.86505187, 0.027777778, -0.000780437]]),
    'logsig': ([[-3.048587, -0.9740769, -0.6931972, -0.6931472], [-0.6930972, -0.40318602, -0.126928, -9.357623e-14]], [[0.95257413, -1.2449187, 0.2500125, 1.5], [-0.7499625, 0.8295305, 0.029800735, -7.018218e-14]]),
    'mlogsig': ([[-3.048587, -0.9740769, -0.6931972, -0.6931472], [-0.6930972, -0.40318602, -0.126928, -9.357623e-14]], [[0.95257413, -1.2449187, 0.2500125, 1.5], [-0.7499625, 0.8295305, 0.029800735, -7.018218e-14]]),
    'eucl': (30.228132, [[-0.099245295, -0.016540883, -3.3081765e-06, 0.0], [3.3081765e-06, 0.023157235, 0.06616353, 0.992453]]),
    'eucl1': ([[3.0413814], [30.07474]], [[-0.98639387, -0.16439898, -3.2879794e-05, 0.0], [3.3250494e-06, 0.023275347, 0.06650099, 0.9975149]]),
}


def test_activations_values_and_gradients():
    x = tf.Variable(np.float32([[-3.0, -0.5, -1e-4, 0.0], [1e-4, 0.7, 2.0, 30.0]]))
    c = tf.constant(np.float32([[1.0, -2.0, 0.5, 3.0], [-1.5, 2.5, 0.25, -0.75]]))
    results = {"selu": tf.nn.selu(x), "softsign": tf.nn.softsign(x), "logsig": tf.log_sigmoid(x),
               "mlogsig": tf.math.log_sigmoid(x), "eucl": tf.math.reduce_euclidean_norm(x),
               "eucl1": tf.math.reduce_euclidean_norm(x, axis=1, keepdims=True)}
    gradients = {name: tf.gradients(tf.reduce_sum(value * (c if value.shape.as_list() == [2, 4] else 1.0)), x)[0]
                 for name, value in results.items()}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values, grads = sess.run([results, gradients])
    for name, (value, gradient) in EXPECTED.items():
        np.testing.assert_allclose(values[name], value, rtol=3e-7, err_msg=name)
        np.testing.assert_allclose(grads[name], gradient, rtol=2e-6 if name == "softsign" else 6e-7, err_msg=name)
    # TF 2.21 tf.compat.v1: selu keeps TF1's exp(x) - 1 (not expm1): -0.0001758391 at x = -1e-4
    assert values["selu"][0, 2] == np.float32(-0.0001758391)


def test_activations_in_float64():
    x = tf.Variable(np.float64([-2.0, -0.25, 0.5, 40.0]))
    # TF 2.21 tf.compat.v1: value, gradient of the sum
    expected = [
        (tf.nn.selu(x), [-1.520166468595695, -0.388890197478119, 0.5253504936777402, 42.028039494219215],
         [0.2379328722516818, 1.369209143369258, 1.0507009873554805, 1.0507009873554805]),
        (tf.log_sigmoid(x), [-2.1269280110429722, -0.8259394198788433, -0.4740769841801067, -4.248354255291589e-18],
         [0.8807970779778824, 0.5621765008857981, 0.37754066879814546, 4.248354255291589e-18]),
        (tf.nn.softsign(x), [-0.6666666666666666, -0.2, 0.3333333333333333, 0.975609756097561],
         [0.1111111111111111, 0.64, 0.4444444444444444, 0.000594883997620464]),
    ]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for value, expected_value, expected_gradient in expected:
            assert value.dtype == tf.float64
            np.testing.assert_allclose(sess.run(value), expected_value, rtol=1e-15)
            np.testing.assert_allclose(sess.run(tf.gradients(tf.reduce_sum(value), x)[0]), expected_gradient,
                                       rtol=1e-14)


def test_integer_inputs_are_refused_as_tf1_refuses_them():
    for function in (tf.nn.selu, tf.nn.softsign, tf.log_sigmoid):
        with pytest.raises(TypeError, match="not in list of allowed values"):
            function(tf.constant([1, 2]))


def test_xw_plus_b_relu_layer_and_zero_fraction():
    X = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(np.float32([[0.5, -1.0], [1.5, 0.25], [-0.5, 2.0]]))
    b = tf.Variable(np.float32([0.1, -0.2]))
    hidden, affine = tf.nn.relu_layer(X, W, b), tf.nn.xw_plus_b(X, W, b)
    fraction = tf.nn.zero_fraction(hidden)
    # TF 2.21 tf.compat.v1: the names, values and gradients
    assert str(hidden) == 'Tensor("relu_layer:0", shape=(?, 2), dtype=float32)'
    assert str(affine) == 'Tensor("xw_plus_b:0", shape=(?, 2), dtype=float32)'
    assert str(fraction) == 'Tensor("zero_fraction/fraction:0", shape=(), dtype=float32)'
    feed = {X: np.float32([[1, 2, 3], [-1, 0.5, -2], [0, 0, 0]])}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(hidden, feed), np.float32([[2.1, 5.3], [1.35, 0.0], [0.1, 0.0]]))
        np.testing.assert_array_equal(sess.run(affine, feed), np.float32([[2.1, 5.3], [1.35, -3.075], [0.1, -0.2]]))
        assert sess.run(fraction, feed) == np.float32(0.33333334)
        assert sess.run(tf.nn.zero_fraction(tf.constant([[0, 1], [2, 0]]))) == 0.5
        grad_w, grad_b = sess.run(tf.gradients(tf.reduce_sum(hidden * hidden), [W, b]), feed)
        np.testing.assert_allclose(grad_w, [[1.4999998, 10.6], [9.75, 21.2], [7.1999993, 31.800001]], rtol=3e-7)
        np.testing.assert_allclose(grad_b, [7.0999994, 10.6], rtol=3e-7)

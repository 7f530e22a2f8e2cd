"""Refusals whose advice can be followed (probe13 W12, W13): a tensor momentum / beta / decay names the argument
(it read as a range error, "expected a number in [0, 1)"), and tf.hessians of a matrix variable names TF1's
double-backprop Hessian-vector product, which runs (TF 2.21's numbers), instead of symopt.hvp,
which takes no TF1 tensor."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_a_tensor_hyperparameter_names_the_argument():
    tf.reset_default_graph()
    mom = tf.Variable(0.9, trainable=False)
    decay = tf.placeholder(tf.float32, [])
    for build, argument in ((lambda: tf.train.MomentumOptimizer(0.1, mom), "momentum"),
                            (lambda: tf.train.AdamOptimizer(0.1, beta1=mom), "beta1"),
                            (lambda: tf.train.RMSPropOptimizer(0.1, decay=decay), "decay")):
        with pytest.raises(UnsupportedOperationError, match=f": {argument} as a tensor .* pass a Python number"):
            build()


def test_hessians_of_a_matrix_names_the_double_backprop_that_runs():
    tf.reset_default_graph()
    W = tf.Variable(np.float32([[1.0, 2.0], [3.0, 4.0]]))
    f = tf.reduce_sum(tf.square(tf.matmul(W, W)))
    with pytest.raises(UnsupportedOperationError, match=r"double backprop: g = tf.gradients\(f, W\)\[0\]"):
        tf.hessians(f, W)
    g = tf.gradients(f, W)[0]
    products = [tf.gradients(tf.reduce_sum(g * tf.constant(v)), W)[0]
                for v in (np.float32([[1.0, 0.0], [0.0, 1.0]]), np.ones((2, 2), np.float32))]
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    identity, ones = session.run(products)  # TF 2.21 with disable_v2_behavior
    np.testing.assert_allclose(identity, [[88.0, 140.0], [160.0, 268.0]], rtol=1e-6)
    np.testing.assert_allclose(ones, [[208.0, 308.0], [308.0, 448.0]], rtol=1e-6)


def test_concat_of_computed_batch_tensors_names_the_batch_major_form():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    outputs = [tf.tanh(x * 1.0), tf.tanh(x * 2.0)]  # an RNN's per-step outputs, [?, H]
    with pytest.raises(UnsupportedOperationError, match=r"tf.reshape\(tf.concat\(outputs, 1\), \[-1, H\]\)"):
        tf.concat(outputs, 0)
    with pytest.raises(UnsupportedOperationError, match="join the data in NumPy before feeding it"):
        tf.concat([x, tf.placeholder(tf.float32, [None, 2])], 0)
    batch_major = tf.reshape(tf.concat(outputs, 1), [-1, 2])
    data = np.float32([[0.1, 0.2], [0.3, 0.4]])
    expected = np.tanh(np.stack([data, 2 * data], axis=1).reshape(-1, 2))  # rows: example 0 step 0, step 1, ...
    np.testing.assert_allclose(tf.Session().run(batch_major, {x: data}), expected, rtol=1e-6)


def _vae(x, eps_shape=None):
    W = tf.Variable(np.float32(np.ones((4, 4)) * 0.1))
    h = tf.matmul(x, W)
    z_mean, z_log_sigma_sq = h[:, :2], h[:, 2:]
    eps = tf.random_normal(eps_shape if eps_shape is not None else tf.shape(z_mean), 0, 1, dtype=tf.float32)
    return tf.add(z_mean, tf.multiply(tf.sqrt(tf.exp(z_log_sigma_sq)), eps))


def test_a_fixed_shape_random_tensor_beside_a_batch_names_the_placeholders_own_shape():
    tf.reset_default_graph()  # J. H. Metzen's VAE tutorial: eps = tf.random_normal((batch_size, n_z))
    with pytest.raises(UnsupportedOperationError,
                       match=r"declare Placeholder:0 with the known size, e.g. tf.placeholder\(tf.float32, \[10, 4\]\)"
                             r", or draw the random tensor .* tf.random_normal\(tf.shape\(t\)\)"):
        _vae(tf.placeholder(tf.float32, [None, 4]), (10, 2))
    for placeholder_shape, eps_shape in (([10, 4], (10, 2)), ([None, 4], None)):  # both rewrites build and run
        tf.reset_default_graph()
        x = tf.placeholder(tf.float32, placeholder_shape)
        z = _vae(x, eps_shape)
        session = tf.Session()
        session.run(tf.global_variables_initializer())
        assert session.run(z, {x: np.ones((10, 4), np.float32)}).shape == (10, 2)

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

"""Review 45d-7: derive and graph show a TF1 softmax cross-entropy loss (a KernelCrossEntropy node) as before
the node: the losses plus the zero term whose gradient makes it TF1's kernel's softmax(z) - y.  Oracle: hand
NumPy of that backprop, X^T (softmax(XW) - y) / m, for labels whose rows sum to 1, 0 and 2."""

import numpy as np

import symopt
import symopt.compat.v1 as tf


def _loss():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float64, [None, 4])
    y = tf.placeholder(tf.float64, [None, 3])
    weights = tf.Variable(np.ones((4, 3)))
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=tf.matmul(x, weights)))
    symbols = {str(s): s for s in loss.expr.free_symbols}
    return loss.expr, symbols["Placeholder"], symbols["Placeholder_1"], symbols["Variable"]


def test_derive_of_a_tf1_softmax_cross_entropy_gives_the_kernels_gradient():
    cost, x, y, weights = _loss()
    rng = np.random.default_rng(3)
    x_value, w_value = rng.normal(size=(3, 4)), rng.normal(size=(4, 3))
    y_value = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.5, 0.5]])
    derivation = symopt.derive(cost, [weights])
    gradient = symopt.evaluate(derivation.gradient[weights], {x: x_value, y: y_value, weights: w_value})
    z = x_value @ w_value
    softmax = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(np.asarray(gradient, float), x_value.T @ (softmax - y_value) / 3, rtol=1e-12)


def test_graph_of_a_tf1_softmax_cross_entropy_shows_its_steps():
    cost, _, _, _ = _loss()
    text = str(symopt.graph(cost))
    assert "= log_softmax(w, axis=1)  ← w" in text
    assert "= stop_gradient(r)  ← r" in text

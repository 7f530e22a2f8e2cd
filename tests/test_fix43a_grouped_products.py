"""probe60 P60-5: a product the user grouped on the right of ``@`` is multiplied first, as written: ``X @ (W @ v)``
with ``X = [[1e200, 1]]``, ``W = diag(1e200, 1)``, ``v = [0, 1]ᵀ`` is 1, where ``(X @ W) @ v`` is NaN (inf·0).
Oracles: hand NumPy in the user's order; TF 2.21 ``tf.compat.v1`` literals (``/work/wt/probe60/p5_tf.py``)."""

import numpy as np
import pytest

import symopt
import symopt.compat.v1 as tf
from symopt import ops

X_DATA = np.array([[1e200, 1.0]])
W_DATA = np.array([[1e200, 0.0], [0.0, 1.0]])
V_DATA = np.array([[0.0], [1.0]])


def _symbols():
    X = symopt.Placeholder("X", shape=(None, 2))
    W = symopt.Placeholder("W", shape=(2, 2))
    v = symopt.Variable("v", 0.0, shape=(2, 1))
    return X, W, v


@pytest.mark.parametrize("written", ["X @ (W @ v)", "ops.matmul(X, ops.matmul(W, v))", "X @ (W @ (2 * v))",
                                     "X * (W * v)", "ops.relu(X) @ (W @ v)"])
def test_a_grouped_product_is_multiplied_first(written):
    X, W, v = _symbols()
    product = eval(written)
    f = symopt.compile(ops.mean(ops.square(product)), v, inputs=[X, W])
    value, _ = f(v=V_DATA, X=X_DATA, W=W_DATA)
    scale = 2.0 if "2 *" in written else 1.0
    by_hand = X_DATA @ (W_DATA @ (scale * V_DATA))  # the user's order: 1 (or 2); (X @ W) @ v is nan
    assert np.isnan((X_DATA @ W_DATA) @ V_DATA).all()
    assert value == float(np.mean(by_hand ** 2)) == scale ** 2


def test_a_grouped_product_after_a_product_keeps_both_orders():
    X, W, v = _symbols()
    A = symopt.Placeholder("A", shape=(2, 2))
    f = symopt.compile(ops.sum((X @ A) @ (W @ v)), v, inputs=[X, A, W])
    assert "(W @ v)" in f.source or "= W @ v" in f.source
    value, _ = f(v=V_DATA, X=X_DATA, A=np.eye(2), W=W_DATA)
    assert value == float(((X_DATA @ np.eye(2)) @ (W_DATA @ V_DATA)).sum()) == 1.0  # hand NumPy, as written


def test_tf_matmul_of_a_matmul_keeps_tf1s_order():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 2])
        W = tf.placeholder(tf.float32, [2, 2])
        v = tf.Variable(np.array([[0.0], [1.0]], np.float32))
        loss = tf.reduce_mean(tf.square(tf.matmul(x, tf.matmul(W, v))))
        gradient = tf.gradients(loss, [v])[0]
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            value, slope = session.run([loss, gradient], {x: [[1e20, 1.0]], W: [[1e20, 0.0], [0.0, 1.0]]})
    assert value == np.float32(1.0)  # TF 2.21 compat.v1: 1.0 and [[inf], [2.]]
    assert slope.ravel().tolist() == [np.inf, 2.0]

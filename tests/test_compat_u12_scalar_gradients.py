"""Gradients of scalar tensors as TF1's kernels compute them where SymPy's rewriting of the chain rule cancelled
(probe11 U12, the rest of compat10's partial fix): TF1's SqrtGrad gives 0 for an incoming gradient of 0
(``tf.square(tf.sqrt(x))`` at 0), LogGrad multiplies by ``1 / x`` without cancelling it against the argument
(``tf.log(x * y) - tf.log(y)`` at y = 0, ``tf.log(x ** 2)`` at 0), and ``1.0 / (1.0 / x)`` divides twice.
Goldens from TF 2.21 tf.compat.v1 (graph mode, float32)."""

import math

import pytest

import symopt.compat.v1 as tf

NAN = math.nan
INF = math.inf


def _cases(x, y):
    def grad(expression, wrt=x):
        return tf.gradients(expression, wrt)[0]
    return [
        (grad(tf.square(tf.sqrt(x))), {x: 0.0}, 0.0),
        (grad(tf.square(tf.sqrt(x))), {x: -2.0}, NAN),
        (grad(tf.square(tf.sqrt(x))), {x: 4.0}, 1.0),
        (grad(tf.sqrt(x) * tf.sqrt(x)), {x: 0.0}, 0.0),
        (grad(tf.sqrt(x)), {x: 4.0}, 0.25),
        (1.0 / (1.0 / x), {x: 0.0}, 0.0),
        (grad(1.0 / (1.0 / x)), {x: 0.0}, NAN),
        (grad(1.0 / (1.0 / x)), {x: 2.0}, 1.0),
        (grad(tf.log(x * y) - tf.log(y)), {x: 2.0, y: 0.0}, NAN),
        (grad(tf.log(x * y) - tf.log(y), y), {x: 2.0, y: 0.0}, NAN),
        (grad(tf.log(x * y) - tf.log(y)), {x: 2.0, y: 3.0}, 0.5),
        (grad(tf.log(x ** 2)), {x: -2.0}, -1.0),
        (grad(tf.log(x ** 2)), {x: 0.0}, NAN),
        (grad(tf.log(x ** 2)), {x: 1e-30}, INF),
        (grad(tf.log(tf.square(x))), {x: 1e-30}, INF),
        (grad(tf.log(x)), {x: 4.0}, 0.25),
    ]


def test_scalar_gradients_are_tf1s_where_sympy_would_cancel():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [])
    y = tf.placeholder(tf.float32, [])
    session = tf.Session()
    for tensor, feed, expected in _cases(x, y):
        got = float(session.run(tensor, feed))
        if math.isnan(expected):
            assert math.isnan(got), (tensor, feed, got)
        else:
            assert got == pytest.approx(expected, rel=1e-6), (tensor, feed, got)


def test_sqrt_and_log_still_train_as_before():
    tf.reset_default_graph()
    w = tf.Variable(3.0)
    loss = tf.sqrt(w * w + 16.0) - tf.log(w)  # d/dw = w / sqrt(w^2 + 16) - 1 / w = 0.6 - 1/3
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(train)
    assert session.run(w) == pytest.approx(3.0 - 0.1 * (0.6 - 1 / 3), rel=1e-6)

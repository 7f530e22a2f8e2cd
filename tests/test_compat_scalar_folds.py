"""probe11 U12: a scalar TF1 op whose SymPy result sees through its operand (``(x + y) - y`` is ``x``, ``x * y / y``,
``sqrt(x) * sqrt(x)``, ``exp(log(x))``, ``square(sqrt(x))``, ``tanh(atanh(x))``, ``sqrt(square(x))`` is ``|x|``) is
built on its operands held as they are, so the program computes what TF1's float32 kernels compute: the absorption
``(100 + 1e30) - 1e30 = 0``, NaN at ``x = -2``.  Goldens: TF 2.21 ``tf.compat.v1``; the vector ops (never folded)
agree."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


@pytest.mark.parametrize("shape", [[], [None]])
def test_absorption_and_nan_as_tf1(shape):
    x, y = tf.placeholder(tf.float32, shape), tf.placeholder(tf.float32, shape)

    def feed(values: dict) -> dict:
        return {key: value if shape == [] else [value] for key, value in values.items()}
    with tf.Session() as session:
        absorbed = session.run([(x + y) - y, x - y + y], feed({x: 100.0, y: 1e30}))
        small = [session.run((x + y) - y, feed({x: 1.0, y: 1e8})), session.run((x + y) - y, feed({x: 0.1, y: 1.0}))]
        undefined = session.run([tf.exp(tf.log(x)), tf.square(tf.sqrt(x)), tf.sqrt(x) * tf.sqrt(x),
                                 tf.tanh(tf.atanh(x))], feed({x: -2.0}))
        by_zero = session.run([x * y / y, tf.square(x) / x], feed({x: 3.0, y: 0.0}))
        square_by_itself = session.run(tf.square(x) / x, feed({x: 0.0}))
    assert np.ravel(absorbed).tolist() == [0.0, 0.0]
    assert np.ravel(small).tolist() == [0.0, np.float32(0.100000024)]
    assert np.isnan(np.ravel(undefined)).all()
    assert np.isnan(np.ravel(by_zero[0])[0]) and np.ravel(by_zero[1])[0] == 3.0
    assert np.isnan(np.ravel(square_by_itself)).all()


def test_the_gradient_of_sqrt_of_a_square_at_zero_is_tf1_nan():
    x = tf.placeholder(tf.float32, [])
    with tf.Session() as session:
        assert np.isnan(session.run(tf.gradients(tf.sqrt(tf.square(x)), x)[0], {x: 0.0}))


def test_the_lecture_cost_is_built_as_before():
    w = tf.Variable(0.0)
    cost = tf.add(tf.add(w ** 2, tf.multiply(-10.0, w)), 25)  # no symbol, power or function cancelled: unheld
    assert "held" not in str(cost.expr)
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train)
        assert session.run(w) == np.float32(0.099999994)

"""probe43 P43-2: tf.gradients(loss, vars) and minimize(loss) of the same loss (either order) on an unrolled ODE built
in time exponential in the number of steps: the second differentiation made structurally equal but distinct copies of
deep shared subexpressions, which SymPy's constructor cache and the SSA pass's dictionaries compared as trees.  Now
the differentiation hash-conses its results (one table per graph) and the SSA pass keys on one object per class of
equal nodes.  The work is bounded by counting SymPy's ``Basic.__eq__``, never by wall time."""

import numpy as np
import pytest
import sympy

import symopt.compat.v1 as tf

BUDGET = 300_000


class EqualityBudget(Exception):
    pass


@pytest.fixture
def counted_equality(monkeypatch):
    """SymPy's ``Basic.__eq__`` (recursive over two trees), counted; past the budget it raises, so an exponential
    comparison fails fast."""
    original = sympy.Basic.__eq__
    calls = [0]

    def counting(self, other):
        calls[0] += 1
        if calls[0] > BUDGET:
            raise EqualityBudget(f"more than {BUDGET} SymPy equality checks")
        return original(self, other)

    monkeypatch.setattr(sympy.Basic, "__eq__", counting)
    return calls


def _damped_oscillator(steps: int):
    """p08_scalar_euler.py of probe43: x'' + c x' + k x = 0 by explicit Euler, loss summed with Python +."""
    dt = 0.05
    c = tf.Variable(0.3, dtype=tf.float64)
    k = tf.Variable(2.0, dtype=tf.float64)
    observed = tf.placeholder(tf.float64, [steps])
    x, v, loss = tf.constant(1.0, tf.float64), tf.constant(0.0, tf.float64), tf.constant(0.0, tf.float64)
    for i in range(steps):
        x, v = x + dt * v, v + dt * (-c * v - k * x)
        loss = loss + tf.square(x - observed[i])
    data, xd, vd = [], 1.0, 0.0
    for _ in range(steps):
        xd, vd = xd + dt * vd, vd + dt * (-0.5 * vd - 3.0 * xd)
        data.append(xd)
    return c, k, observed, loss, data


@pytest.mark.parametrize("gradients_first", [True, False])
def test_gradients_and_minimize_of_forty_steps_agree_with_tf(counted_equality, gradients_first):
    tf.reset_default_graph()
    c, k, observed, loss, data = _damped_oscillator(40)
    if gradients_first:
        gradient = tf.gradients(loss, [c, k])
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
    else:
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
        gradient = tf.gradients(loss, [c, k])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        first = session.run(gradient, {observed: data})
        losses = [session.run([train, loss], {observed: data})[1] for _ in range(3)]
    assert counted_equality[0] < BUDGET
    # TF 2.21, probe43 oracle p08_scalar_euler.py (MODE=tf): g0, and the first three losses of Adam(0.05)
    np.testing.assert_allclose(first, [3.759188808905241, -3.8825656459959847], rtol=1e-13)
    np.testing.assert_allclose(losses, [1.2076860638318903, 0.8750196375371156, 0.6491693677333874], rtol=1e-12)


def test_heat_equation_gradient_then_minimize(counted_equality):
    """P43_3_heat_pad_hang.py: a tf.pad + slices Laplacian stepped 30 times, tf.gradients then minimize."""
    tf.reset_default_graph()
    n = 16
    dx = 1.0 / (n + 1)
    dt = 0.4 * dx * dx
    diffusivity = tf.Variable(0.5, dtype=tf.float64)
    u = tf.constant(np.sin(np.pi * np.linspace(dx, 1 - dx, n)))
    for _ in range(30):
        padded = tf.pad(u, [[1, 1]])
        u = u + dt * diffusivity * (padded[2:] - 2.0 * u + padded[:-2]) / dx ** 2
    loss = tf.reduce_sum(tf.square(u))
    (gradient,) = tf.gradients(loss, diffusivity)
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    assert counted_equality[0] < BUDGET
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        # TF 2.21, probe43 oracle P43_3_heat_pad_hang.py 30 run with tensorflow.compat.v1
        assert session.run(gradient) == pytest.approx(-4.641775144875458, rel=1e-13)
        session.run(train)
        assert session.run(diffusivity) == pytest.approx(0.546417750411237, rel=1e-14)

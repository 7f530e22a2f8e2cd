"""probe43 P43-1: tf.gradients of a loss over tf.stack(trajectory) of an unrolled ODE walked each stacked entry as a
tree (SymPy's ``free_symbols`` in the explicit matrix's adjoint rule): 3^n nodes for n Euler steps.  The work is
bounded by counting SymPy's tree walk, never by wall time."""

import numpy as np
import pytest
import sympy

import symopt.compat.v1 as tf


class TreeWalkBudget(Exception):
    pass


@pytest.fixture
def counted_free_symbols(monkeypatch):
    """SymPy's ``Basic.free_symbols`` (a recursion over the expression tree), counted; past the budget it raises, so
    an exponential walk fails fast."""
    original = sympy.Basic.__dict__["free_symbols"]
    calls = [0]

    def counting(self):
        calls[0] += 1
        if calls[0] > 20_000:
            raise TreeWalkBudget("free_symbols walked more than 20 000 nodes")
        return original.fget(self)

    monkeypatch.setattr(sympy.Basic, "free_symbols", property(counting))
    return calls


def _logistic_trajectory(steps: int):
    a = tf.Variable(0.8, dtype=tf.float64)
    x = tf.constant(0.1, tf.float64)
    states = [x]
    for _ in range(steps):  # logistic growth, explicit Euler
        x = x + 0.1 * a * x * (1.0 - x)
        states.append(x)
    data = tf.placeholder(tf.float64, [steps + 1])
    return a, data, tf.reduce_sum(tf.square(tf.stack(states) - data))


def test_gradient_of_a_stacked_trajectory_walks_its_dag_once(counted_free_symbols):
    tf.reset_default_graph()
    a, data, loss = _logistic_trajectory(20)
    (gradient,) = tf.gradients(loss, a)
    assert counted_free_symbols[0] < 20_000
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value = session.run(gradient, {data: np.zeros(21)})
    # TF 2.21 (probe43 oracle tf_p43_1.py): [1.9385920717063443]
    assert value == pytest.approx(1.9385920717063443, rel=1e-13)


def test_forty_stacked_steps_build_by_count(counted_free_symbols):
    tf.reset_default_graph()
    a, data, loss = _logistic_trajectory(40)
    tf.gradients(loss, a)
    tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    assert counted_free_symbols[0] < 20_000

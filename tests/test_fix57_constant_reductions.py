"""Reductions of constant matrices in gradients are numbers (probe57 P57-9, probe56 P56-9).

Oracles: sympy.diff of the same cost written as a plain scalar formula, and TF 2.21 tf.compat.v1 digits."""

import pytest
import sympy

import symopt
from symopt import ops

w = symopt.Variable("w", 0.5)
b = symopt.Variable("b", 0.2)
C = sympy.ImmutableMatrix([[1, 2], [3, 4]])
ws, bs = sympy.symbols("w b", real=True)

# (symopt cost, the same cost as a scalar formula in ws, bs)
CASES = [
    (ops.sum(sympy.ImmutableMatrix([w ** 2, b])), ws ** 2 + bs),
    (ops.sum(sympy.ImmutableMatrix([w, b])) + w ** 2, ws + bs + ws ** 2),
    (ops.sum(w * sympy.Identity(2)) + b ** 2, 2 * ws + bs ** 2),
    (ops.sum(w * sympy.OneMatrix(2, 3)) + b ** 2, 6 * ws + bs ** 2),
    (ops.sum(w * C) + b ** 2, 10 * ws + bs ** 2),
    (sympy.Trace(w * C) + b ** 2, 5 * ws + bs ** 2),
    (ops.mean(w * sympy.Identity(3)) + b ** 2, ws / 3 + bs ** 2),
    (sympy.Trace(C * sympy.ImmutableMatrix([[w, 0], [0, b]])), ws + 4 * bs),
    (ops.sum(w * sympy.OneMatrix(100, 100)) + b, 10000 * ws + bs),  # too large to fold: reduced as it runs
]
AT = {ws: 2.0, bs: 3.0}


@pytest.mark.parametrize("cost, formula", CASES)
def test_compile_gives_the_formula_gradient(cost, formula):
    value, gradient = symopt.compile(cost, [w, b])(w=2.0, b=3.0)
    assert float(value) == pytest.approx(float(formula.subs(AT)))
    assert [float(g) for g in gradient] == pytest.approx([float(sympy.diff(formula, s).subs(AT)) for s in (ws, bs)])


@pytest.mark.parametrize("cost, formula", CASES[:-1])
def test_grad_shows_numbers_not_reductions(cost, formula):
    gradient = symopt.grad(cost, [w, b])
    expected = [sympy.diff(formula, s).subs({ws: w, bs: b}) for s in (ws, bs)]
    assert [sympy.simplify(g - e) for g, e in zip(gradient, expected)] == [0, 0]
    assert not any(g.atoms(sympy.MatrixExpr) for g in gradient)


def test_hessian_of_explicit_matrix_sum():
    hessian = symopt.hessian(ops.sum(sympy.ImmutableMatrix([w ** 2, b * w])), [w, b])
    assert sympy.Matrix(hessian) == sympy.hessian(ws ** 2 + bs * ws, (ws, bs))


def test_derive_runs_and_shows_the_gradient():
    text = str(symopt.derive(ops.sum(sympy.ImmutableMatrix([w ** 2, b])), [w, b], at={w: 1.0, b: 2.0}))
    assert "dJ/db = 1" in text


def test_determinant_of_scaled_identity():
    assert symopt.grad(sympy.det(w * sympy.Identity(2)), w) == 2 * w  # sympy.diff(w**2, w)


# TF 2.21 tf.compat.v1 (probe56 r_adam_scalar.py): w = Variable(0.3, float64), loss = reduce_sum(w + x), x fed
# [2.0, 0.5, 3.0], two steps of each optimizer.
TF_AFTER_TWO_STEPS = {"GradientDescentOptimizer(0.1)": -0.3000000089406967,
                      "AdamOptimizer(0.1)": 0.10000035533417578,
                      "MomentumOptimizer(0.1, 0.9)": -0.5700000058114527}


@pytest.mark.parametrize("optimizer", sorted(TF_AFTER_TWO_STEPS))
def test_float64_scalar_broadcast_into_sum_trains_as_tf1(optimizer):
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    x = tf.placeholder(tf.float64, [3])
    variable = tf.Variable(0.3, dtype=tf.float64)
    train = eval("tf.train." + optimizer).minimize(tf.reduce_sum(variable + x))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train, {x: [2.0, 0.5, 3.0]})
        session.run(train, {x: [2.0, 0.5, 3.0]})
        assert session.run(variable) == TF_AFTER_TWO_STEPS[optimizer]

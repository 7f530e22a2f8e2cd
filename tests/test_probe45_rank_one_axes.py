"""probe45 P45-1: the reductions of a rank-1 parameter (declared ``(n,)``) along its one axis, as NumPy reads it.

``ops.softmax(z)`` of a rank-1 Variable ran along the last axis of the (n, 1) column symopt computes in, which holds
one entry, so it was identically 1 (``log_softmax`` 0) and a simplex parametrization "converged" at once with a
zero gradient.  ``ops.sum(z, axis=-1)`` / ``ops.mean(z, axis=-1)`` handed ``z`` back (NumPy: 6 and 2)."""

import re

import numpy as np
import pytest
import scipy.special
from scipy.optimize import minimize as scipy_minimize

import symopt
from symopt import ops
from symopt.errors import ShapeError

LOGITS = np.array([1.0, 2.0, 3.0])


def test_softmax_of_a_rank_one_variable_runs_over_its_entries():
    z = symopt.Variable("z", np.zeros(3))
    for axis in (None, 0, -1):
        got = symopt.evaluate(ops.softmax(z, axis=axis), {z: LOGITS})
        assert np.allclose(np.ravel(got), scipy.special.softmax(LOGITS), rtol=1e-14)
        got = symopt.evaluate(ops.log_softmax(z, axis=axis), {z: LOGITS})
        assert np.allclose(np.ravel(got), scipy.special.log_softmax(LOGITS), rtol=1e-14)


def test_the_gradient_of_a_softmax_of_a_rank_one_variable_matches_finite_differences():
    z = symopt.Variable("z", np.zeros(3))
    weights = symopt.Placeholder("c", (3, 1))
    c = np.array([[0.5], [-1.0], [2.0]])
    cost = (weights.T @ ops.softmax(z))[0, 0]
    _, gradient = symopt.compile(cost, z, inputs=[weights])(z=LOGITS, c=c)

    def f(v):
        return float(c.ravel() @ scipy.special.softmax(v))
    h = 1e-6
    fd = [(f(LOGITS + h * e) - f(LOGITS - h * e)) / (2 * h) for e in np.eye(3)]
    assert np.allclose(np.ravel(gradient), fd, atol=1e-8)


def test_a_markowitz_portfolio_on_the_simplex_matches_scipy_slsqp():
    S, mu = np.diag([1.0, 2.0, 4.0]), np.array([0.5, 0.1, -0.2])
    Sig, Mu = symopt.Placeholder("Sig", (3, 3)), symopt.Placeholder("Mu", (3, 1))
    z = symopt.Variable("z", np.zeros(3))
    p = ops.softmax(z)
    J = (p.T @ Sig @ p)[0, 0] - (Mu.T @ p)[0, 0]
    result = symopt.minimize(J, z, data={Sig: S, Mu: mu.reshape(3, 1)}, method="lbfgs")
    oracle = scipy_minimize(lambda w: w @ S @ w - mu @ w, np.full(3, 1 / 3), method="SLSQP", bounds=[(0, None)] * 3,
                            constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1}], tol=1e-12)
    assert result.success and abs(result.value - oracle.fun) < 1e-7
    assert np.allclose(scipy.special.softmax(result[z]), oracle.x, atol=1e-3)


def test_sum_and_mean_of_a_rank_one_variable_along_axis_minus_one_are_numpys():
    z = symopt.Variable("z", np.zeros(3))
    for axis in (0, -1):
        assert np.ravel(symopt.evaluate(ops.sum(z, axis=axis), {z: LOGITS})).tolist() == [np.sum(LOGITS, axis=-1)]
        assert np.ravel(symopt.evaluate(ops.mean(z, axis=axis), {z: LOGITS})).tolist() == [np.mean(LOGITS, axis=-1)]


@pytest.mark.parametrize("axis", [1, -2])
def test_an_axis_a_rank_one_variable_does_not_have_is_refused(axis):
    z = symopt.Variable("z", np.zeros(3))
    for reduce in (ops.sum, ops.mean, ops.softmax, ops.log_softmax):
        with pytest.raises(ShapeError, match=r"rank-1 shape \(3,\), which has one axis, 0 \(or -1\).*Pass axis=0"):
            reduce(z, axis=axis)


def test_a_softmax_of_a_column_along_its_one_entry_axis_is_refused():
    z = symopt.Variable("z", np.zeros(3))
    W = symopt.Placeholder("W", (4, 3))
    with pytest.raises(ShapeError, match="that axis holds one entry, so the softmax would be identically 1. "
                                         "Pass axis=0"):
        ops.softmax(W @ z)
    with pytest.raises(ShapeError, match="identically 0. Pass axis=0"):
        ops.log_softmax(W @ z)
    got = symopt.evaluate(ops.softmax(W @ z, axis=0), {W: np.eye(4, 3), z: LOGITS})
    assert np.allclose(np.ravel(got), scipy.special.softmax(np.eye(4, 3) @ LOGITS), rtol=1e-14)


def test_an_expression_of_a_rank_one_parameter_along_axis_minus_one_is_refused():
    """final39a F39a-2: ``ops.sum(z, axis=-1)`` follows NumPy for the rank-1 symbol, but ``2 * z`` is the column
    (3, 1), whose last axis holds one entry: ``ops.sum(2 * z, axis=-1)`` handed back ``2 * z`` (NumPy: 12)."""
    z = symopt.Variable("z", np.zeros(3))
    for make in (lambda: ops.sum(2 * z, axis=-1), lambda: ops.mean(ops.square(z), axis=-1),
                 lambda: ops.softmax(2 * z, axis=-1)):
        with pytest.raises(ShapeError, match=r"along axis -1: that axis holds one entry.*pass axis=0 for its 3 entries"):
            make()
    assert float(symopt.evaluate(ops.sum(2 * z, axis=0), {z: [1.0, 2.0, 3.0]})) == 12.0


def test_reduce_max_and_argmax_of_a_rank_one_symbol_run_over_its_entries():
    """final39a F39a-3: docs/numerics.md lists them among the reductions that read a rank-1 symbol's one axis."""
    from symopt.reductions import ArgMax, ReduceMax
    z = symopt.Variable("z", np.zeros(3))
    assert float(symopt.evaluate(ReduceMax(z, -1), {z: [1.0, 3.0, 2.0]})) == 3.0
    assert int(symopt.evaluate(ArgMax(z, -1), {z: [1.0, 3.0, 2.0]})) == 1


def test_a_sum_along_its_axis_beside_a_number_is_named_as_a_sum():
    """final39a F39a-13: the 1 x 1 sum ``ops.sum(z, axis=-1)`` met by a number was printed ``1*z`` (SymPy's text of
    a matrix of ones times ``z``), which reads as ``z`` itself; it is ``ones(1, 3)*z``, with the scalar to write."""
    z = symopt.Variable("z", np.full(3, 1 / 3))
    with pytest.raises(ShapeError, match=re.escape(
            "ones(1, 3)*z - 1: the scalar meets the 1 x 1 matrix ones(1, 3)*z, which SymPy does not read as a number. "
            "Take its entry, (ones(1, 3)*z)[0, 0], or write it as a scalar: symopt.ops.sum(z) (no axis=) for the sum "
            "of its entries.")):
        symopt.grad((ops.sum(z, axis=-1) - 1) ** 2, z)

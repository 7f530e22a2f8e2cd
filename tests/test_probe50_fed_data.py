"""probe50 P50-2 and P50-4: what ``evaluate``, a Hessian-vector product and ``minimize`` do with fed data.

P50-2: NaN in the data (a missing covariate) was refused by ``minimize`` naming the cell, but ``evaluate`` (the
log-likelihood of an LR test, the Hessian for standard errors) and a Hessian-vector product returned NaN with no word.
They now refuse NaN or infinity fed for a Placeholder as ``minimize`` does; a Variable or a plain symbol is a point and
takes any number.  P50-4: ``minimize`` refused a data dict keyed by symbols that holds an input the cost does not
read (the full model's dict given to the restricted model of an LR test), where ``evaluate`` ignores it."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import FeedError


def _logit():
    rng = np.random.default_rng(6)
    x = rng.normal(size=(40, 1))
    y = (rng.random((40, 1)) < 0.5) * 1.0
    b0, b1 = symopt.Variable("b0", 0.0), symopt.Variable("b1", 0.0)
    X, Y = symopt.Placeholder("x1", (None, 1)), symopt.Placeholder("y", (None, 1))
    eta = (X * b1).applyfunc(lambda t: t + b0)
    return x, y, b0, b1, X, Y, ops.sum(ops.softplus(eta) - ops.hadamard(Y, eta))


def test_evaluate_refuses_nan_data_naming_the_cell():
    x, y, b0, b1, X, Y, nll = _logit()
    x[7, 0] = np.nan
    with pytest.raises(FeedError) as caught:
        symopt.evaluate(-nll, {X: x, Y: y, b0: 0.1, b1: 0.2})
    message = str(caught.value)
    assert message.startswith("data for x1 contains NaN or infinity (first at index [7, 0]: x1[7, 0] = nan); "
                              "evaluate refuses it")
    assert "clean or impute the data" in message
    with pytest.raises(FeedError, match=r"first at index \[7, 0\]"):  # the Hessian, a matrix of expressions
        symopt.evaluate(symopt.hessian(nll, [b0, b1]), {X: x, Y: y, b0: 0.1, b1: 0.2})
    with pytest.raises(FeedError, match=r"first at index \[7, 0\]"):  # several outputs
        symopt.evaluate([nll, -nll], {"x1": x, "y": y})
    x[7, 0] = -np.inf
    with pytest.raises(FeedError, match=r"x1\[7, 0\] = -inf"):
        symopt.evaluate(nll, {X: x, Y: y})


def test_evaluate_of_finite_data_is_hand_numpy():
    x, y, b0, b1, X, Y, nll = _logit()
    eta = 0.1 + 0.2 * x
    assert math.isclose(symopt.evaluate(nll, {X: x, Y: y, b0: 0.1, b1: 0.2}),
                        float(np.sum(np.logaddexp(0.0, eta) - y * eta)), rel_tol=1e-13)


def test_a_point_may_still_be_nan():
    """A Variable or a plain symbol is the point, not data: the value there is NaN (test_math_backend_nan)."""
    w, s = symopt.Variable("w_p50", 1.0), sympy.Symbol("s_p50")
    assert math.isnan(symopt.evaluate(w ** 2 + s, {w: math.nan, s: 1.0}))
    assert math.isnan(symopt.evaluate(w ** 2 + s, {w: 1.0, s: math.inf * 0}))


def test_a_hessian_vector_product_refuses_nan_data():
    rng = np.random.default_rng(6)
    Xd = np.column_stack([np.ones(30), rng.normal(size=30)])
    yd = (rng.random((30, 1)) < 0.5) * 1.0
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    b = symopt.Variable("b", np.zeros(2))
    J = ops.sum(ops.softplus(X @ b) - ops.hadamard(Y, X @ b))
    hv = symopt.hessian(J, b)
    point = np.array([0.3, -0.2])
    p = 1 / (1 + np.exp(-(Xd @ point)))
    oracle = Xd.T @ ((p * (1 - p))[:, None] * (Xd @ np.array([[1.0], [0.5]])))  # X^T diag(p(1-p)) X v by hand
    got = hv(np.array([1.0, 0.5]), {X: Xd, Y: yd, b: point})
    np.testing.assert_allclose(got, oracle.ravel(), rtol=1e-12)
    Xd[4, 1] = np.nan
    with pytest.raises(FeedError) as caught:
        hv(np.array([1.0, 0.5]), {X: Xd, Y: yd, b: point})
    assert str(caught.value).startswith("data for X contains NaN or infinity (first at index [4, 1]: X[4, 1] = nan); "
                                        "the Hessian-vector product refuses it")
    with pytest.raises(FeedError, match=r"first at index \[4, 1\]"):  # by keyword too
        hv(np.array([1.0, 0.5]), X=Xd, y=yd, b=point)


def test_minimize_ignores_an_unread_symbol_as_evaluate_does():
    """The full model's data dict, keyed by symbols, serves the restricted model's run (an LR test)."""
    rng = np.random.default_rng(6)
    x1, x2 = rng.normal(size=(50, 1)), rng.normal(size=(50, 1))
    w = symopt.Variable("w_p50", 0.0)
    X1, X2, Y = (symopt.Placeholder(name, (None, 1)) for name in ("x1", "x2", "y"))
    y = 3.0 * x1 + 0.1 * rng.normal(size=(50, 1))
    data = {X1: x1, X2: x2, Y: y}
    cost = ops.mean(ops.square(X1 * w - Y))
    result = symopt.minimize(cost, w, data=data, optimizer=symopt.GradientDescent(0.5), steps=200)
    oracle = float(np.sum(x1 * y) / np.sum(x1 * x1))  # least squares by hand
    assert math.isclose(float(result.params[w]), oracle, rel_tol=1e-9)
    with pytest.raises(FeedError, match="unknown input 'x3'.*check its spelling"):  # a name is still checked
        symopt.minimize(cost, w, data={**data, "x3": x2}, steps=2)


@pytest.mark.parametrize("method", ["newton", "lbfgs", "trust-ncg"])
def test_a_method_run_ignores_an_unread_symbol_too(method):
    """method= runs read their data as first-order runs do (second_order.Problem.build): x2 is not read."""
    rng = np.random.default_rng(7)
    x1, x2 = rng.normal(size=(50, 1)), rng.normal(size=(50, 1))
    w = symopt.Variable("w_p50m", 0.0)
    X1, X2, Y = (symopt.Placeholder(name, (None, 1)) for name in ("x1", "x2", "y"))
    y = 3.0 * x1 + 0.1 * rng.normal(size=(50, 1))
    cost = ops.mean(ops.square(X1 * w - Y))
    result = symopt.minimize(cost, w, data={X1: x1, X2: x2, Y: y}, method=method)
    assert result.success
    assert math.isclose(float(result.params[w]), float(np.sum(x1 * y) / np.sum(x1 * x1)), rel_tol=1e-9)  # by hand
    with pytest.raises(FeedError, match="unknown input 'x3'.*check its spelling"):  # a name is still checked
        symopt.minimize(cost, w, data={X1: x1, Y: y, "x3": x2}, method=method)
    with pytest.raises(FeedError, match="data gives w_p50m, which wrt trains"):  # and the parameter refused
        symopt.minimize(cost, w, data={X1: x1, Y: y, w: 1.0}, method=method)


def test_a_compiled_function_still_takes_exactly_its_inputs():
    X, Y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1))
    q = symopt.Placeholder("q", (None, 1))
    w = symopt.Variable("w_p50c", 0.0)
    f = symopt.compile(ops.mean(ops.square(X * w - Y)), w)
    with pytest.raises(FeedError) as caught:
        f({w: 1.0, X: np.ones((2, 1)), Y: np.ones((2, 1)), q: np.ones((2, 1))})
    assert str(caught.value) == ("unknown input q: the expression's inputs are ['X', 'w_p50c', 'y']; every key must be "
                                 "one of them: leave q out")


def test_a_non_finite_scalar_or_rank_one_input_is_named_as_declared():
    """final40b F40b-2: a NaN fed to a scalar Placeholder crashed the check with a bare IndexError (the 0-d array
    indexed by [0]); F40b-3: a rank-1 input's entry was named by symopt's column index ([2, 0] for v[2])."""
    W = symopt.Variable("W", np.zeros((2, 1)))
    lam = symopt.Placeholder("lam")
    with pytest.raises(FeedError, match=r"^data for lam contains NaN or infinity \(lam = inf\); evaluate refuses"):
        symopt.evaluate(lam * ops.sum(ops.square(W)), {lam: np.inf})
    with pytest.raises(FeedError, match=r"^data for lam contains NaN or infinity \(lam = nan\); the Hessian-vector"):
        symopt.hvp(lam * ops.sum(ops.square(W)), W)(np.ones((2, 1)), {lam: np.nan})
    v = symopt.Placeholder("v", (3,))
    with pytest.raises(FeedError, match=r"^data for v contains NaN or infinity \(first at index \[1\]: v\[1\] = nan\)"):
        symopt.evaluate(ops.sum(ops.hadamard(v, v)), {v: np.array([1.0, np.nan, 2.0])})


def test_a_data_key_that_is_an_expression_is_refused_not_dropped():
    """final40b F40b-12: minimize dropped unread keys of every kind once it ignored unread symbols (P50-4), so
    {X[0, 0]: 5.0} (a user overriding one entry) or {X.T: ...} ran with the array's own entries, no word."""
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    cost = ops.mean(ops.square(X @ W - y))
    data = {X: np.ones((4, 2)), y: np.ones((4, 1))}
    for key in (X[0, 0], X.T):
        with pytest.raises(FeedError, match=r"is an expression, not an input"):
            symopt.minimize(cost, W, data={**data, key: 5.0}, steps=2)
        with pytest.raises(FeedError, match=r"is an expression, not an input"):
            symopt.evaluate(cost, {**data, W: np.zeros((2, 1)), key: 5.0})

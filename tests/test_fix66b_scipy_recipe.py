"""final43c F43c-7: the advice for a SciPy method symopt does not run gives a recipe that runs as written with data,
for scalar Variables and for a (3, 1) column Variable.  The test evaluates the message's own code; oracles:
numpy.linalg.lstsq and scipy.optimize.minimize on a hand NumPy cost and gradient."""

import re

import numpy as np
import pytest
import scipy.optimize
import sympy

import symopt
from symopt import ops


def _message(cost, wrt, data, method="CG"):
    with pytest.raises(symopt.errors.ConfigurationError) as refused:
        symopt.minimize(cost, wrt, data=data, method=method)
    return str(refused.value)


def _code(pattern, message):
    found = re.search(pattern, message)
    assert found is not None, message
    return found.group(1)


def _run(code, namespace):
    return eval(code, {"np": np, "symopt": symopt, "scipy": scipy, **namespace})  # noqa: S307 - the advice's code


def test_the_recipe_for_a_column_variable_with_data_runs_as_written():
    rng = np.random.default_rng(0)
    design = rng.normal(size=(50, 3))
    target = design @ np.array([[1.0], [2.0], [-1.0]]) + 0.01 * rng.normal(size=(50, 1))
    X, t = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("t", (None, 1))
    W0 = np.zeros((3, 1))
    W = symopt.Variable("W", W0)
    cost = ops.mean(ops.square(X @ W - t))
    message = _message(cost, W, {X: design, t: target})
    fun = _code(r"For one Variable W of any shape \(a \(3, 1\) column too\) pass (lambda p: .*?t_values\)\)) with",
                message)
    compiled = _code(r"with f = (symopt\.compile\(cost, W, inputs=\[X, t\]\))", message)
    namespace = {"cost": cost, "W": W, "X": X, "t": t, "X_values": design, "t_values": target, "W0": W0}
    namespace["f"] = _run(compiled, namespace)
    result = scipy.optimize.minimize(_run(fun, namespace), np.zeros(3), method="CG", jac=True)
    # the oracles: lstsq, and SciPy's CG on the hand NumPy cost and gradient
    best = np.linalg.lstsq(design, target, rcond=None)[0].ravel()
    hand = scipy.optimize.minimize(
        lambda w: (float(np.mean((design @ w - target.ravel()) ** 2)),
                   2 * design.T @ (design @ w - target.ravel()) / len(design)), np.zeros(3), method="CG", jac=True)
    assert result.x == pytest.approx(best, abs=1e-5) and result.x == pytest.approx(hand.x, abs=1e-6)


def test_the_recipe_for_scalar_variables_with_data_runs_as_written():
    rng = np.random.default_rng(1)
    xs = rng.normal(size=(30, 1))
    ys = 2 * xs + 1 + 0.01 * rng.normal(size=(30, 1))
    a, b = symopt.Variable("a", 0.0), symopt.Variable("b", 0.0)
    X, t = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("t", (None, 1))
    cost = ops.mean(ops.square(a * X + b * sympy.OneMatrix(*X.shape) - t))
    message = _message(cost, [a, b], {X: xs, t: ys}, method="Powell")
    compiled = _code(r"f = (symopt\.compile\(cost, \[x, y\], inputs=\[X, t\]\))", message).replace("[x, y]", "[a, b]")
    fun = _code(r"and pass (lambda p: f\(\*p, X_values, t_values\))", message)
    namespace = {"cost": cost, "a": a, "b": b, "X": X, "t": t, "X_values": xs, "t_values": ys}
    namespace["f"] = _run(compiled, namespace)
    result = scipy.optimize.minimize(_run(fun, namespace), np.zeros(2), method="Powell", jac=True)
    best = np.linalg.lstsq(np.hstack([xs, np.ones_like(xs)]), ys, rcond=None)[0].ravel()  # the oracle
    assert result.x == pytest.approx(best, abs=1e-4)

"""probe66 P66-5: the advice for a SciPy method symopt does not run (method="CG", "Nelder-Mead", ...) is a recipe that
runs as written for the textbook 2-D functions in scalar Variables (it passed symopt.compile(...) itself, which SciPy
calls with one array: FeedError, missing inputs ['y']).  The test runs the recipe the message gives; oracle: SciPy's
own scipy.optimize.rosen / rosen_der / rosen_hess with the same method."""

import re

import numpy as np
import pytest
import scipy.optimize
import sympy

import symopt


def _advice(method):
    x, y = symopt.Variable("x", -1.2), symopt.Variable("y", 1.0)
    cost = (1 - x) ** 2 + 100 * (y - x ** 2) ** 2
    with pytest.raises(symopt.errors.ConfigurationError) as refused:
        symopt.minimize(cost, [x, y], method=method)
    return str(refused.value), cost, x, y


def _run(recipe, namespace):
    return eval(recipe, {"scipy": scipy, "symopt": symopt, "sympy": sympy, **namespace})  # noqa: S307 - the advice


@pytest.mark.parametrize("method", ["CG", "Nelder-Mead", "Powell", "TNC", "trust-exact", "SLSQP"])
def test_the_advised_call_runs_and_finds_scipys_own_minimum(method):
    message, cost, x, y = _advice(method)
    call = re.search(r"run (scipy\.optimize\.minimize\(.*?\)) with f = (symopt\.compile\(cost, \[x, y\]\))", message)
    assert call is not None, message
    namespace = {"cost": cost, "x": x, "y": y, "x0": np.array([-1.2, 1.0])}
    namespace["f"] = _run(call.group(2), namespace)
    oracle_options = {"jac": scipy.optimize.rosen_der}
    recipe = call.group(1).replace("constraints=...", "constraints=()")
    if "hess=" in recipe:
        hessian = re.search(r"(H = sympy\.lambdify\(\[x, y\], symopt\.hessian\(cost, \[x, y\]\)\))", message)
        namespace["H"] = _run(hessian.group(1).split(" = ", 1)[1], namespace)
        recipe = recipe.replace("hess=...", "hess=lambda p: H(*p)")
        oracle_options["hess"] = scipy.optimize.rosen_hess
    result = _run(recipe, namespace)
    oracle = scipy.optimize.minimize(scipy.optimize.rosen, np.array([-1.2, 1.0]), method=method, **oracle_options)
    assert result.x == pytest.approx(oracle.x, abs=1e-3) and result.x == pytest.approx([1.0, 1.0], abs=1e-3)
    assert bool(result.success) == bool(oracle.success)


def test_the_advice_for_one_vector_variable_runs_too():
    message, *_ = _advice("CG")
    assert "For one Variable W of any shape" in message  # its recipe with data: tests/test_fix66b_scipy_recipe.py
    start = np.array([-1.2, 1.0])
    W = symopt.Variable("W", start)
    f = symopt.compile((1 - W[0]) ** 2 + 100 * (W[1] - W[0] ** 2) ** 2, W)
    result = scipy.optimize.minimize(lambda p: (lambda v, g: (v, np.ravel(g)))(*f(p.reshape(start.shape))),
                                     np.array([-1.2, 1.0]), method="CG", jac=True)
    oracle = scipy.optimize.minimize(scipy.optimize.rosen, np.array([-1.2, 1.0]), method="CG",
                                     jac=scipy.optimize.rosen_der)
    assert result.x == pytest.approx(oracle.x, rel=1e-6)

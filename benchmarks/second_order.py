"""Second-order methods on L2-regularised logistic regression (breast cancer, standardised), timed.

    python benchmarks/second_order.py [--repeats 7]

1. ``symopt.minimize(cost, [W, b], method="lbfgs")`` against hand-written NumPy value-and-gradient passed to
   ``scipy.optimize.minimize(method="L-BFGS-B", jac=True)`` with the same options, and scikit-learn's
   ``LogisticRegression(C=1).fit``: iterations, seconds (median of interleaved repeats, one process), the
   ratio symopt / hand-written (target <= 1.5), and the largest coefficient difference to scikit-learn
   (target <= 1e-6).  The reference coefficients are scikit-learn's ``solver="newton-cholesky"`` fit: its
   default ``lbfgs`` stops about 1e-6 short of the minimum even at ``tol=1e-10`` (printed below).
2. ``method="newton"`` on the same cost: the gradient's max norm at each iterate (quadratic convergence:
   the number of correct digits roughly doubles each step).

The objective: scikit-learn's :math:`\\tfrac12\\lVert w\\rVert^2 + C\\sum_i \\ell_i` divided by :math:`Cm`,
:math:`J = \\frac1m\\sum_i \\ell_i + \\frac{1}{2Cm}\\lVert W\\rVert^2` (intercept not penalised): the same minimiser.
This is a script, not a test: timed assertions do not belong in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import symopt  # noqa: E402
from symopt import ops  # noqa: E402

C = 1.0
OPTIONS = {"maxiter": 10_000, "gtol": 1e-10, "ftol": 1e-15}


def load():
    """All 569 examples, standardised (scikit-learn's breast-cancer data)."""
    from sklearn.datasets import load_breast_cancer
    features, labels = load_breast_cancer(return_X_y=True)
    return (features - features.mean(axis=0)) / features.std(axis=0), labels.astype(float)


def symopt_problem(features, labels):
    m, n = features.shape
    X = symopt.Placeholder("X", shape=(None, n))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(n, 1))
    b = symopt.Variable("b", 0.0, shape=(1, 1))
    cost = ops.sigmoid_cross_entropy(ops.bias_add(X @ W, b), y) + ops.l2_penalty(W) / (C * m)
    return cost, W, b, {X: features, y: labels.reshape(-1, 1)}


def numpy_value_and_grad(features, labels):
    """Hand-written: :math:`J` and :math:`\\nabla J` over ``x = [w, b]`` in one pass."""
    m, n = features.shape
    column = labels.reshape(-1, 1)

    def value_and_grad(x):
        w, b = x[:n].reshape(n, 1), x[n]
        z = features @ w + b
        value = np.mean(np.logaddexp(0.0, z) - column * z) + 0.5 * float(x[:n] @ x[:n]) / (C * m)
        residual = (1.0 / (1.0 + np.exp(-z)) - column) / m
        gradient = np.empty(n + 1)
        gradient[:n] = (features.T @ residual).ravel() + w.ravel() / (C * m)
        gradient[n] = residual.sum()
        return value, gradient
    return value_and_grad


def fit_symopt(cost, W, b, data):
    return symopt.minimize(cost, [W, b], data=data, method="lbfgs", steps=OPTIONS["maxiter"], tol=OPTIONS["gtol"])


def fit_numpy(value_and_grad, n):
    from scipy.optimize import minimize
    return minimize(value_and_grad, np.zeros(n + 1), jac=True, method="L-BFGS-B", options=OPTIONS)


def fit_sklearn(features, labels, solver: str = "lbfgs"):
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=C, tol=1e-10, max_iter=10_000, solver=solver).fit(features, labels)


def median_seconds(runs: dict, repeats: int) -> dict:
    """Interleaved repeats of each run; the median seconds of each."""
    times: dict = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main(repeats: int = 7) -> dict:
    features, labels = load()
    m, n = features.shape
    cost, W, b, data = symopt_problem(features, labels)
    value_and_grad = numpy_value_and_grad(features, labels)

    ours = fit_symopt(cost, W, b, data)  # compiles once (cached afterwards)
    hand = fit_numpy(value_and_grad, n)
    default = fit_sklearn(features, labels)
    reference = fit_sklearn(features, labels, "newton-cholesky")
    seconds = median_seconds({"symopt": lambda: fit_symopt(cost, W, b, data),
                              "numpy": lambda: fit_numpy(value_and_grad, n),
                              "sklearn": lambda: fit_sklearn(features, labels),
                              "sklearn-newton": lambda: fit_sklearn(features, labels, "newton-cholesky")}, repeats)
    coefficient_gap = float(np.abs(np.ravel(ours[W]) - reference.coef_.ravel()).max())
    intercept_gap = float(abs(float(np.ravel(ours[b])[0]) - reference.intercept_.item()))
    default_gap = float(np.abs(default.coef_.ravel() - reference.coef_.ravel()).max())

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"NumPy {np.__version__}; median of {repeats} interleaved repeats")
    print(f"breast cancer: {m} examples, {n} standardised features; L2 logistic regression, C = {C}")
    print(f"{'fit':<44}{'iterations':>11}{'seconds':>10}{'ratio':>8}")
    print(f"{'symopt minimize(method=lbfgs)':<44}{ours.steps:>11}{seconds['symopt']:>10.4f}"
          f"{seconds['symopt'] / seconds['numpy']:>8.2f}")
    print(f"{'hand-written NumPy + scipy L-BFGS-B':<44}{hand.nit:>11}{seconds['numpy']:>10.4f}{1:>8.2f}")
    print(f"{'scikit-learn LogisticRegression(C=1).fit':<44}{default.n_iter_[0]:>11}{seconds['sklearn']:>10.4f}"
          f"{seconds['sklearn'] / seconds['numpy']:>8.2f}")
    print(f"{'  the same, solver=newton-cholesky':<44}{reference.n_iter_[0]:>11}{seconds['sklearn-newton']:>10.4f}"
          f"{seconds['sklearn-newton'] / seconds['numpy']:>8.2f}")
    print(f"max |coefficient - scikit-learn (newton-cholesky, tol 1e-10)|: {coefficient_gap:.2e}, "
          f"intercept: {intercept_gap:.2e}")
    print(f"(scikit-learn's default lbfgs stops {default_gap:.1e} from its own newton-cholesky solution)")

    norms = []
    newton = symopt.compile(cost, [W, b])

    def record(step, value, params):
        _, (gw, gb) = newton({**params, **data})
        norms.append(max(float(np.abs(gw).max()), float(np.abs(gb).max())))
    _, (gw0, gb0) = newton({W: np.zeros((n, 1)), b: np.zeros((1, 1)), **data})
    norms.insert(0, max(float(np.abs(gw0).max()), float(np.abs(gb0).max())))
    result = symopt.minimize(cost, [W, b], data=data, method="newton", tol=1e-12, callback=record)
    print(f"Newton: {result.steps} iterations, {result.message}")
    print("  max |gradient| per iterate: " + ", ".join(f"{g:.1e}" for g in norms))
    newton_gap = float(np.abs(np.ravel(result[W]) - reference.coef_.ravel()).max())
    print(f"  max |coefficient - scikit-learn|: {newton_gap:.2e}")
    return {"ratio": seconds["symopt"] / seconds["numpy"], "coefficient_gap": coefficient_gap,
            "iterations": ours.steps, "newton_gradient_norms": norms}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    main(parser.parse_args().repeats)

"""Least squares on scikit-learn's diabetes data, checked against the closed form.

    python examples/linear_regression.py [--quick]

442 patients, 10 standardized features, target: disease progression after one year.
The cost is the mean squared error :math:`J = \\frac{1}{2m}\\lVert XW + b - y\\rVert^2`;
symopt derives its gradient, compiles one NumPy function and runs full-batch momentum
inside generated code.  The answer is compared with ``numpy.linalg.lstsq`` on ``[X, 1]``.

Needs scikit-learn for the data only (``pip install "symopt[examples]"``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import symopt  # noqa: E402
from symopt import ops  # noqa: E402


def load():
    """Standardized features (mean 0, standard deviation 1) and the target as a column."""
    from sklearn.datasets import load_diabetes
    features, target = load_diabetes(return_X_y=True)
    features = (features - features.mean(axis=0)) / features.std(axis=0)
    return features, target.reshape(-1, 1)


def main(quick: bool = False) -> dict:
    features, target = load()
    examples, n = features.shape

    X = symopt.Placeholder("X", shape=(None, n))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(n, 1))
    b = symopt.Variable("b", 0.0, shape=(1, 1))
    residual = ops.bias_add(X @ W, b) - y
    cost = ops.mean(ops.square(residual)) / 2

    dW, db = symopt.grad(cost, [W, b])
    print(f"dJ/dW = {dW}")
    print(f"dJ/db = {db}")

    # The features are correlated (condition number of X'X/m about 470): plain gradient
    # descent needs thousands of steps, heavy-ball momentum a few hundred.
    steps = 1000 if quick else 3000
    result = symopt.minimize(cost, [W, b], data={X: features, y: target},
                             optimizer=symopt.Momentum(0.5, 0.9), steps=steps)

    design = np.hstack([features, np.ones((examples, 1))])
    exact, *_ = np.linalg.lstsq(design, target, rcond=None)
    found = np.vstack([result[W], result[b]])
    difference = float(np.abs(found - exact).max())
    exact_cost = float(np.mean((design @ exact - target) ** 2) / 2)
    r2 = 1 - float(np.mean((design @ found - target) ** 2) / np.var(target))

    print(f"diabetes: {examples} examples, {n} standardized features; momentum(0.5, 0.9), {result.steps} steps")
    print(f"cost: symopt {result.value:.10f}, closed form {exact_cost:.10f}")
    print(f"R^2 on the training data: {r2:.4f}")
    print(f"max |parameter - lstsq|: {difference:.3e}")
    return {"difference": difference, "cost": result.value, "exact_cost": exact_cost, "r2": r2,
            "steps": result.steps}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer steps (used by the tests)")
    main(quick=parser.parse_args().quick)

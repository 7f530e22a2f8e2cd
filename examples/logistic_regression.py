"""Logistic regression on scikit-learn's breast-cancer data, against scikit-learn's own.

    python examples/logistic_regression.py [--quick]

569 tumours, 30 features, standardized with the training split's statistics; a
stratified 75/25 train/test split with a fixed seed.  scikit-learn's
``LogisticRegression(C=1.0)`` minimizes :math:`\\tfrac12\\lVert w\\rVert^2 + C\\sum_i \\ell_i`
(the intercept is not penalized).  Divided by :math:`Cm` that is symopt's

.. math::  J = \\frac1m\\sum_i \\ell_i + \\frac{1}{Cm}\\cdot\\tfrac12\\lVert W\\rVert^2,

written with ``ops.sigmoid_cross_entropy`` and ``ops.l2_penalty``: the same objective,
so the two fits agree in every coefficient, not only in accuracy.

Needs scikit-learn (``pip install "symopt[examples]"``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

import symopt  # noqa: E402
from symopt import ops  # noqa: E402

SEED = 0
C = 1.0


def load():
    """Train and test splits, standardized with the training mean and standard deviation."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split
    features, labels = load_breast_cancer(return_X_y=True)
    train_x, test_x, train_y, test_y = train_test_split(features, labels, test_size=0.25, random_state=SEED,
                                                        stratify=labels)
    mean, std = train_x.mean(axis=0), train_x.std(axis=0)
    return (train_x - mean) / std, (test_x - mean) / std, train_y, test_y


def main(quick: bool = False) -> dict:
    from sklearn.linear_model import LogisticRegression

    train_x, test_x, train_y, test_y = load()
    examples, n = train_x.shape

    X = symopt.Placeholder("X", shape=(None, n))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(n, 1))
    b = symopt.Variable("b", 0.0, shape=(1, 1))
    logits = ops.bias_add(X @ W, b)
    cost = ops.sigmoid_cross_entropy(logits, y) + ops.l2_penalty(W) / (C * examples)

    steps = 1000 if quick else 3000
    result = symopt.minimize(cost, [W, b], data={X: train_x, y: train_y.reshape(-1, 1)},
                             optimizer=symopt.Momentum(0.5, 0.9), steps=steps)
    test_logits = symopt.evaluate(logits, {X: test_x, W: result[W], b: result[b]})
    ours = float(np.mean((test_logits.ravel() > 0) == test_y))

    reference = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(train_x, train_y)
    theirs = float(reference.score(test_x, test_y))
    coefficients = float(np.abs(result[W].ravel() - reference.coef_.ravel()).max())
    intercept = float(abs(result[b].item() - reference.intercept_.item()))

    print(f"breast cancer: {examples} training and {len(test_y)} test examples, {n} standardized features")
    print(f"symopt: momentum(0.5, 0.9), {result.steps} full-batch steps, final cost {result.value:.8f}")
    print(f"test accuracy: symopt {100 * ours:.2f} %, scikit-learn LogisticRegression(C={C}) {100 * theirs:.2f} %")
    print(f"max |coefficient difference|: {coefficients:.2e}, intercept difference: {intercept:.2e}")
    return {"symopt_accuracy": ours, "sklearn_accuracy": theirs, "coefficient_difference": coefficients,
            "intercept_difference": intercept, "cost": result.value}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer steps (used by the tests)")
    main(quick=parser.parse_args().quick)

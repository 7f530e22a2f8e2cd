"""With data, a refit loop's ``tol`` runs compile the end-point check's Hessian-vector product once (final43c F43c-2,
fixed by the compile cache of ``symopt.hessian.hvp``, P65-4), and a loose ``tol`` past 20 entries pays the dense
re-read the docs state (F43c-10).  Oracles: counted calls, the data's logistic gradient by hand NumPy."""

import importlib

import numpy as np

import symopt
from symopt import compiler, ops, second_order


def test_a_refit_with_data_compiles_the_check_once(monkeypatch):
    rng = np.random.default_rng(0)
    design = rng.normal(size=(200, 5))
    labels = (design @ rng.normal(size=(5, 1)) + rng.normal(size=(200, 1)) > 0).astype(float)
    X, t = symopt.Placeholder("X", (None, 5)), symopt.Placeholder("t", (None, 1))
    W = symopt.Variable("W", np.zeros((5, 1)))
    cost = ops.sigmoid_cross_entropy(X @ W, t) + 1e-2 * ops.sum(ops.square(W))
    compiled = []
    real = compiler.compile_expressions

    def counting(*args, **kwargs):
        compiled.append(kwargs.get("name"))
        return real(*args, **kwargs)
    monkeypatch.setattr(compiler, "compile_expressions", counting)
    monkeypatch.setattr(importlib.import_module("symopt.hessian"), "compile_expressions", counting)
    monkeypatch.setattr(second_order, "compile_expressions", counting)
    runs = [symopt.minimize(cost, W, data={X: design, t: labels}, optimizer=symopt.GradientDescent(1.0),
                            steps=5000, tol=1e-5) for _ in range(3)]
    first = len(compiled)
    for result in runs:
        end = np.asarray(result.params[W])
        # the oracle: the gradient of the penalized logistic loss by hand NumPy is below tol there
        probability = 1 / (1 + np.exp(-(design @ end)))
        gradient = design.T @ (probability - labels) / len(design) + 2e-2 * end  # the mean loss
        assert result.success and np.max(np.abs(gradient)) <= 1e-5 * 1.01
    symopt.minimize(cost, W, data={X: design, t: labels}, optimizer=symopt.GradientDescent(1.0), steps=5000, tol=1e-5)
    assert len(compiled) == first  # a fourth run compiles nothing: the product, cost and gradient are cached

"""derive's and graph's step letters skip the lower case of a one-letter input (probe20 P20-14): a tied-weights
autoencoder named its hidden layer ``w`` beside the weight ``W`` (``dw = dp·W`` above ``dW = (wᵀ·dp)ᵀ + ...``), and
matrix factorisation in ``[U, V]`` read ``du = dv`` beside ``dU``."""

import re

import numpy as np

import symopt
from symopt import ops


def _step_names(text: str) -> set:
    return {match for match in re.findall(r"^\s*d?([a-zA-Z][₀-₉]*) =", text, flags=re.M)}


def _autoencoder():
    X = symopt.Placeholder("X", (None, 5))
    W = symopt.Variable("W", 0.0, shape=(5, 3))
    b1, b2 = symopt.Variable("b1", 0.0, shape=(1, 3)), symopt.Variable("b2", 0.0, shape=(1, 5))
    hidden = ops.sigmoid(ops.bias_add(X @ W, b1))
    return ops.mean(ops.square(ops.bias_add(hidden @ W.T, b2) - X)), X, [W, b1, b2]


def _factorisation():
    M, R = symopt.Placeholder("M", (4, 3)), symopt.Placeholder("R", (4, 3))
    U, V = symopt.Variable("U", 0.0, shape=(4, 2)), symopt.Variable("V", 0.0, shape=(3, 2))
    cost = ops.sum(ops.square(ops.hadamard(M, R - U @ V.T))) + 0.1 * ops.sum(ops.square(U)) + \
        0.1 * ops.sum(ops.square(V))
    return cost, (M, R), [U, V]


def test_no_step_is_the_lower_case_of_a_one_letter_input():
    for cost, _, parameters, inputs in ((*_autoencoder(), "WX"), (*_factorisation(), "UVRM")):
        derived = str(symopt.derive(cost, parameters))
        steps = _step_names(derived) - {"J"} - {str(p) for p in parameters}
        assert steps and not steps & {letter.lower() for letter in inputs}, (steps, derived)
        drawn = str(symopt.graph(cost))
        assert not _step_names(drawn) & {letter.lower() for letter in inputs}, drawn


def test_the_autoencoder_reads_its_hidden_layer_by_another_letter_and_keeps_its_numbers():
    cost, X, (W, b1, b2) = _autoencoder()
    rng = np.random.default_rng(0)
    point = {X: rng.normal(size=(4, 5)), W: rng.normal(size=(5, 3)), b1: rng.normal(size=(1, 3)),
             b2: rng.normal(size=(1, 5))}
    derivation = symopt.derive(cost, [W, b1, b2], at=point)
    lines = str(derivation).splitlines()
    assert lines[3].startswith("  p = σ(v)") and any(line.startswith("  dp = dq·W") for line in lines)
    assert not any(line.startswith(("  w =", "  dw =")) for line in lines)
    _, gradients = symopt.compile(cost, [W, b1, b2])(W=point[W], b1=point[b1], b2=point[b2], X=point[X])
    for parameter, gradient in zip((W, b1, b2), gradients):
        shown = np.asarray(symopt.evaluate(derivation.gradient[parameter], point), dtype=float)
        np.testing.assert_allclose(shown, gradient, rtol=1e-12)

"""probe16 Z18: explain of logistic regression on separable data (every example classified with confidence) blamed
the saturation of σ': "the output saturates: σ'(Z) = A(1 - A) < 1e-08 in 3 of 3 entries, and dZ with it, at
dZ = A - y", although dZ = A - y has no σ' factor (with every example confidently wrong σ' is as small and the
gradient is fine).  The gradient is tiny because A ≈ y for every example: the loss is ~0 and the weights grow
without bound."""

import re

import numpy as np
import pytest

import symopt
from symopt import ops

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(2, 1))
XD = np.array([[1.0, 2.0], [-1.0, 0.5], [2.0, -1.0]])
YD = np.array([[1.0], [0.0], [1.0]])
COST = ops.sigmoid_cross_entropy(X @ W, y)


def _oracle(weights):
    """A = σ(XW) and the per-example loss, by hand."""
    z = XD @ weights
    a = 1 / (1 + np.exp(-z))
    return a, np.logaddexp(0, z) - z * YD


def test_separable_data_fitted_is_not_called_saturated():
    weights = np.array([[30.0], [0.0]])
    a, loss = _oracle(weights)
    assert np.max(np.abs(a - YD)) < 1e-12 and np.max(loss) < 1e-12  # every example fitted
    value, (gradient,) = symopt.compile(COST, [W])({X: XD, y: YD, W: weights})
    assert value < 1e-12 and np.max(np.abs(gradient)) < 1e-8
    finding = symopt.explain(COST, W, at={X: XD, y: YD, W: weights}).finding(W)
    assert finding.status == "vanishing"
    (kind, message), = finding.causes
    shown = re.fullmatch(r"dZ = A - y is at most (\S+) in every entry because A ≈ y for every example \(each "
                         r"example's loss is at most (\S+)\): every example is fitted\. σ reaches its targets only in "
                         r"the limit: on separable data the weights grow without bound as training goes on and the "
                         r"cost has no minimum; add a penalty \(\+ λ·ops\.l2_penalty\(W\)\) for one", message)
    assert kind == "fitted" and shown is not None, message
    assert float(shown[1]) == pytest.approx(np.max(np.abs(a - YD)), rel=0.05)
    assert float(shown[2]) == pytest.approx(np.max(loss), rel=0.05)
    assert finding.line == "dZ = A - y"
    assert "saturat" not in str(symopt.explain(COST, W, at={X: XD, y: YD, W: weights}))


def test_confidently_wrong_is_fine_though_sigma_prime_is_as_small():
    weights = np.array([[-30.0], [0.0]])
    a, _ = _oracle(weights)
    assert np.max(a * (1 - a)) < 1e-8
    assert symopt.explain(COST, W, at={X: XD, y: YD, W: weights}).finding(W).status == "fine"


def test_squared_error_fitted_and_the_hidden_layer_points_at_the_fit():
    Xc, Yc = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (1, None))
    W1 = symopt.Variable("W1", 0.0, shape=(2, 3))
    W2 = symopt.Variable("W2", 0.0, shape=(1, 2))
    cost = ops.mean(ops.square(ops.sigmoid(ops.matmul(W2, ops.tanh(ops.matmul(W1, Xc)))) - Yc))
    data = {Xc: [[1.0, -1.0], [0.5, 0.5], [1.0, 1.0]], Yc: [[1.0, 0.0]]}
    at = {W1: [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], W2: [[900.0, 900.0]]}
    explanation = symopt.explain(cost, [W1, W2], at=at, data=data)
    for parameter in (W1, W2):
        finding = explanation.finding(parameter)
        assert finding.status in ("zero", "vanishing") and [kind for kind, _ in finding.causes] == ["fitted"]
        assert finding.line == "dZ₂ = 2A₂(1 - A₂)(A₂ - Y)"
        assert "add a penalty (+ λ·ops.l2_penalty(W₂))" in finding.causes[0][1]
    _, gradients = symopt.compile(cost, [W1, W2])({**data, **at})
    assert max(np.max(np.abs(g)) for g in gradients) < 1e-8

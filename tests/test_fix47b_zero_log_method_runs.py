"""probe88 P88-2: the course's logistic NLL written with logs, -mean(y*log(a) + (1 - y)*log(1 - a)), on a covariate
with mean 50: a ``method=`` run meets a point where sigmoid rounds to 1, log(1 - a) is -inf and (1 - y)*log(1 - a)
is 0*(-inf) = NaN.  The cost is real at every point (oracle: the same NLL in NumPy's stable form, logaddexp, is
finite there), so the error names the 0*log(0) product and ops.sigmoid_cross_entropy, not a domain boundary,
bounds= or log(w**2 + eps)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError


def _data(rows=1000):
    rng = np.random.default_rng(10)
    features = np.column_stack([rng.normal(size=rows), rng.normal(50, 20, size=rows)])
    z = 0.8 * features[:, 0] + 0.05 * (features[:, 1] - 50)
    return features, (rng.random(rows) < 1 / (1 + np.exp(-z))).astype(float).reshape(-1, 1)


def _stable_nll(features, labels, weights, bias):
    """The logistic NLL in NumPy's stable form: log(1 + exp(z)) - y*z."""
    z = features @ weights + bias
    return float(np.mean(np.logaddexp(0.0, z) - labels * z))


@pytest.mark.parametrize("method", ["lbfgs", "bfgs"])
def test_a_saturated_sigmoid_is_named_not_a_domain_boundary(method):
    features, labels = _data()
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", np.zeros((2, 1))), symopt.Variable("b", 0.0)
    a = ops.sigmoid(ops.bias_add(X @ W, b))
    one = sympy.OneMatrix(symopt.BATCH, 1)
    cost = -ops.mean(ops.hadamard(y, ops.log(a)) + ops.hadamard(one - y, ops.log(one - a)))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, [W, b], data={X: features, y: labels}, method=method)
    message = str(caught.value)
    assert "The NaN itself is 0*log(0)" in message and "sigmoid rounded to 0 or 1" in message
    assert "ops.sigmoid_cross_entropy(logits, labels)" in message
    assert "boundary" not in message and "log(w**2 + eps)" not in message and "bounds=" not in message
    tried = caught.value.result  # the oracle: the cost is real (finite) at the kept point and far out
    assert np.isfinite(_stable_nll(features, labels, tried[W], tried[b]))
    assert np.isfinite(_stable_nll(features, labels, np.array([[43.6], [1033.3]]), 0.59))


def test_a_hand_written_sigmoid_is_named_too():
    """final47b 47b-5: a = 1/(1 + exp(-z)) written by hand meets the same trial point; its log of 0 is the same
    rounding (the stable NLL is finite there: the oracle above)."""
    features, labels = _data()
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", np.zeros((2, 1))), symopt.Variable("b", 0.0)
    one = sympy.OneMatrix(symopt.BATCH, 1)
    a = sympy.HadamardPower(one + ops.exp(-ops.bias_add(X @ W, b)), -1)
    cost = -ops.mean(ops.hadamard(y, ops.log(a)) + ops.hadamard(one - y, ops.log(one - a)))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, [W, b], data={X: features, y: labels}, method="bfgs")
    message = str(caught.value)
    assert "The NaN itself is 0*log(0)" in message and "bounds=" not in message
    assert np.isfinite(_stable_nll(features, labels, np.array([[43.6], [1033.3]]), 0.59))

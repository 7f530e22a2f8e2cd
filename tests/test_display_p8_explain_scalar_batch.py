"""probe8 R22: explain of a cost with scalar parameters and batch data (a one-parameter regression, logistic
regression on X*w, w and b with a bias column) raised AttributeError ('numpy.ndarray' object has no attribute
'has'); it explains them as it explains networks, with the compiled gradient's numbers."""

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt import ops

X = symopt.Placeholder("X", (None, 1))
y = symopt.Placeholder("y", (None, 1))
w = symopt.Variable("w", 0.0)
b = symopt.Variable("b", 0.0)
ONES = sp.OneMatrix(*X.shape)
DATA = {X: np.array([[1.0], [2.0]]), y: np.array([[2.0], [4.0]])}

COSTS = {
    "regression": (ops.mean(ops.square(X * w - y)), {w: 1.0}),
    "logistic": (ops.sigmoid_cross_entropy(X * w, y / 4), {w: 1.0}),
    "weight and bias": (ops.mean(ops.square(X * w + b * ONES - y)), {w: 1.0, b: 0.5}),
}


@pytest.mark.parametrize("name", sorted(COSTS))
def test_explain_reports_the_compiled_gradient(name):
    cost, at = COSTS[name]
    wrt = list(at)
    _, gradients = symopt.compile(cost, wrt)(**{str(s): v for s, v in {**at, **DATA}.items()})
    explanation = symopt.explain(cost, wrt, at=at, data=DATA)
    for symbol, gradient in zip(wrt, gradients):
        finding = explanation.finding(str(symbol))
        assert finding.status == "fine"
        assert finding.detail == f"fine: dJ/d{symbol} = {float(gradient):.6g}"  # signed (probe75 P75-1)
    assert str(explanation).splitlines()[0].endswith("m = 2)")


def test_explain_at_the_exact_fit_says_zero():
    cost, _ = COSTS["regression"]
    assert symopt.compile(cost, w)(w=2.0, **{str(s): v for s, v in DATA.items()})[1] == 0.0
    finding = symopt.explain(cost, w, at={w: 2.0}, data=DATA).finding("w")
    assert finding.status == "zero" and finding.causes


def test_explain_where_the_cost_is_nan_names_the_step():
    cost = ops.mean(ops.square(X * sp.log(w) - y))
    finding = symopt.explain(cost, w, at={w: -1.0}, data=DATA).finding("w")
    assert finding.status == "not finite" and "log(w)" in finding.causes[0][1]

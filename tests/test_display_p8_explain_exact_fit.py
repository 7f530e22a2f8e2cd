"""probe8 R24: explain at an exact fit of a linear model (residual 0, the least-squares solution) blamed
"vanishing through depth ... each of the 0 layers above"; it says the output matches every target."""

import numpy as np

import symopt
from symopt import ops

X = symopt.Placeholder("X", (None, 1))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(1, 1))
COST = ops.mean(ops.square(X @ W - y))
DATA = {X: np.array([[1.0], [2.0]]), y: np.array([[2.0], [4.0]])}


def test_exact_fit_is_named():
    solution = np.linalg.lstsq(DATA[X], DATA[y], rcond=None)[0]
    _, gradient = symopt.compile(COST, W)(W=solution, X=DATA[X], y=DATA[y])
    assert np.all(gradient == 0)
    finding = symopt.explain(COST, W, at={W: solution}, data=DATA).finding("W")
    assert finding.status == "zero"
    assert finding.causes[0][0] == "exact fit" and "0 layers" not in finding.causes[0][1]


def test_away_from_the_fit_the_gradient_is_fine():
    finding = symopt.explain(COST, W, at={W: np.array([[1.0]])}, data=DATA).finding("W")
    _, gradient = symopt.compile(COST, W)(W=np.array([[1.0]]), X=DATA[X], y=DATA[y])
    assert finding.status == "fine" and finding.detail == f"fine (largest |entry| {abs(gradient.item()):.4g})"

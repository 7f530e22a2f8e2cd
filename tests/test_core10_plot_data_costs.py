"""probe16 Z11: optimizer_paths / method_paths of a cost that reads a data array drew another function: the cost was
compiled over the whole grid at once, so its mean summed the grid's points with the data's rows (a constant curve,
1168.08 at every mu, where J runs 29.1 -> 3.2 -> 7.7), and two parameters died with NumPy's broadcast error.  The
curve is now symopt.evaluate's number at every grid point."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from symopt.plot import method_paths, optimizer_paths  # noqa: E402

DATA = np.random.default_rng(1).normal(3.0, 2.0, size=(50, 1))
x = symopt.Placeholder("x", (None, 1))
mu, ls = symopt.Variable("mu", 0.0), symopt.Variable("ls", 0.0)
MSE = ops.mean(ops.square(x - mu * sympy.OneMatrix(*x.shape)))


def _curve_is_the_cost(ax, cost, data):
    xs, ys = ax.lines[0].get_xdata(), ax.lines[0].get_ydata()
    for index in (0, len(xs) // 2, len(xs) - 1):
        assert ys[index] == pytest.approx(float(symopt.evaluate(cost, {**data, mu: xs[index]})), rel=1e-12)


def test_the_curve_of_a_cost_reading_a_batch_is_the_cost():
    ax = optimizer_paths(MSE, {mu: 0.0}, {"gd": symopt.GradientDescent(0.1)}, data={x: DATA}, steps=20)
    _curve_is_the_cost(ax, MSE, {x: DATA})
    assert np.ptp(ax.lines[0].get_ydata()) > 10  # not a constant


def test_a_fixed_shape_placeholder_read_whole():
    column = symopt.Placeholder("c", (3, 1))
    cost = ops.sum(ops.square(column - mu * sympy.OneMatrix(3, 1)))
    data = {column: np.array([[1.0], [2.0], [6.0]])}
    _curve_is_the_cost(optimizer_paths(cost, {mu: 0.0}, {"gd": symopt.GradientDescent(0.1)}, data=data), cost, data)


def test_contours_of_two_parameters_over_a_batch():
    nll = MSE * sympy.exp(-2 * ls) / 2 + ls  # a normal likelihood in (mu, log sigma): NumPy's broadcast error before
    ax = optimizer_paths(nll, {mu: 0.0, ls: 0.0}, {"adam": symopt.Adam(0.1)}, data={x: DATA}, steps=10)
    contours = [c for c in ax.get_children() if hasattr(c, "levels")]
    assert contours and np.isfinite(contours[0].levels).all()
    figure = method_paths(nll, {mu: 0.0, ls: 0.0}, {"gd": symopt.GradientDescent(0.1)}, data={x: DATA}, steps=10)
    assert len(figure.axes) >= 1

"""What a learner or a programmer hands the library by mistake gets a typed symopt error (u-probe U4), and a
compiled function pickles (``multiprocessing``, ``joblib``)."""

import multiprocessing
import pickle

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError, ShapeError

w = symopt.Variable("w_u4", 0.0)
J = (w - 3) ** 2


@pytest.mark.parametrize("data", [3.0, [1.0], "w_u4=3"])
def test_evaluate_wants_a_dict(data):
    with pytest.raises(FeedError, match=r"expected the data as a dict \{symbol or name: value\}; given"):
        symopt.evaluate(J, data)
    assert symopt.evaluate(J, {w: 1.0}) == 4.0 and symopt.evaluate(J, None) == 9.0


@pytest.mark.parametrize("name", [None, "", 3])
def test_a_symbol_needs_a_string_name(name):
    with pytest.raises(ConfigurationError, match="a symbol's name: expected a non-empty string"):
        symopt.Variable(name, 0.0)
    with pytest.raises(ConfigurationError, match="a symbol's name"):
        symopt.Placeholder(name, (None, 2))


def test_piecewise_constant_wants_lists():
    with pytest.raises(ConfigurationError, match=r"values must be a list of numbers"):
        symopt.PiecewiseConstant([10], 0.1)
    assert symopt.PiecewiseConstant([10], [0.1, 0.01]).values == (0.1, 0.01)


def test_a_hessian_vector_product_checks_the_direction():
    theta = symopt.Variable("theta_u4", np.zeros((3, 1)))
    product = symopt.hvp(ops.sum(ops.square(theta)), theta)
    with pytest.raises(ShapeError, match=r"direction for theta_u4 should have the parameter's shape \(3, 1\)"):
        product(np.ones(4), {})
    assert product(np.ones(3), {}).ravel().tolist() == [2.0, 2.0, 2.0]


def test_plot_submodules_are_attributes_after_a_plain_import():
    assert callable(symopt.plot.loss_curve) and callable(symopt.checkpoint.save_checkpoint)
    assert callable(symopt.parse.parse_expression)


def test_loss_curve_takes_what_a_learner_passes():
    pytest.importorskip("matplotlib").use("Agg")
    first, second = symopt.minimize(J, w, steps=5), symopt.minimize(J, w, steps=7, optimizer=symopt.Adam(0.1))
    labels = lambda ax: [line.get_label() for line in ax.get_lines()]  # noqa: E731
    assert labels(symopt.plot.loss_curve([first, second])) == ["run 1", "run 2"]
    ax = symopt.plot.loss_curve(first.history)
    assert labels(ax) == ["cost"] and ax.get_lines()[0].get_ydata().tolist() == first.history.tolist()
    with pytest.raises(ConfigurationError, match="should be a Result or a history of costs"):
        symopt.plot.loss_curve("w")
    a, b, c = (symopt.Variable(f"{n}_u4", 0.0) for n in "abc")
    with pytest.raises(ConfigurationError, match="draws one or two parameters"):
        symopt.plot.optimizer_paths(a ** 2 + b ** 2 + c ** 2, {a: 0, b: 0, c: 1}, {"gd": symopt.GradientDescent(0.1)})


def _first_value(function_and_point):
    function, point = function_and_point
    return function({"w_u4": point})[0]


def test_a_compiled_function_pickles_and_runs_in_worker_processes():
    X = symopt.Placeholder("X_u4", (None, 2))
    W = symopt.Variable("W_u4", np.ones((2, 1)))
    for f, feed in ((symopt.compile(J, w), {w: 1.0}),
                    (symopt.compile(ops.mean(ops.square(X @ W)), {"W_u4": W}, dtype="float32"),
                     {W: np.ones((2, 1)), X: np.ones((3, 2))})):
        copy = pickle.loads(pickle.dumps(f))
        assert copy.source == f.source and copy.dtype == f.dtype
        value, gradient = copy(feed)
        expected_value, expected_gradient = f(feed)
        assert value == expected_value and str(gradient) == str(expected_gradient)
    f = symopt.compile(J, w)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        assert pool.map(_first_value, [(f, 1.0), (f, 2.0)]) == [4.0, 1.0]

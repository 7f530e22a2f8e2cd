"""probe16 Z10: method_paths lost the whole figure when Newton could not start (IndefiniteHessianError for Himmelblau
or a saddle from the chosen start), although the first-order panels could be drawn and a diverging panel is drawn
and titled "(diverged)".  Newton's panel is now drawn up to where it stopped and its title says why."""

import numpy as np
import pytest

import symopt
from symopt.errors import IndefiniteHessianError

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from symopt.plot import method_paths  # noqa: E402

p, q = symopt.Variable("p", -1.2), symopt.Variable("q", 1.0)
HIMMELBLAU = (p**2 + q - 11)**2 + (p + q**2 - 7)**2


def _newton_error(cost, start):
    with pytest.raises(IndefiniteHessianError) as caught:
        symopt.minimize(cost, start, method="newton", steps=40)
    return caught.value


def test_newton_that_cannot_start_leaves_the_other_panels():
    start = {p: -1.2, q: 1.0}
    _newton_error(HIMMELBLAU, start)  # what method_paths used to raise
    figure = method_paths(HIMMELBLAU, start, steps=40)
    assert [ax.get_title() for ax in figure.axes] == [
        "gradient descent (diverged): 6 steps", "Momentum (diverged): 10 steps", "Adam: 40 steps",
        "Newton: 0 steps\n(cannot start: Hessian not\npositive definite at the start)"]
    adam = symopt.minimize(HIMMELBLAU, start, optimizer=symopt.Adam(0.3), steps=40)
    drawn = figure.axes[2].lines[0]
    assert (drawn.get_xdata()[-1], drawn.get_ydata()[-1]) == (float(adam[p]), float(adam[q]))
    newton = figure.axes[3].lines[0]
    assert list(newton.get_xdata()) == [-1.2] and list(newton.get_ydata()) == [1.0]


def test_a_saddle_start():
    figure = method_paths(-p**2 + q**2, {p: -1.2, q: 1.0}, steps=40)
    assert figure.axes[3].get_title() == "Newton: 0 steps\n(cannot start: Hessian not\npositive definite at the start)"
    assert figure.axes[0].get_title() == "gradient descent: 40 steps"


def test_newton_stopping_after_some_steps_is_drawn_up_to_there():
    cost, start = p**4 - 2*p**2 + 2*p + q**2, {p: 1.0, q: 1.0}
    error = _newton_error(cost, start)
    assert error.result.steps == 2
    figure = method_paths(cost, start, {"Newton": "newton"}, steps=40)
    assert figure.axes[0].get_title() == "Newton: 2 steps\n(stopped: Hessian not positive\ndefinite after 2 steps)"
    line = figure.axes[0].lines[0]
    assert len(line.get_xdata()) == 3
    assert (line.get_xdata()[-1], line.get_ydata()[-1]) == (float(error.result[p]), float(error.result[q]))


def test_newton_started_on_a_saddle_point():
    figure = method_paths(-p**2 + q**2, {p: 0.0, q: 0.0}, {"Newton": "newton", "gd": symopt.GradientDescent(0.1)})
    assert [ax.get_title() for ax in figure.axes] == [
        "Newton: 0 steps\n(stopped: gradient 0 at a saddle\npoint or maximum)", "gd: 60 steps"]
    assert np.all(figure.axes[1].lines[0].get_xdata() == 0.0)

"""final43c F43c-3, F43c-14: whether a first-order run's saddle is caught no longer depends on how far it started
(the materiality scale is the end point's, |J| + λmax·r², not the start's cost) nor on an unrelated parameter in large
units (probe lengths and the gradient differences behind the Hessian are measured in the entries the direction moves);
every probe is still bounded by a count.

Oracles: sympy.hessian at the returned point (diag(2, -1): a saddle) and sympy's cost at (c, ±1), -1/4, below the
returned cost; for runs that converged to a minimum, the minimum by hand ((c, ±1) of the same cost, (c, 1) of a bowl)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import second_order

xs, ys, cs = sympy.symbols("x y c")
ORACLE = (xs - cs) ** 2 + ys ** 4 / 4 - ys ** 2 / 2


def _run(c, start, monkeypatch=None, calls=None):
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    if monkeypatch is not None:
        value_and_grad = second_order.Problem.value_and_grad

        def counting(self, point):
            calls.append(point)
            return value_and_grad(self, point)
        monkeypatch.setattr(second_order.Problem, "value_and_grad", counting)
    result = symopt.minimize((x - c) ** 2 + y ** 4 / 4 - y ** 2 / 2, {x: start[0], y: start[1]},
                             optimizer=symopt.GradientDescent(0.01), steps=100000, tol=1e-6)
    return result, float(result.params[x]), float(result.params[y])


def _oracle_saddle(c, end_x, end_y, value):
    hessian = sympy.hessian(ORACLE.subs(cs, c), (xs, ys)).subs({xs: end_x, ys: end_y})
    assert sorted(float(v) for v in hessian.eigenvals(multiple=True)) == pytest.approx([-1.0, 2.0])
    assert float(ORACLE.subs({cs: c, xs: c, ys: 1})) == -0.25 < value - 0.2


@pytest.mark.parametrize("x0", [600.0, 1000.0])
def test_f43c3_a_saddle_reached_from_far_away_is_no_success(x0):
    result, end_x, end_y = _run(0.0, (x0, 0.0))
    _oracle_saddle(0.0, end_x, end_y, result.value)
    assert not result.success and "a maximum or a saddle point, not a minimum" in result.message


@pytest.mark.parametrize("c", [3e4, 1e6])
def test_f43c14_a_large_unrelated_parameter_does_not_hide_the_saddle(c, monkeypatch):
    calls = []
    result, end_x, end_y = _run(c, (c + 1.0, 0.0), monkeypatch, calls)
    _oracle_saddle(c, end_x, end_y, result.value)
    assert not result.success and "a maximum or a saddle point, not a minimum" in result.message
    assert len(calls) <= 30  # the check's evaluations (20 here): Hessian by differences, probes both ways, the slope


@pytest.mark.parametrize("c, start", [(0.0, (1000.0, 0.5)), (1e6, (1e6 + 1.0, 0.5)), (1e6, (1e6 - 3.0, -2.0))])
def test_runs_that_reach_a_minimum_keep_their_success(c, start):
    result, end_x, end_y = _run(c, start)
    assert result.success, result.message
    assert (end_x, abs(end_y)) == (pytest.approx(c, abs=1e-5), pytest.approx(1.0, abs=1e-5))  # (c, ±1) by hand


def test_a_bowl_in_large_units_keeps_its_success():
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    result = symopt.minimize((x - 1e6) ** 2 + (y - 1) ** 2, {x: 1e6 + 1e3, y: 0.0},
                             optimizer=symopt.GradientDescent(0.1), steps=10000, tol=1e-8)
    assert result.success, result.message
    assert (float(result.params[x]), float(result.params[y])) == (pytest.approx(1e6), pytest.approx(1.0, abs=1e-8))

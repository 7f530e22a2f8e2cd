"""review5 final_core item 5: the Hessian of a per-observation mean in its location, hessian(mean((x - mu)²), [mu]),
was sum((2/m)·1): it read the batch size m but no data, so symopt.evaluate(H, {x: data, mu: 1.0}) raised ShapeError
("no input of the program has a dimension m") while minimize(method='newton') worked.  A sum of a constant matrix
is now folded, c·1 summed over m rows is c·m, so the 1/m cancels: H = [[2]].  Oracle: central differences of
symopt.evaluate of the cost."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

x = symopt.Placeholder("x", (None,))
mu, s = symopt.Variable("mu", 0.0), symopt.Variable("s", 1.0)
DATA = np.array([0.5, 1.0, 2.5, 4.0, 7.0])


def _second_differences(cost, point, step=1e-4):
    """The Hessian of ``cost`` at ``point`` (``{parameter: value}``) by central differences of evaluate."""
    names = list(point)
    matrix = np.zeros((len(names), len(names)))

    def value(shift):
        return float(symopt.evaluate(cost, {x: DATA, **{p: point[p] + shift.get(p, 0.0) for p in names}}))
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            matrix[i, j] = (value({a: step, b: step} if a != b else {a: 2 * step})
                            - value({a: step, b: -step} if a != b else {a: 0.0})
                            - value({a: -step, b: step} if a != b else {a: 0.0})
                            + value({a: -step, b: -step} if a != b else {a: -2 * step})) / (4 * step * step)
    return matrix


def test_evaluate_the_hessian_of_a_mean_in_its_location():
    cost = ops.mean(x.applyfunc(lambda t: (t - mu) ** 2))
    matrix = symopt.hessian(cost, [mu])
    assert matrix == sympy.ImmutableMatrix([[2]])
    assert float(symopt.evaluate(matrix, {x: DATA, mu: 1.0})) == 2.0
    assert _second_differences(cost, {mu: 1.0})[0, 0] == pytest.approx(2.0, rel=1e-5)
    assert symopt.minimize(cost, mu, data={x: DATA}, method="newton")[mu] == pytest.approx(DATA.mean())


def test_a_gaussian_negative_log_likelihood_in_location_and_scale():
    cost = ops.mean(x.applyfunc(lambda t: (t - mu) ** 2 / (2 * s ** 2))) + sympy.log(s)
    matrix = symopt.hessian(cost, [mu, s])
    assert matrix[0, 0] == 1 / s ** 2
    point = {mu: 2.0, s: 1.5}
    shown = np.array(symopt.evaluate(matrix, {x: DATA, **point}), dtype=float)
    assert shown == pytest.approx(_second_differences(cost, point), rel=1e-5, abs=1e-6)

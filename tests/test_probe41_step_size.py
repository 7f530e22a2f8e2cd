"""probe41 P41-1 and P41-10: no stable step size is quoted where the Hessian has a negative eigenvalue (a saddle or a
maximum: gradient descent multiplies the distance along that eigenvector by 1 - ηλ > 1 for every η > 0);
newton_update of a Hessian singular everywhere is a SingularHessianError as minimize(method="newton") gives; the
helpers' values that are not a dict are a ConfigurationError.  Oracle: sympy.hessian's eigenvalues."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError, DivergenceError, IndefiniteHessianError, SingularHessianError
from symopt.second_order import hessian_eigenvalues, newton_update, stable_step_size
from symopt.step_size import step_size_advice

x, y = symopt.Variable("x", 1.0), symopt.Variable("y", 1.0)
w, v = symopt.Variable("w", 1.0), symopt.Variable("v", 0.0)
SADDLE = x ** 2 - y ** 2


def _oracle_eigenvalues(cost, wrt, point):
    return np.linalg.eigvalsh(np.array(sympy.hessian(cost, wrt).subs(point), dtype=float))


def test_a_saddle_has_no_stable_step_size():
    assert np.array_equal(_oracle_eigenvalues(SADDLE, [x, y], {x: 0, y: 0}), [-2.0, 2.0])
    with pytest.raises(IndefiniteHessianError) as caught:
        stable_step_size(SADDLE, [x, y], {x: 0.0, y: 0.0})
    assert str(caught.value) == (
        "stable_step_size expects a Hessian with no negative eigenvalue (a minimum's); given one with eigenvalues "
        "[-2.  2.] at x = 0, y = 0: a saddle or a maximum. Gradient descent multiplies the distance along the "
        "eigenvector of λ = -2 by 1 - η·(-2) > 1 each step, so no step size is stable there. Ask at a point near a "
        "minimum (a quadratic with a negative eigenvalue has none: it is unbounded below).")


def test_a_maximum_has_no_stable_step_size_and_a_flat_cost_every_one():
    with pytest.raises(IndefiniteHessianError, match="λ = -2 by"):
        stable_step_size(-x ** 2, x, {x: 1.0})
    assert stable_step_size(2 * x + y, [x, y], {x: 0.0, y: 0.0}) == float("inf")  # no curvature: factor 1
    assert stable_step_size(x ** 2 + 3 * y ** 2, [x, y], {x: 0.0, y: 0.0}) == 2 / 6  # the bound where it holds


def test_the_divergence_of_gradient_descent_on_a_saddle_quotes_no_bound():
    assert step_size_advice(SADDLE, [x, y], {x: 1.0, y: 1e-3}, 0.5) == (
        " The cost is quadratic with a negative Hessian eigenvalue (λ_min = -2): it has no minimum, and no learning "
        "rate is stable (the distance along that eigenvector grows by 1 - lr·λ_min > 1 each step).")
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(SADDLE, {x: 1.0, y: 1e-3}, optimizer=symopt.GradientDescent(0.5), steps=3000)
    assert "2/λ_max" not in str(caught.value) and "no learning rate is stable" in str(caught.value)


def test_newton_update_of_a_hessian_singular_everywhere_names_the_flat_direction():
    assert sympy.hessian((w + v) ** 2, [w, v]).det() == 0
    with pytest.raises(SingularHessianError) as caught:
        newton_update((w + v) ** 2, [w, v])
    assert str(caught.value) == (
        "newton_update expects an invertible Hessian; given [[2, 2], [2, 2]], singular for every w, v (its "
        "determinant is 0), so Newton's step H⁻¹∇J is not defined anywhere: the cost is flat along w - v (its "
        "minimum, if any, is not one point). Two parameters doing one job do this: drop one, or add a penalty such "
        "as 1e-3 * w**2 to the cost. method='lbfgs' inverts no Hessian.")


def test_newton_update_of_a_linear_cost_says_it_has_no_curvature():
    with pytest.raises(SingularHessianError, match=r"given \[\[0, 0\], \[0, 0\]\].*no curvature in w, v"):
        newton_update(2 * w + v, [w, v])


@pytest.mark.parametrize("values", [None, 0.5, [1.0]])
def test_values_that_are_not_a_dict_are_refused(values):
    for helper in (hessian_eigenvalues, stable_step_size):
        with pytest.raises(ConfigurationError, match=r"values: expected a dict \{parameter or its name: value\}"):
            helper(w ** 2, w, values)

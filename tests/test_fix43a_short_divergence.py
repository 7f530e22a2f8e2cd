"""final42f F42f-8: a run of 11 to 20 steps whose cost grows by 20 to 40 orders is not a success.

Oracle, by hand: gradient descent with lr 0.5 on w² + 10v² sets w to 0 at the first step and multiplies v by
1 - 0.5·20 = -9 at each, so after n steps the cost is 10·81ⁿ (lr 0.5 is past the stable 2/λ_max = 0.1).
"""

import pytest

import symopt


@pytest.mark.parametrize("steps", [12, 19, 60])
def test_gradient_descent_past_the_stable_rate_is_not_a_success_in_a_short_run(steps):
    w, v = symopt.Variable("w", 1.0), symopt.Variable("v", 1.0)
    result = symopt.minimize(w ** 2 + 10 * v ** 2, {w: 1.0, v: 1.0}, optimizer=symopt.GradientDescent(0.5),
                             steps=steps)
    assert result.value == pytest.approx(10 * 81.0 ** steps, rel=1e-12)
    assert not result.success
    assert "diverging" in result.message


@pytest.mark.parametrize("steps", [10, 12, 19])
def test_a_short_converging_run_stays_a_success(steps):
    w = symopt.Variable("w", 1.0)
    result = symopt.minimize((w - 3) ** 2, {w: 9.0}, optimizer=symopt.GradientDescent(0.25), steps=steps)
    assert result.value == pytest.approx(36 * 0.25 ** steps, rel=1e-12)  # w - 3 halves a step
    assert result.success

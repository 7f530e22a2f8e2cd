"""final48a 48a-1: Newton's rounding floor for an entry whose minimum is 0 (47d3-2) bounded its step by
tol·Σⱼ|(H⁻¹)ᵢⱼ|; with one tiny eigenvalue that bound let a cycling, unconverged run pass as "converged to rounding".

The cost 1e6 + 1e-9·|w + v - 4|^(3/2) + 1e-15·(w - v)² has its minimum at w = v = 2 (by hand: both terms are 0
there and positive elsewhere); from w = v = 1.5 Newton's steps on u = w + v cycle around 4 with the same size, and
the gradient stays far above tol."""

import sympy

import symopt


def test_a_cycling_newton_run_with_a_tiny_eigenvalue_is_not_called_converged():
    w, v = sympy.symbols("w v")
    cost = 1e6 + 1e-9 * ((w + v - 4) ** 2) ** sympy.Rational(3, 4) + 1e-15 * (w - v) ** 2
    fit = symopt.minimize(cost, {w: 1.5, v: 1.5}, method="newton", steps=50)
    u = float(fit[w] + fit[v])
    slope = 1.5e-9 * abs(u - 4) ** 0.5  # d/dw of 1e-9 |u - 4|^(3/2), by hand (w = v: the other term's slope is 0)
    assert abs(u - 4) > 0.1 and slope > 1e-10  # not at the minimum: the gradient is above tol
    assert not fit.success and "converged" not in fit.message

"""probe66 P66-6, P66-1: a method= run that ends at a kink of a Piecewise cost is told so, not "no minimum ... check
that the cost is bounded below" (Newton-CG) nor "the Hessian-vector product overflows float64 ... rescale the data"
(trust-ncg, whose trust radius shrank to 0 so that SciPy passed a NaN direction).  Oracles: sympy's cost (every
branch >= 0, so 0 is the global minimum) and scipy.optimize.minimize called directly with lambdified derivatives."""

import numpy as np
import pytest
import sympy
from scipy.optimize import minimize as scipy_minimize

import symopt


def _sympy_oracle(cost_of, start, method):
    """SciPy's own run on the cost sympy builds: (x, fun), with the Piecewise's derivatives from sympy.diff."""
    xs, ys = sympy.symbols("x y")
    cost = cost_of(xs, ys)
    gradient = [sympy.diff(cost, s) for s in (xs, ys)]
    hessian = sympy.hessian(cost, (xs, ys))
    value = sympy.lambdify([(xs, ys)], cost)
    jac = sympy.lambdify([(xs, ys)], gradient)
    hess = sympy.lambdify([(xs, ys)], hessian)
    result = scipy_minimize(value, np.array(start), jac=lambda p: np.array(jac(p), dtype=float), method=method,
                            hessp=lambda p, d: np.array(hess(p), dtype=float) @ d)
    return result.x, float(result.fun), cost


def _two_kinks(x, y):
    return sympy.Piecewise((x ** 2, x > 0), (-2 * x, True)) + sympy.Piecewise((y ** 2, y < 1), (2 * y - 1, True))


def _one_kink(x, y):
    return sympy.Piecewise((x ** 2, x > 0), (-x, True)) + y ** 2


def _bounded_below_by_zero(cost):
    xs, ys = sorted(cost.free_symbols, key=str)
    grid = np.linspace(-3, 3, 61)
    values = sympy.lambdify((xs, ys), cost)
    return min(float(values(a, b)) for a in grid for b in grid) >= 0.0


def test_newton_cg_at_the_minimum_of_a_kinked_cost_names_the_kink():
    x, y = symopt.Variable("x", -1.3), symopt.Variable("y", 0.7)
    result = symopt.minimize(_two_kinks(x, y), [x, y], method="newton-cg")
    oracle_x, oracle_value, cost = _sympy_oracle(_two_kinks, (-1.3, 0.7), "Newton-CG")
    assert oracle_value == 0.0 and _bounded_below_by_zero(cost)  # SciPy ends at the global minimum too
    assert [float(result.params[x]), float(result.params[y])] == pytest.approx(list(oracle_x), abs=1e-12)
    assert result.value == 0.0 and not result.success  # no gradient test certifies a kink
    assert "kink" in result.message and "one-sided slope" in result.message
    assert "bounded below" not in result.message and "no minimum" not in result.message


@pytest.mark.parametrize("cost_of, start", [(_one_kink, (-1.0, 1.0)), (_two_kinks, (-1.3, 0.7))])
def test_trust_ncg_whose_trust_region_collapsed_at_a_kink_is_told_so_not_overflow(cost_of, start):
    x, y = symopt.Variable("x", start[0]), symopt.Variable("y", start[1])
    result = symopt.minimize(cost_of(x, y), [x, y], method="trust-ncg")  # no DivergenceError: nothing overflowed
    oracle_x, oracle_value, cost = _sympy_oracle(cost_of, start, "trust-ncg")
    assert oracle_value == 0.0 and _bounded_below_by_zero(cost)
    assert [float(result.params[x]), float(result.params[y])] == pytest.approx(list(oracle_x), abs=1e-12)
    assert result.value == 0.0 and not result.success
    assert "NaN direction" in result.message and "nothing overflowed" in result.message and "kink" in result.message
    assert "overflows" not in result.message and "rescale" not in result.message
    assert result.steps > 0 and len(result.history) == result.steps + 1


def test_newton_cg_where_a_smooth_cost_has_no_curvature_keeps_its_words():
    """w**4/4 - w at 0: the cost falls down the gradient (no kink), so the verdict is still 'no minimum'."""
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(w ** 4 / 4 - w, {w: 0.0}, method="newton-cg")
    assert 0.0 ** 4 / 4 - 0.0 > 1e-5 ** 4 / 4 - 1e-5  # the oracle: the cost falls a step down the gradient
    assert not result.success and "SciPy claimed success at no minimum" in result.message
    assert "kink" not in result.message

"""probe86 P86-2: final45a 45a-4's saddle beside a stiff direction, x**2 + y**4/4 - y**2/2 + 1e6*(a - 1)**2, with
the stiff parameter started off its minimum (a = 2): the run stops at (0, 0, 1) on the saddle (sympy's Hessian there
has the eigenvalues -1, 2, 2e6, and J(0, 1, 1) = -0.25 below J = 0), and is refused as it is from a = 1.  The
direction of negative curvature is no faint one: -1 against the median curvature 2, whatever the stiff 2e6."""

import numpy as np
import pytest
import sympy

import symopt

X, Y, A = sympy.symbols("X Y A")
ORACLE = X**2 + Y**4 / 4 - Y**2 / 2 + 10**6 * (A - 1) ** 2


def test_the_oracle_point_is_a_saddle_beside_a_well():
    hessian = np.array(sympy.hessian(ORACLE, (X, Y, A)).subs({X: 0, Y: 0, A: 1}), dtype=float)
    assert np.linalg.eigvalsh(hessian).tolist() == [-1.0, 2.0, 2e6]
    assert ORACLE.subs({X: 0, Y: 1, A: 1}) == sympy.Rational(-1, 4)


@pytest.mark.parametrize("options", [dict(optimizer=symopt.Adam(0.01), steps=2000, tol=1e-6), dict(method="bfgs")])
def test_a_saddle_beside_a_stiff_parameter_started_off_its_minimum_is_refused(options):
    x, y, a = (symopt.Variable(n, 0.0) for n in "xya")
    result = symopt.minimize(x**2 + y**4 / 4 - y**2 / 2 + 1e6 * (a - 1) ** 2, {x: 1.0, y: 0.0, a: 2.0}, **options)
    assert abs(float(result.params[y])) < 1e-9 and abs(float(result.params[a]) - 1) < 1e-6  # on the saddle
    assert result.success is False and "saddle" in result.message

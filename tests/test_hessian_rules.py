"""The Hessian of scalar parameters uses the gradient's own rules, so Abs, sign and plain SymPy symbols
give a real, printable second derivative (was sympy.diff's DiracDelta and re/im/Derivative terms)."""

import numpy as np
import sympy

import symopt


def test_second_derivatives_of_abs_and_sign_are_real_and_almost_everywhere():
    w = symopt.Variable("w", 2.0)
    a = sympy.Symbol("a")
    assert symopt.hessian(sympy.sign(w) * w ** 3, [w]) == sympy.ImmutableMatrix([[6 * w * sympy.sign(w)]])
    second = symopt.hessian(sympy.Abs(a) ** 3, [a])
    assert not second.has(sympy.DiracDelta, sympy.Derivative, sympy.re, sympy.im)
    assert float(second[0, 0].subs(a, -2.0)) == 12.0  # 6|a|, as jax.hessian(lambda a: abs(a)**3)(-2.0)


def test_newton_minimizes_abs_cubed_and_natural_least_squares():
    w = symopt.Variable("w", 2.0)
    result = symopt.minimize(sympy.Abs(w) ** 3 + (w - 1) ** 2, w, method="newton")
    assert np.isclose(result.params[w], (-2 + np.sqrt(28)) / 6)  # 3w² + 2(w - 1) = 0 for w > 0
    ws = sympy.symbols("w0:3")
    A = np.array([[1.0, 2, 0], [0, 1, 1], [1, 0, 1], [2, 1, 1]])
    b = np.array([1.0, 2, 3, 4])
    cost = (sympy.Matrix(A) * sympy.Matrix(ws) - sympy.Matrix(b)).norm() ** 2  # SymPy writes Abs(...)**2
    result = symopt.minimize(cost, {s: 0.0 for s in ws}, method="newton")
    np.testing.assert_allclose([result.params[s] for s in ws], np.linalg.lstsq(A, b, rcond=None)[0], atol=1e-9)


def test_mixed_partials_are_symmetric_and_match_sympy_on_smooth_costs():
    x, y = sympy.symbols("x y")
    cost = x ** 2 * y + sympy.sin(x * y)
    H = symopt.hessian(cost, [x, y])
    assert sympy.simplify(H - sympy.hessian(cost, (x, y))) == sympy.zeros(2, 2)

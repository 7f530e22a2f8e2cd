"""48e-3: SymPy's own printers print a TF1 kernel function's elementary form parenthesized (pycode(kernel_pow(x, y)**2)
was x**y**2: lambdify gave 512 at (2, 3) for (2³)² = 64); LaTeX parenthesizes a sum under a product
(2·one_minus_square(w) was 2 \\cdot 1 - w^{2})."""

import sympy

from symopt.compat.v1.kernel_functions import kernel_pow
from symopt.safe_slopes import one_minus_square

x, y, w = sympy.symbols("x y w")


def test_kernel_pow_squared_prints_and_evaluates_as_its_value():
    cost = kernel_pow(x, y) ** 2
    assert sympy.pycode(cost) == "(x**y)**2"
    assert sympy.lambdify((x, y), cost)(2.0, 3.0) == (2.0 ** 3) ** 2  # 64, not 2**9 = 512
    assert sympy.lambdify((x, y), 1 / kernel_pow(x, y))(2.0, 3.0) == 1 / 8


def test_latex_parenthesizes_a_sum_under_a_product():
    assert sympy.latex(2 * one_minus_square(w)) == r"2 \left(1 - w^{2}\right)"
    assert sympy.latex(one_minus_square(w) ** 2) == r"\left(1 - w^{2}\right)^{2}"
    assert sympy.latex(2 * kernel_pow(x, y)) == r"2 x^{y}"

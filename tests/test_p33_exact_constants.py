"""probe33 P33-1 / P33-5: a cost's exact constants are computed once, at high precision, and rounded once.

SymPy distributes ``10**16`` over ``cos(1/10**8) - 1`` (the second difference of ``cos`` at ``h = 1e-8``, exactly
about -1/2), so the gradient of ``w**2 + w*(cos(h) - 1)/h**2`` is ``2*w - 10**16 + 10**16*cos(h)``.  The scalar
printers wrote each numeric term on its own, the sum was computed at run time and cancelled: a gradient of 2.0 or 0.0
where it is 1.5, and ``minimize`` (GD, Newton, L-BFGS, NumPy and JAX) "succeeded" at the wrong point.  The numbers of
a sum or product are now one literal, the double nearest their exact value (``sympy.N`` at 30 digits), on every
backend and in ``derive``'s numbers.  SymPy's ``float()`` evaluates to 15 digits only, which made
``log(1 + 1/10**20)`` 0.0 (P33-5); it is 1e-20.  Oracle: ``sympy.N(..., 30)``.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.float_literals import nearest_double

w = symopt.Variable("w", 1.0)
H = sympy.Rational(1, 10 ** 8)
COST = w ** 2 + w * (sympy.cos(H) - 1) / H ** 2  # w**2 - w/2 to 1e-17: the minimum -1/16 at w = 1/4


def _oracle(expr, at: float) -> float:
    return float(sympy.N(expr.subs(w, sympy.Rational(at)), 30))  # exact: a Float would round at 15 digits


@pytest.mark.parametrize("dtype, source", [
    ("float64", "    return w*w - 0.5*w, (-0.5 + 2*w,)"),
    ("float32", "    return w**2 - 0.5*w, (-0.5 + 2*w,)"),
])
def test_the_numbers_of_a_sum_are_one_literal(dtype, source):
    compiled = symopt.compile(COST, w, dtype=dtype)
    assert compiled.source.strip().splitlines()[-1] == source
    value, gradient = compiled(w=1.0)
    assert float(value) == _oracle(COST, 1.0) == 0.5
    assert float(gradient) == _oracle(sympy.diff(COST, w), 1.0) == 1.5


def test_a_numeric_sum_alone_is_not_cancelled_at_run_time():
    value, gradient = symopt.compile(w * (sympy.cos(H) - 1) / H ** 2, w)(w=1.0)
    assert (value, gradient) == (-0.5, -0.5)  # was (0.0, -0.5): the value printed -1 + math.cos(1/100000000)


@pytest.mark.parametrize("method", ["gd", "newton", "lbfgs"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_minimize_finds_the_minimum_of_the_exact_cost(method, dtype):
    plain = w ** 2 - w / 2  # the same cost written out: the reference run
    options = {"steps": 200} if method == "gd" else {"method": method}
    result = symopt.minimize(COST, {w: 1.0}, dtype=dtype, **options)
    reference = symopt.minimize(plain, {w: 1.0}, dtype=dtype, **options)
    assert result[w] == reference[w]
    if method != "gd":
        assert result[w] == pytest.approx(0.25, rel=1e-6)  # was 0.0 (Newton, L-BFGS) with success=True


def test_the_jax_backend_folds_the_same_literal():
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    for dtype in ("float64", "float32"):
        compiled = symopt.compile(COST, w, dtype=dtype, backend="jax")
        assert compiled.source.strip().splitlines()[-1] == "    return w**2 - 0.5*w, (-0.5 + 2*w,)"
        value, gradient = compiled(w=1.0)
        assert (float(value), float(gradient)) == (0.5, 1.5)


def test_a_product_of_numbers_is_one_literal():
    """``3*pi*w + sqrt(2) + 1``: one literal per sum and per product, each the double nearest the exact number."""
    compiled = symopt.compile(3 * sympy.pi * w + sympy.sqrt(2) + 1, w)
    assert compiled.source.strip().splitlines()[-1] == "    return 2.414213562373095 + 9.42477796076938*w, " \
                                                       "(9.42477796076938,)"
    assert nearest_double(3 * sympy.pi) == 9.42477796076938 == float(sympy.N(3 * sympy.pi, 30))


def test_the_matrix_path_agrees():
    W = symopt.Variable("W", np.ones((1, 1)))
    matrix_cost = ops.sum(ops.square(W)) + ops.sum(W) * (sympy.cos(H) - 1) / H ** 2
    value, gradient = symopt.compile(matrix_cost, W)(W=np.ones((1, 1)))
    assert (float(value), gradient.tolist()) == (0.5, [[1.5]])


def test_derive_shows_the_numbers_the_code_computes():
    shown = str(symopt.derive(w * (sympy.cos(H) - 1) / H ** 2, w, at={w: 1}))
    assert shown == ("forward (w = 1)\n"
                     "  J = 10000000000000000w(cos(1/100000000) - 1) = -0.5\n"
                     "backward\n"
                     "  dJ/dw = 10000000000000000·cos(1/100000000) - 10000000000000000 = -0.5\n"
                     "gradient\n"
                     "  dJ/dw = 10000000000000000·cos(1/100000000) - 10000000000000000 = -0.5")  # was "= 0"


TINY = sympy.Rational(1, 10 ** 20)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_constant_is_evaluated_past_15_digits(dtype):
    """P33-5: ``float(log(1 + 1/10**20))`` is 0.0 (SymPy evaluates to 15 digits); its nearest double is 1e-20."""
    assert nearest_double(sympy.log(1 + TINY)) == 1e-20 == float(sympy.N(sympy.log(1 + TINY), 30))
    value, gradient = symopt.compile(w * sympy.log(1 + TINY), w, dtype=dtype)(w=1.0)
    assert (float(value), float(gradient)) == (float(np.dtype(dtype).type(1e-20)),) * 2  # was (0.0, 0.0)
    value, gradient = symopt.compile(w * sympy.log(1 + TINY) / TINY, w, dtype=dtype)(w=1.0)
    assert (float(value), float(gradient)) == (1.0, 1.0)  # was (0.0, 1.0): the factor folded alone to 0.0


def test_derive_evaluates_a_constant_past_15_digits():
    shown = str(symopt.derive(w * sympy.log(1 + TINY), w, at={w: 1}))
    assert shown.splitlines()[1] == "  J = w·log(100000000000000000001/100000000000000000000) = 1e-20"


def test_nearest_double_rounds_once():
    assert nearest_double(sympy.Rational(1, 3)) == 1 / 3
    assert nearest_double(sympy.Rational(10 ** 400, 3)) == float("inf")
    assert nearest_double(-sympy.Rational(10 ** 400, 3)) == float("-inf")
    assert nearest_double(sympy.exp(-800)) == 0.0  # below the smallest subnormal: IEEE's underflow
    assert nearest_double(sympy.sin(1) ** 2 + sympy.cos(1) ** 2 - 1) == 0.0  # exactly 0: no digit survives
    assert nearest_double(10 ** 16 * sympy.cos(H) - 10 ** 16) == -0.5

"""probe87 P87-2: ``conjugate(x)`` of a plain-Symbol data input compiles, as ``re(x)`` and ``im(x)`` do: symopt feeds
real numbers, whose conjugate is themselves.  Oracle: NumPy (``np.conjugate(-2.0) = -2.0``) and hand arithmetic."""

import numpy as np
import pytest
import sympy

import symopt


def test_conjugate_of_a_plain_symbol_is_the_data():
    w, x = symopt.Variable("w", 0.5), sympy.Symbol("x")
    value, slope = symopt.compile(sympy.conjugate(x) * w**2, w)(w=0.5, x=-2.0)
    assert value == pytest.approx(np.conjugate(-2.0) * 0.25)  # -0.5
    assert slope == pytest.approx(2 * np.conjugate(-2.0) * 0.5)  # -2.0


def test_conjugate_transpose_of_an_explicit_matrix_of_plain_symbols():
    w = symopt.Variable("w", 0.5)
    a, b = sympy.symbols("a b")
    column = sympy.Matrix([[a], [b]])
    value, slope = symopt.compile((column.H * column)[0, 0] * w**2, w)(w=0.5, a=1.0, b=-2.0)
    assert value == pytest.approx(5.0 * 0.25)  # (1 + 4) w**2
    assert slope == pytest.approx(5.0)  # 2 * 5 * w


def test_float32_stays_float32():
    w, x = symopt.Variable("w", 0.5, dtype="float32"), sympy.Symbol("x")
    value, _ = symopt.compile(sympy.conjugate(x) * w**2, w, dtype="float32")(w=np.float32(0.5), x=np.float32(-2.0))
    assert value.dtype == np.float32 and value == np.float32(-0.5)

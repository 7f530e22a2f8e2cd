"""The scalar (math) backend returns Python floats, never ints, whatever constants the cost holds."""

import sympy

import symopt


def test_max_with_a_number_on_the_scalar_path_returns_a_float():
    w = symopt.Variable("w", 1.0)
    value, slope = symopt.compile(sympy.Max(w, 0), w)(w=-1.0)
    assert type(value) is float and value == 0.0 and slope == 0.0
    assert type(symopt.evaluate(sympy.Min(w, 1), {w: 2.0})) is float

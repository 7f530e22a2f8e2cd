"""The ``math`` and NumPy backends agree (inf/nan where NumPy gives them); evaluate, linecache and symbol
registries are bounded."""

from __future__ import annotations

import gc
import linecache
import tracemalloc
import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt import symbols
from symopt.compiler import CACHE, compile_expressions

w = symopt.Variable("w", 1.0)

# expressions whose value at the point leaves the reals or overflows: NumPy gives inf or nan
EDGE_CASES = [
    (sympy.exp(w), 1000.0),
    (sympy.log(w), -1.0),
    (sympy.log(w), 0.0),
    (sympy.sqrt(w), -4.0),
    (w ** sympy.Rational(1, 3), -8.0),
    (w ** sympy.Float(2.5), -1.0),
    (1 / w, 0.0),
    (w ** -2, 0.0),
    (w ** 400, 10.0),
    (sympy.acos(w), 2.0),
    (sympy.exp(w) * sympy.log(w), 800.0),
]


def _numpy_reference(expr, value):
    function, module = compile_expressions([expr], [w], dtype="float64", vectorized=True)
    assert module == "numpy"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return function(np.float64(value))[0]


@pytest.mark.parametrize("expr, value", EDGE_CASES, ids=[f"{e}@{v}" for e, v in EDGE_CASES])
def test_math_backend_gives_what_numpy_gives(expr, value):
    expected = _numpy_reference(expr, value)
    assert not np.isfinite(expected)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        evaluated = symopt.evaluate(expr, {w: value})
        function = symopt.compile(expr, w)
        assert function.module == "math"
        compiled_value, gradient = function(w=value)
    np.testing.assert_array_equal(evaluated, expected)
    np.testing.assert_array_equal(compiled_value, expected)
    assert isinstance(gradient, float)


def test_math_backend_keeps_python_floats_where_nothing_overflows():
    value, gradient = symopt.compile(sympy.exp(w), w)(w=1.0)
    assert type(value) is float and value == np.exp(1.0)


def test_negative_base_with_fractional_exponent_is_nan_not_complex():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value, gradient = symopt.compile(w ** sympy.Rational(1, 3), w)(w=-8.0)
    assert np.isnan(value) and np.isnan(gradient)
    assert "math.pow(w, 1/3)" in symopt.compile(w ** sympy.Rational(1, 3), w).source


def test_evaluate_compiles_once_for_equal_calls():
    x = symopt.Placeholder("x_evaluate_cache")
    misses = CACHE.misses
    results = {symopt.evaluate(sympy.sin(x) + x ** 2, {x: 0.5}) for _ in range(200)}
    assert CACHE.misses == misses + 1
    assert len(results) == 1


def test_linecache_entries_leave_with_their_functions():
    CACHE.clear()
    gc.collect()
    before = sum(1 for name in linecache.cache if name.startswith("<symopt-generated"))
    for k in range(CACHE.size + 50):
        symopt.evaluate(w * (k + 1) + k, {w: 1.0})
    CACHE.clear()
    gc.collect()
    after = sum(1 for name in linecache.cache if name.startswith("<symopt-generated"))
    assert after <= before


def _make_placeholders(count: int) -> None:
    for index in range(count):
        symopt.Placeholder(f"x{index}", (None, 3))
        symopt.Placeholder(f"s{index}")
        symopt.Variable(f"W{index}", np.zeros((2, 2)))


def test_placeholders_created_and_dropped_leave_no_memory_behind():
    _make_placeholders(200)
    sympy.core.cache.clear_cache()
    gc.collect()
    registered = len(symbols._MATRIX_ATTRIBUTES)
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        _make_placeholders(1500)
        sympy.core.cache.clear_cache()  # SymPy's own LRU cache (bounded) holds recent Integers
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] - baseline
    finally:
        tracemalloc.stop()
    assert len(symbols._MATRIX_ATTRIBUTES) == registered
    assert retained < 64 * 1024  # 4 500 symbols held ~1.8 MB when a class-level dict kept them


def test_a_rebuilt_matrix_symbol_keeps_its_attributes():
    W = symopt.Variable("W", np.ones((2, 1)), dtype="float32")
    rebuilt = type(W)(*W.args)
    assert rebuilt == W and rebuilt.dtype == "float32"
    np.testing.assert_array_equal(rebuilt.init, W.init)
    assert (W.T).xreplace({}).arg.init is W.init

r"""A large product over the batch's rows, :math:`A^T \Delta` (a weight's gradient), is printed
``transposed_matmul(A, D)``: the BLAS gets it as :math:`(\Delta^T A)^T`, copied row-major, where that gives the same bits
and measured faster for the shapes of the call (``symopt.layouts.transposed_product_pays``); the caller always gets
``A.T @ D``'s bits in row-major order."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import layouts, ops
from symopt.runtime import transposed_matmul


def _layer(n: int, k: int, penalty: float = 0.0):
    X = symopt.Placeholder("X", (None, n))
    Y = symopt.Placeholder("Y", (None, k))
    W = symopt.Variable("W", np.zeros((n, k)))
    cost = ops.mean(ops.square(ops.tanh(X @ W) - Y))
    if penalty:
        cost = cost + penalty * ops.sum(ops.square(W))
    return cost, W, X, Y


@pytest.fixture
def decided(monkeypatch):
    """Decisions made by hand: ``decided(True)`` takes the transposed product for every shape (no trial)."""
    def decide(value: bool):
        monkeypatch.setattr(layouts, "DECISIONS", {})
        monkeypatch.setattr(layouts, "MIN_WORK", 0)
        monkeypatch.setattr(layouts, "_copied_product_pays", lambda *arguments: value)
    return decide


def test_a_large_weight_gradient_is_printed_as_the_chosen_product_and_a_small_one_as_written():
    cost, W, _, _ = _layer(160, 128)
    assert "transposed_matmul(X, " in symopt.compile(cost, W).source
    small, w, _, _ = _layer(20, 10)
    source = symopt.compile(small, w).source
    assert "transposed_matmul" not in source and "X.T @ " in source


def test_the_jax_printer_keeps_the_product_as_written():
    from symopt.jax_printer import JaxPrinter
    from symopt.math_printer import MathProgramPrinter
    assert not JaxPrinter.chooses_product_layouts and not MathProgramPrinter.chooses_product_layouts


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_whatever_is_decided_the_bits_and_the_layout_are_those_of_a_T_at_d(dtype):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((2048, 256)).astype(dtype)  # 2048 * 256 * 128 multiply-adds: measured here
    d = rng.standard_normal((2048, 128)).astype(dtype)
    product = transposed_matmul(a, d)
    assert ("transposed product", 2048, 256, 128, dtype) in layouts.DECISIONS
    assert product.flags.c_contiguous and product.dtype == dtype
    np.testing.assert_array_equal(product, a.T @ d)


def test_the_transposed_product_is_copied_row_major(decided):
    decided(True)
    rng = np.random.default_rng(1)
    a, d = rng.standard_normal((300, 40)), rng.standard_normal((300, 30))
    product = transposed_matmul(a, d)
    assert product.flags.c_contiguous and product.flags.owndata
    np.testing.assert_allclose(product, a.T @ d, rtol=1e-13)


@pytest.mark.parametrize("make", [lambda a, d: (np.asfortranarray(a), d), lambda a, d: (a, np.asfortranarray(d)),
                                  lambda a, d: (a[::2], d[::2]), lambda a, d: (a.astype(np.float32), d)],
                         ids=["a column-major", "d column-major", "strided rows", "mixed dtypes"])
def test_operands_unlike_the_trial_arrays_take_the_product_as_written(make, decided, monkeypatch):
    decided(True)
    calls = []
    monkeypatch.setattr("symopt.runtime.transposed_product_pays", lambda *arguments: calls.append(1) or True)
    rng = np.random.default_rng(2)
    a, d = make(rng.standard_normal((64, 12)), rng.standard_normal((64, 9)))
    product = transposed_matmul(a, d)
    assert calls == []
    np.testing.assert_array_equal(product, a.T @ d)


def test_the_decision_is_tried_once_per_shape_and_never_outside_its_limits(monkeypatch):
    trials = []
    monkeypatch.setattr(layouts, "DECISIONS", {})
    monkeypatch.setattr(layouts, "_copied_product_pays", lambda *arguments: trials.append(arguments) or True)
    assert layouts.transposed_product_pays(4096, 784, 256, np.float64)
    assert layouts.transposed_product_pays(4096, 784, 256, np.float64)
    assert len(trials) == 1
    assert not layouts.transposed_product_pays(16, 8, 8, np.float64)  # under MIN_WORK: kept as written
    assert not layouts.transposed_product_pays(1 << 16, 4096, 4096, np.float64)  # over MAX_CALL_WORK: not tried
    assert not layouts.transposed_product_pays(1 << 20, 8, 1024, np.float64)  # a trial array over MAX_TRIAL
    assert len(trials) == 1


def test_a_compiled_gradient_has_the_same_bits_either_way(decided):
    cost, W, X, Y = _layer(160, 128)
    rng = np.random.default_rng(3)
    values = {W: rng.standard_normal((160, 128)) * 0.1, X: rng.standard_normal((512, 160)),
              Y: rng.standard_normal((512, 128))}
    function = symopt.compile(cost, W)
    decided(False)
    plain = function(**{str(k): v for k, v in values.items()})
    decided(True)
    chosen = function(**{str(k): v for k, v in values.items()})
    assert chosen[1].flags.c_contiguous
    assert chosen[0] == plain[0]
    np.testing.assert_allclose(chosen[1], plain[1], rtol=1e-12)  # the BLAS's order either way: equal to rounding


def test_a_sum_starting_from_the_chosen_product_is_computed_in_its_array():
    import sympy
    from symopt.in_place import fresh_product_lines
    from symopt.symbols import BATCH
    X, D, W = sympy.MatrixSymbol("X", BATCH, 160), sympy.MatrixSymbol("D", BATCH, 128), sympy.MatrixSymbol("W", 160, 128)
    expr = sympy.MatAdd(sympy.MatMul(sympy.Transpose(X), D), W)
    assert fresh_product_lines("g", "transposed_matmul(X, D) + W", expr) == ["g = transposed_matmul(X, D)", "g += W"]

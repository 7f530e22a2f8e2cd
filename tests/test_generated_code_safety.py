"""Generated code never collides with user names, never aliases its arguments, keeps the dtype, and
never calls a name it does not have."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.codegen import ProgramPrinter
from symopt.math_printer import MathProgramPrinter
from symopt.errors import UnsupportedOperationError


@pytest.mark.parametrize("name", ["range", "abs", "max", "min", "float", "len", "sum", "print"])
def test_parameters_named_like_builtins_are_renamed(name):
    p = symopt.Variable(name, 2.0)
    cost = sympy.Abs(p) ** 2 + symopt.relu(p) + p
    function = symopt.compile(cost, p)
    assert f"def value_and_grad({name}_)" in function.source
    assert function(2.0) == (8.0, 6.0)
    result = symopt.minimize((p - 3) ** 2, p, steps=200, optimizer=symopt.GradientDescent(0.1))
    assert result.params[p] == pytest.approx(3.0)


def test_gradient_never_is_the_callers_array():
    X = symopt.Placeholder("X", (2, 3))
    W = symopt.Variable("W", np.ones((2, 3)))
    data = np.arange(6.0).reshape(2, 3)
    _, (gradient,) = symopt.compile(ops.sum(ops.hadamard(X, W)), [W])(W=np.ones((2, 3)), X=data)
    assert not np.shares_memory(gradient, data)
    gradient *= 0
    assert data.sum() == 15.0


def test_l2_penalty_gradient_is_not_the_callers_weights():
    W = symopt.Variable("W", np.ones((2, 2)))
    weights = np.full((2, 2), 3.0)
    _, gradient = symopt.compile(ops.l2_penalty(W), W)(W=weights)
    assert not np.shares_memory(gradient, weights)
    np.testing.assert_array_equal(gradient, weights)


def test_transposed_input_and_repeated_outputs_are_copies():
    X = symopt.Placeholder("X", (3, 2))
    W = symopt.Variable("W", np.ones((2, 3)))
    V = symopt.Variable("V", np.ones((2, 3)))
    cost = ops.sum(ops.hadamard(X.T, W)) + ops.sum(ops.hadamard(X.T, V))
    data = np.arange(6.0).reshape(3, 2)
    _, (g_w, g_v) = symopt.compile(cost, [W, V])(W=np.ones((2, 3)), V=np.ones((2, 3)), X=data)
    assert not np.shares_memory(g_w, data) and not np.shares_memory(g_v, data)
    assert not np.shares_memory(g_w, g_v)


def test_evaluate_of_an_input_returns_a_copy():
    X = symopt.Placeholder("X", (2, 2))
    data = np.ones((2, 2))
    assert not np.shares_memory(symopt.evaluate(X, {X: data}), data)


def test_gradients_of_different_parameter_lists_are_cached_apart():
    X = symopt.Placeholder("X", (2, 3))
    W = symopt.Variable("W", np.ones((2, 3)))
    cost = ops.sum(ops.hadamard(X, W))
    _, gradients = symopt.compile(cost, W)(W=np.ones((2, 3)), X=np.ones((2, 3)))
    assert isinstance(gradients, np.ndarray)
    _, gradients = symopt.compile(cost, [W, X])(W=np.ones((2, 3)), X=np.ones((2, 3)))
    assert len(gradients) == 2


NESTED_CONSTANT = sympy.atan(1 / sympy.sqrt(sympy.sin(sympy.Rational(1, 4)) + 2))


@pytest.mark.parametrize("cost_of", [
    lambda w: w * NESTED_CONSTANT + w ** 2 * sympy.sqrt(NESTED_CONSTANT),
    lambda w: (w - NESTED_CONSTANT) ** 2 + sympy.exp(NESTED_CONSTANT) * w,
    lambda w: sympy.sqrt(w ** 2 + NESTED_CONSTANT) * sympy.log(NESTED_CONSTANT + 1),
])
def test_float32_stays_float32_through_constants(cost_of):
    w = symopt.Variable("w", 1.0, dtype="float32")
    function = symopt.compile(cost_of(w), w)
    value, gradient = function(w=1.0)
    assert value.dtype == np.float32 and gradient.dtype == np.float32
    assert "t0 = 0." not in function.source  # constants are literals, never temporaries fed to ufuncs
    result = symopt.minimize(cost_of(w), w, steps=3)
    assert result.params[w].dtype == np.float32


def test_max_of_a_matrix_compiles_without_functools():
    W = symopt.Variable("W", np.array([[1.0], [-2.0], [3.0]]))
    function = symopt.compile(ops.sum(W.applyfunc(lambda x: sympy.Max(x, 0) ** 2)), W)
    assert "functools" not in function.source
    value, _ = function(W=np.array([[1.0], [-2.0], [3.0]]))
    assert value == 10.0


def test_three_way_max_folds_into_nested_calls():
    x, y, z = sympy.symbols("x y z", real=True)
    printer = ProgramPrinter({x: "x", y: "y", z: "z"})
    assert printer.doprint(sympy.Max(x, y, z)).count("numpy.maximum(") == 2


def test_a_name_generated_code_lacks_is_refused_when_generating():
    printer = MathProgramPrinter({})
    with pytest.raises(UnsupportedOperationError, match="functools.reduce"):
        printer._module_format("functools.reduce")
    with pytest.raises(UnsupportedOperationError, match="math.maximum"):
        printer._module_format("math.maximum")
    assert printer._module_format("math.exp") == "math.exp"

"""Elementwise operations written into the array of the matrix product they start from
(:func:`symopt.in_place.fresh_product_lines`) and ReLU's mask read from ReLU's output
(:mod:`symopt.activation_masks`): the same bits as the plain program, fewer arrays, never an argument written."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from sympy import HadamardProduct, MatAdd, MatMul, MatrixSymbol, OneMatrix

import symopt
from symopt import ops
from symopt.codegen import compile_source
from symopt.emit import emit, make_printer
from symopt.fused import build_step
from symopt.in_place import fresh_product_lines
from symopt.nodes import Elementwise
from symopt.printers import NumPyProgramPrinter
from symopt.program import build_program

from jax_models import build, random_spec

m = sympy.Symbol("m", integer=True, positive=True)
A, B, C = MatrixSymbol("A", m, 3), MatrixSymbol("B", 3, 4), MatrixSymbol("C", m, 4)
row, D = MatrixSymbol("r", 1, 4), MatrixSymbol("D", 4, 4)
x = sympy.Dummy("x", real=True)


@pytest.mark.parametrize("text, expr, lines", [
    ("A @ B + r", MatAdd(A * B, OneMatrix(m, 1) * row), ["t = A @ B", "t += r"]),
    ("r + A @ B", MatAdd(A * B, OneMatrix(m, 1) * row), ["t = A @ B", "t += r"]),
    ("A @ B - C", MatAdd(A * B, -C), ["t = A @ B", "t -= C"]),
    ("(A @ B)*(C > 0)", HadamardProduct(A * B, C), ["t = A @ B", "t *= (C > 0)"]),
    ("numpy.maximum((A @ B + r), 0)", Elementwise(sympy.Lambda(x, sympy.Max(x, 0)), MatAdd(A * B, OneMatrix(m, 1) * row)),
     ["t = A @ B", "t += r", "numpy.maximum(t, 0, out=t)"]),
    ("numpy.tanh(A @ B)", Elementwise(sympy.Lambda(x, sympy.tanh(x)), A * B), ["t = A @ B", "numpy.tanh(t, out=t)"]),
])
def test_operations_on_a_fresh_product_write_into_it(text, expr, lines):
    assert fresh_product_lines("t", text, expr) == lines


@pytest.mark.parametrize("text, expr", [
    ("C - A @ B", MatAdd(-A * B, C)),  # the product on the right of a subtraction
    ("A @ B + A @ B @ D", MatAdd(A * B, OneMatrix(m, 1) * row * D)),  # a printed product is a broadcast one
    ("2*(A @ B) + C", MatAdd(2 * A * B, C)),  # a scalar times the product: not the product's own array
    ("A @ B + C + C", MatAdd(A * B, C, C)),  # three terms: the order of the sums would change
    ("numpy.sign(A @ B)", Elementwise(sympy.Lambda(x, sympy.sign(x)), A * B)),  # not a same-dtype function listed
    ("numpy.maximum(A @ B, C)", Elementwise(sympy.Lambda(x, sympy.Max(x, 0)), A * B)),  # an array operand
    ("numpy.exp(-(A @ B))", Elementwise(sympy.Lambda(x, sympy.exp(-x)), A * B)),  # the product is not the argument
    ("C + r", MatAdd(C, OneMatrix(m, 1) * row)),  # no product
])
def test_other_forms_are_left_as_printed(text, expr):
    assert fresh_product_lines("t", text, expr) == [f"t = {text}"]


class _PlainPrinter(NumPyProgramPrinter):
    """The NumPy printer without buffer reuse: every statement one assignment of a new array."""
    reuses_buffers = False


def _network(activation, depth=3, width=5):
    rng = np.random.default_rng(7)
    X, Y = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("Y", (None, 3))
    a, parameters, sizes = X, [], [4] + [width] * (depth - 1) + [3]
    for i in range(depth):
        W = symopt.Variable(f"W{i + 1}", rng.normal(size=(sizes[i], sizes[i + 1])), shape=(sizes[i], sizes[i + 1]))
        b = symopt.Variable(f"b{i + 1}", rng.normal(size=(1, sizes[i + 1])), shape=(1, sizes[i + 1]))
        parameters += [W, b]
        z = ops.bias_add(a @ W, b)
        a = activation(z) if i < depth - 1 else z
    data = [rng.normal(size=(9, 4)), np.eye(3)[rng.integers(0, 3, 9)]]
    data[0][0, :] = 0.0  # pre-activations at exactly 0 where the bias is 0: H(0) = 0 both ways
    return ops.softmax_cross_entropy(a, Y), parameters, [X, Y], data


@pytest.mark.parametrize("activation", [ops.relu, ops.tanh, ops.sigmoid, ops.softplus,
                                        lambda z: ops.leaky_relu(z, 0.1)],
                         ids=["relu", "tanh", "sigmoid", "softplus", "leaky_relu"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_same_bits_as_the_plain_program_and_the_arguments_untouched(activation, dtype):
    cost, parameters, data_symbols, data = _network(activation)
    compiled = symopt.compile(cost, parameters, dtype=dtype)
    plain = _plain_function(compiled)
    arguments = compiled.bind((), dict(zip(parameters + data_symbols, [p.init for p in parameters] + data)))
    given = [np.copy(a) for a in arguments]
    value, gradients = compiled.function(*arguments)
    expected_value, expected_gradients = plain(*arguments)
    assert np.array_equal(value, expected_value)
    for got, expected in zip(gradients, expected_gradients):
        assert got.dtype == expected.dtype and np.array_equal(got, expected)
    for before, after in zip(given, arguments):
        assert np.array_equal(before, after)


def _plain_function(compiled):
    """``compiled``'s program printed without buffer reuse, compiled."""
    printer = _PlainPrinter(make_printer(compiled.program, "numpy", compiled.dtype).names, dtype=compiled.dtype)
    return compile_source(emit(compiled.program, printer, "value_and_grad"), "value_and_grad", printer.namespace())


@pytest.mark.parametrize("seeds", [range(start, start + 40) for start in (0, 40, 80)],
                         ids=lambda seeds: f"models {seeds.start}-{seeds.stop - 1}")
def test_random_models_give_the_bits_of_the_plain_program(seeds):
    """The random models of the JAX oracle (``tests/jax_models.py``: dense, residual, gated, softmax layers; nine
    activations; six heads), float64 and float32: the rewritten function gives the plain function's bits and
    leaves its arguments as they were."""
    rewritten = 0
    for seed in seeds:
        built = build(random_spec(seed))
        for dtype in ("float64", "float32"):
            compiled = symopt.compile(built.cost, list(built.parameters.values()), dtype=dtype)
            rewritten += any(mark in compiled.source for mark in ("+= ", "-= ", "*= ", "/= ", "out="))
            arguments = compiled.bind((), built.feed())
            given = [np.copy(a) for a in arguments]
            with np.errstate(all="ignore"):
                value, gradients = compiled.function(*arguments)
                expected_value, expected_gradients = _plain_function(compiled)(*arguments)
            assert np.array_equal(value, expected_value, equal_nan=True), (seed, dtype)
            for got, expected in zip(gradients, expected_gradients):
                assert np.asarray(got).dtype == np.asarray(expected).dtype, (seed, dtype)
                assert np.array_equal(got, expected, equal_nan=True), (seed, dtype)
            assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(given, arguments)), (seed, dtype)
    assert rewritten >= 40  # most random models have a bias or an activation on a product


def test_a_relu_network_computes_one_array_per_layer():
    """Each hidden layer: its product, the bias added into it, ReLU in place; the backward masks read the
    activations (``t2 > 0``), so no pre-activation array is kept for them."""
    cost, parameters, data_symbols, _ = _network(ops.relu)
    source = symopt.compile(cost, parameters).source
    assert source.count(", 0, out=") == 2 and source.count(" += b") == 3
    assert "numpy.maximum(t1, 0, out=t1)" in source and "numpy.maximum(t2, 0, out=t2)" in source
    assert "*= (t2 > 0)" in source and "*= (t1 > 0)" in source
    step = build_step(cost, parameters, symopt.Adam(0.01), data_symbols, dtype="float64")
    assert "numpy.maximum(t1, 0, out=t1)" in step.step.source


@pytest.mark.parametrize("activated, mask", [(lambda z: z, "step(t0)"), (lambda z: 2 * z, "step(X*W)")],
                         ids=["relu of z", "relu of 2z"])
def test_relu_masks_read_the_activation_only_where_it_is_computed(activated, mask):
    """:math:`H(z)` becomes :math:`H(\\mathrm{relu}(z))` where :math:`\\mathrm{relu}(z)` is an output too; a ReLU of
    something else leaves the mask of :math:`z` as it is."""
    W = symopt.Variable("W", np.array([[1.0], [-2.0]]), shape=(2, 1))
    X = symopt.Placeholder("X", (None, 2))
    z = X @ W
    program = build_program([Elementwise(sympy.Lambda(x, symopt.functions.step(x)), z) * 1.0,
                             Elementwise(sympy.Lambda(x, symopt.functions.relu(x)), activated(z))], [W, X])
    printed = [str(e) for _, e in program.assignments] + [str(o) for o in program.outputs]
    assert f"1.0*{mask}" in printed

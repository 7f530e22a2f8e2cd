"""Memory per step: temporaries released after their last read, the train loop's state updated in place.

The oracle for the in-place loop is the functional ``step`` (new arrays, arguments untouched): ``train``
for n steps must give the same bits as n calls of ``step``, and leave the caller's arrays as they were.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.emit import choose_backend, emit, in_place_lines, make_printer
from symopt.fused import build_step, step_program
from symopt.program import build_program, last_reads

OPTIMIZERS = [symopt.GradientDescent(0.1), symopt.Momentum(0.05, 0.9), symopt.Adagrad(0.1), symopt.RMSProp(0.01),
              symopt.Adam(0.05), symopt.Adadelta(1.0), symopt.Ftrl(0.1), symopt.AdamW(0.05), symopt.Nadam(0.05),
              symopt.ProximalAdagrad(0.1), symopt.ProximalGradientDescent(0.1), symopt.KerasAdam(0.05),
              symopt.PyTorchAdam(0.05), symopt.GradientDescent(symopt.schedules.ExponentialDecay(0.1, 2, 0.5)),
              symopt.Adam(symopt.schedules.ExponentialDecay(0.05, 2, 0.5, staircase=True)),
              symopt.Momentum(0.05, 0.9, nesterov=True)]


@pytest.mark.parametrize("text, expected", [
    ("W - (m_W*c2)/(numpy.sqrt(v_W) + epsilon)", ["W -= (m_W*c2)/(numpy.sqrt(v_W) + epsilon)"]),
    ("W + (g_W - W)*c0", ["W += (g_W - W)*c0"]),
    ("(g_W - W)*c0 + W", ["W += (g_W - W)*c0"]),
    ("W*rho + (g_W*g_W)*c0", ["W *= rho", "W += (g_W*g_W)*c0"]),
    ("W/(1 + l2*lr)", ["W /= 1 + l2*lr"]),
    ("W - (a + b)", ["W -= a + b"]),
    ("W*rho + W", ["W += W*rho"]),  # W*rho is computed before W changes
    ("W*rho + W*c", ["W = W*rho + W*c"]),  # W *= rho would change what W*c reads
    ("g_W - W", ["W = g_W - W"]),  # subtraction does not commute
    ("numpy.maximum(W, 0)", ["W = numpy.maximum(W, 0)"]),
    ("c*g_W", ["W = c*g_W"]),
])
def test_in_place_lines_keep_every_operation(text, expected):
    assert in_place_lines("W", text) == expected


def _mlp(batch: int = 6):
    rng = np.random.default_rng(0)
    X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 2))
    W1 = symopt.Variable("W1", rng.normal(size=(3, 4)), shape=(3, 4))
    b1 = symopt.Variable("b1", np.zeros((1, 4)), shape=(1, 4))
    W2 = symopt.Variable("W2", rng.normal(size=(4, 2)), shape=(4, 2))
    u = symopt.Variable("u", 0.5)
    cost = ops.softmax_cross_entropy(ops.relu(ops.bias_add(X @ W1, b1)) @ W2, Y) + u ** 2 * ops.sum(W2)
    data = [rng.normal(size=(batch, 3)), np.eye(2)[rng.integers(0, 2, batch)]]
    return cost, [W1, b1, W2, u], [X, Y], data


def _state(compiled, parameters, dtype):
    params = [np.asarray(p.init, dtype=dtype) if p.init.ndim else np.dtype(dtype).type(p.init) for p in parameters]
    slots, shared = compiled.initial_slots(params)
    return params, slots, shared


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=lambda o: type(o).__name__)
def test_the_in_place_loop_gives_the_bits_of_the_functional_step(optimizer, dtype):
    cost, parameters, symbols, data = _mlp()
    data = [d.astype(dtype) for d in data]
    compiled = build_step(cost, parameters, optimizer, symbols, dtype=dtype, clip_value=5.0)
    params, slots, shared = _state(compiled, parameters, dtype)
    given = [np.copy(v) for v in params + slots + shared]
    state, hyper = params + slots + shared, compiled.hyper_arguments()
    for _ in range(4):
        _, *packed, _ = compiled.step(*state, *hyper, *data)
        state = [v for group in packed for v in group]
    history = np.zeros(4)
    done, *packed = compiled.train(4, history, None, *params, *slots, *shared, *hyper, *data)
    looped = [v for group in packed for v in group]
    assert done == 4 and len(looped) == len(state)
    for expected, got in zip(state, looped):
        assert np.asarray(got).dtype == np.asarray(expected).dtype
        assert np.array_equal(got, expected, equal_nan=True)
    for before, argument in zip(given, params + slots + shared):  # the caller's arrays are untouched
        assert np.array_equal(before, argument)
    for argument in params + slots:
        assert not any(np.shares_memory(argument, out) for out in looped if isinstance(out, np.ndarray))


def test_the_loop_updates_matrix_state_in_place_and_scalars_by_assignment():
    cost, parameters, symbols, _ = _mlp()
    source = build_step(cost, parameters, symopt.Adam(0.1), symbols, dtype="float64").train.source
    assert "    W1, m_W1, v_W1 = W1.copy(), m_W1.copy(), v_W1.copy()\n" in source
    assert "        m_W1 += (g_W1 - m_W1)*c0\n" in source
    assert "        W1 -= (m_W1*c2)/(numpy.sqrt(v_W1) + epsilon)\n" in source
    assert "        u = u - (m_u*c2)/(numpy.sqrt(v_u) + epsilon)\n" in source and "u.copy()" not in source
    step_source = build_step(cost, parameters, symopt.Adam(0.1), symbols, dtype="float64").step.source
    assert ".copy()" not in step_source
    written = re.findall(r"^ *(\w+) [-+*/]= |, out=(\w+)\)$", step_source, re.M)
    assert written and all(re.fullmatch(r"t\d+", a or b) for a, b in written)  # temporaries only, never an argument


def test_temporaries_are_released_after_their_last_read():
    X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 1))
    W = symopt.Variable("W", np.ones((3, 1)), shape=(3, 1))
    cost = ops.mean(ops.square(ops.relu(X @ W) - Y))
    program = step_program(cost, [W], symopt.GradientDescent(0.1), [X, Y], dtype="float64")
    source = emit(program, make_printer(program, "numpy", "float64"), "step")
    assert source == (
        "def step(W, lr, X, Y):\n"
        "    m = X.shape[0]\n"
        "    t0 = 1/m\n"
        "    t1 = X @ W\n"
        "    numpy.maximum(t1, 0, out=t1)\n"
        "    t2 = t1 - Y\n"
        "    cost = (t2**2).sum()/m\n"
        "    g_W = X.T @ (((2*t0)*t2)*(t1 > 0))\n"
        "    del t1, t2\n"
        "    W = W - g_W*lr\n"
        "    return cost, (W,), (), (), (g_W,)\n")
    reads = last_reads(program)
    assert len(reads) == len(program.assignments) + len(program.outputs) and sum(map(len, reads)) == 2


def test_scalar_programs_and_immutable_backends_get_no_releases():
    w = sympy.Symbol("w", real=True)
    program = step_program(sympy.sin(w) ** 2 + sympy.sin(w), [w], symopt.Adam(0.1), [], dtype="float64")
    printer = make_printer(program, choose_backend(program, "float64"), "float64")
    assert printer.module == "math" and not printer.reuses_buffers
    assert all("del " not in s and "+=" not in s and ".copy()" not in s for s in emit(program, printer, ("step", "train")))


def test_a_gradient_that_is_a_view_of_a_parameter_is_copied_before_the_update():
    """:math:`J = \\sum W_1 \\odot W_2`: :math:`\\nabla_{W_2} J = W_1`, which the loop updates in place first."""
    W1 = symopt.Variable("W1", np.array([[1.0, 2.0]]), shape=(1, 2))
    W2 = symopt.Variable("W2", np.array([[3.0, -1.0]]), shape=(1, 2))
    cost = ops.sum(sympy.HadamardProduct(W1, W2)) + ops.sum(ops.square(W1))
    compiled = build_step(cost, [W1, W2], symopt.GradientDescent(0.1), [], dtype="float64")
    assert "g_W2 = W1.copy()" in compiled.train.source
    state = [W1.init.copy(), W2.init.copy()]
    for _ in range(3):
        _, (a, b), *_ = compiled.step(*state, *compiled.hyper_arguments())
        state = [a, b]
    _, looped, *_ = compiled.train(3, np.zeros(3), None, W1.init, W2.init, *compiled.hyper_arguments())
    assert all(np.array_equal(x, y) for x, y in zip(state, looped))
    value, (g1, g2) = symopt.compile(cost, [W1, W2])(W1=W1.init, W2=W2.init)
    assert np.array_equal(g2, W1.init) and not np.shares_memory(g2, W1.init)


def test_value_and_grad_copies_a_broadcast_of_an_input():
    b = symopt.Variable("b", np.array([[1.0, 2.0]]), shape=(1, 2))
    W = symopt.Variable("W", np.zeros((3, 2)), shape=(3, 2))
    cost = ops.sum(sympy.HadamardProduct(W, sympy.MatMul(sympy.OneMatrix(3, 1), b)))
    program = build_program([cost] + symopt.grad(cost, [W]), [W, b])
    text = emit(program, make_printer(program, "numpy", "float64"), "value_and_grad")
    assert "    t0 = numpy.broadcast_to(b, (3, 2))\n    return (W*t0).sum(), (t0.copy(),)\n" in text
    _, (gradient,) = symopt.compile(cost, [W], inputs=[b])(W=W.init, b=b.init)
    assert gradient.flags.writeable and not np.shares_memory(gradient, b.init)

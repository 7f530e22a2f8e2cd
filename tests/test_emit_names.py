"""Every name emitted code binds is one no user symbol can take (codegen.RESERVED_NAMES, the generated patterns,
or the optimizer's own declared names), and the globals it reads come from its printer's declared names."""

from __future__ import annotations

import ast
import builtins

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.codegen import OPTIMIZER_NAMES, RESERVED_NAMES, looks_generated
from symopt.emit import choose_backend, emit, make_printer
from symopt.fused import step_program
from symopt.optimizers import Adam, GradientDescent, Momentum, RMSProp
from symopt.printers import PRINTERS, printer_for
from symopt.program import build_program


def _bound_and_read(source: str) -> tuple[set, set]:
    tree = ast.parse(source)
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            bound |= {node.name} | {a.arg for a in node.args.args}
        elif isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
    return bound, read - bound


def _programs():
    X, Y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("Y", (None, 2))
    W = symopt.Variable("W", np.ones((3, 2)), shape=(3, 2))
    b = symopt.Variable("b", np.zeros((1, 2)), shape=(1, 2))
    cost = ops.softmax_cross_entropy(ops.bias_add(X @ W, b), Y)
    w = sympy.Symbol("w", real=True)
    schedule = symopt.schedules.ExponentialDecay(0.1, 10, 0.5)
    for optimizer in (Adam(0.1), Momentum(0.1, 0.9), RMSProp(0.01), GradientDescent(schedule)):
        yield step_program(cost, [W, b], optimizer, [X, Y], dtype="float32", tol=1e-6, clip_value=1.0, clip_norm=2.0)
        yield step_program(sympy.exp(w) ** 2 - w, [w], optimizer, [], dtype="float64", tol=1e-6, clip_norm=2.0)


@pytest.mark.parametrize("program", list(_programs()), ids=lambda p: f"{len(p.inputs)} inputs")
def test_emitted_names_are_reserved_and_globals_are_the_printers(program):
    printer = make_printer(program, choose_backend(program, "float32" if len(program.inputs) > 1 else "float64"),
                           "float32" if len(program.inputs) > 1 else "float64")
    update = program.update
    own = set(update.state() + update.hyper + update.data + update.gradients) | {n for n, _ in update.constants} | \
        {n for n, _ in update.schedules} | {printer.names[t] for t, _ in program.assignments}
    for source in emit(program, printer, ("step", "train")):
        bound, read = _bound_and_read(source)
        for name in bound - own:
            assert name in RESERVED_NAMES or looks_generated(name), name
        assert read - own <= set(printer.namespace()) | set(dir(builtins)), read - own
        assert set(printer.namespace()) <= printer.reserved_names()


def test_every_backends_globals_are_reserved():
    for backend in PRINTERS:
        assert printer_for(backend).reserved_names() <= RESERVED_NAMES
    assert {"jnp", "jax", "numpy", "math", "dtype", "sigmoid"} <= RESERVED_NAMES
    names, prefixes = Adam(0.1).generated_names()
    assert names <= OPTIMIZER_NAMES and all(looks_generated(p + "W") for p in prefixes)


def test_a_symbol_named_like_a_jax_global_is_renamed():
    program = build_program([sympy.Symbol("jnp", real=True) ** 2], [sympy.Symbol("jnp", real=True)])
    assert make_printer(program, "numpy", "float64").names[program.inputs[0]] == "jnp_"


def test_check_program_refuses_a_read_of_an_undefined_name():
    import dataclasses
    from symopt.program import ProgramError, check_program
    x, y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
    program = build_program([sympy.sin(x) ** 2 + sympy.sin(x)], [x])
    (temp, expr), = program.assignments
    with pytest.raises(ProgramError, match=r"the assignment to t1 reads \['t0'\]"):
        check_program(dataclasses.replace(program, assignments=((sympy.Symbol("t1", real=True), temp), (temp, expr))))
    with pytest.raises(ProgramError, match=r"an output reads \['y'\]"):
        check_program(dataclasses.replace(program, outputs=(program.outputs[0] + y,)))

"""One Program, one emitter, one printer class per backend; optimizer slots as declared data; trainable=False."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import sympy

import symopt
from symopt.codegen import compile_source
from symopt.emit import EMITTERS, choose_backend, emit, make_printer
from symopt.errors import ConfigurationError
from symopt.fused import build_step, step_program
from symopt.optimizers import Optimizer, Slot
from symopt.math_printer import MathProgramPrinter
from symopt.printers import PRINTERS, NumPyProgramPrinter, printer_for
from symopt.program import ProgramError, build_program, check_program
from symopt.unevaluated import minus, times


def test_the_emitter_has_one_row_per_generated_function():
    assert sorted(EMITTERS) == ["advance", "evaluate", "guarded_advance", "step", "train", "value_and_grad"]
    assert {name: printer_for(name).__name__ for name in PRINTERS} == {
        "numpy": "NumPyProgramPrinter", "math": "MathProgramPrinter", "jax": "JaxPrinter"}


def test_backends_differ_by_printer_class_not_by_tests_of_a_module_name():
    x = sympy.Symbol("x", real=True)
    expr = sympy.Piecewise((x, x > 0), (sympy.Max(x, 2 * x), True))
    numpy_text = NumPyProgramPrinter({x: "x"}).doprint(expr)
    math_text = MathProgramPrinter({x: "x"}).doprint(expr)
    assert numpy_text == "numpy.where((x > 0), x, numpy.maximum(x, 2*x))"
    assert math_text == "(x if (x > 0) else float_max(x, 2*x))"
    with pytest.raises(ValueError, match="printer_for"):
        NumPyProgramPrinter({}, module="math")


class RenamedArrayModule(NumPyProgramPrinter):
    """A backend as a subclass: its array calls read ``xp.*`` and its globals bind ``xp``."""

    module = "xp-numpy"
    array_module = "xp"
    modules = {**NumPyProgramPrinter.modules, "xp": np}

    def namespace(self) -> dict:
        return {**super().namespace(), "xp": np}


def test_a_printer_subclass_is_a_backend_for_the_same_program():
    X = symopt.Placeholder("X", (None, 2))
    w = symopt.Variable("w", np.array([[0.5], [-1.0]]))
    cost = symopt.ops.mean(symopt.ops.square(symopt.ops.relu(X @ w)))
    program = build_program([cost] + symopt.grad(cost, [w]), [w, X], values=[True, False])  # as compile's
    printer = RenamedArrayModule(make_printer(program, "numpy", "float64").names)
    source = emit(program, printer, "value_and_grad")
    assert "xp.maximum(" in source and "numpy." not in source
    data = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
    value, (gradient,) = compile_source(source, "value_and_grad", printer.namespace())(w.init, data)
    reference, reference_gradient = symopt.compile(cost, w)(w=w.init, X=data)
    assert value == reference and np.array_equal(gradient.ravel(), np.asarray(reference_gradient).ravel())


def test_check_program_refuses_a_broken_program():
    x, t = sympy.Symbol("x", real=True), sympy.Symbol("t0", real=True)
    program = build_program([x ** 2 + sympy.sin(x ** 2)], [x])
    assert check_program(program) is program
    with pytest.raises(ProgramError, match="assigned twice"):
        check_program(dataclasses.replace(program, assignments=((t, x ** 2), (t, x ** 3))))
    w = sympy.Symbol("w", real=True)
    step = step_program((w - 3) ** 2, [w], symopt.Adam(0.1), [], dtype="float64")
    assert check_program(step) is step and step.update.slots == ("m_w", "v_w")
    assert step.update.shared == ("beta1_power", "beta2_power")
    stray = dataclasses.replace(step.update, assignments=step.update.assignments + ((sympy.Symbol("z"), w),))
    with pytest.raises(ProgramError, match="outside its state"):
        check_program(dataclasses.replace(step, update=stray))
    with pytest.raises(ValueError, match="optimizer update"):
        emit(program, make_printer(program, choose_backend(program, "float64"), "float64"), "step")


class Velocity(Optimizer):
    r"""Heavy ball with a declared slot: :math:`u \leftarrow u\mu + g`; :math:`\theta \leftarrow \theta - u\eta`."""

    name = "velocity"
    state = (Slot("velocity", 0.0),)

    def __init__(self, lr: float = 0.1, mu: float = 0.5):
        super().__init__(lr=lr, mu=mu)

    def update(self, theta, g, slots, h):
        u = slots["velocity"]
        return [(u, sympy.Add(times(u, h["mu"]), g, evaluate=False)), (theta, minus(theta, times(u, h["lr"])))]


def test_slot_names_come_from_the_optimizer_declaration():
    w = symopt.Variable("w", 0.0)
    compiled = build_step((w - 3) ** 2, [w], Velocity(), [], dtype="float64")
    assert compiled.step.source.startswith("def step(w, velocity_w, lr, mu):")
    result = symopt.minimize((w - 3) ** 2, w, optimizer=Velocity(), steps=200)
    assert list(result.optimizer_state) == ["velocity_w"] and abs(result[w] - 3) < 1e-6


def test_a_variable_declared_not_trainable_keeps_its_value():
    w = symopt.Variable("w_trained", 0.0)
    b = symopt.Variable("b_frozen", 2.0, trainable=False)
    cost = (w * b - 6) ** 2
    with pytest.raises(ConfigurationError, match="declared trainable=False"):  # listed: it would not be trained
        symopt.minimize(cost, [w, b], optimizer=symopt.GradientDescent(0.05), steps=300)
    result = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.05), steps=300)
    assert list(result.params) == [w] and abs(result[w] - 3) < 1e-6
    fed = symopt.minimize(cost, w, data={"b_frozen": 3.0}, optimizer=symopt.GradientDescent(0.05), steps=300)
    assert abs(fed[w] - 2) < 1e-6
    with pytest.raises(ConfigurationError, match="trainable"):
        symopt.minimize(cost, [b], steps=3)


def test_a_constant_matrix_node_in_a_scalar_program_prints_with_numpy():
    """``sum(V - V)`` is ``sum(ZeroMatrix)``, built by ``numpy.zeros`` (``math.zeros`` does not exist; the oracle's
    fuzzer found it); a program holding a matrix runs on NumPy, not on Python floats (fix57: the ``math`` program
    could not run ``exp`` of a constant matrix)."""
    import numpy as np
    import sympy
    import symopt
    from symopt import ops
    w = symopt.Variable("w0", 1.0)
    V = symopt.Variable("V", np.ones((1, 2)), shape=(1, 2))
    cost = -w + 1/(symopt.softplus(w + ops.sum(V - V)) + sympy.Rational(1, 2))
    compiled = symopt.compile(cost, w)
    assert compiled.module == "numpy"
    assert "numpy.zeros((1, 2), dtype='float64').sum()" in compiled.source
    value, gradient = compiled(w0=1.0)
    expected = sympy.lambdify(sympy.Symbol("x"), -sympy.Symbol("x") + 1/(sympy.log(1 + sympy.exp(sympy.Symbol("x"))) + sympy.Rational(1, 2)))
    assert np.isclose(value, expected(1.0))
    h = 1e-6
    assert np.isclose(gradient, (expected(1 + h) - expected(1 - h))/(2*h), rtol=1e-6)


def test_the_math_printer_is_still_importable_from_printers():
    """It moved to symopt.math_printer; code that imported it from symopt.printers keeps working (review5 R5-5)."""
    from symopt.printers import MathProgramPrinter as moved
    assert moved is MathProgramPrinter and printer_for("math") is MathProgramPrinter

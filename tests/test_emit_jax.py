"""The JAX step is the NumPy backend's Program printed by the JAX printer: ``emit(program, JaxPrinter, "step")``."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import symopt
from symopt.emit import emit, make_printer
from symopt.fused import step_program
from symopt.printers import printer_for


def test_importing_symopt_and_its_printers_does_not_import_jax():
    code = ("import sys, symopt; from symopt.printers import printer_for; from symopt.emit import scalar_type; "
            "printer_for('numpy'); scalar_type('math', 'float64'); print('jax' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_the_jax_step_is_emitted_from_the_step_program():
    pytest.importorskip("jax")
    from symopt.jax_step import compile_jax_step
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", np.array([[0.5], [-1.0]]), shape=(2, 1))
    lr = symopt.Variable("lr", 1.5)  # a parameter named like the optimizer's hyperparameter
    cost = symopt.ops.mean(symopt.ops.square(X @ W)) * lr ** 2
    program = step_program(cost, [W, lr], symopt.Adam(0.1), [X], dtype="float32", clip_value=2.0, clip_norm=1.0)
    printer = make_printer(program, "jax", "float32")
    assert type(printer) is printer_for("jax") and not printer.reuses_buffers
    assert set(printer.namespace()) <= printer.reserved_names()
    source = emit(program, printer, "step")
    assert source == compile_jax_step(cost, [W, lr], symopt.Adam(0.1), [X], dtype="float32", clip_value=2.0,
                                      clip_norm=1.0).source
    assert source.startswith("def step(W, lr_, m_W, v_W, m_lr_, v_lr_, beta1_power, beta2_power, lr, ")
    assert "    g_W = jnp.clip(g_W, -2.0, 2.0)\n" in source
    assert "    g_lr_ = jnp.where(gradient_norm > 1.0, g_lr_*(1.0/gradient_norm), g_lr_)\n" in source
    assert "numpy" not in source and "del " not in source and "if " not in source

"""Core-API slips found by the independent probe: each gives a value or a typed error, never a raw one."""

import os
import subprocess
import sys

import numpy as np
import pytest
import sympy
from sympy.codegen.cfunctions import expm1, log1p

import symopt
from symopt import ops
from symopt.cli import main
from symopt.display.notation import LatexPrinter
from symopt.errors import ShapeError


def test_leaky_relu_slope_defaults_to_tf1s_0_2():
    v = symopt.Variable("v", 2.0)
    assert symopt.leaky_relu(v) == symopt.leaky_relu(v, sympy.Rational(1, 5))
    assert symopt.leaky_relu(sympy.Integer(-5)) == -1


def test_a_parameter_may_be_named_self():
    compiled = symopt.compile(sympy.Symbol("self") ** 2, "self")
    assert compiled(self=2.0) == (4.0, 4.0)


@pytest.mark.parametrize("make", [lambda: symopt.Placeholder("Z", 3), lambda: symopt.Variable("W", 0.0, shape=3)])
def test_a_bare_number_as_a_shape_is_a_shape_error_with_the_fix(make):
    with pytest.raises(ShapeError, match=r"expected a tuple of sizes such as \(3,\).* Write shape=\(3,\)"):
        make()


def test_cli_prints_float32_results_in_float32_digits(capsys):
    assert main(["minimize", "(w - 1.3)**2 + sin(w)", "--wrt", "w=0", "--dtype", "float32", "--steps", "50"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2] == "w = 0.530062" and lines[-1] == "final cost = 1.0983913"


def test_cli_stops_quietly_when_the_reader_closes_the_pipe():
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (head) has gone: every write fails with EPIPE
    command = [sys.executable, "-m", "symopt.cli", "derive", "a*w + b*w**2", "--wrt", "w,a,b", "--at", "w=1,a=1,b=1"]
    try:
        writer = subprocess.run(command, stdout=write_end, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(write_end)
    assert writer.returncode == 1
    assert "Traceback" not in writer.stderr and "BrokenPipe" not in writer.stderr, writer.stderr


def test_a_label_vector_fed_for_a_column_says_how_to_reshape():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    cost = symopt.ops.sum(symopt.ops.square(X @ W - y))
    with pytest.raises(ShapeError, match=r"given \(4,\)\. Feed a column: value\.reshape\(-1, 1\), or declare "
                                         r"Placeholder\('y', \(None,\)\) for a vector"):
        symopt.minimize(cost, W, data={X: np.ones((4, 2)), y: np.ones(4)}, steps=2)


def test_latex_names_of_leaky_relu_log1p_and_expm1_are_whole():
    w = sympy.Symbol("w")
    printer = LatexPrinter()
    assert printer.doprint(symopt.leaky_relu(w, sympy.Rational(1, 10))) == \
        r"\operatorname{leaky\_relu}\left(w, \frac{1}{10}\right)"
    assert printer.doprint(expm1(w)) == r"\operatorname{expm1}\left(w\right)"
    assert printer.doprint(log1p(w) ** 2) == r"\operatorname{log1p}\left(w\right)^{2}"


def test_labels_of_another_shape_than_the_logits_is_symopts_shape_error_naming_both():
    X = symopt.Placeholder("X", (None, 4))
    W = symopt.Variable("W", 0.0, shape=(4, 3))
    with pytest.raises(ShapeError, match=r"the labels Y \(shape \(m, 2\)\) and the logits X\*W \(shape \(m, 3\)\) "
                                         r"differ in shape; the labels need the logits' shape"):
        ops.softmax_cross_entropy(X @ W, symopt.Placeholder("Y", (None, 2)))

"""f-probe F5's remaining minor items (core6 task 3): the float16 dtype message, plots of a cost with a domain,
the user's frames when a program run by ``symopt tf1`` raises, and ``--wrt a --wrt b``."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt.cli import main
from symopt.errors import ConfigurationError


@pytest.mark.parametrize("dtype", ["float16", np.float16, "half"])
def test_a_float16_parameter_is_refused_as_too_coarse_not_as_an_integer(dtype):
    with pytest.raises(ConfigurationError) as caught:
        symopt.Variable("w", 0.0, dtype=dtype)
    message = str(caught.value)
    assert "Integer" not in message
    assert "float16 keeps about 3 significant digits" in message and "use dtype='float32'" in message


def test_the_dtype_advice_follows_the_kind_given():
    advice = {}
    for dtype in ("int32", "complex64", "bool", "longdouble"):
        with pytest.raises(ConfigurationError) as caught:
            symopt.Variable("w", 0.0, dtype=dtype)
        advice[dtype] = str(caught.value)
    assert "Integer parameters cannot be optimized" in advice["int32"]
    assert "Complex parameters are not supported" in advice["complex64"]
    assert "Boolean parameters" in advice["bool"]
    assert "use dtype='float64'" in advice["longdouble"] and "too few" not in advice["longdouble"]


def test_float16_data_is_converted_as_the_message_says():
    x, w = symopt.Placeholder("x", (None, 1), dtype="float32"), symopt.Variable("w", 2.0, dtype="float32")
    assert symopt.evaluate(symopt.ops.sum(x * w), {x: np.ones((3, 1), np.float16)}) == 6.0


def test_plotting_a_cost_with_a_domain_draws_gaps_without_warnings():
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    from symopt import plot
    w, b = symopt.Variable("w", 2.0), symopt.Variable("b", 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning from NumPy fails the test
        ax = plot.optimizer_paths(w - sympy.log(w), {w: 0.5}, {"gd": symopt.GradientDescent(0.1)}, steps=10)
        plot.optimizer_paths(sympy.sqrt(w) + (b - 1) ** 2 + sympy.log(b), {w: 1.0, b: 2.0},
                             {"gd": symopt.GradientDescent(0.1)}, steps=10)
        plot.method_paths(sympy.log(w) ** 2 + (b - 1) ** 2 + w, {w: 1.0, b: 2.0}, steps=5)
    grid, curve = ax.get_lines()[0].get_data()
    assert np.all(np.isnan(curve[grid <= 0]))  # outside the domain: a gap
    inside = grid > 0
    assert np.allclose(curve[inside], grid[inside] - np.log(grid[inside]))  # inside: the cost itself


PROGRAM = '''import tensorflow as tf
w = tf.Variable(1.0)


def build_training(rate):
    return tf.train.GradientDescentOptimizer(rate).minimize(w * w)


train = build_training(float("inf"))
'''


def test_tf1_shows_the_programs_frames_when_it_raises(tmp_path, capsys):
    program = tmp_path / "prog.py"
    program.write_text(PROGRAM)
    assert main(["tf1", str(program)]) == 1  # as python prog.py exits on an uncaught exception
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert f'File "{program}", line 9, in <module>' in err and "train = build_training(float(\"inf\"))" in err
    assert f'File "{program}", line 6, in build_training' in err
    assert "runner.py" not in err and "runpy" not in err  # symopt's own runner is not the user's
    assert err.rstrip().endswith("symopt.errors.ConfigurationError: lr: expected a positive finite number; given "
                                 "inf. Typical values: 0.001 to 0.1.")


def test_repeated_list_options_add_up(capsys):
    assert main(["derive", "3*(a + b*c)", "--wrt", "a", "--wrt", "b,c", "--at", "a=5", "--at", "b=3,c=2"]) == 0
    out = capsys.readouterr().out
    assert "dJ/da = 3" in out and "dJ/db = 3c = 6" in out and "dJ/dc = 3b = 9" in out
    assert main(["minimize", "a*w^2 + b*w + v^2", "--wrt", "w=0", "--wrt", "v=1", "--data", "a=1", "--data",
                 "b=-10", "--lr", "0.1", "--steps", "200"]) == 0
    out = capsys.readouterr().out
    assert "w = 4.99999" in out and "v = " in out
    assert main(["explain", "relu(w*x - 3)^2", "--wrt", "w", "--at", "w=1", "--at", "x=2"]) == 0
    assert "w:" in capsys.readouterr().out


def test_a_name_repeated_across_options_is_refused(capsys):
    assert main(["derive", "a*b", "--wrt", "a", "--wrt", "a"]) == 2
    assert "expected each name once; given 'a' in two --wrt options" in capsys.readouterr().err

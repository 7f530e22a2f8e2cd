"""A negative constant raised to a power that depends on a parameter (``(-2)**w``) is refused with a typed error
naming the power and the fix, by every path that differentiates it (probe29 P29-11): ``compile`` returned a complex
gradient (``0.69+12.57j``) and ``minimize``, ``derive``, ``explain`` and the CLI ended in bare TypeErrors."""

from __future__ import annotations

import math

import pytest
import sympy

import symopt
from symopt.cli import main
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w", 2.0)

MESSAGE = ("expected a positive base for a power whose exponent depends on a parameter; given (-2)**w, a negative "
           "base: it has no real value except at whole-number exponents, and its derivative (-2)**w·log(-2) is "
           "complex (log(-2) = log(2) + iπ). symopt computes with real numbers. Write a positive base (2**w), or, if "
           "the real part is meant, exp(w*log(2))*cos(pi*w).")

PATHS = {
    "compile": lambda cost: symopt.compile(cost, w),
    "grad": lambda cost: symopt.grad(cost, w),
    "derive": lambda cost: symopt.derive(cost, w, at={w: 2}),
    "explain": lambda cost: symopt.explain(cost, w, at={w: 2}),
    "graph": lambda cost: str(symopt.graph(cost, at={w: 2})),
    "minimize": lambda cost: symopt.minimize(cost, w, steps=2),
    "hessian": lambda cost: symopt.hessian(cost, [w]),
}


@pytest.mark.parametrize("path", PATHS)
def test_every_path_refuses_a_negative_base_with_the_fix(path):
    with pytest.raises(UnsupportedOperationError) as caught:
        PATHS[path]((-2) ** w)
    assert str(caught.value) == MESSAGE


@pytest.mark.parametrize("cost, named, fix", [
    (sympy.Rational(-1, 2) ** w + w ** 2, "given (-1/2)**w", "Write a positive base ((1/2)**w), or, if the real "
     "part is meant, exp(w*log(1/2))*cos(pi*w)."),
    ((-1) ** (2 * w + 1), "given (-1)**(2*w + 1)", "Write the sign you mean without the power, or, if the real part "
     "is meant, cos(pi*(2*w + 1))."),
])
def test_the_message_names_the_subexpression(cost, named, fix):
    with pytest.raises(UnsupportedOperationError) as caught:
        symopt.compile(cost, w)
    assert named in str(caught.value) and str(caught.value).endswith(fix)


def test_an_elementwise_map_names_its_entry():
    x = symopt.Placeholder("x", (1, 3))
    cost = symopt.ops.sum((w * x).applyfunc(lambda v: (-2) ** v))
    with pytest.raises(UnsupportedOperationError, match=r"given \(-2\)\*\*d, a negative base"):
        symopt.compile(cost, w)


@pytest.mark.parametrize("command", [["derive", "(-2)^w", "--wrt", "w"], ["explain", "(-0.5)^w", "--wrt", "w", "--at", "w=2"],
                                     ["minimize", "(-2)^w", "--wrt", "w=2", "--steps", "2"]])
def test_the_cli_exits_2_with_the_message(capsys, command):
    assert main(command) == 2
    _, err = capsys.readouterr()
    assert "expected a positive base for a power whose exponent depends on a parameter" in err
    assert "Traceback" not in err


def test_a_sign_from_data_still_compiles():
    """The exponent depends only on data: no log of the base in the gradient, nothing complex (hand value)."""
    k = symopt.Placeholder("k")
    value, gradient = symopt.compile((-1) ** k * w ** 2, w)(w=1.5, k=3.0)
    assert (value, gradient) == (-2.25, -3.0)
    # a negative base made of the parameter, to a data exponent: k (-w² - 1)^(k-1) (-2w), real at whole k
    assert symopt.compile((-w ** 2 - 1) ** k, w)(w=1.0, k=2.0) == (4.0, 8.0)


def test_the_suggested_real_part_has_the_real_part_of_sympys_derivative():
    """The fix the message suggests: its compiled slope is the real part of sympy.diff((-2)**w) (the oracle)."""
    real_part = sympy.exp(w * sympy.log(2)) * sympy.cos(sympy.pi * w)
    value, gradient = symopt.compile(real_part, w)(w=2.5)
    t = sympy.Symbol("t", real=True)
    exact = sympy.re(sympy.diff((-2) ** t, t).subs(t, sympy.Rational(5, 2))).evalf(30)
    assert math.isclose(gradient, float(exact), rel_tol=1e-13, abs_tol=1e-13)
    assert math.isclose(value, float(sympy.re(((-2) ** t).subs(t, sympy.Rational(5, 2))).evalf(30)), abs_tol=1e-13)


def test_the_tf1_layer_keeps_tf1s_pow_gradient():
    """tf.pow of a negative constant keeps TF1's _PowGrad (0 where the base is negative; docs/compat.md)."""
    import symopt.compat.v1 as tf
    y = tf.Variable(2.0)
    power = tf.pow(tf.constant(-2.0), y)
    gradient = tf.gradients(power, [y])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert session.run([power, gradient]) == [4.0, [0.0]]

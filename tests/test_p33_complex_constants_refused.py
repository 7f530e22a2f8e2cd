"""probe33 P33-2: a number with no real value that SymPy writes without ``I`` (``(-8)**(1/3)`` is
``2*(-1)**(1/3)``, principal value ``1 + 1.732j``; ``(-1)**(2/3)``; ``asin(2)``) is refused like ``I``, before
anything compiles, by compile, grad, evaluate, minimize and derive.  It compiled and returned complex numbers, or
ended in a bare TypeError.  Oracle: ``sympy.N`` (the principal value is complex)."""

from __future__ import annotations

import re

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 1.0)
CUBE_ROOT = sympy.Integer(-8) ** sympy.Rational(1, 3)

PATHS = {
    "compile": lambda cost: symopt.compile(cost, w),
    "compile float32": lambda cost: symopt.compile(cost, w, dtype="float32"),
    "grad": lambda cost: symopt.grad(cost, w),
    "evaluate": lambda cost: symopt.evaluate(cost, {w: 1.0}),
    "minimize": lambda cost: symopt.minimize(cost, {w: 1.0}, steps=2),
    "derive": lambda cost: symopt.derive(cost, w),
}


@pytest.mark.parametrize("path", PATHS)
def test_every_path_refuses_a_complex_power(path):
    assert sympy.N(CUBE_ROOT).is_real is False
    with pytest.raises(ConfigurationError) as caught:
        PATHS[path](CUBE_ROOT * w ** 2)
    assert str(caught.value) == (
        "expected real constants; given (-1)**(1/3) in the cost (in 2*(-1)**(1/3)*w**2), which is not a real number: "
        "its value is 0.5 + 0.866025*I (SymPy's principal value of a fractional power of a negative number is "
        "complex, as asin(2) is). symopt computes with real numbers only, and a complex value would be silently "
        "wrong. For the real root write sympy.real_root(-8, 3) (which is -2), or write the real number you mean."
        if path != "evaluate" else
        "expected real constants; given (-1)**(1/3) in the expression (in 2*(-1)**(1/3)*w**2), which is not a real "
        "number: its value is 0.5 + 0.866025*I (SymPy's principal value of a fractional power of a negative number "
        "is complex, as asin(2) is). symopt computes with real numbers only, and a complex value would be silently "
        "wrong. For the real root write sympy.real_root(-8, 3) (which is -2), or write the real number you mean.")


@pytest.mark.parametrize("constant, named", [
    (sympy.Integer(-1) ** sympy.Rational(2, 3), "(-1)**(2/3)"),
    (sympy.Integer(-1) ** sympy.Rational(1, 3), "(-1)**(1/3)"),
    (sympy.asin(2), "asin(2)"),
])
@pytest.mark.parametrize("path", ["compile", "evaluate"])
def test_other_complex_numbers_are_named(constant, named, path):
    with pytest.raises(ConfigurationError, match=f"given {re.escape(named)} in the"):
        PATHS[path](constant + w)


def test_the_real_root_compiles():
    value, gradient = symopt.compile(sympy.real_root(-8, 3) * w ** 2, w)(w=1.0)
    assert (value, gradient) == (-2.0, -4.0)

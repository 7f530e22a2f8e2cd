"""final35 F35-11: the negative-base refusal printed SymPy's 15-digit floats (``log(-2.50000000000000)``, ``Write a
positive base ((2.50000000000000)**w)``); it prints a float as short as SymPy's ``sstr`` does (2.5), and ``(-1.0)**w``
gets the advice of ``(-1)**w``."""

from __future__ import annotations

import cmath

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = sympy.Symbol("w", real=True)


@pytest.mark.parametrize("base, named, derivative, fix", [
    (-2.5, "(-2.5)**w", "(-2.5)**w·log(-2.5) is complex (log(-2.5) = log(2.5) + iπ)",
     "Write a positive base (2.5**w), or, if the real part is meant, exp(w*log(2.5))*cos(pi*w)."),
    (-0.1, "(-0.1)**w", "(-0.1)**w·log(-0.1) is complex (log(-0.1) = log(0.1) + iπ)",
     "Write a positive base (0.1**w), or, if the real part is meant, exp(w*log(0.1))*cos(pi*w)."),
    (-1.0, "(-1.0)**w", "(-1.0)**w·log(-1.0) is complex (log(-1.0) = log(1.0) + iπ)",
     "Write the sign you mean without the power, or, if the real part is meant, cos(pi*w)."),
])
def test_a_float_base_is_printed_as_written(base, named, derivative, fix):
    with pytest.raises(UnsupportedOperationError) as caught:
        symopt.grad(base ** w, [w])
    assert str(caught.value) == (
        f"expected a positive base for a power whose exponent depends on a parameter; given {named}, a negative base: "
        f"it has no real value except at whole-number exponents, and its derivative {derivative}. symopt computes "
        f"with real numbers. {fix}")
    advice = fix.split("if the real part is meant, ")[1].rstrip(".")
    for point in (0.3, 1.7, -2.2):  # the oracle: the advice is the real part of Python's complex power
        real_part = sympy.sympify(advice).subs(sympy.Symbol("w"), point)
        assert float(real_part) == pytest.approx(cmath.exp(point * cmath.log(complex(base))).real, rel=1e-12)

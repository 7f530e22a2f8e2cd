"""core8 1c: log(x, b) = log(x)/log(b) at the base b = 0 is a signed zero, -0.0 for x > 1: the one-sided limit
b -> 0+ (sympy.limit) approached from below, and mpmath's log(x, 0) = 0; the decision is in docs/numerics.md."""

import math

import mpmath
import numpy as np
import pytest
import sympy

import symopt

w = symopt.Variable("w", 2.0)
b = sympy.Symbol("b")


@pytest.mark.parametrize("x", [2.0, 0.5])
def test_log_base_zero_is_the_limit_with_its_sign(x):
    with np.errstate(divide="ignore"):
        value, slope = symopt.compile(sympy.log(w, b), w)(w=x, b=0.0)
    beta = sympy.Symbol("beta", positive=True)
    limit = sympy.limit(sympy.log(sympy.Float(x)) / sympy.log(beta), beta, 0, "+")
    assert float(value) == float(limit) == float(mpmath.log(x, 0)) == 0.0
    near = math.log(x) / math.log(1e-300)  # just inside the domain: the sign the limit is approached with
    assert math.copysign(1.0, float(value)) == math.copysign(1.0, near)
    assert float(slope) == 0.0 and math.copysign(1.0, float(slope)) == -1.0  # 1/(x log b) -> 0 from below

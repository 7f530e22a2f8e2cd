"""probe68 P68-1: a backward line's zero has the sign of its printed formula's value: ``y - 1`` at y = 1 is
IEEE's ``1.0 - 1.0 = +0.0`` (printed 0), never the chain's product ``-1·(1 - y) = -0``."""

import math

import sympy

from symopt import sigmoid
from symopt.display import derive

w, b, x, y = sympy.symbols("w b x y")
LOSS = -(y * sympy.log(sigmoid(w * x + b)) + (1 - y) * sympy.log(1 - sigmoid(w * x + b)))


def test_y_minus_1_at_y_1_is_plus_zero():
    assert math.copysign(1.0, 1.0 - 1.0) == 1.0  # the oracle: the formula's value is +0
    lines = str(derive(LOSS, [w, b], at={w: 0.5, b: 0.1, x: 2, y: 1})).splitlines()
    assert "  dJ/du₁ = dJ/du₂ · du₂/du₁ = y - 1 = 0" in lines
    assert "  dJ/dt = dJ/du₁ · du₁/dt = (y - 1)/t = 0" in lines

"""probe91 P91-7a: an mpmath learning rate is taken by value, as a Decimal or Fraction is ("expected a positive finite
number; given mpf('0.10000000000000001')" before).  Oracle: gradient descent by hand with the float32 rate."""

from decimal import Decimal

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError


def test_an_mpmath_rate_is_taken_by_value():
    mpmath = pytest.importorskip("mpmath")
    assert symopt.GradientDescent(mpmath.mpf("0.1")).hyperparameters == \
        symopt.GradientDescent(Decimal("0.1")).hyperparameters == {"lr": 0.1}
    w = symopt.Variable("w", 0.0, dtype="float32")
    result = symopt.minimize((w - 5) ** 2, w, optimizer=symopt.GradientDescent(mpmath.mpf("0.1")), steps=3)
    expected = np.float32(0.0)
    for _ in range(3):
        expected = np.float32(expected - (np.float32(2) * expected - np.float32(10)) * np.float32(0.1))
    assert result[w] == expected
    with pytest.raises(ConfigurationError, match="negative rate climbs"):
        symopt.GradientDescent(mpmath.mpf("-0.1"))
    with pytest.raises(ConfigurationError, match=r"expected a positive finite number; given mpc"):
        symopt.GradientDescent(mpmath.mpc(1, 1))

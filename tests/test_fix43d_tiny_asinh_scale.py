"""final43a F43a-5: derive shows the slope of asinh(k*w) where k² is outside float64 (k = 1e-200, 1e-170) as the
code computes it, k/hypot(k*w, 1), not k (a k² read as 0).  Oracle: k/√(k²w² + 1) in mpmath at 50 digits."""

import mpmath
import pytest
import sympy

import symopt

w = sympy.symbols("w", real=True)


@pytest.mark.parametrize("scale, at", [("1e-200", 1e200), ("1e-170", 1e170)])
def test_the_slope_of_asinh_of_a_tiny_scale(scale, at):
    with mpmath.workdps(50):
        k = mpmath.mpf(scale)
        expected = float(k / mpmath.sqrt(k ** 2 * mpmath.mpf(at) ** 2 + 1))
    assert expected == pytest.approx(float(scale) / 2 ** 0.5, rel=1e-12)  # the oracle: k/√2
    cost = sympy.asinh(sympy.Float(scale) * w)
    lines = [line for line in str(symopt.derive(cost, w, at={w: at})).splitlines() if "dJ/dw" in line]
    assert lines
    assert float(lines[-1].rsplit("= ", 1)[1]) == pytest.approx(expected, rel=1e-5, abs=0)

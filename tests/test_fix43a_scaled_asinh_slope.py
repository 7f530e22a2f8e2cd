"""final42f F42f-7: derive shows the slope of a scaled asinh, :math:`c/\\sqrt{c^2 w^2 + 1}`, at a large w as the code
computes it (``c/hypot(c*w, 1)``), not the 0 of an overflowed :math:`c^2 w^2`.  Oracle: the slope
:math:`c/\sqrt{c^2 w^2 + 1}` by hand in mpmath at 50 digits (no overflow there)."""

import mpmath
import pytest
import sympy

import symopt

w, v = sympy.symbols("w v", real=True)


def asinh_slope(scale, at):
    with mpmath.workdps(50):
        return float(scale / mpmath.sqrt(scale ** 2 * mpmath.mpf(at) ** 2 + 1))


@pytest.mark.parametrize("cost, at, scale", [
    (sympy.asinh(2 * w), {w: 1e200}, 2),
    (sympy.asinh(3 * w), {w: -1e200}, 3),
    (sympy.asinh(v * w), {w: 1e200, v: 2.0}, 2),
])
def test_the_slope_of_a_scaled_asinh_at_a_large_w_is_the_codes(cost, at, scale):
    expected = asinh_slope(scale, at[w])
    assert expected == pytest.approx(1e-200, rel=1e-12, abs=0)  # the oracle: 1/|w| to 12 digits
    gradient_lines = [line for line in str(symopt.derive(cost, w, at=at)).splitlines() if "dJ/dw" in line]
    assert gradient_lines
    for line in gradient_lines:
        assert float(line.rsplit("= ", 1)[1]) == pytest.approx(expected, rel=1e-5, abs=0)  # shown to 6 digits

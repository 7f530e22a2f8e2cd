"""final42b F42b-10: a start on a local maximum with a slope of rounding's size is refused whatever a loose ``tol``
says, while a start with a real slope is the user's precision.  Oracle: sympy's derivatives; the distance to the
critical point :math:`|J'|/|J''|` by hand."""

import pytest
import sympy

import symopt


@pytest.mark.parametrize("slope", [1e-7, 1e-5])
def test_a_start_on_a_maximum_with_a_tiny_slope_is_refused(slope):
    ws = sympy.Symbol("w")
    well = (ws ** 2 - 1) ** 2 + slope * ws
    first, second = (float(sympy.diff(well, ws, k).subs(ws, 0)) for k in (1, 2))
    assert second < 0 and abs(first) / abs(second) < 1e-4 * 1.0  # the oracle: the maximum is 2.5e-6 away or less
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w ** 2 - 1) ** 2 + slope * w, {w: 0.0}, optimizer=symopt.GradientDescent(0.01),
                             tol=1e-4, steps=100)
    assert not result.success and "a maximum or a saddle point" in result.message

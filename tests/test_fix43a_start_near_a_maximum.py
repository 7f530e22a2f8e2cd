"""final42f F42f-5: a start a few 1e-4 from a maximum, where a loose ``tol`` holds, is no success: the verdict
probes the cost past the critical point instead of comparing its distance with a fixed 1e-4.  Oracle: sympy's
derivatives at the start (the distance to the maximum |J'|/|J''|) and the cost sympy gives one unit away."""

import pytest
import sympy

import symopt


@pytest.mark.parametrize("slope, tol", [(1e-3, 1e-2), (1e-2, 1e-1)])
def test_a_start_a_few_thousandths_from_a_maximum_is_refused(slope, tol):
    ws = sympy.Symbol("w")
    well = (ws ** 2 - 1) ** 2 + slope * ws
    first, second = (float(sympy.diff(well, ws, k).subs(ws, 0)) for k in (1, 2))
    assert second < 0 and 1e-4 < abs(first) / abs(second) < 1e-2 and abs(first) <= tol  # near the maximum, tol holds
    assert float(well.subs(ws, -1)) < float(well.subs(ws, 0)) - 0.9  # the oracle: a minimum one unit away, far lower
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w ** 2 - 1) ** 2 + slope * w, {w: 0.0}, optimizer=symopt.GradientDescent(0.01),
                             tol=tol, steps=100)
    assert not result.success and "a maximum or a saddle point" in result.message

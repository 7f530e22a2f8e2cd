"""``Heaviside(x, nan)`` and ``Heaviside(x, oo)``: the value at 0 printed as the backend spells it (probe73 P73-5:
a bare NameError 'nan' from the generated code)."""

import numpy as np
import pytest
import sympy

import symopt

w = symopt.Variable("w", 0.5)


@pytest.mark.parametrize("at_zero", [sympy.nan, sympy.oo, -sympy.oo])
def test_a_non_finite_value_at_zero_compiles(at_zero):
    f = symopt.compile(sympy.Heaviside(w, at_zero) * w**2, w)
    for point in (0.5, -1.0, 0.0):
        value, slope = f(w=point)
        with np.errstate(invalid="ignore"):
            expected = np.heaviside(point, float(at_zero)) * point**2  # NumPy's heaviside: the oracle
        assert value == pytest.approx(expected, nan_ok=True)
    assert f(w=0.5) == (0.25, 1.0)  # sympy.diff(w**2) = 2w where the step is 1
    run = symopt.minimize(sympy.Heaviside(w, at_zero) * (w - 2)**2, {w: 1.0}, steps=200)
    assert run.params[w] == pytest.approx(2 - 0.98**200, rel=1e-8)  # hand GD(0.01): w - 2 shrinks by 0.98 a step

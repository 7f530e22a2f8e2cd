"""final42b F42b-8: a float32 run whose minimum is on a bound gets no float32-rounding note: the gradient pushing out
of the box is the bound's multiplier, and float64 would not change it.  Oracle: scipy.optimize.minimize (L-BFGS-B)
called directly, and the projected gradient by hand."""

import numpy as np
import scipy.optimize

import symopt


def test_a_float32_minimum_on_a_bound_has_no_rounding_note():
    oracle = scipy.optimize.minimize(lambda z: ((z[0] - 5) ** 2, np.array([2 * (z[0] - 5)])), [0.0], jac=True,
                                     method="L-BFGS-B", bounds=[(None, 0.1)], options={"gtol": 1e-8})
    assert oracle.success and oracle.x[0] == 0.1  # on the bound, where 2(w - 5) = -9.8 pushes out: projected 0
    w = symopt.Variable("w", 0.0, dtype="float32")
    result = symopt.minimize((w - 5) ** 2, w, method="lbfgs", bounds={w: (None, 0.1)}, tol=1e-8)
    assert result.success and abs(float(result[w]) - 0.1) < 1e-7
    assert "float32's rounding" not in result.message and "dtype='float64'" not in result.message

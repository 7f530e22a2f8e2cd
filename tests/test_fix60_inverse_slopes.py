"""probe60 P60-4: the slopes of asinh, asin, acos and atanh in generated code, against mpmath (50 digits).

``1/sqrt(w**2 + 1)`` was 0 where ``w**2`` overflows (the true slope, about ``1/|w|``, is representable), and
``1 - w*w`` lost up to 2.6e5 ulp near ``|w| = 1``; generated code now computes ``1/hypot(w, 1)`` and
``(1 - w)*(1 + w)`` (symopt.safe_slopes), while ``grad`` keeps SymPy's expressions.
"""

import numpy as np
import pytest
import sympy

import symopt
from symopt.float_literals import ConstantRangeError


@pytest.fixture
def w():
    return symopt.Variable("w", 1.0)


def _slope(cost, w, at, dtype="float64"):
    return symopt.compile(cost, w, dtype=dtype)(w=at)[1]


def test_the_slope_of_asinh_is_one_over_w_where_w_squared_overflows(w):
    # mpmath: 1/sqrt(w**2 + 1) = 1e-200 at w = 1e200; 9.999999682655225e-21 at float32's nearest of 1e20
    assert _slope(sympy.asinh(w), w, 1e200) == 1e-200
    slope32 = _slope(sympy.asinh(w), w, np.float32(1e20), "float32")
    np.testing.assert_allclose(float(slope32), 9.999999682655225e-21, rtol=2 * 2.0 ** -23)


def test_the_slopes_near_one_keep_their_digits(w):
    at = 0.9999999999  # the double nearest 1 - 1e-10
    # mpmath at that double: atanh' = 4999999586.548179..., asin' = 70710.67519510884, acos' = -asin'
    np.testing.assert_allclose(_slope(sympy.atanh(w), w, at), 4999999586.548179, rtol=4e-16)
    np.testing.assert_allclose(_slope(sympy.asin(w), w, at), 70710.67519510884, rtol=4e-16)
    np.testing.assert_allclose(_slope(sympy.acos(w), w, at), -70710.67519510884, rtol=4e-16)
    near = np.float32(1 - 1e-6)  # 0.9999989867210388; mpmath rounded to float32: 493447.78, 702.45837
    np.testing.assert_allclose(float(_slope(sympy.atanh(w), w, near, "float32")), 493447.78125, rtol=2.0 ** -22)
    np.testing.assert_allclose(float(_slope(sympy.asin(w), w, near, "float32")), 702.4583740234375, rtol=2.0 ** -22)


def test_asinh_of_a_scaled_parameter_compiles_without_a_squared_constant(w):
    value, slope = symopt.compile(sympy.asinh(sympy.Float(1e160) * w), w)(w=1.0)
    # mpmath: asinh(1e160) = 369.10676205960726; slope 1e160/sqrt(1e320 + 1) = 1 (was refused: "constant 1e320")
    assert value == 369.10676205960726 and slope == 1.0


def test_grad_and_second_derivatives_stay_sympys(w):
    for function in (sympy.asinh, sympy.asin, sympy.acos, sympy.atanh):
        assert symopt.grad(function(w), w) == sympy.diff(function(w), w)
    product = symopt.hvp(sympy.asinh(w) + sympy.atanh(w), w)
    exact = sympy.diff(sympy.asinh(w) + sympy.atanh(w), w, 2).subs(w, sympy.Rational(1, 2))
    np.testing.assert_allclose(float(np.ravel(product(1.0, {w: 0.5}))[0]), float(exact), rtol=1e-14)


def test_a_constant_beyond_float64_that_only_the_gradient_holds_is_said_to_come_from_it(w):
    with pytest.raises(symopt.errors.UnsupportedOperationError, match=r"(?s)1\.00000000000000e\+320.*in the "
                       r"derivative, not in the cost as written.*the cost's atan.*Move the scale into the parameter"):
        symopt.compile(sympy.atan(sympy.Float(1e160) * w), w)
    with pytest.raises(symopt.errors.UnsupportedOperationError) as refused:  # a constant of the cost itself
        symopt.compile(sympy.Float(1e200) * sympy.Float(1e200) * w, w)
    assert "in the gradient" not in str(refused.value)


def test_a_float32_program_refuses_a_constant_beyond_float32s_range(w):
    # review final42a F42a-14: 1e160*w is inf in float32, so the value was inf and the slope nan; mpmath gives
    # asinh(1e160) = 369.10676205960726 (fits float32) and slope 1: refused as main did, by a typed error
    with pytest.raises(ConstantRangeError, match=r"(?s)1\.0+e\+160 is beyond float32's range.*dtype='float64'"):
        symopt.compile(sympy.asinh(sympy.Float(1e160) * w), w, dtype="float32")
    value, slope = symopt.compile(sympy.asinh(sympy.Float(1e30) * w), w, dtype="float32")(w=np.float32(1))
    assert np.isclose(value, 69.770699970381316, rtol=2 ** -22) and np.isclose(slope, 1.0)  # mpmath: asinh(1e30); 1


def test_a_constant_made_by_differentiating_names_the_costs_own_function(w):
    # review final42a F42a-4: the explanation named atan whatever the cost, and said "Scale the cost" first
    with pytest.raises(ConstantRangeError) as refused:
        symopt.compile(sympy.Float(1e200) * sympy.exp(sympy.Float(1e200) * w), w)
    message = str(refused.value)
    assert "differentiating the cost's exp" in message and "(exp(v) with v = c*w)" in message
    assert "Scale the cost" not in message


def test_derive_shows_the_slope_of_asinh_that_compile_returns():
    # review final42a F42a-11: derive evaluated 1/sqrt(w**2 + 1) in floats, w**2 = inf: 0; mpmath: 1e-200
    w = sympy.Symbol("w", real=True)
    shown = str(symopt.derive(sympy.asinh(w), w, at={w: 1e200}))
    assert "dJ/dw = 1/√(w² + 1) = 1e-200" in shown
    assert symopt.compile(sympy.asinh(w), w)(w=1e200)[1] == 1e-200


def test_a_constant_only_the_hessian_holds_is_said_to_come_from_differentiating(w):
    # review final42a F42a-4: hvp(atan(1e110*w)) holds 2e330 (from c**2 * c), not in the cost: no explanation was given
    with pytest.raises(ConstantRangeError, match=r"(?s)2\.0+e\+330.*in the derivative.*the cost's atan"):
        symopt.hvp(sympy.atan(sympy.Float(1e110) * w), w)
    with pytest.raises(ConstantRangeError) as refused:  # the cost's own constant: the plain refusal
        symopt.hvp(sympy.Float(1e200) * sympy.Float(1e200) * w ** 2, w)
    assert "in the derivative" not in str(refused.value)

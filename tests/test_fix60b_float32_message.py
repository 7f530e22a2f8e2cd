"""probe60 P60-11: a float32 method= run's convergence message is true of the float32 point it returns.  Oracle: the
gradient A·w - b of the quadratic w'Aw/2 - b'w by hand in NumPy (float64 arithmetic on the float32 data) at the
returned point."""

import numpy as np
import pytest
import scipy.linalg

import symopt


def hilbert_run(n, method, tol=None):
    A = symopt.Placeholder("A", shape=(n, n))
    b = symopt.Placeholder("b", shape=(n, 1))
    w = symopt.Variable("w", np.zeros((n, 1)), shape=(n, 1))
    H = scipy.linalg.hilbert(n)
    rhs = H @ np.ones((n, 1))
    cost = (w.T @ A @ w)[0, 0] / 2 - (b.T @ w)[0, 0]
    result = symopt.minimize(cost, w, data={A: H, b: rhs}, method=method, dtype="float32", tol=tol)
    returned = np.asarray(result[w], dtype=np.float64)
    gradient = H.astype(np.float32).astype(np.float64) @ returned - rhs.astype(np.float32).astype(np.float64)
    return result, np.abs(gradient).max()


def test_newton_float32_names_the_gradient_at_the_returned_point():
    result, largest = hilbert_run(6, "newton")
    assert largest > 1e-10  # the oracle: Newton's default tol does not hold at the float32 point (5.4e-8)
    assert result.success
    assert f"the largest |gradient| is {largest:.3g} > tol = 1e-10" in result.message
    assert "converged to float32's rounding" in result.message and "dtype='float64'" in result.message


def test_a_tolerance_that_holds_at_the_returned_point_is_stated_plainly():
    result, largest = hilbert_run(4, "newton")
    assert largest <= 1e-10  # the oracle: 3e-13 at the float32 point
    assert result.success and result.message == "converged: every |gradient| <= 1e-10 after 1 step"


@pytest.mark.parametrize("method", ["lbfgs", "trust-ncg"])
def test_a_users_tol_below_float32s_reach_is_named_for_scipy_methods(method):
    result, largest = hilbert_run(6, method, tol=1e-9)
    assert largest > 1e-9  # the oracle: tol = 1e-9 does not hold at the float32 point
    assert f"at the float32 point returned, its rounding, the largest |gradient| is {largest:.3g} > tol = 1e-09" \
        in result.message

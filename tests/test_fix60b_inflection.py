"""probe64 P64-4: a start on a degenerate critical point whose Hessian has a zero eigenvalue is probed with the cost
along that flat direction too: x**3 + y**2 at (0, 0) is an inflection (no success), x**4 + y**2 and a flat valley
(x + y)**2 keep their success.  Oracle: the costs evaluated by hand in Python."""

import pytest

import symopt

RUNS = [dict(method="newton"), dict(method="lbfgs"), dict(method="bfgs"), dict(method="newton-cg"),
        dict(method="trust-ncg"), dict(optimizer=symopt.GradientDescent(0.1), steps=50, tol=1e-6)]


@pytest.mark.parametrize("options", RUNS)
def test_an_inflection_with_a_zero_hessian_eigenvalue_is_no_success(options):
    assert (-0.1) ** 3 + 0.0 ** 2 < 0.0 ** 3 + 0.0 ** 2  # the oracle: lower than the start at (-0.1, 0)
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    result = symopt.minimize(x ** 3 + y ** 2, [x, y], **options)
    assert not result.success
    assert "has a zero eigenvalue" in result.message and "an inflection (as x**3 at 0), not a minimum" in result.message


@pytest.mark.parametrize("options", RUNS)
def test_a_flat_minimum_and_a_flat_valley_keep_their_success(options):
    points = [(t, s) for t in (-1.0, -1e-3, 1e-3, 1.0) for s in (-1.0, 0.0, 1.0)]
    assert all(t ** 4 + s ** 2 >= 0.0 for t, s in points)  # the oracle: (0, 0) is a minimum of both
    assert all((t + s) ** 2 >= 0.0 for t, s in points)
    x, y = symopt.Variable("x", 0.0), symopt.Variable("y", 0.0)
    assert symopt.minimize(x ** 4 + y ** 2, [x, y], **options).success
    assert symopt.minimize((x + y) ** 2, [x, y], **options).success

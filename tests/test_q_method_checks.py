"""minimize(method=...) checks its data as first-order runs do, a singular Hessian is a typed error naming the flat
direction, and bounds= are checked (probe P13: a DivergenceError "the cost became nan", a raw numpy LinAlgError and
SciPy's raw ValueError)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError, IndefiniteHessianError, ShapeError, SingularHessianError
from symopt.second_order import METHODS, hessian_eigenvalues

RNG = np.random.default_rng(19)
X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(3, 1))
J = ops.mean(ops.square(X @ W - y))
Xd, yd = RNG.normal(size=(12, 3)), RNG.normal(size=(12, 1))
NAN = Xd.copy()
NAN[5, 1] = np.nan

BAD_DATA = {
    "NaN": ({X: NAN, y: yd}, FeedError, r"data for X contains NaN or infinity \(first at index \[5, 1\]\)"),
    "infinity": ({X: Xd, y: np.where(np.arange(12)[:, None] == 3, np.inf, yd)}, FeedError,
                 r"data for y contains NaN or infinity \(first at index \[3, 0\]\)"),
    "empty": ({X: Xd[:0], y: yd[:0]}, FeedError, r"data for X is empty \(shape \(0, 3\)\)"),
    "batch sizes": ({X: Xd, y: yd[:10]}, ShapeError, "inputs disagree on the batch size m: X: 12, y: 10"),
    "not a mapping": ([{X: Xd, y: yd}], FeedError, "data: expected a mapping"),
}


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("case", BAD_DATA)
def test_every_method_checks_the_data_before_it_runs(method, case):
    data, error, message = BAD_DATA[case]
    calls = []
    with pytest.raises(error, match=message):
        symopt.minimize(J, W, data=data, method=method, callback=lambda *step: calls.append(step))
    assert calls == []


def test_the_hessian_helpers_check_the_data_too():
    with pytest.raises(FeedError, match="data for X contains NaN"):
        hessian_eigenvalues(J, [W], {W: np.zeros((3, 1)), X: NAN, y: yd})


def test_a_duplicated_feature_column_is_a_singular_hessian_naming_the_flat_direction():
    duplicated = np.c_[Xd[:, :2], Xd[:, :1]]
    with pytest.raises(SingularHessianError, match=r"singular .* the cost is flat along W\[0, 0\] - W\[2, 0\], .*"
                                                    r"duplicated .* method='lbfgs'") as caught:
        symopt.minimize(J, W, data={X: duplicated, y: yd}, method="newton")
    assert isinstance(caught.value, IndefiniteHessianError)  # code catching the indefinite case catches this one
    fitted = symopt.minimize(J, W, data={X: duplicated, y: yd}, method="lbfgs", tol=1e-10)[W]
    np.testing.assert_allclose(duplicated @ fitted, duplicated @ np.linalg.lstsq(duplicated, yd, rcond=None)[0],
                               atol=1e-6)


def test_an_all_zero_feature_column_names_its_entry():
    zero = np.c_[Xd[:, :2], np.zeros(12)]
    with pytest.raises(SingularHessianError, match=r"flat along W\[2, 0\], .* An all-zero feature column"):
        symopt.minimize(J, W, data={X: zero, y: yd}, method="newton")


def test_fewer_examples_than_features_is_singular_too_and_a_full_rank_fit_is_exact():
    with pytest.raises(SingularHessianError, match="singular"):
        symopt.minimize(J, W, data={X: Xd[:2], y: yd[:2]}, method="newton")
    fitted = symopt.minimize(J, W, data={X: Xd, y: yd}, method="newton")[W]
    np.testing.assert_allclose(fitted, np.linalg.lstsq(Xd, yd, rcond=None)[0], rtol=1e-10)


def test_an_ill_conditioned_but_definite_hessian_still_runs():
    scaled = Xd * np.array([1.0, 1e-5, 1e5])  # H's eigenvalues 1e-10 to 1e10: features of different scales
    fitted = symopt.minimize(J, W, data={X: scaled, y: yd}, method="newton")[W]
    np.testing.assert_allclose(scaled @ fitted, scaled @ np.linalg.lstsq(scaled, yd, rcond=None)[0], atol=1e-5)


@pytest.mark.parametrize("bounds, message", [
    ({W: (1, 0)}, r"bounds for W\[0, 0\]: expected \(low, high\) with low <= high; given low 1 > high 0. "
                  r"Swap them: \(0, 1\)"),
    ({W: (np.array([[0], [2], [0]]), 1)}, r"bounds for W\[1, 0\]: .* given low 2 > high 1"),
    ({W: ("a", 1)}, r"bounds for W: expected a pair \(low, high\) of numbers or None; given \('a', 1\)"),
    ({W: 1}, r"bounds for W: expected a pair"),
    ([(0, 1)], r"bounds: expected a mapping \{parameter: \(low, high\)\}; given list"),
    ({"V": (0, 1)}, r"bounds for \['V'\], which are not parameters; expected keys among \['W'\]"),
], ids=["crossed", "crossed entry", "text", "number", "list", "unknown name"])
def test_bounds_are_checked_before_scipy_sees_them(bounds, message):
    with pytest.raises(ConfigurationError, match=message):
        symopt.minimize(J, [W], data={X: Xd, y: yd}, method="lbfgs", bounds=bounds)


def test_bounds_by_name_are_the_bounds_by_symbol():
    by_symbol = symopt.minimize(J, [W], data={X: Xd, y: yd}, method="lbfgs", bounds={W: (0, 0.01)})[W]
    by_name = symopt.minimize(J, [W], data={X: Xd, y: yd}, method="lbfgs", bounds={"W": (0, 0.01)})[W]
    np.testing.assert_array_equal(by_symbol, by_name)
    assert by_symbol.max() <= 0.01 and by_symbol.min() >= 0


def test_a_scalar_without_curvature_is_singular_with_a_penalty_in_its_name():
    v = symopt.Variable("v", 0.0)
    with pytest.raises(SingularHessianError, match=r"expects a positive definite Hessian; given one that is singular at "
                                                   r"iteration 0 .* flat along v, .* penalty such as 1e-3 \* v\*\*2"):
        symopt.minimize(v ** 4 - v, v, method="newton")

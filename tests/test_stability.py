"""Numerical stability: extreme logits, log(0) in cross-entropies, float32 sums over large batches.

References are computed here, independently: with mpmath at 60 digits for the logit tests, and
in float64 (math.fsum for sums) from the same float32 data for the batch tests.  Findings are
summarized in docs/numerics.md.
"""

from __future__ import annotations

import math
import warnings

import mpmath
import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

DTYPES = ("float32", "float64")
EPS = {"float32": float(np.finfo(np.float32).eps), "float64": float(np.finfo(np.float64).eps)}
LARGEST_LOGIT = 1000.0

#: Logits at ±1000 (and a few ordinary ones): exp overflows for every naive formula here.
LOGITS = np.array([[1000.0, -1000.0, 0.0],
                   [-1000.0, -1000.0, 1000.0],
                   [1000.0, 1000.0, -1000.0],
                   [0.5, -0.25, 1000.0],
                   [-1000.0, -999.0, -1000.0]])
ONE_HOT = np.eye(3)[[1, 0, 2, 0, 1]]  # the true class is often the one at -1000: loss 2000
#: the mean cross-entropy by hand: 2000, 2000, 2000 + log 2, 999.5, log(1 + 2/e)
EXPECTED_CROSS_ENTROPY = (2000 + 2000 + 2000 + math.log(2) + 999.5 + math.log(1 + 2 / math.e)) / 5


@pytest.fixture(autouse=True)
def no_floating_point_warnings():
    """Stable forms raise no overflow, divide-by-zero or invalid-value warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        yield


# ---------------------------------------------------------------- mpmath references

mpmath.mp.dps = 60


def _mp(array):
    return [[mpmath.mpf(float(v)) for v in row] for row in np.asarray(array)]


def ref_log_softmax(z, axis=1) -> list:
    """log softmax along ``axis`` as a nested list of mpf (rows of the result)."""
    z = _mp(z if axis == 1 else np.asarray(z).T)
    out = [[v - mpmath.log(mpmath.fsum(mpmath.exp(u) for u in row)) for v in row] for row in z]
    return out if axis == 1 else [list(col) for col in zip(*out)]


def as_float(nested) -> np.ndarray:
    return np.array([[float(v) for v in row] for row in nested])


def ref_softmax(z, axis=1) -> list:
    return [[mpmath.exp(v) for v in row] for row in ref_log_softmax(z, axis)]


def ref_sigmoid(x) -> mpmath.mpf:
    return 1 / (1 + mpmath.exp(-mpmath.mpf(float(x))))


def ref_softplus(x) -> mpmath.mpf:
    return mpmath.log(1 + mpmath.exp(mpmath.mpf(float(x))))


def assert_matches(actual, expected, dtype, scale=1.0, logits=1.0):
    """Finite, of the right dtype, and equal to the reference within the rounding error of the data.

    ``scale`` bounds the magnitudes summed into the result (absolute error a few ulps of it);
    ``logits`` is the largest logit: a logit of 1000 is only known to ulp(1000) = 1000 eps, so
    a softmax of it carries a relative error of order ``eps * logits``."""
    actual = np.asarray(actual)
    assert np.all(np.isfinite(actual)), actual
    assert actual.dtype == np.dtype(dtype), actual.dtype
    np.testing.assert_allclose(actual.astype(float), expected, rtol=8 * EPS[dtype] * logits,
                               atol=4 * EPS[dtype] * scale)


# ---------------------------------------------------------------- softmax family at ±1000

@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_cross_entropy_at_logits_of_plus_minus_1000(dtype):
    Z = symopt.Variable("Z", 0.0, shape=LOGITS.shape)
    Y = symopt.Placeholder("Y", ONE_HOT.shape)
    value, gradient = symopt.compile(ops.softmax_cross_entropy(Z, Y), Z, dtype=dtype)(Z=LOGITS, Y=ONE_HOT)
    m = LOGITS.shape[0]
    log_p = ref_log_softmax(LOGITS)
    expected_value = -mpmath.fsum(y * lp for yrow, lrow in zip(_mp(ONE_HOT), log_p) for y, lp in zip(yrow, lrow)) / m
    expected_gradient = (as_float(ref_softmax(LOGITS)) - ONE_HOT) / m
    assert float(expected_value) == pytest.approx(EXPECTED_CROSS_ENTROPY, rel=1e-15)
    assert_matches(value, float(expected_value), dtype, scale=2000)
    assert_matches(gradient, expected_gradient, dtype, logits=LARGEST_LOGIT)


@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_cross_entropy_along_axis_0_at_plus_minus_1000(dtype):
    """Examples as columns (the course's layout): logits (3, m), labels (3, m), softmax over axis 0."""
    Z = symopt.Variable("Z", 0.0, shape=LOGITS.T.shape)
    Y = symopt.Placeholder("Y", ONE_HOT.T.shape)
    value, gradient = symopt.compile(ops.softmax_cross_entropy(Z, Y, axis=0), Z, dtype=dtype)(Z=LOGITS.T,
                                                                                              Y=ONE_HOT.T)
    m = LOGITS.shape[0]
    expected_value = -sum(float(y) * float(lp) for yrow, lrow in zip(ONE_HOT.T, ref_log_softmax(LOGITS.T, axis=0))
                          for y, lp in zip(yrow, lrow)) / m
    expected_gradient = (as_float(ref_softmax(LOGITS.T, axis=0)) - ONE_HOT.T) / m
    assert expected_value == pytest.approx(EXPECTED_CROSS_ENTROPY, rel=1e-15)
    assert_matches(value, expected_value, dtype, scale=2000)
    assert_matches(gradient, expected_gradient, dtype, logits=LARGEST_LOGIT)


@pytest.mark.parametrize("axis", (0, 1))
@pytest.mark.parametrize("dtype", DTYPES)
def test_log_softmax_values_and_gradient_at_plus_minus_1000(dtype, axis):
    Z = symopt.Variable("Z", 0.0, shape=LOGITS.shape)
    C = symopt.Placeholder("C", LOGITS.shape)
    weights = np.random.default_rng(0).normal(size=LOGITS.shape)
    values = symopt.evaluate(ops.log_softmax(Z, axis=axis), {Z: LOGITS}, dtype=dtype)
    log_p = as_float(ref_log_softmax(LOGITS, axis))
    assert_matches(values, log_p, dtype, scale=2000)
    # d/dZ sum(C * log_softmax(Z)) = C - softmax(Z) * (sum of C along the axis)
    _, gradient = symopt.compile(ops.sum(ops.hadamard(C, ops.log_softmax(Z, axis=axis))), Z,
                                 dtype=dtype)(Z=LOGITS, C=weights)
    softmax = as_float(ref_softmax(LOGITS, axis))
    expected = weights - softmax * weights.sum(axis=axis, keepdims=True)
    assert_matches(gradient, expected, dtype, scale=np.abs(weights).sum(), logits=LARGEST_LOGIT)


@pytest.mark.parametrize("axis", (0, 1))
@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_values_and_gradient_at_plus_minus_1000(dtype, axis):
    Z = symopt.Variable("Z", 0.0, shape=LOGITS.shape)
    C = symopt.Placeholder("C", LOGITS.shape)
    weights = np.random.default_rng(1).normal(size=LOGITS.shape)
    probabilities = symopt.evaluate(ops.softmax(Z, axis=axis), {Z: LOGITS}, dtype=dtype)
    softmax = as_float(ref_softmax(LOGITS, axis))
    assert_matches(probabilities, softmax, dtype, logits=LARGEST_LOGIT)
    np.testing.assert_allclose(probabilities.sum(axis=axis), 1.0, rtol=8 * EPS[dtype] * LARGEST_LOGIT)
    # d/dZ sum(C * softmax(Z)) = s * (C - sum(C * s) along the axis)
    _, gradient = symopt.compile(ops.sum(ops.hadamard(C, ops.softmax(Z, axis=axis))), Z,
                                 dtype=dtype)(Z=LOGITS, C=weights)
    expected = softmax * (weights - (weights * softmax).sum(axis=axis, keepdims=True))
    assert_matches(gradient, expected, dtype, scale=np.abs(weights).max(), logits=LARGEST_LOGIT)


def test_log_of_softmax_written_naively_is_nan_where_log_softmax_is_exact():
    """log(softmax(z)) underflows to log(0) = -inf and 0 * -inf = NaN; log_softmax / the cross-entropy
    never form softmax before the log."""
    Z = symopt.Variable("Z", 0.0, shape=LOGITS.shape)
    Y = symopt.Placeholder("Y", ONE_HOT.shape)
    naive = -ops.sum(ops.hadamard(Y, ops.log(ops.softmax(Z)))) / LOGITS.shape[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value, gradient = symopt.compile(naive, Z)(Z=LOGITS, Y=ONE_HOT)
    assert np.isnan(value) and np.isnan(gradient).any()
    stable, _ = symopt.compile(ops.softmax_cross_entropy(Z, Y), Z)(Z=LOGITS, Y=ONE_HOT)
    assert stable == pytest.approx(EXPECTED_CROSS_ENTROPY, rel=1e-13)


# ---------------------------------------------------------------- sigmoid family at ±1000

SIGMOID_LOGITS = np.array([[1000.0, -1000.0], [1000.0, -1000.0], [0.3, -745.0], [745.0, -0.3]])
BINARY = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])


@pytest.mark.parametrize("dtype", DTYPES)
def test_sigmoid_cross_entropy_at_plus_minus_1000(dtype):
    """The stable form softplus(z) - y z: a wrong label at ±1000 costs exactly 1000, a right one 0."""
    Z = symopt.Variable("Z", 0.0, shape=SIGMOID_LOGITS.shape)
    Y = symopt.Placeholder("Y", BINARY.shape)
    value, gradient = symopt.compile(ops.sigmoid_cross_entropy(Z, Y), Z, dtype=dtype)(Z=SIGMOID_LOGITS, Y=BINARY)
    count = SIGMOID_LOGITS.size
    losses = [[ref_softplus(z) - mpmath.mpf(y) * mpmath.mpf(z) for z, y in zip(zrow, yrow)]
              for zrow, yrow in zip(SIGMOID_LOGITS, BINARY)]
    expected_value = float(mpmath.fsum(v for row in losses for v in row) / count)
    expected_gradient = (np.array([[float(ref_sigmoid(z)) for z in row] for row in SIGMOID_LOGITS]) - BINARY) / count
    assert float(losses[0][0]) == 1000.0 and float(losses[1][0]) == 0.0 and float(losses[0][1]) == 1000.0
    assert_matches(value, expected_value, dtype, scale=1000)
    assert_matches(gradient, expected_gradient, dtype)


def test_sigmoid_cross_entropy_avoids_the_log_of_zero_of_the_textbook_form():
    """The course's -(y log a + (1-y) log(1-a)) takes log(0) at ±1000 (cost inf, NaN gradient);
    ops.sigmoid_cross_entropy, the same function, is finite and exact."""
    Z = symopt.Variable("Z", 0.0, shape=SIGMOID_LOGITS.shape)
    Y = symopt.Placeholder("Y", BINARY.shape)
    a = ops.sigmoid(Z)
    ones = sympy.OneMatrix(*Z.shape)
    textbook = -ops.mean(ops.hadamard(Y, ops.log(a)) + ops.hadamard(ones - Y, ops.log(ones - a)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value, gradient = symopt.compile(textbook, Z)(Z=SIGMOID_LOGITS, Y=BINARY)
    assert not np.isfinite(value) and not np.all(np.isfinite(gradient))
    value, gradient = symopt.compile(ops.sigmoid_cross_entropy(Z, Y), Z)(Z=SIGMOID_LOGITS, Y=BINARY)
    assert np.isfinite(value) and np.all(np.isfinite(gradient))


SIGMOID_POINTS = (-1000.0, -745.0, -100.0, -30.0, -5.0, -0.5, 0.0, 0.5, 5.0, 30.0, 100.0, 745.0, 1000.0)


@pytest.mark.parametrize("dtype", DTYPES)
def test_sigmoid_scalar_at_extreme_arguments(dtype):
    """Values and gradients finite, without overflow warnings, within half an ulp of 1 of the reference.

    (Absolute accuracy: in the far left tail symopt's sigmoid returns 0 where the reference is a tiny
    positive number; its relative accuracy there is reported in docs/numerics.md.)"""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    function = symopt.compile(symopt.sigmoid(w), w)
    for x in SIGMOID_POINTS:
        value, gradient = function(w=x)
        expected = ref_sigmoid(x)
        assert np.isfinite(value) and np.isfinite(gradient)
        assert abs(float(value) - float(expected)) <= EPS[dtype], (x, value, expected)
        assert abs(float(gradient) - float(expected * (1 - expected))) <= EPS[dtype], (x, gradient)
    assert function(w=1000.0) == (1.0, 0.0)
    assert function(w=-1000.0) == (0.0, 0.0)


@pytest.mark.parametrize("dtype", DTYPES)
def test_sigmoid_elementwise_at_extreme_arguments(dtype):
    W = symopt.Variable("W", 0.0, shape=(1, len(SIGMOID_POINTS)))
    point = np.array([SIGMOID_POINTS])
    value, gradient = symopt.compile(ops.sum(ops.sigmoid(W)), W, dtype=dtype)(W=point)
    expected = np.array([[float(ref_sigmoid(x)) for x in SIGMOID_POINTS]])
    expected_gradient = np.array([[float(ref_sigmoid(x) * (1 - ref_sigmoid(x))) for x in SIGMOID_POINTS]])
    assert_matches(value, expected.sum(), dtype, scale=len(SIGMOID_POINTS))
    assert np.all(np.isfinite(gradient)) and gradient.dtype == np.dtype(dtype)
    np.testing.assert_allclose(gradient, expected_gradient, rtol=0, atol=EPS[dtype])
    np.testing.assert_allclose(symopt.evaluate(ops.sigmoid(W), {W: point}, dtype=dtype), expected, rtol=0,
                               atol=EPS[dtype])


@pytest.mark.parametrize("dtype", DTYPES)
def test_softplus_at_extreme_arguments(dtype):
    """softplus (logaddexp) is finite at ±1000 and exact: softplus(1000) = 1000, softplus(-1000) = 0."""
    W = symopt.Variable("W", 0.0, shape=(1, len(SIGMOID_POINTS)))
    point = np.array([SIGMOID_POINTS])
    values = symopt.evaluate(ops.softplus(W), {W: point}, dtype=dtype)
    expected = np.array([[float(ref_softplus(x)) for x in SIGMOID_POINTS]])
    assert_matches(values, expected, dtype, scale=1000)


# ---------------------------------------------------------------- float32 sums over large batches

M = 100_000


@pytest.fixture(scope="module")
def regression_data():
    rng = np.random.default_rng(20240607)
    x = rng.normal(size=(M, 3)).astype(np.float32)
    y = (x @ np.array([[1.0], [2.0], [-1.0]]) + 0.3 + 0.1 * rng.normal(size=(M, 1))).astype(np.float32)
    w = np.array([[0.5], [0.5], [0.5]], dtype=np.float32)
    return x, y, w


def test_float32_mean_squared_error_over_100000_examples(regression_data):
    """The value's relative error is that of NumPy's pairwise summation: at most log2(m) eps32 for the
    sum, plus the rounding of each residual (bounded here from the data); a naive left-to-right float32
    sum of the same squares is hundreds of times worse."""
    x, y, w = regression_data
    X = symopt.Placeholder("X", (None, 3))
    yp = symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    cost = ops.mean(ops.square(X @ W - yp))
    value, gradient = symopt.compile(cost, W, dtype="float32")(W=w, X=x, y=y)
    assert value.dtype == np.float32 and gradient.dtype == np.float32
    x64, y64, w64 = (a.astype(np.float64) for a in (x, y, w))
    residual = x64 @ w64 - y64
    reference = math.fsum((residual ** 2).ravel()) / M
    eps = EPS["float32"]
    # rounding of each residual r_i (a 3-term dot product and a subtraction) and of its square
    elementwise = 4 * eps * float((np.abs(residual) * (np.abs(x64) @ np.abs(w64) + np.abs(y64))).sum()) \
        / float((residual ** 2).sum()) + 2 * eps
    relative = abs(float(value) - reference) / reference
    assert relative <= math.log2(M) * eps + elementwise, relative
    naive = float(np.cumsum(((x @ w - y) ** 2).ravel(), dtype=np.float32)[-1]) / M
    assert abs(naive - reference) / reference > 100 * relative
    # the gradient 2 X^T r / m is a float32 matrix product (BLAS): its error (up to 53 eps32 here) is
    # measured against the sum of the magnitudes of its terms; blocked accumulation stays far below the
    # sqrt(m) eps32 of a random walk
    reference_gradient = 2 * x64.T @ residual / M
    magnitude = 2 * (np.abs(x64) * np.abs(residual)).sum(axis=0, keepdims=True).T / M
    np.testing.assert_array_less(np.abs(gradient - reference_gradient), math.sqrt(M) * eps * magnitude)


def test_float32_mean_over_the_batch_axis_of_100000_examples():
    """A reduction along the batch axis (axis 0 of an (m, n) array: column means, bias gradients) is
    summed by NumPy row after row, not pairwise: its error grows with m (up to 33 eps32 here) but stays
    within the sqrt(m) eps32 of a random walk; the rigorous bound is (m - 1) eps32."""
    rng = np.random.default_rng(7)
    a = (1 + 0.1 * rng.normal(size=(M, 3))).astype(np.float32)
    A = symopt.Placeholder("A", (None, 3))
    V = symopt.Variable("V", 0.0, shape=(1, 3))
    _, column_means = symopt.compile(ops.sum(ops.hadamard(ops.mean(ops.square(A), axis=0), V)), V,
                                     dtype="float32")(V=np.ones((1, 3), np.float32), A=a)
    reference = (a.astype(np.float64) ** 2).mean(axis=0, keepdims=True)
    relative = np.abs(column_means - reference) / reference
    assert column_means.dtype == np.float32
    assert np.all(relative <= math.sqrt(M) * EPS["float32"]), relative


@pytest.mark.parametrize("m", (1, 2, 7, 4097))
def test_float32_and_float64_costs_agree_for_batch_sizes(m):
    """Small and odd batches (m = 1 included): float32 and float64 compiled costs agree to float32 accuracy."""
    rng = np.random.default_rng(m)
    X = symopt.Placeholder("X", (None, 4))
    Y = symopt.Placeholder("Y", (None, 3))
    W = symopt.Variable("W", 0.0, shape=(4, 3))
    b = symopt.Variable("b", 0.0, shape=(1, 3))
    cost = ops.softmax_cross_entropy(ops.bias_add(X @ W, b), Y)
    x = rng.normal(size=(m, 4)).astype(np.float32)
    labels = np.eye(3, dtype=np.float32)[rng.integers(0, 3, size=m)]
    weights = (300 * rng.normal(size=(4, 3))).astype(np.float32)  # logits in the hundreds
    bias = rng.normal(size=(1, 3)).astype(np.float32)
    v32, (gw32, gb32) = symopt.compile(cost, [W, b], dtype="float32")(W=weights, b=bias, X=x, Y=labels)
    v64, (gw64, gb64) = symopt.compile(cost, [W, b], dtype="float64")(W=weights, b=bias, X=x, Y=labels)
    assert np.isfinite(v32) and np.all(np.isfinite(gw32)) and np.all(np.isfinite(gb32))
    assert float(v32) == pytest.approx(float(v64), rel=1e-5, abs=1e-4 * (1 + abs(float(v64))))
    np.testing.assert_allclose(gb32, gb64, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(gw32, gw64, rtol=1e-4, atol=1e-5)

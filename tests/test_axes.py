"""Axes mean what NumPy means for a 2-D array, in every reduction of ops and reductions: value and gradient.

Each cost is checked against a hand NumPy value (the axis given to NumPy exactly as spelled) and its
gradient against central finite differences, for every spelling 0, 1, -2, -1.
"""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError
from symopt.reductions import ArgMax, ReduceMax, matrix_axis

rng = np.random.default_rng(11)
Z_VALUE = rng.normal(size=(3, 4))
C_VALUE = rng.normal(size=(3, 4))
Z = symopt.Variable("Z", Z_VALUE)
C = symopt.Placeholder("C", (3, 4))
AXES = [0, 1, -2, -1]


def _log_softmax(z, axis):
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def _one_hot_labels(axis):
    """Labels with one 1 per example; the classes run along ``axis``."""
    labels = np.zeros((3, 4))
    if axis % 2 == 1:
        labels[np.arange(3), [0, 3, 1]] = 1.0
    else:
        labels[[2, 0, 1, 1], np.arange(4)] = 1.0
    return labels


# name -> (symopt cost builder, hand NumPy cost); every cost is a weighted sum so each entry matters
CASES = {
    "sum": (lambda a: ops.sum(ops.hadamard(ops.sum(ops.square(Z), a), ops.sum(C, a))),
            lambda z, c, a: float(((z ** 2).sum(axis=a, keepdims=True) * c.sum(axis=a, keepdims=True)).sum())),
    "mean": (lambda a: ops.sum(ops.hadamard(ops.mean(ops.square(Z), a), ops.mean(C, a))),
             lambda z, c, a: float(((z ** 2).mean(axis=a, keepdims=True) * c.mean(axis=a, keepdims=True)).sum())),
    "log_softmax": (lambda a: ops.sum(ops.hadamard(ops.log_softmax(Z, a), C)),
                    lambda z, c, a: float((_log_softmax(z, a) * c).sum())),
    "softmax": (lambda a: ops.sum(ops.hadamard(ops.softmax(Z, a), C)),
                lambda z, c, a: float((np.exp(_log_softmax(z, a)) * c).sum())),
    "softmax_cross_entropy": (
        lambda a: ops.softmax_cross_entropy(Z, C, axis=a),
        lambda z, c, a: float(-(c * _log_softmax(z, a)).sum() / z.shape[1 - a % 2])),
    "reduce_max": (lambda a: ops.sum(ops.hadamard(ReduceMax(ops.square(Z), a), ops.sum(C, a))),
                   lambda z, c, a: float(((z ** 2).max(axis=a, keepdims=True) * c.sum(axis=a, keepdims=True)).sum())),
}


@pytest.mark.parametrize("axis", AXES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_value_and_gradient_follow_numpy_axes(name, axis):
    build, hand = CASES[name]
    c = _one_hot_labels(axis) if name == "softmax_cross_entropy" else C_VALUE
    function = symopt.compile(build(axis), Z, dtype="float64")
    value, gradient = function(Z=Z_VALUE, C=c)
    assert value == pytest.approx(hand(Z_VALUE, c, axis), rel=1e-12, abs=1e-12)
    numeric = np.zeros_like(Z_VALUE)
    eps = 1e-6
    for index in np.ndindex(Z_VALUE.shape):
        up, down = Z_VALUE.copy(), Z_VALUE.copy()
        up[index] += eps
        down[index] -= eps
        numeric[index] = (hand(up, c, axis) - hand(down, c, axis)) / (2 * eps)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("name", sorted(CASES))
def test_negative_and_positive_spellings_build_the_same_expression(name):
    build, _ = CASES[name]
    assert str(build(-1)) == str(build(1)) and str(build(-2)) == str(build(0))


@pytest.mark.parametrize("axis", AXES)
def test_argmax_counts_axes_as_numpy_does(axis):
    expected = np.argmax(Z_VALUE, axis=axis)
    values = symopt.evaluate(ArgMax(Z, axis), {Z: Z_VALUE})
    np.testing.assert_array_equal(np.ravel(values), expected)


@pytest.mark.parametrize("call", [
    lambda a: ops.sum(Z, a), lambda a: ops.mean(Z, a), lambda a: ops.log_softmax(Z, a),
    lambda a: ops.softmax(Z, a), lambda a: ops.softmax_cross_entropy(Z, C, axis=a),
    lambda a: ReduceMax(Z, a), lambda a: ArgMax(Z, a),
], ids=["sum", "mean", "log_softmax", "softmax", "softmax_cross_entropy", "reduce_max", "argmax"])
@pytest.mark.parametrize("axis", [2, -3, 1.0, True, "1"])
def test_an_axis_a_matrix_does_not_have_is_refused_clearly(call, axis):
    with pytest.raises(ShapeError, match=r"axis of a matrix \(2-D\).*given"):
        call(axis)


def test_matrix_axis_accepts_numpy_integers():
    assert [matrix_axis(np.int64(a)) for a in AXES] == [0, 1, 0, 1]

"""The softmax's axis guard for examples as columns with a fixed number of examples (probe20 P20-13): with
placeholders declared (4, 100) and (3, 100), ``softmax_cross_entropy(W @ X + b, Y)`` normalised over the 100
examples and divided by 3, silently; with (4, None) it was refused."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError

X, Y = symopt.Placeholder("X", (4, 100)), symopt.Placeholder("Y", (3, 100))
W, b = symopt.Variable("W", 0.0, shape=(3, 4)), symopt.Variable("b", 0.0, shape=(3, 1))


@pytest.mark.parametrize("build", [
    lambda: ops.softmax_cross_entropy(ops.bias_add(W @ X, b), Y),
    lambda: ops.softmax(W @ X),
    lambda: ops.log_softmax(symopt.Variable("W2", 0.0, shape=(3, 5)) @ ops.tanh(
        symopt.Variable("W1", 0.0, shape=(5, 4)) @ X)),
], ids=["cross-entropy", "softmax", "hidden-layer"])
def test_data_as_the_right_factor_with_a_fixed_m_needs_the_axis(build):
    with pytest.raises(ShapeError, match=r"its 100 columns are the columns of the data X \(examples as columns, "
                                         r"the course's W @ X\).*Pass axis=0"):
        build()


def test_axis_0_gives_the_courses_cross_entropy():
    rng = np.random.default_rng(0)
    Xd, Wd, bd = rng.normal(size=(4, 100)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))
    Yd = np.eye(3)[rng.integers(0, 3, 100)].T
    Z = Wd @ Xd + bd
    log_p = Z - np.log(np.exp(Z).sum(axis=0, keepdims=True))
    value = symopt.evaluate(ops.softmax_cross_entropy(ops.bias_add(W @ X, b), Y, axis=0), {X: Xd, Y: Yd, W: Wd, b: bd})
    np.testing.assert_allclose(value, -np.sum(Yd * log_p) / 100, rtol=1e-13)


def test_the_row_layout_with_a_fixed_m_keeps_the_last_axis():
    Xr, Yr = symopt.Placeholder("Xr", (100, 4)), symopt.Placeholder("Yr", (100, 3))
    ops.softmax_cross_entropy(Xr @ W.T, Yr)
    ops.softmax_cross_entropy(ops.bias_add(Xr @ symopt.Variable("V", 0.0, shape=(4, 3)), b.T), Yr)


def test_data_on_the_left_of_the_product_keeps_the_last_axis():
    # ESZSL zero-shot: X @ V @ S, S the classes' attributes (data, 10 classes): the examples are the rows (X first),
    # so the softmax runs along the last axis (review10 R10-6: refused, and axis=0 would train another model)
    Xs, S, Ys = symopt.Placeholder("Xs", (32, 6)), symopt.Placeholder("S", (4, 10)), symopt.Placeholder("Ys", (32, 10))
    V = symopt.Variable("V_zsl", 0.0, shape=(6, 4))
    rng = np.random.default_rng(1)
    x, s, v = rng.normal(size=(32, 6)), rng.normal(size=(4, 10)), rng.normal(size=(6, 4)) * 0.3
    y = np.eye(10)[rng.integers(0, 10, 32)]
    z = x @ v @ s
    log_p = z - z.max(axis=1, keepdims=True)
    log_p -= np.log(np.exp(log_p).sum(axis=1, keepdims=True))
    value = symopt.evaluate(ops.softmax_cross_entropy(Xs @ V @ S, Ys), {Xs: x, S: s, Ys: y, V: v})
    np.testing.assert_allclose(value, -np.sum(y * log_p) / 32, rtol=1e-12)

"""probe30: the cross-entropies of symopt.ops refuse labels and logits that do not pair example by example (P30-1), one
softmax class (P30-9), probabilities as logits (P30-8), and take a scalar label for every entry (P30-2); numbers
checked against hand NumPy of the documented formula."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError, ShapeError

RNG = np.random.default_rng(0)
XD = RNG.normal(size=(12, 4))
YV = (RNG.random(12) > 0.5).astype(float)


def model():
    X = symopt.Placeholder("X", (None, 4))
    w = symopt.Variable("w", 0.1, shape=(4, 1))
    return X, w


def test_row_labels_against_column_logits_are_refused_when_built():
    X, w = model()
    with pytest.raises(ShapeError, match=r"yr \(shape \(1, m\)\).*X\*w \(shape \(m, 1\)\).*labels\.T"):
        ops.sigmoid_cross_entropy(X @ w, symopt.Placeholder("yr", (1, None)))


def test_fixed_count_labels_against_batch_logits_are_refused_when_built():
    X, w = model()
    with pytest.raises(ShapeError, match=r"\(12, 1\).*\(m, 1\).*Placeholder\('y', \(None, 1\)\)"):
        ops.sigmoid_cross_entropy(X @ w, symopt.Placeholder("yf", (12, 1)))


def test_paired_labels_still_give_the_mean_log_loss():
    X, w = model()
    y = symopt.Placeholder("y", (None, 1))
    loss = ops.sigmoid_cross_entropy(X @ w, y)
    z = XD @ np.full((4, 1), 0.1)
    expected = np.mean(np.logaddexp(0, z) - YV[:, None] * z)
    assert symopt.evaluate(loss, {X: XD, y: YV[:, None]}) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("label", [1, 0, sympy.Rational(1, 2)])
def test_a_scalar_label_applies_to_every_entry(label):
    X, w = model()
    loss = ops.sigmoid_cross_entropy(X @ w, label)
    W = RNG.normal(size=(4, 1))
    z = XD @ W
    value, gradient = symopt.compile(loss, w)(X=XD, w=W)
    expected = np.mean(np.logaddexp(0, z) - float(label) * z)
    sig = 1 / (1 + np.exp(-z))
    assert value == pytest.approx(expected, rel=1e-12)
    np.testing.assert_allclose(gradient, XD.T @ (sig - float(label)) / 12, rtol=1e-12)


def test_a_scalar_placeholder_label_is_fed_and_range_checked():
    X, w = model()
    t = symopt.Placeholder("t", ())
    loss = ops.sigmoid_cross_entropy(X @ w, t)
    z = XD @ np.full((4, 1), 0.1)
    assert symopt.evaluate(loss, {X: XD, t: 1.0}) == pytest.approx(np.mean(np.logaddexp(0, z) - z), rel=1e-12)
    with pytest.raises(FeedError):
        symopt.evaluate(loss, {X: XD, t: 2.0})


def test_a_number_label_outside_zero_one_is_refused():
    X, w = model()
    with pytest.raises(ConfigurationError, match=r"label in \[0, 1\].*given -1"):
        ops.sigmoid_cross_entropy(X @ w, -1)


def test_scalar_labels_of_a_softmax_are_refused_with_the_one_hot_fix():
    X = symopt.Placeholder("X", (None, 4))
    W = symopt.Variable("W", 0.1, shape=(4, 3))
    for label in (symopt.Placeholder("ys", ()), 1, sympy.Symbol("t")):
        with pytest.raises(ShapeError, match="numpy.eye"):
            ops.softmax_cross_entropy(X @ W, label)


def test_softmax_over_one_class_is_refused_naming_sigmoid_cross_entropy():
    X = symopt.Placeholder("X", (None, 3))
    w = symopt.Variable("w", 0.1, shape=(3, 1))
    b = symopt.Variable("b", 0.0, shape=(1,))
    with pytest.raises(ShapeError, match=r"one class.*identically 0.*sigmoid_cross_entropy"):
        ops.softmax_cross_entropy(ops.bias_add(X @ w, b), symopt.Placeholder("y", (None, 1)))
    V = symopt.Variable("V", 0.1, shape=(1, 3))  # examples as columns, one class down the rows
    with pytest.raises(ShapeError, match="one class"):
        ops.softmax_cross_entropy(V @ X.T, symopt.Placeholder("Yc", (1, None)), axis=0)


def test_probabilities_as_logits_are_refused():
    X, w = model()
    y = symopt.Placeholder("y", (None, 1))
    with pytest.raises(ConfigurationError, match=r"sigmoid\(X\*w\), probabilities.*sigmoid_cross_entropy\(X\*w"):
        ops.sigmoid_cross_entropy(ops.sigmoid(X @ w), y)
    a = symopt.Variable("a", 0.1)
    with pytest.raises(ConfigurationError, match="probabilities"):
        ops.sigmoid_cross_entropy(ops.sigmoid(3 * a), 1)
    V = symopt.Variable("V", 0.0, shape=(4, 2))
    with pytest.raises(ConfigurationError, match=r"softmax\(X\*V\), probabilities.*softmax_cross_entropy\(X\*V"):
        ops.softmax_cross_entropy(ops.softmax(X @ V), symopt.Placeholder("Y", (None, 2)))


def test_a_softmax_of_several_classes_is_unchanged():
    X = symopt.Placeholder("X", (None, 4))
    W = symopt.Variable("W", 0.1, shape=(4, 3))
    Y = symopt.Placeholder("Y", (None, 3))
    labels = np.eye(3)[RNG.integers(0, 3, 12)]
    Wd = RNG.normal(size=(4, 3))
    z = XD @ Wd
    log_p = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    value = symopt.evaluate(ops.softmax_cross_entropy(X @ W, Y), {X: XD, Y: labels, W: Wd})
    assert value == pytest.approx(-np.sum(labels * log_p) / 12, rel=1e-12)


def test_a_matrix_exponent_of_another_shape_is_refused():
    X, w = model()
    with pytest.raises(ShapeError, match=r"symopt.ops.power: the exponent E \(shape \(1, m\)\).*differ in shape"):
        ops.power(X @ w, symopt.Placeholder("E", (1, None)))
    E = symopt.Placeholder("E2", (None, 1))  # one shape: entry by entry, as NumPy's z ** e
    z = XD @ np.full((4, 1), 0.1)
    e = np.full((12, 1), 2.0)
    assert symopt.evaluate(ops.sum(ops.power(ops.exp(X @ w), E)), {X: XD, E: e}) == pytest.approx(np.sum(np.exp(z) ** e))

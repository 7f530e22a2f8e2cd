"""probe68 P68-2: where L holds several entries per example (softmax's classes, several regression outputs), the
course derivation never calls L each example's loss, and says that the cost line's Σᵢⱼ (final43d F43d-9: written
apart from the Σ over the examples) sums every entry of L: the mean over examples of each example's loss (a NumPy
oracle) is (1/m)·(sum of every entry of the shown L)."""

import numpy as np

import symopt
from symopt import ops
from symopt.display import derive

X_VALUES = np.array([[1.0, 2.0], [0.5, -1.0]])
Y_VALUES = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
W_VALUES = np.array([[0.1, 0.2], [0.3, -0.1], [0.0, 0.5]])


def _softmax_derivation():
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (3, None))
    W, b = symopt.Variable("W", 0.0, shape=(3, 2)), symopt.Variable("b", 0.0, shape=(3, 1))
    cost = ops.softmax_cross_entropy(ops.bias_add(ops.matmul(W, X), b), Y, axis=0)
    return derive(cost, [W, b], at={X: X_VALUES, Y: Y_VALUES, W: W_VALUES})


def test_softmax_header_names_each_examples_loss_as_a_column_sum():
    lines = str(_softmax_derivation()).splitlines()
    header = next(line for line in lines if line.startswith("backward"))
    assert header.startswith("backward (dZ = m·∂J/∂Z, the gradient of each example's loss (the sum of its column of "
                             "L); Σ sums over the examples, axis 1, dimensions kept; L has one entry per output and "
                             "example (3 per example), so the cost line's Σᵢⱼ sums every entry of L (np.sum without "
                             "axis);")


def test_the_shown_numbers_agree_with_the_stated_sums():
    lines = str(_softmax_derivation()).splitlines()
    logits = W_VALUES @ X_VALUES
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=0)
    each_example = -(Y_VALUES * np.log(probabilities)).sum(axis=0)  # the course's L(ŷ, y) = -Σⱼ yⱼ log ŷⱼ
    assert "  L = -Y·log(A) = [[1.1322, 0], [0, 0.5866], [0, 0]]" in lines
    assert np.allclose(each_example, [1.1322, 0.5866], atol=1e-4)  # the shown L's column sums
    assert f"  J = (1/m) Σᵢⱼ L = {each_example.mean():.4f}" in lines


def test_multi_output_regression_with_examples_as_rows():
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 3))
    W, b = symopt.Variable("W", 0.0, shape=(2, 3)), symopt.Variable("b", 0.0, shape=(1, 3))
    shown = str(derive(ops.sum(ops.square(ops.bias_add(X @ W, b) - Y)) / X.shape[0], [W, b]))
    assert "the gradient of each example's loss (the sum of its row of L)" in shown
    assert ("L has one entry per output and example (3 per example), so the cost line's Σᵢⱼ sums every entry of L"
            in shown)


def test_one_output_keeps_the_course_sentence():
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    w, b = symopt.Variable("w", 0.0, shape=(2, 1)), symopt.Variable("b", 0.0)
    cost = ops.mean(ops.sigmoid_cross_entropy(ops.bias_add(ops.matmul(w.T, X), b), Y))
    shown = str(derive(cost, [w, b]))
    assert "the gradient of each example's loss L; Σ sums over the examples" in shown and "one entry per" not in shown

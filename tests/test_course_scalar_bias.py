"""The course's logistic regression has a scalar bias, Z = wᵀX + b with b a number: ops.bias_add accepts it,
derive recognises b·𝟙 (however SymPy orders it) and writes db = (1/m) Σ dZ (np.sum(dZ) in code), in both
layouts, in text, LaTeX, Markdown and code; the numbers at a point equal the compiled gradient."""

import numpy as np
import pytest
import sympy
from sympy import OneMatrix

import symopt
from symopt import ops
from symopt.display import derive
from symopt.errors import ShapeError

X_DATA = [[1.0, -2.0, 0.5], [0.0, 1.0, 2.0]]
Y_DATA = [[1.0, 0.0, 1.0]]


def columns(form):
    """Logistic regression, examples as columns, the course's explicit cross-entropy; ``form`` builds b·𝟙."""
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    w, b = symopt.Variable("w", 0.0, shape=(2, 1)), symopt.Variable("b", 0.0)
    product = ops.matmul(w.T, X)
    Z = {"bias_add": lambda: ops.bias_add(product, b),
         "b*ones": lambda: product + b * OneMatrix(1, X.shape[1]),
         "ones*b first": lambda: OneMatrix(1, X.shape[1]) * b + product}[form]()
    A = ops.sigmoid(Z)
    ones = OneMatrix(*A.shape)
    J = -ops.sum(ops.hadamard(Y, ops.log(A)) + ops.hadamard(ones - Y, ops.log(ones - A))) / X.shape[1]
    return X, Y, w, b, Z, A, J


def rows():
    """Examples as rows with ops.sigmoid_cross_entropy: Z = X w + b."""
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 1))
    w, b = symopt.Variable("w", 0.0, shape=(2, 1)), symopt.Variable("b", 0.0)
    return X, Y, w, b, ops.sigmoid_cross_entropy(ops.bias_add(ops.matmul(X, w), b), Y)


COLUMNS_TEXT = """forward
  Z = wᵀ X + b
  A = σ(Z)
  L = -(Y·log(A) + (1 - Y)·log(1 - A))
  J = (1/m) Σ L
backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 1, dimensions kept)
  dZ (1×m) = A - Y
  dw (2×1) = (1/m) X (2×m) · dZᵀ (m×1)
  db = (1/m) Σ dZ (1×m)"""


def test_bias_add_takes_a_scalar_and_refuses_what_is_not_one():
    X, _, w, b, *_ = columns("bias_add")
    Z = ops.bias_add(ops.matmul(w.T, X), b)
    assert set(Z.args) == {ops.matmul(w.T, X), b * OneMatrix(1, X.shape[1])}
    assert ops.bias_add(ops.matmul(w.T, X), 0.5).shape == (1, X.shape[1])
    for bad in ("b", [1.0, 2.0], np.ones(3)):
        with pytest.raises(ShapeError, match="or a scalar for z of shape"):
            ops.bias_add(ops.matmul(w.T, X), bad)


@pytest.mark.parametrize("form", ["bias_add", "b*ones", "ones*b first"])
def test_columns_text_whatever_the_order_of_b_and_ones(form):
    X, Y, w, b, Z, A, J = columns(form)
    assert str(derive(J, [w, b], names={Z: "Z", A: "A"})) == COLUMNS_TEXT
    assert str(derive(J, [w, b])) == COLUMNS_TEXT


def test_columns_latex_markdown_and_code():
    X, Y, w, b, Z, A, J = columns("bias_add")
    derivation = derive(J, [w, b])
    backward = (r"\underset{1 \times m}{dZ} &= A - Y \\" "\n"
                r"\underset{2 \times 1}{dw} &= \frac{1}{m} \underset{2 \times m}{X} \cdot "
                r"\underset{m \times 1}{dZ^{T}} \\" "\n"
                r"db &= \frac{1}{m} \sum \underset{1 \times m}{dZ}")
    assert derivation.latex().endswith(backward + "\n\\end{aligned}")
    assert (backward.replace(r" \\" "\n" r"db", r" \\" "\n" "db") + "\n\\end{aligned}\n$$") in derivation.markdown()
    assert str(derive(J, [w, b], notation="code")) == (
        "dZ = A - Y  # (1×m)\n"
        "dw = 1/m * X @ dZ.T  # (2×1)\n"
        "db = 1/m * np.sum(dZ)  # scalar")


def test_rows_text_and_code():
    X, Y, w, b, J = rows()
    assert str(derive(J, [w, b], shapes=False)).split("\n")[-3:] == [
        "  dZ = A - Y", "  dw = (1/m) Xᵀ dZ", "  db = (1/m) Σ dZ"]
    assert str(derive(J, [w, b], notation="code")) == (
        "dZ = A - Y  # (m×1)\n"
        "dw = 1/m * X.T @ dZ  # (2×1)\n"
        "db = 1/m * np.sum(dZ)  # scalar")


def test_numbers_at_a_point_equal_the_compiled_gradient_in_both_layouts():
    X, Y, w, b, Z, A, J = columns("b*ones")
    at = {X: X_DATA, Y: Y_DATA, w: [[0.5], [-0.25]], b: 0.1}
    derivation = derive(J, [w, b], at=at)
    assert str(derivation).split("\n")[-3:] == [
        "  dZ (1×m) = A - Y = [[-0.3543, 0.2405, -0.5374]]",
        "  dw (2×1) = (1/m) X (2×m) · dZᵀ (m×1) = [[-0.368], [-0.2781]]",
        "  db = (1/m) Σ dZ (1×m) = -0.2171"]
    _, (dw, db) = symopt.compile(J, [w, b])({k: np.asarray(v) for k, v in at.items()})
    assert np.allclose(derivation.values[derivation.line("dw").symbol], dw, rtol=1e-12)
    assert np.allclose(derivation.values[derivation.line("db").symbol], db, rtol=1e-12)
    assert np.ndim(db) == 0 and round(float(db), 4) == -0.2171

    Xr, Yr, wr, br, Jr = rows()
    at_rows = {Xr: np.transpose(X_DATA), Yr: np.transpose(Y_DATA), wr: [[0.5], [-0.25]], br: 0.1}
    derivation = derive(Jr, [wr, br], at=at_rows)
    assert str(derivation).split("\n")[-1] == "  db = (1/m) Σ dZ (m×1) = -0.2171"
    _, (_, db_rows) = symopt.compile(Jr, [wr, br])(at_rows)
    assert np.isclose(float(db_rows), float(db), rtol=1e-12)


def test_a_scalar_bias_on_a_layer_of_several_units_sums_every_entry():
    X, Y = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0)
    W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0)
    A1 = ops.tanh(ops.bias_add(ops.matmul(W1, X), b1))
    J = ops.sigmoid_cross_entropy(ops.bias_add(ops.matmul(W2, A1), b2), Y)
    at = {X: X_DATA, Y: Y_DATA, W1: [[0.5, -0.5], [0.25, 0.0], [-1.0, 0.5], [0.0, 0.25]],
          W2: [[1.0, -1.0, 0.5, 0.0]], b1: 0.3, b2: -0.2}
    derivation = derive(J, [W1, b1, W2, b2], at=at)
    lines = str(derivation).split("\n")
    assert lines[7].endswith("; b₁ is a number added to every entry of Z₁, so Σ in db₁ sums every entry "
                             "(np.sum without axis))")
    assert lines[-1] == "  db₁ = (1/m) Σ dZ₁ (4×m) = -0.1729"
    _, gradients = symopt.compile(J, [W1, b1, W2, b2])({k: np.asarray(v) for k, v in at.items()})
    assert np.isclose(float(gradients[1]), -0.17289563574425787, rtol=1e-12)
    assert np.allclose(derivation.values[derivation.line("db1").symbol], gradients[1], rtol=1e-12)
    assert str(derive(J, [b1], notation="code")).split("\n")[-1] == "db1 = 1/m * np.sum(dZ1)  # scalar"


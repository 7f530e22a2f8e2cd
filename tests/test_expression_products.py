"""Products of two matrix *expressions* are shape-checked where they are written (probe20 P20-4).

Only symopt's own symbols routed ``*`` and ``@`` through the product check; between two expressions SymPy compared
integer sizes only, so ``(X @ W) * (X @ V)`` (``(m, 3) @ (m, 3)``) was built, compiled, and at 3 examples computed
the matrix product silently (``r * r`` even became the matrix power of an (m, 1) residual).
"""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError

RNG = np.random.default_rng(0)
X = symopt.Placeholder("X", (None, 3))
W = symopt.Variable("W", 0.0, shape=(3, 3))
V = symopt.Variable("V", 0.0, shape=(3, 3))
V2 = symopt.Variable("V2", 0.0, shape=(3, 2))
w = symopt.Variable("w", 0.0, shape=(3, 1))
y = symopt.Placeholder("y", (None, 1))

ENTRYWISE = r"\* and @ of matrices are the matrix product; for NumPy's entrywise product"


@pytest.mark.parametrize("build", [
    lambda: (X @ W) * (X @ V),
    lambda: (X @ W) @ (X @ V),
    lambda: (X @ W) @ (X @ W),
    lambda: ops.tanh(X @ W) * ops.tanh(X @ V),
    lambda: ops.matmul(X @ W, X @ V),
    lambda: sympy.MatMul(X @ W, X @ V),
], ids=["star", "at", "at-self", "tanh-star", "ops.matmul", "sympy.MatMul"])
def test_a_product_of_two_batch_expressions_of_one_shape_is_refused_with_hadamard(build):
    with pytest.raises(ShapeError, match=ENTRYWISE + r".*symopt\.ops\.hadamard\(|" + r"symopt\.ops\.square\("):
        build()


def test_the_refusal_names_both_operands_and_their_shapes():
    with pytest.raises(ShapeError) as raised:
        (X @ W) * (X @ V)
    assert str(raised.value) == (
        "matrix product X*W (shape (m, 3)) @ X*V (shape (m, 3)): inner dimensions 3 and m differ; * and @ of "
        "matrices are the matrix product; for NumPy's entrywise product of two matrices of one shape write "
        "symopt.ops.hadamard(X*W, X*V).")


def test_the_sigmoid_slope_a_times_one_minus_a_is_refused():
    A = ops.sigmoid(X @ W)
    with pytest.raises(ShapeError, match=ENTRYWISE):
        A * (sympy.OneMatrix(symopt.BATCH, 3) - A)


@pytest.mark.parametrize("name", ["residual", "reconstruction"])
def test_an_expression_times_itself_is_refused_naming_the_square(name):
    """``r * r`` was folded into the MatPow ``(X*w - y)**2`` of an (m, 1) matrix; ``E * E`` trained to a negative
    'mean square' in mini-batches of 4 with 4 features."""
    if name == "residual":
        E = X @ w - y
    else:
        X4, W4 = symopt.Placeholder("X4", (None, 4)), symopt.Variable("W4", 0.0, shape=(4, 2))
        E = X4 @ W4 @ W4.T - X4
    with pytest.raises(ShapeError, match=r"entrywise square E \* E write symopt\.ops\.square\("):
        E * E
    with pytest.raises(ShapeError, match="matrix power"):
        sympy.MatPow(E, 2)


def test_products_of_expressions_whose_sizes_differ_are_refused_with_the_symopt_error():
    with pytest.raises(ShapeError, match=r"X\*W \(shape \(m, 3\)\) @ tanh\(X\*V2\) \(shape \(m, 2\)\)"):
        (X @ W) @ ops.tanh(X @ V2)
    with pytest.raises(ShapeError, match=r"inner dimensions 2 and m differ"):
        (X @ V2) @ (X @ W)


def test_hadamard_of_an_expression_and_its_transpose_is_refused():
    with pytest.raises(ShapeError, match=r"ops\.hadamard: factor 2, .* \(shape \(3, m\)\), and factor 1, .*"
                                         r"\(shape \(m, 3\)\), differ in shape"):
        ops.hadamard(X @ W, (X @ W).T)


def test_the_silent_three_example_case_can_no_longer_be_trained():
    """At m == 3 the old product computed sum((X@W) @ (X@V)) and minimize trained on it."""
    with pytest.raises(ShapeError):
        symopt.minimize(ops.sum((X @ W) * (X @ V)), {W: np.eye(3), V: np.eye(3)},
                        data={X: RNG.normal(size=(3, 3))}, steps=2)


def test_valid_products_of_expressions_keep_their_values():
    Xd, Wd, Vd, V2d = (RNG.normal(size=s) for s in ((5, 3), (3, 3), (3, 3), (3, 2)))
    feed = {X: Xd, W: Wd, V: Vd, V2: V2d}
    cases = [
        ((X @ W).T @ (X @ V), (Xd @ Wd).T @ (Xd @ Vd)),
        ((X @ W) * V2, Xd @ Wd @ V2d),
        (ops.matmul(X.T, X @ W, V2), Xd.T @ Xd @ Wd @ V2d),
        ((W @ V) * (W @ V), np.linalg.matrix_power(Wd @ Vd, 2)),
        (ops.hadamard(X @ W, X @ V), (Xd @ Wd) * (Xd @ Vd)),
        (ops.square(X @ w - y), (Xd @ np.ones((3, 1)) - 1.0) ** 2),
    ]
    feed.update({w: np.ones((3, 1)), y: np.ones((5, 1))})
    for expression, expected in cases:
        np.testing.assert_allclose(np.asarray(symopt.evaluate(expression, feed), dtype=float), expected, rtol=1e-12)


def test_the_gradient_of_a_valid_expression_product_matches_central_differences():
    Xd, Wd, V2d = RNG.normal(size=(6, 3)), RNG.normal(size=(3, 3)), RNG.normal(size=(3, 2))
    J = ops.sum(ops.tanh((X @ W).T @ (X @ V2)))
    f = symopt.compile(J, [W, V2])
    value, (gW, gV2) = f(W=Wd, V2=V2d, X=Xd)
    np.testing.assert_allclose(value, np.sum(np.tanh((Xd @ Wd).T @ (Xd @ V2d))), rtol=1e-12)
    step = 1e-6
    for index in np.ndindex(3, 3):
        plus, minus = Wd.copy(), Wd.copy()
        plus[index] += step
        minus[index] -= step
        numeric = (f(W=plus, V2=V2d, X=Xd)[0] - f(W=minus, V2=V2d, X=Xd)[0]) / (2 * step)
        assert abs(numeric - gW[index]) < 1e-6


def test_two_sizes_of_the_users_own_are_left_to_sympy():
    # SymPy allows A (n x n) times B (m x m) for two symbols that may be equal; symopt's check must not change plain
    # SymPy code once a symopt symbol exists (final31: it was refused, and n was called the batch size)
    n, k = sympy.symbols("n k", integer=True, positive=True)
    product = sympy.MatrixSymbol("A", n, n) * sympy.MatrixSymbol("B", k, k)
    assert product.shape == (n, k)
    with pytest.raises(ShapeError):  # the batch size against a number is still refused
        sympy.MatMul(symopt.Placeholder("Xu", (None, 3)), symopt.Placeholder("Zu", (None, 3)))

"""Common mistakes are caught where they are written, with a symopt error that shows the fix."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError, SymoptError, UnsupportedOperationError
from symopt.operators import dimension

X = symopt.Placeholder("X", (None, 3))
W = symopt.Variable("W", np.ones((3, 1)))
V = symopt.Variable("V", np.ones((2, 1)))
b = symopt.Variable("b", np.zeros((1, 1)))


@pytest.mark.parametrize("build", [lambda: X @ W + 1, lambda: 1 + X @ W, lambda: X @ W - 2.5,
                                   lambda: 3 - X @ W, lambda: W + 1, lambda: 1 - W])
def test_scalar_plus_matrix_names_the_broadcasting_fix(build):
    with pytest.raises(ShapeError, match="no implicit broadcasting.*ops.bias_add.*OneMatrix"):
        build()


def test_shapes_that_differ_in_a_sum_suggest_bias_add():
    with pytest.raises(ShapeError, match=r"shapes differ.*bias_add"):
        (X @ W) + V


@pytest.mark.parametrize("build", [lambda: sum(X @ W), lambda: list(X), lambda: [e for e in ops.tanh(X @ W)]])
def test_builtin_iteration_of_a_batch_matrix_is_refused_at_once(build):
    with pytest.raises(UnsupportedOperationError, match="symopt.ops.sum"):
        build()


def test_iterating_a_matrix_of_known_shape_still_gives_its_entries():
    assert list(W) == [W[0, 0], W[1, 0], W[2, 0]]
    assert sum(W) == W[0, 0] + W[1, 0] + W[2, 0]
    assert list(sympy.ImmutableMatrix([[1, 2]])) == [1, 2]


@pytest.mark.parametrize("call, name", [(lambda: np.sum(X @ W), "numpy"), (lambda: np.asarray(X @ W), "numpy"),
                                        (lambda: np.exp(W), "numpy.exp"), (lambda: np.sum(W), "numpy.sum"),
                                        (lambda: np.mean(X), "numpy.mean")])
def test_numpy_functions_on_symbolic_matrices_are_symopt_errors(call, name):
    with pytest.raises(UnsupportedOperationError, match=f"{name}.*symopt.ops"):
        call()


@pytest.mark.parametrize("build", [lambda: X @ W + sympy.Matrix([[1]]),
                                   lambda: X @ np.ones((3, 1))])
def test_explicit_matrices_where_a_symbol_is_expected(build):
    with pytest.raises(UnsupportedOperationError, match="symopt.Placeholder|symopt.Variable"):
        build()


def test_an_explicit_matrix_factor_is_one_constant_factor():
    """``X @ sympy.Matrix(...)`` is a product with a constant matrix (printed once as an array), not expanded."""
    product = X @ sympy.Matrix([[1], [2], [3]])
    assert isinstance(product, sympy.MatMul) and product.shape == (X.shape[0], 1)
    data = np.arange(6.0).reshape(2, 3)
    assert symopt.evaluate(symopt.ops.sum(product), {X: data}) == float(np.sum(data @ [[1], [2], [3]]))


def test_batch_dimension_mismatch_is_caught_when_written():
    with pytest.raises(ShapeError, match=r"W \(shape \(3, 1\)\) @ X \(shape \(m, 3\)\).*data comes first"):
        W @ X


def test_inner_dimension_mismatch_names_both_shapes():
    with pytest.raises(ShapeError, match=r"X \(shape \(m, 3\)\) @ V \(shape \(2, 1\)\): inner dimensions 3 and 2"):
        X @ V
    with pytest.raises(ShapeError, match=r"inner dimensions 1 and 2"):
        ops.tanh(X @ W) @ V  # the left operand is SymPy's expression: the symbol's operators still answer


def test_products_are_the_same_sympy_nodes_as_before():
    assert X @ W == sympy.MatMul(X, W)
    assert X * W == X @ W
    assert (X @ W).T @ X == sympy.MatMul(W.T, X.T, X)  # SymPy distributes .T; the product stays flat
    assert 2 * W == sympy.MatMul(2, W) and W * 2 == 2 * W
    assert isinstance(X @ W @ b, sympy.MatMul) and len((X @ W @ b).args) == 3


def test_every_error_is_a_symopt_error():
    for build in (lambda: X @ W + 1, lambda: sum(X @ W), lambda: W @ X, lambda: np.sum(X @ W)):
        with pytest.raises(SymoptError):
            build()


def test_dimension_walks_one_chain():
    deep = X
    layers = [symopt.Variable(f"L{k}", np.ones((3, 3))) for k in range(300)]
    for layer in layers:
        deep = ops.tanh(deep @ layer)  # SymPy's own .shape recurses through all 300 layers
    assert dimension(deep, 1) == 3 and dimension(deep, 0) == symopt.BATCH
    assert dimension((X @ W).T, 0) == 1


def test_building_a_deep_network_does_work_linear_in_depth(monkeypatch):
    from symopt import matrix_checks
    calls = []
    original = matrix_checks.dimension

    def counting(matrix, axis):
        calls.append(matrix)
        return original(matrix, axis)

    monkeypatch.setattr(matrix_checks, "dimension", counting)  # where check_product looks it up
    hidden = X
    for k in range(200):
        hidden = ops.tanh(hidden @ symopt.Variable(f"H{k}", np.ones((3, 3))))
    assert 200 <= len(calls) <= 4 * 200  # counted: one check per product at least; the product's check, and SymPy's shape of it (now dimension too): O(1) each


def test_a_sympy_matrix_of_symbols_is_not_an_initial_value():
    w1, w2 = sympy.symbols("w1 w2", real=True)
    with pytest.raises(symopt.errors.ConfigurationError, match="one symbol for a whole array"):
        symopt.Variable("W", sympy.Matrix([[w1], [w2]]))
    assert symopt.Variable("W", sympy.Matrix([[1], [2]])).init.tolist() == [[1.0], [2.0]]


def test_square_products_of_symopt_matrices_stay_products_with_gradients():
    S = symopt.Variable("S", np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert isinstance(S @ S, sympy.MatMul)  # SymPy's own @ folds S*S into MatPow, which has no rule
    value, gradient = symopt.compile(ops.sum(S @ S @ S), S)(S=S.init)
    assert value == (S.init @ S.init @ S.init).sum()
    ones = np.ones((2, 2))
    a = S.init
    expected = ones @ (a @ a).T + a.T @ ones @ a.T + (a @ a).T @ ones  # d/dS sum(S S S)
    np.testing.assert_allclose(gradient, expected, rtol=1e-12)


def test_power_of_a_matrix_is_a_product_or_the_elementwise_fix():
    S = symopt.Variable("S", np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert S ** 3 == S @ S @ S
    assert symopt.compile(ops.sum(S ** 2), S)(S=S.init)[0] == (S.init @ S.init).sum()
    with pytest.raises(ShapeError, match=r"ops.square\(W\)"):
        W ** 2
    with pytest.raises(ShapeError, match="positive integer"):
        S ** sympy.Rational(1, 2)


# ---- u-probe U3: relu written as sympy.Max of a matrix; arrays handed to ops.hadamard

def test_max_or_min_of_a_matrix_names_the_elementwise_spelling():
    X = symopt.Placeholder("X_u3", (None, 3))
    W = symopt.Variable("W_u3", 0.0, shape=(3, 1))
    with pytest.raises(ShapeError, match=r"symopt.ops.relu\(z\) for Max\(0, z\)"):
        ops.sum(sympy.Max(0, X @ W))
    with pytest.raises(ShapeError, match=r"sympy.Min of the matrix .*z.applyfunc\(lambda v: sympy.Min\(v, c\)\)"):
        sympy.Min(X @ W, 0)
    assert sympy.Max(0, W[0, 0]).func is sympy.Max and sympy.Max(1, 2, 3) == 3  # scalars as before
    bounded = ops.sum((X @ W).applyfunc(lambda v: sympy.Max(v, 0.5)))  # the spelling the message gives works
    value, gradient = symopt.compile(bounded, W)({W: np.ones((3, 1)), X: np.array([[1.0, -2.0, 0.3], [0, 0, 0.1]])})
    assert value == pytest.approx(0.5 + 0.5) and gradient.tolist() == [[0.0], [0.0], [0.0]]


@pytest.mark.parametrize("array", [np.array([[1.0], [2.0], [3.0]]), [[1.0], [2.0], [3.0]]])
def test_hadamard_with_an_array_asks_for_a_placeholder(array):
    W = symopt.Variable("W_u3h", 0.0, shape=(3, 1))
    with pytest.raises(UnsupportedOperationError, match=r"operand 2 is a .* of shape \(3, 1\).*symopt.Placeholder"):
        ops.hadamard(W, array)
    with pytest.raises(ShapeError, match="scale with"):
        ops.hadamard(W, 2)
    mask = ops.hadamard(W, sympy.Matrix([[1], [0], [3]]))  # an explicit constant matrix stays accepted
    _, gradient = symopt.compile(ops.sum(mask), W)({W: np.ones((3, 1))})
    assert gradient.tolist() == [[1.0], [0.0], [3.0]]


@pytest.mark.parametrize("spelling, fix", [
    (lambda z: sympy.E ** z, r"symopt.ops.exp\(z\) for e \*\* z"), (lambda z: 2 ** z, r"applyfunc\(lambda v: 2 \*\* v\)"),
    (lambda z: 1 / z, r"1 \* symopt.ops.power\(z, -1\)"), (lambda z: abs(z), r"symopt.ops.abs\(z\)"),
])
def test_entrywise_power_reciprocal_and_abs_of_a_matrix_name_the_fix(spelling, fix):
    """u-probe U14: SymPy raised a bare NotImplementedError for these."""
    X = symopt.Placeholder("X_u14", (None, 2))
    W = symopt.Variable("W_u14", 0.0, shape=(2, 1))
    with pytest.raises(ShapeError, match=fix):
        spelling(X @ W)
    assert abs(sympy.Matrix([[-2]])) == sympy.Matrix([[2]])  # explicit matrices keep SymPy's meaning


def test_a_softmax_over_the_batch_dimension_is_refused_and_axis_0_matches_jax_layout():
    """u-probe U5: in the course's layout (examples as columns) the default axis=-1 normalised over the examples and
    divided by the class count, silently; it is refused, naming axis=0, whose value is the classes' softmax."""
    X = symopt.Placeholder("X_u5", (2, None))
    Y = symopt.Placeholder("Y_u5", (3, None))
    W = symopt.Variable("W_u5", np.array([[0.5, -1.0], [0.2, 0.3], [-0.4, 0.8]]))
    Z = W @ X
    for build in (lambda: ops.softmax_cross_entropy(Z, Y), lambda: ops.softmax(Z), lambda: ops.log_softmax(Z)):
        with pytest.raises(ShapeError, match=r"batch dimension m, the examples, not over the 3 classes.*pass axis=0"):
            build()
    x = np.array([[1.0, -2.0, 0.5, 0.0], [0.3, 0.1, -1.0, 2.0]])
    y = np.eye(3)[:, [0, 2, 1, 2]]
    z = W.init @ x
    log_p = z - np.log(np.exp(z).sum(axis=0, keepdims=True))  # hand NumPy: classes down the rows
    value = symopt.evaluate(ops.softmax_cross_entropy(Z, Y, axis=0), {X: x, Y: y})
    assert value == pytest.approx(-(y * log_p).sum() / 4, rel=1e-12)
    square = symopt.Placeholder("S_u5", (None, None))  # (m, m) similarities: both axes are the batch, allowed
    assert ops.softmax(square).shape == square.shape
    assert ops.softmax(Z, axis=1).shape == Z.shape  # a softmax over the examples, asked for by name
    scores = symopt.Placeholder("scores_u5", (None, 1))  # one column of scores: nothing else to normalise over
    assert ops.log_softmax(scores).shape == scores.shape

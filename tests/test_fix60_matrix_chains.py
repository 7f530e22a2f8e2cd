"""probe60 P60-1, P60-5, P60-9, review final42a F42a-3, -5, -7, -9, -13: a printed matrix chain is grouped in the
order reverse mode and TF1 form it, and never forms a Gram matrix.

SymPy flattens ``X.T @ (X @ W)`` (the adjoint of ``||XW||^2 / 2``), a forward ``(x @ W1) @ W2`` and a user's
``X @ (W @ v)`` into one chain; folded left to right it was ``(X.T @ X) @ W``; grouped by cost alone
``x @ (W1 @ W2)``: inf, NaN and lost digits where the grouping that reverse mode, TF1 and NumPy by hand use is
exact.  Oracles: mpmath at 50 digits, hand NumPy in the right order, TF 2.21 ``tf.compat.v1`` literals.
"""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.matrix_chains import chain_factors, chain_order, cheapest_order, formation_order, gram_products


def _least_squares_energy():
    X = symopt.Placeholder("X", shape=(None, 2))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    return X, W, ops.sum(ops.square(X @ W)) / 2


def test_the_gradient_of_a_squared_product_does_not_overflow_through_the_gram_matrix():
    X, W, cost = _least_squares_energy()
    f = symopt.compile(cost, W, inputs=[X])
    value, gradient = f(W=np.array([[1e-200], [0.0]]), X=np.array([[1e160, 1.0]]))
    # mpmath, 50 digits: X.T @ (X @ W) = [1e120, 1e-40], cost 5e-81 (the Gram product X.T @ X overflowed: inf)
    np.testing.assert_allclose(gradient.ravel(), [1e120, 1e-40], rtol=1e-15)
    np.testing.assert_allclose(value, 5e-81, rtol=1e-15)
    assert "X.T @ (X @ W)" in f.source


def test_the_gradient_keeps_every_digit_where_the_residual_cancels():
    X, W, cost = _least_squares_energy()
    f = symopt.compile(cost, W, inputs=[X])
    _, gradient = f(W=np.array([[1.0], [-1.0]]), X=np.array([[1e8, 1e8 + 1]]))
    # X @ W = -1 exactly, so the exact gradient is -X.T: [-1e8, -100000001] (the Gram order gave [-1e8, -1e8])
    assert gradient.ravel().tolist() == [-1e8, -100000001.0]


def test_the_float32_gradient_on_unnormalized_collinear_features_has_the_right_direction():
    rng = np.random.default_rng(0)
    data = rng.normal(size=(1000, 2)) * [1e6, 1.0]
    data[:, 1] = data[:, 0] * (1 + 1e-7) + rng.normal(size=1000) * 1e-3
    data = data.astype(np.float32)
    X, W, cost = _least_squares_energy()
    f = symopt.compile(cost, W, inputs=[X], dtype="float32")
    w = np.array([[1.0], [-1.0]], np.float32)
    _, gradient = f(W=w, X=data)
    exact = data.astype(np.float64).T @ (data.astype(np.float64) @ w)  # float64 of the same float32 data
    # about 1e-8 relative apart; the Gram order gave [-6.7e7, -2.0e8] for [-1.00018e8, -1.00018e8]
    np.testing.assert_allclose(gradient, exact, rtol=1e-5)


def test_a_chain_without_a_gram_product_keeps_the_left_fold():
    # X @ W @ v is computed (X @ W) @ v, as Python reads it (review final42f F42f-1 showed regrouping by cost
    # changes TF1's digits and makes NaN of overflows TF1 avoids); the user's X @ (W @ v) keeps its parentheses
    # (probe60 P60-5: tests/test_fix43a_grouped_products.py)
    n = 32
    X = symopt.Placeholder("X", shape=(None, n))
    W = symopt.Placeholder("W", shape=(n, n))
    v = symopt.Variable("v", 0.0, shape=(n, 1))
    f = symopt.compile(ops.mean(ops.square(X @ W @ v)), v, inputs=[X, W])
    assert "X @ W @ v" in f.source


def test_the_least_squares_hessian_vector_product_never_forms_the_n_by_n_matrix():
    m, n = 5, 40
    X = symopt.Placeholder("X", shape=(None, n))
    y = symopt.Placeholder("y", shape=(None, 1))
    th = symopt.Variable("th", np.zeros(n))
    product = symopt.hvp(ops.mean(ops.square(X @ th - y)), th)
    assert "X.T @ (X @ u_v_th)" in product.source and "X.T @ X" not in product.source
    rng = np.random.default_rng(1)
    data, v = rng.normal(size=(m, n)), rng.normal(size=n)
    result = product(v, {X: data, y: rng.normal(size=(m, 1)), th: np.zeros(n)})
    np.testing.assert_allclose(np.ravel(result), (2 / m) * (data.T @ (data @ v)), rtol=1e-12)  # hand NumPy


def test_compat_l2_loss_gradient_matches_tf1_where_the_gram_matrix_overflows():
    import symopt.compat.v1 as tf
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(np.array([[1.0], [-1.0]], np.float32))
    loss = tf.nn.l2_loss(tf.matmul(x, W))
    gradient = tf.gradients(loss, [W])[0]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value, slope = session.run([loss, gradient], {x: [[1e20, 1e20], [3e3, 3e3 + 1]]})
    # TF 2.21 tf.compat.v1 (graph mode, float32): 0.5, [[-3000.], [-3001.]]; the Gram order gave [nan, nan]
    assert value == np.float32(0.5)
    assert slope.ravel().tolist() == [-3000.0, -3001.0]


def test_the_cheapest_order_is_the_matrix_chain_programmes_and_avoids_gram_products():
    # (10 x 100)(100 x 5)(5 x 50): (AB)C costs 5000 + 2500, A(BC) 25000 + 50000
    assert cheapest_order([(10, 100), (100, 5), (5, 50)]) == ((0, 1), 2)
    assert cheapest_order([(100, 10), (10, 100), (100, 1)]) == (0, (1, 2))
    # A.T A B with A.T A cheaper is still A.T (A B); where every order forms a Gram product (A.T A A.T A),
    # the fewest, then the fewest multiply-adds, then the left fold
    assert cheapest_order([(2, 9), (9, 2), (2, 2)], frozenset({(0, 1)})) == (0, (1, 2))
    assert cheapest_order([(2, 9), (9, 2), (2, 9), (9, 2)], frozenset({(0, 1), (1, 2), (2, 3), (0, 3)})) == \
        (((0, 1), 2), 3)


def _matrices(**shapes):
    return {name: sympy.MatrixSymbol(name, *shape) for name, shape in shapes.items()}


def test_a_gram_product_of_sub_chains_is_seen_not_only_a_neighbouring_pair():
    M = _matrices(X=(symopt.BATCH, 2), A=(2, 2), W=(2, 3))
    X, A, W = M["X"], M["A"], M["W"]
    # A.T X.T X A W: halves mirrored around X.T X, and around (A.T X.T)(X A)
    assert gram_products([A.T, X.T, X, A, W]) == frozenset({(1, 2), (0, 3)})
    assert gram_products([X.T, X]) == frozenset()  # the whole product: nothing to avoid


def test_the_chain_is_grouped_in_its_formation_order():
    M = _matrices(X=(symopt.BATCH, 2), A=(2, 2), W=(2, 3), W1=(2, 3), W2=(3, 1))
    X, A, W, W1, W2 = (M[name] for name in ("X", "A", "W", "W1", "W2"))
    # leading transposes right to left around the rest, the rest folded left to right
    assert formation_order([A.T, X.T, X, A, W]) == (0, (1, ((2, 3), 4)))
    assert chain_order(chain_factors([A.T, X.T, X, A, W])) == (0, (1, ((2, 3), 4)))
    # no Gram product: the left fold, the forward pass's order, even where x @ (W1 @ W2) would be cheaper
    assert chain_order(chain_factors([X, W1, W2])) == ((0, 1), 2)


def test_the_gradient_of_a_transformed_product_does_not_form_the_hidden_gram_matrix():
    X = symopt.Placeholder("X", shape=(None, 2))
    A = symopt.Placeholder("A", shape=(2, 2))
    W = symopt.Variable("W", 0.0, shape=(2, 3))
    f = symopt.compile(ops.sum(ops.square(X @ A @ W)) / 2, W, inputs=[X, A])
    weights = np.tile([[1.0], [-1.0]], (1, 3))
    _, gradient = f(W=weights, X=np.array([[1e8, 1e8 + 1]]), A=np.eye(2))
    # X @ A @ W = -1 exactly, so the exact gradient's columns are -A.T X.T: [-1e8, -100000001]
    # ((A.T X.T)(X A) W gave [-1e8, -1e8])
    assert gradient[:, 0].tolist() == [-1e8, -100000001.0]
    weights = np.zeros((2, 3))
    weights[0] = 1e-200
    _, gradient = f(W=weights, X=np.array([[1e160, 1.0]]), A=np.eye(2))
    # mpmath, 50 digits: A.T X.T (X A W) = [1e120, 1e-40] per column (the Gram order gave [nan, 1e-40])
    np.testing.assert_allclose(gradient[:, 0], [1e120, 1e-40], rtol=1e-15)
    assert "A.T @ (X.T @ (X @ A @ W))" in f.source


@pytest.mark.parametrize("width", [3, 20])  # review final42f F42f-1: 20 was regrouped by a cost switch
def test_compat_nested_matmul_keeps_tf1s_order_and_stays_finite(width):
    import symopt.compat.v1 as tf
    x = tf.placeholder(tf.float64, [None, 2])
    first, second = np.zeros((2, width)), np.zeros((width, 1))
    first[:, 0], first[0, 1], second[:3, 0] = 1e200, 1.0, [1e200, 1.0, 1.0]
    W1, W2 = tf.Variable(first), tf.Variable(second)
    loss = tf.reduce_mean(tf.square(tf.matmul(tf.matmul(x, W1), W2)))
    gradient = tf.gradients(loss, [W2])[0]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        value, slope = session.run([loss, gradient], {x: np.array([[1.0, -1.0]])})
    # TF 2.21 tf.compat.v1 (graph mode, float64): 1.0, [0, 2, 0] at width 3 (x @ (W1 @ W2) gave nan); by hand
    # x @ W1 = e_2 (the 1e200 columns cancel), so the loss is 1 and dW2 = 2 (x @ W1).T = [0, 2, 0, ...]
    assert value == 1.0
    assert slope.ravel().tolist() == [0.0, 2.0] + [0.0] * (width - 2)


def test_a_product_left_of_matmul_is_printed_without_parentheses():
    X = symopt.Placeholder("X", shape=(None, 4))
    W = symopt.Variable("W", 0.0, shape=(4, 3))
    f = symopt.compile(ops.sum(ops.square(X @ W @ W.T)), W, inputs=[X])
    assert "X @ W @ W.T" in f.source and "(X @ W) @" not in f.source  # @ is left-associative


def test_raw_sympy_product_of_neighbouring_all_ones_matrices_is_computed():
    W = symopt.Variable("W", 0.0, shape=(3, 3))
    f = symopt.compile(ops.sum(ops.square(sympy.MatMul(W, sympy.OneMatrix(3, 2), sympy.OneMatrix(2, 3), W))), W)
    weights = np.arange(9.0).reshape(3, 3) - 4
    value, gradient = f(W=weights)
    product = weights @ np.ones((3, 2)) @ np.ones((2, 3)) @ weights  # hand NumPy, exact in integers
    assert value == (product ** 2).sum()
    ones = np.ones((3, 3))
    np.testing.assert_allclose(gradient, 2 * (2 * product @ weights.T @ ones.T + 2 * ones.T @ weights.T @ product),
                               rtol=1e-15)


def test_a_sum_over_rows_comes_before_a_product_with_a_weight():
    X = symopt.Placeholder("X", shape=(None, 3))
    W = symopt.Variable("W", 0.0, shape=(3, 2))
    f = symopt.compile(ops.sum(ops.square(sympy.OneMatrix(1, symopt.BATCH) @ X @ W @ W.T)), W, inputs=[X])
    assert "X.sum(axis=0, keepdims=True)" in f.source and "X @" not in f.source  # no (m, 2) product summed afterwards
    data, weights = np.arange(12.0).reshape(4, 3), np.arange(6.0).reshape(3, 2)
    value, gradient = f(W=weights, X=data)
    total = data.sum(axis=0, keepdims=True)  # hand NumPy, exact in integers: r = s W W.T, dJ/dW = 2 (s.T r W + r.T s W)
    row = total @ weights @ weights.T
    assert value == (row ** 2).sum()
    assert gradient.tolist() == (2 * (total.T @ (row @ weights) + row.T @ (total @ weights))).tolist()


def test_a_row_sum_of_a_product_sums_the_weight_first():
    X = symopt.Placeholder("X", shape=(None, 3))
    A = symopt.Placeholder("A", shape=(3, 3))
    W = symopt.Variable("W", 0.0, shape=(3, 4))
    f = symopt.compile(ops.sum(ops.square(ops.sum(X @ A @ W, axis=1))), W, inputs=[X, A])  # X @ (A @ W): as grouped
    assert "X @ (A @ W.sum(axis=1, keepdims=True))" in f.source  # not the (m, 4) product summed
    data, transform, weights = np.arange(15.0).reshape(5, 3), np.arange(9.0).reshape(3, 3), np.arange(12.0).reshape(3, 4)
    value, _ = f(W=weights, X=data, A=transform)
    assert value == np.sum(np.square((data @ (transform @ weights)).sum(axis=1)))  # hand NumPy, exact in integers


def test_the_jax_printer_groups_chains_the_same_way():
    from symopt.jax_printer import JaxPrinter  # printing needs no JAX installed
    X = sympy.MatrixSymbol("X", symopt.BATCH, 20)
    W = sympy.MatrixSymbol("W", 20, 20)
    v = sympy.MatrixSymbol("v", 20, 1)
    printer = JaxPrinter({X: "X", W: "W", v: "v"})
    assert printer.doprint(X.T @ (X @ v)) == "X.T @ (X @ v)"  # was X.T @ X @ v, the Gram matrix first
    assert printer.doprint(X @ W @ v) == "X @ W @ v"  # no Gram product: the left fold
    assert printer.doprint(X @ (W @ v)) == "X @ (W @ v)"  # the user's grouping (probe60 P60-5)


def test_a_transposed_product_holding_ones_is_not_opened_into_a_number():
    # hypothesis (tests/test_oracle.py) found (1 @ W.T).T @ 1: opened, its row of ones met the chain's column of ones
    W2 = symopt.Variable("W_2x1", 0.0, shape=(2, 1))
    W1 = symopt.Variable("W_1x1", 0.0, shape=(1, 1))
    f = symopt.compile(ops.sum(W2 + sympy.OneMatrix(2, 1) @ W1.T @ W1 @ W1), [W2, W1])
    value, (slope2, slope1) = f(W_2x1=np.array([[1.0], [2.0]]), W_1x1=np.array([[3.0]]))
    assert value == 57.0  # by hand: 1 + 2 + 2 * 3**3
    assert slope2.ravel().tolist() == [1.0, 1.0] and slope1.ravel().tolist() == [54.0]  # 2 * 3 * 3**2

"""probe60 P60-1, P60-5, P60-9: a printed matrix chain is grouped by cost and never forms a Gram matrix.

SymPy flattens ``X.T @ (X @ W)`` (the adjoint of ``||XW||^2 / 2``) and a user's ``X @ (W @ v)`` into one chain;
folded left to right it was ``(X.T @ X) @ W`` / ``(X @ W) @ v``: inf, NaN and lost digits where the grouping
that reverse mode, TF1 and NumPy by hand use is exact.  Oracles: mpmath at 50 digits, hand NumPy in the right
order, TF 2.21 ``tf.compat.v1`` literals.
"""

import numpy as np
import sympy

import symopt
from symopt import ops
from symopt.matrix_chains import chain_order


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


def test_the_users_grouping_of_a_chain_is_kept_where_it_is_the_cheap_one():
    X = symopt.Placeholder("X", shape=(None, 2))
    W = symopt.Placeholder("W", shape=(2, 2))
    v = symopt.Variable("v", 0.0, shape=(2, 1))
    f = symopt.compile(ops.mean(ops.square(X @ (W @ v))), v, inputs=[X, W])
    with np.errstate(over="ignore"):
        value, gradient = f(v=np.array([[0.0], [1.0]]), X=np.array([[1e200, 1.0]]), W=np.diag([1e200, 1.0]))
    # by hand in the written order: W @ v = [0, 1], X @ (W @ v) = 1, so the cost is 1 and the gradient
    # W.T @ (X.T @ (2 r)) = [2e400 -> inf, 2] ((X @ W) @ v was inf * 0 = nan)
    assert value == 1.0
    assert gradient.ravel().tolist() == [np.inf, 2.0]
    assert "X @ (W @ v)" in f.source and "W.T @ (X.T @" in f.source


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


def test_the_chain_order_is_the_cheapest_and_avoids_gram_pairs():
    # (10 x 100)(100 x 5)(5 x 50): (AB)C costs 5000 + 2500, A(BC) 25000 + 50000
    assert chain_order([(10, 100), (100, 5), (5, 50)]) == ((0, 1), 2)
    assert chain_order([(100, 10), (10, 100), (100, 1)]) == (0, (1, 2))
    # A.T A B with A.T A cheaper is still A.T (A B); where every order multiplies a Gram pair first (A.T A A.T A),
    # the fewest such pairs, then the fewest multiply-adds, then the left fold
    assert chain_order([(2, 9), (9, 2), (2, 2)], frozenset({0})) == (0, (1, 2))
    assert chain_order([(2, 9), (9, 2), (2, 9), (9, 2)], frozenset({0, 1, 2})) == (((0, 1), 2), 3)


def test_a_sum_over_rows_comes_before_a_product_with_a_weight():
    X = symopt.Placeholder("X", shape=(None, 3))
    W = symopt.Variable("W", 0.0, shape=(3, 2))
    f = symopt.compile(ops.sum(sympy.OneMatrix(1, symopt.BATCH) @ X @ W @ W.T), W, inputs=[X])
    data, weights = np.arange(12.0).reshape(4, 3), np.arange(6.0).reshape(3, 2)
    value, gradient = f(W=weights, X=data)
    assert value == (data.sum(axis=0) @ weights @ weights.T).sum()  # hand NumPy, exact in integers
    np.testing.assert_allclose(gradient, np.outer(data.sum(axis=0), np.ones(3)) @ weights
                               + np.outer(np.ones(3), data.sum(axis=0)) @ weights)


def test_the_jax_printer_groups_chains_the_same_way():
    from symopt.jax_printer import JaxPrinter  # printing needs no JAX installed
    X = sympy.MatrixSymbol("X", symopt.BATCH, 2)
    W = sympy.MatrixSymbol("W", 2, 2)
    v = sympy.MatrixSymbol("v", 2, 1)
    printer = JaxPrinter({X: "X", W: "W", v: "v"})
    assert printer.doprint(X.T @ (X @ v)) == "X.T @ (X @ v)"  # was X.T @ X @ v, the Gram matrix first
    assert printer.doprint(X @ (W @ v)) == "X @ (W @ v)"


def test_a_transposed_product_holding_ones_is_not_opened_into_a_number():
    # hypothesis (tests/test_oracle.py) found (1 @ W.T).T @ 1: opened, its row of ones met the chain's column of ones
    W2 = symopt.Variable("W_2x1", 0.0, shape=(2, 1))
    W1 = symopt.Variable("W_1x1", 0.0, shape=(1, 1))
    f = symopt.compile(ops.sum(W2 + sympy.OneMatrix(2, 1) @ W1.T @ W1 @ W1), [W2, W1])
    value, (slope2, slope1) = f(W_2x1=np.array([[1.0], [2.0]]), W_1x1=np.array([[3.0]]))
    assert value == 57.0  # by hand: 1 + 2 + 2 * 3**3
    assert slope2.ravel().tolist() == [1.0, 1.0] and slope1.ravel().tolist() == [54.0]  # 2 * 3 * 3**2

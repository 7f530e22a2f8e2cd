"""final43a F43a-1 / F43a-7: the gradient chains around a product the user grouped are multiplied in the adjoint order
reverse mode forms them, not left-folded across the group.

Oracles: TF 2.21 ``tf.compat.v1`` (float64) gives, for mean(square(X @ (W @ v))) with X=[[1e200, 1]],
W=diag(1e200, 1), v=[0, 1], loss 1.0 and slope [[inf], [2.]] (literals below); hand backprop in NumPy,
``W.T @ (X.T @ (X @ (W @ v)))``, gives the same.  The multiply-adds of a grouping are counted by hand
(:math:`(a\\times b)(b\\times c)` costs :math:`abc`).
"""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.grouped_products import GroupedName
from symopt.matrix_chains import chain_order

TF_LOSS, TF_SLOPE = 1.0, [np.inf, 2.0]  # TF 2.21 compat.v1, float64


def test_the_gradient_through_a_group_is_tf1s():
    Xd, Wd, vd = np.array([[1e200, 1.0]]), np.array([[1e200, 0.0], [0.0, 1.0]]), np.array([[0.0], [1.0]])
    X, W = symopt.Placeholder("X", shape=(None, 2)), symopt.Placeholder("W", shape=(2, 2))
    v = symopt.Variable("v", 0.0, shape=(2, 1))
    with np.errstate(over="ignore"):
        hand = 2 * (Wd.T @ (Xd.T @ (Xd @ (Wd @ vd))))
        value, (slope,) = symopt.compile(ops.mean(ops.square(X @ (W @ v))), [v])(v=vd, X=Xd, W=Wd)
    assert np.ravel(hand).tolist() == TF_SLOPE
    assert value == TF_LOSS
    assert np.ravel(slope).tolist() == TF_SLOPE


def _flops(order, shapes):
    """Multiply-adds of a grouping, by hand."""
    if isinstance(order, int):
        return 0, shapes[order]
    (left, (a, b)), (right, (_, c)) = _flops(order[0], shapes), _flops(order[1], shapes)
    return left + right + a * b * c, (a, c)


def test_an_adjoint_chain_around_a_group_takes_matrix_vector_products():
    n, m = 800, 800
    W, X = symopt.Variable("W", 0.0, shape=(n, n)), symopt.Placeholder("X", shape=(m, n))
    v, t0 = symopt.Variable("v", 0.0, shape=(n, 1)), GroupedName("t0", n, n)
    factors = [W, X.T, X, t0, v, v.T]  # the gradient W @ X.T @ X @ (W.T W) @ v @ v.T of |X (W.T W) v|^2
    shapes = [tuple(map(int, f.shape)) for f in factors]
    order = chain_order(factors)
    flops = _flops(order, shapes)[0]
    left_fold = (((((0, 1), 2), 3), 4), 5)
    assert flops <= 4 * n * m + 2 * n * n  # matrix-vector products and one outer product, by hand
    assert _flops(left_fold, shapes)[0] > 100 * flops


def test_the_users_own_product_around_a_group_keeps_pythons_order():
    X, W = symopt.Placeholder("X", shape=(None, 3)), symopt.Variable("W", 0.0, shape=(3, 3))
    v = symopt.Variable("v", 0.0, shape=(3, 1))
    source = symopt.compile(ops.sum(ops.square(X @ (W.T @ W) @ v)), [W, v]).source
    assert "((X @ t0 @ v)**2).sum()" in source  # (X @ (W.T @ W)) @ v, as NumPy reads it
    assert "X @ t0 @ v @ v.T" not in source and "W @ X.T @ X" not in source  # no left fold through the group
    rng = np.random.default_rng(1)
    Xd, Wd, vd = rng.normal(size=(5, 3)), rng.normal(size=(3, 3)), rng.normal(size=(3, 1))
    _, (gW, gv) = symopt.compile(ops.sum(ops.square(X @ (W.T @ W) @ v)), [W, v])(W=Wd, v=vd, X=Xd)
    r = 2 * (Xd @ ((Wd.T @ Wd) @ vd))  # hand backprop
    g = Xd.T @ r @ vd.T  # the gradient of W.T W
    assert np.allclose(gv, (Wd.T @ Wd).T @ (Xd.T @ r), rtol=1e-12)
    assert np.allclose(gW, Wd @ g + Wd @ g.T, rtol=1e-12)

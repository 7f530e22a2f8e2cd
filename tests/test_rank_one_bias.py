"""``ops.bias_add`` with a bias declared NumPy-style, rank 1 (probe20 P20-8): on a square z it added the vector per
row of z (the column reading) where NumPy's ``z + b`` adds it per column; on the row layout it was refused naming a
shape (3, 1) the user never wrote."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError

RNG = np.random.default_rng(0)


def test_a_square_z_is_refused_naming_both_declarations():
    U, V = symopt.Variable("U", 0.0, shape=(4, 2)), symopt.Variable("V", 0.0, shape=(4, 2))
    item_bias = symopt.Variable("bi", np.zeros(4))
    with pytest.raises(ShapeError, match=r"bi was declared with the rank-1 shape \(4,\) and z = U\*V\.T \(shape "
                                         r"\(4, 4\)\) is square.*shape \(1, 4\) for a bias added to every row "
                                         r"\(NumPy's z \+ b\), or \(4, 1\)"):
        ops.bias_add(U @ V.T, item_bias)


def test_the_row_layout_adds_a_rank_one_bias_to_every_row_as_numpy_does():
    X = symopt.Placeholder("X", (None, 3))
    W, b = symopt.Variable("W", 0.0, shape=(3, 3)), symopt.Variable("b", np.zeros(3))
    Xd, Wd, bd = RNG.normal(size=(5, 3)), RNG.normal(size=(3, 3)), RNG.normal(size=3)
    value, (gradient_W, gradient_b) = symopt.compile(ops.mean(ops.square(ops.bias_add(X @ W, b))), [W, b])(
        W=Wd, b=bd, X=Xd)
    residual = Xd @ Wd + bd  # NumPy's broadcasting: b along the last axis
    np.testing.assert_allclose(value, np.mean(residual ** 2), rtol=1e-13)
    np.testing.assert_allclose(gradient_b, 2 * residual.sum(axis=0) / residual.size, rtol=1e-13)
    assert gradient_b.shape == (3,)
    np.testing.assert_allclose(gradient_W, 2 * Xd.T @ residual / residual.size, rtol=1e-13)


def test_examples_as_columns_keep_the_column_reading():
    X = symopt.Placeholder("X", (4, None))
    W, b = symopt.Variable("W", 0.0, shape=(3, 4)), symopt.Variable("b", np.zeros(3))
    Xd, Wd, bd = RNG.normal(size=(4, 6)), RNG.normal(size=(3, 4)), RNG.normal(size=3)
    np.testing.assert_allclose(symopt.evaluate(ops.bias_add(W @ X, b), {X: Xd, W: Wd, b: bd}),
                               Wd @ Xd + bd[:, None], rtol=1e-13)


def test_a_z_with_no_axis_of_the_bias_length_is_refused():
    X = symopt.Placeholder("X", (None, 3))
    W, b = symopt.Variable("W", 0.0, shape=(3, 2)), symopt.Variable("b", np.zeros(3))
    with pytest.raises(ShapeError, match=r"has no axis of length 3"):
        ops.bias_add(X @ W, b)


@pytest.mark.parametrize("declared", [(1,), (1, 1)])
@pytest.mark.parametrize("layout", ["rows", "columns", "fixed"])
def test_a_bias_of_one_entry_is_added_to_every_entry_as_numpy_does(declared, layout):
    """review10 R10-7: ``Variable("b", 0.0, shape=(1,))`` on z (m, 3) was refused ("no axis of length 1"), where
    NumPy's ``z + b`` adds b to every entry."""
    X = symopt.Placeholder("X", {"rows": (None, 2), "columns": (2, None), "fixed": (4, 2)}[layout])
    W, b = symopt.Variable("W", 0.0, shape=(3, 2)), symopt.Variable("b", 0.0, shape=declared)
    z = X @ W.T if layout != "columns" else W @ X
    Xd = RNG.normal(size=(5, 2) if layout == "rows" else (2, 5) if layout == "columns" else (4, 2))
    Wd, bd = RNG.normal(size=(3, 2)), RNG.normal(size=declared)
    value, (gradient_W, gradient_b) = symopt.compile(ops.mean(ops.square(ops.bias_add(z, b))), [W, b])(
        W=Wd, b=bd, X=Xd)
    plain = Xd @ Wd.T if layout != "columns" else Wd @ Xd
    residual = plain + bd  # NumPy's broadcasting: one entry to every entry
    np.testing.assert_allclose(value, np.mean(residual ** 2), rtol=1e-13)
    np.testing.assert_allclose(gradient_b, np.full(declared, 2 * residual.sum() / residual.size), rtol=1e-13)
    assert gradient_b.shape == declared
    product = Xd.T @ residual if layout != "columns" else residual @ Xd.T
    np.testing.assert_allclose(gradient_W, 2 * (product.T if layout != "columns" else product) / residual.size,
                               rtol=1e-12)

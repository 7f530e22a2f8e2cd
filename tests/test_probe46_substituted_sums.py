"""probe46 P46-2: a substitution (``xreplace``/``subs``, Theano's ``givens``) that put a fixed-size input beside a
batch input escaped the sum's shape check: SymPy's ``MatAdd`` compared only integer sizes, ``evaluate`` broadcast
(54.0 at 1 row, 6x the mean; a bare NumPy ValueError at 8 rows) and ``compile`` blamed a product never written.  The
rebuilt sum is now checked where the cost enters ``evaluate``, ``compile``, ``grad`` and ``minimize``: a ShapeError naming
both shapes.  (Not at the substitution itself: SymPy's constructors also build symopt's own nodes and the TF1 layer's,
which pair m with 1, or a ``[None]`` size with a number as TF1's static shapes do.)"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError


def _model():
    X = symopt.Placeholder("X", (None, 3))
    y = symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    return X, y, W


EXPECTED = (r"-y6 \(shape \(6, 1\)\) \+ X\*W \(shape \(m, 1\)\): the shapes differ; every operand of \+ needs one "
            r"shape. A substitution \(cost.subs\(y, y6\), cost.xreplace\(\{y: y6\}\)\) must put in a symbol of the "
            r"shape of the one it replaces")


ENTRIES = {
    "evaluate": lambda cost, X, W: symopt.evaluate(cost, {X: np.ones((1, 3)), "y6": np.zeros((6, 1)), W: np.ones((3, 1))}),
    "compile": lambda cost, X, W: symopt.compile(cost, W),
    "grad": lambda cost, X, W: symopt.grad(cost, W),
    "minimize": lambda cost, X, W: symopt.minimize(cost, W, data={X: np.ones((6, 3)), "y6": np.zeros((6, 1))}, steps=1),
}


@pytest.mark.parametrize("entry", sorted(ENTRIES))
@pytest.mark.parametrize("substitute", [lambda c, old, new: c.xreplace({old: new}), lambda c, old, new: c.subs(old, new)])
def test_a_fixed_size_input_beside_a_batch_input_is_refused(substitute, entry):
    X, y, W = _model()
    cost = substitute(ops.mean(ops.square(X @ W - y)), y, symopt.Placeholder("y6", (6, 1)))
    with pytest.raises(ShapeError, match=EXPECTED):  # evaluate gave 54.0 at 1 row (6x the mean, broadcast)
        ENTRIES[entry](cost, X, W)


def test_a_batch_input_beside_fixed_rows_is_refused():
    X, y, W = _model()
    cost = ops.mean(ops.square(X @ W - y)).xreplace({X: symopt.Placeholder("Xf", (6, 3))})
    with pytest.raises(ShapeError, match=r"^-y \(shape \(m, 1\)\) \+ Xf\*W \(shape \(6, 1\)\): the shapes differ"):
        symopt.compile(cost, W)


def test_an_entrywise_product_rebuilt_by_a_substitution_is_checked():
    X, y, W = _model()
    product = ops.hadamard(X @ W, y).xreplace({y: symopt.Placeholder("y6", (6, 1))})
    with pytest.raises(ShapeError, match=r"∘ y6 \(shape \(6, 1\)\): the shapes differ"):
        symopt.evaluate(product, {X: np.ones((6, 3)), "y6": np.ones((6, 1)), W: np.ones((3, 1))})


def test_a_substitution_of_the_same_shape_still_evaluates():
    X, y, W = _model()
    y2 = symopt.Placeholder("y2", (None, 1))
    cost = ops.mean(ops.square(X @ W - y)).xreplace({y: y2})
    rng = np.random.default_rng(1)
    Xd, yd, Wd = rng.normal(size=(5, 3)), rng.normal(size=(5, 1)), rng.normal(size=(3, 1))
    assert np.isclose(symopt.evaluate(cost, {X: Xd, y2: yd, W: Wd}), np.mean((Xd @ Wd - yd) ** 2), rtol=1e-14)


def test_sizes_of_the_users_own_are_left_to_sympy():
    n, k = sympy.symbols("n k", integer=True, positive=True)
    A, B = sympy.MatrixSymbol("A", n, 1), sympy.MatrixSymbol("B", k, 1)
    assert isinstance(sympy.MatAdd(A, B), sympy.MatAdd)  # n and k may be equal


@pytest.mark.parametrize("new", [lambda: symopt.Placeholder("y1", (1, 1)), lambda: sympy.ImmutableMatrix([[1.0]] * 6)])
def test_a_one_row_label_or_an_explicit_matrix_beside_the_batch_is_refused(new):
    """final39b F39b-2: a (1, 1) label beside (m, 1) broadcast (9.0); an explicit matrix's Python-int sizes skipped the
    check (12.0 at 1 row)."""
    X, y, W = _model()
    cost = ops.mean(ops.square(X @ W - y)).xreplace({y: new()})
    with pytest.raises(ShapeError, match=r"X\*W \(shape \(m, 1\)\): the shapes differ"):
        symopt.evaluate(cost, {X: np.ones((1, 3)), W: np.ones((3, 1)), "y1": [[0.0]]})


def test_substituting_every_size_at_once_still_evaluates():
    """final39b F39b-4: ``subs`` replaces one pair at a time; only the finished cost is checked."""
    X, y, W = _model()
    X6, y6 = symopt.Placeholder("X6", (6, 3)), symopt.Placeholder("y6", (6, 1))
    cost = ops.mean(ops.square(X @ W - y)).subs({X: X6, y: y6, symopt.BATCH: 6})
    assert symopt.evaluate(cost, {X6: np.ones((6, 3)), y6: np.zeros((6, 1)), W: np.ones((3, 1))}) == 9.0

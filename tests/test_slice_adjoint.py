r"""The adjoint rule of SymPy's ``MatrixSlice`` (``A[r0:r1:rs, c0:c1:cs]``): :math:`\bar A = R^\top \bar Y C^\top`,
against central differences (``test_gradients.check_gradient``), ``sympy.diff`` of the cost written out entry by
entry, and on the JAX backend."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError
from symopt.nodes import ElementSum

from test_gradients import check_gradient

X = symopt.Placeholder("X", (None, 4))
W = symopt.Variable("W", 0.0, shape=(4, 3))
S = symopt.Variable("S", 0.0, shape=(4, 6))
RNG = np.random.default_rng(11)
DATA = {X: RNG.normal(size=(5, 4))}
VALUES = {W: RNG.normal(size=(4, 3)), S: RNG.normal(size=(4, 6))}

COSTS = {
    "rows": ops.sum(ops.square(W[1:3, :])),
    "one row, transposed": ops.sum(ops.sigmoid(W[3:, :].T)),
    "columns of a batch": ops.sum(ops.hadamard((X * W)[:, :1], ops.tanh((X * W)[:, 2:]))),
    "steps": ops.sum(ops.square(S[0:4:2, 0:6:3])) + ops.sum(ops.tanh(S[1:, ::2] * W[:2, :].T)),
}


@pytest.mark.parametrize("name", COSTS)
def test_slice_gradients_match_central_differences(name):
    cost = COSTS[name]
    check_gradient(cost, {sym: VALUES[sym] for sym in (W, S) if cost.has(sym)}, DATA)


@pytest.mark.parametrize("name", ["rows", "one row, transposed", "steps"])
def test_slice_gradients_match_sympy_diff_of_the_entries(name):
    cost = COSTS[name]
    symbols = [sym for sym in (W, S) if cost.has(sym)]
    entries = {sym: sympy.Matrix(*sym.shape, lambda i, j, n=sym.name: sympy.Symbol(f"{n}_{i}_{j}", real=True))
               for sym in symbols}
    explicit = {sym: sympy.ImmutableMatrix(entries[sym]) for sym in symbols}
    at = {entries[sym][i, j]: sympy.Float(VALUES[sym][i, j], 30) for sym in symbols
          for i, j in np.ndindex(*sym.shape)}
    written_out = cost.xreplace(explicit).replace(lambda node: isinstance(node, ElementSum),
                                                  lambda node: sum(node.args[0].as_explicit()))
    for symbol, gradient in zip(symbols, symopt.grad(cost, symbols)):
        ours = gradient.xreplace(explicit).as_explicit().subs(at)
        for i, j in np.ndindex(*symbol.shape):
            reference = sympy.diff(written_out, entries[symbol][i, j]).subs(at)
            assert float(ours[i, j]) == pytest.approx(float(reference), rel=1e-12, abs=1e-12), (name, symbol, i, j)


def test_slice_gradients_agree_on_the_jax_backend():
    pytest.importorskip("jax")
    cost = COSTS["columns of a batch"] + COSTS["steps"]
    values = {**VALUES, **DATA}
    numpy_value, numpy_gradients = symopt.compile(cost, [W, S], dtype="float32")(values)
    jax_value, jax_gradients = symopt.compile(cost, [W, S], dtype="float32", backend="jax")(values)
    assert float(jax_value) == pytest.approx(float(numpy_value), rel=1e-5)
    for ours, theirs in zip(jax_gradients, numpy_gradients):
        np.testing.assert_allclose(np.asarray(ours), theirs, rtol=1e-5, atol=1e-6)
        assert np.count_nonzero(theirs) > 0


def test_part_of_a_batch_axis_has_no_gradient_and_says_so():
    with pytest.raises(UnsupportedOperationError, match=r"no derivative through the slice .* \(the batch size\)"):
        symopt.grad(ops.sum(ops.square((X * W)[:1, :])), W)


def test_a_slice_of_the_batch_keeps_the_values_of_the_entries_it_picks():
    """A slice reads the picked entries only: a nan elsewhere in the data stays out of them (no 0 * nan)."""
    x = DATA[X].copy()
    x[:, 3] = np.nan
    value, (gradient,) = symopt.compile(ops.sum(ops.square(X[:, :2] * W[:2, :])), [W], dtype="float64")(
        {W: VALUES[W], X: x})
    expected = x[:, :2] @ VALUES[W][:2]
    assert value == pytest.approx((expected ** 2).sum(), rel=1e-12)
    np.testing.assert_allclose(gradient[:2], 2 * x[:, :2].T @ expected, rtol=1e-12)
    assert np.all(gradient[2:] == 0)


def test_the_scatter_prints_as_a_placement_into_zeros_never_an_identity():
    """R^T V C^T is ``place(V, shape, rows, cols)`` (a sum of them ``placed_sum``): memory linear in the parent's size (an ``eye(k, n)`` block was
    k x n: 1.6 GB for the gradient of ``v[1:]`` of 20 000 entries)."""
    cost = ops.sum(ops.square(W[1:3, :])) + ops.sum(ops.sigmoid((X * W)[:, 1:]))
    function = symopt.compile(cost, [W], dtype="float64")
    # (...) I[:, 1:]^T + I[1:3, :]^T (2 W[1:3, :]), added into one array (probe72 P72-3)
    assert "placed_sum((4, 3), (X.T @ ((1 - t0)*t0), None, (1, 3, 1)), (2*t1, (1, 3, 1), None))" in function.source
    assert "eye(" not in function.source
    check_gradient(cost, {W: VALUES[W]}, DATA)

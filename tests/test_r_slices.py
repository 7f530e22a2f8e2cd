"""Slices of symbolic matrices count, bound and differentiate as NumPy slices (probe P14).

SymPy 1.14's ``MatrixSlice`` counted ``A[::2, :]`` of 3 rows as 1 row (NumPy: 2), so means, shape checks,
gradients and training steps were off; the oracle here is NumPy's own slicing of the same array.
"""

import itertools

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import IndexingError, ShapeError

RNG = np.random.default_rng(0)
A_DATA = RNG.normal(size=(5, 4))
BOUNDS = [None, 0, 1, 2, -1, -3, 4, 7, -9]
STEPS = [None, 1, 2, 3, 4]
ROW_SLICES = [slice(*bounds) for bounds in itertools.product(BOUNDS, BOUNDS, STEPS)
              if A_DATA[slice(*bounds)].size]


def _mean_square_and_gradient(data, rows, cols):
    """NumPy's mean((A[rows, cols])²) and its gradient 2 A[rows, cols] / count scattered into zeros."""
    picked = data[rows, cols]
    gradient = np.zeros_like(data)
    gradient[rows, cols] = 2 * picked / picked.size
    return (picked ** 2).mean(), gradient


def test_sweep_of_row_and_column_slices_matches_numpys_shape_value_and_gradient():
    A = symopt.Variable("A", A_DATA, shape=(5, 4))
    checked = 0
    for rows, cols in itertools.product(ROW_SLICES, [slice(None), slice(None, None, 3), slice(1, None, 2),
                                                     slice(-3, 9, 2)]):
        picked = A[rows, cols]
        assert tuple(int(d) for d in picked.shape) == A_DATA[rows, cols].shape, (rows, cols)
        value, gradient = symopt.compile(ops.mean(ops.square(picked)), A)(A=A_DATA)
        expected_value, expected_gradient = _mean_square_and_gradient(A_DATA, rows, cols)
        np.testing.assert_allclose(value, expected_value, rtol=1e-12, err_msg=str((rows, cols)))
        np.testing.assert_allclose(gradient, expected_gradient, rtol=1e-12, atol=1e-15, err_msg=str((rows, cols)))
        checked += 1
    assert checked == 4 * len(ROW_SLICES) > 600


def test_the_probes_three_row_vector_trains_as_numpy_slices_it():
    data = np.array([[1.0], [2.0], [3.0]])
    v = symopt.Variable("v", data, shape=(3, 1))
    assert v[::2, :].shape == (2, 1) and v[::2].shape == (2, 1)
    assert float(symopt.evaluate(ops.mean(v[::2, :]), {})) == 2.0
    cost = ops.mean(ops.square(v[::2, :]))
    value, gradient = symopt.compile(cost, v)(v=data)
    assert value == 5.0 and gradient.tolist() == [[1.0], [0.0], [3.0]]
    assert symopt.evaluate(symopt.grad(cost, v), {}).tolist() == [[1.0], [0.0], [3.0]]
    stepped = symopt.minimize(cost, v, steps=1, optimizer=symopt.GradientDescent(np.float64(0.1)))[v]
    np.testing.assert_allclose(stepped.ravel(), [0.9, 2.0, 2.7], rtol=1e-15)
    assert "J = p/2" in str(symopt.derive(cost, v))  # the mean divides by NumPy's count
    u = symopt.Variable("u", np.array([[1.0], [1.0]]))
    assert symopt.evaluate(v[::2, :] - u, {}).tolist() == [[0.0], [2.0]]  # was ShapeError "(1, 1) - (2, 1)"


def test_jax_backend_takes_the_same_slices():
    pytest.importorskip("jax")
    A = symopt.Variable("A", A_DATA, shape=(5, 4))
    for rows, cols in [(slice(None, None, 2), slice(None)), (slice(0, 2, 3), slice(None, None, 3)),
                       (slice(-3, None, 2), slice(1, None, 2))]:
        value, gradient = symopt.compile(ops.mean(ops.square(A[rows, cols])), A, backend="jax")(A=A_DATA)
        expected_value, expected_gradient = _mean_square_and_gradient(A_DATA, rows, cols)
        # JAX computes in float32 unless x64 is enabled: float32's digits
        np.testing.assert_allclose(float(value), expected_value, rtol=1e-6)
        np.testing.assert_allclose(np.asarray(gradient), expected_gradient, rtol=1e-6, atol=1e-7)


def test_rows_of_the_batch_are_counted_with_ceiling():
    X = symopt.Placeholder("X", (None, 4))
    W_data = RNG.normal(size=(4, 2))
    W = symopt.Variable("W", W_data, shape=(4, 2))
    m = symopt.BATCH
    assert (X @ W)[::2, :].shape == (sympy.ceiling(m / 2), 2)
    assert X[:, ::3].shape == (m, 2)
    for examples in (4, 5):
        X_data = RNG.normal(size=(examples, 4))
        for rows in (slice(None, None, 2), slice(1, None, 2), slice(None, None, 3), slice(None, -1, 2)):
            expected = ((X_data @ W_data)[rows] ** 2).mean()
            got = float(symopt.evaluate(ops.mean(ops.square((X @ W)[rows, :])), {X: X_data}))
            np.testing.assert_allclose(got, expected, rtol=1e-12, err_msg=f"{rows} of {examples}")


def test_columns_of_data_with_a_step_differentiate_as_numpy():
    X = symopt.Placeholder("X", (None, 4))
    W_data = RNG.normal(size=(4, 3))
    W = symopt.Variable("W", W_data, shape=(4, 3))
    X_data = RNG.normal(size=(6, 4))
    for cols in (slice(None, None, 3), slice(1, None, 2), slice(0, 3, 2)):
        cost = ops.mean(ops.square(X[:, cols] @ W[cols, :]))
        value, gradient = symopt.compile(cost, W)(W=W_data, X=X_data)
        residual = X_data[:, cols] @ W_data[cols]
        expected = np.zeros_like(W_data)
        expected[cols] = 2 * X_data[:, cols].T @ residual / residual.size
        np.testing.assert_allclose(value, (residual ** 2).mean(), rtol=1e-12)
        np.testing.assert_allclose(gradient, expected, rtol=1e-12, atol=1e-15)
    w = symopt.Variable("w", 1.0, shape=(1, 1))
    with pytest.raises(ShapeError):  # X[:, ::3] has 2 columns: caught when built, not by NumPy's matmul
        X[:, ::3] @ w


def test_slice_of_a_slice_is_one_slice_of_the_parent():
    A = symopt.Variable("A", A_DATA, shape=(5, 4))
    for outer, inner in [(slice(None, None, 2), slice(0, 3)), (slice(None, None, 2), slice(1, None)),
                         (slice(1, None, 2), slice(None, None, 2)), (slice(None, None, 3), slice(0, 2))]:
        picked = A[outer, :][inner, :]
        expected = A_DATA[outer][inner]
        assert tuple(picked.shape) == expected.shape
        np.testing.assert_array_equal(symopt.evaluate(picked, {}), expected)


def test_bounds_past_either_end_clip_as_numpy():
    A = symopt.Variable("A", A_DATA, shape=(5, 4))
    for rows in (slice(0, 9), slice(-9, 2), slice(3, 99, 2)):
        np.testing.assert_array_equal(symopt.evaluate(A[rows, :], {}), A_DATA[rows])


@pytest.mark.parametrize("build, written", [
    (lambda A, v, X, W: (A @ v)[::-1, :], "(A*v)[::-1, :]"),
    (lambda A, v, X, W: (A + A)[::-1, ::-1], "(2*A)[::-1, ::-1]"),
    (lambda A, v, X, W: (X @ W)[:, ::-1], "(X*W)[:, ::-1]"),
    (lambda A, v, X, W: (A @ A)[2:1, :], "(A*A)[2:1, :]"),
    (lambda A, v, X, W: (A @ A)[5, 1], "(A*A)[5, 1]"),
])
def test_indices_of_expressions_sympy_cannot_take_raise_indexing_error(build, written):
    A = symopt.Variable("A", 0.0, shape=(3, 3))
    v = symopt.Variable("v", 0.0, shape=(3, 1))
    X, W = symopt.Placeholder("X", (None, 3)), symopt.Variable("W", 0.0, shape=(3, 2))
    with pytest.raises(IndexingError) as caught:
        build(A, v, X, W)
    assert str(caught.value).startswith(f"{written}: not an index of the ")
    if "::-1" in written:
        assert "reverse the data in NumPy" in str(caught.value)

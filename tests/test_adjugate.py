"""The determinant's gradient where the matrix is singular (h-probe H3), and the inverse of a singular matrix.

:math:`\\partial \\det A / \\partial A = \\det(A)\\,A^{-\\top} = \\operatorname{adj}(A)^\\top`: the derivation shows
Jacobi's formula, the generated code evaluates the adjugate, a polynomial in the entries, finite where ``inv``
raises (NumPy's ``LinAlgError``) and :math:`0 \\cdot \\infty` is NaN.  The oracle is the cofactor matrix of an explicit
SymPy matrix (``Matrix.adjugate()``), exact, and JAX's ``grad`` of ``det``.  A singular matrix's inverse is NaN,
reported as NumPy reports an invalid value; ``minimize`` names it in a ``DomainError``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import DivergenceError, DomainError

S = symopt.Variable("S", 0.0, shape=(2, 2))
SINGULAR = np.array([[1.0, 2.0], [2.0, 4.0]])


def _cofactor_transpose(values: np.ndarray) -> np.ndarray:
    """:math:`\\operatorname{adj}(A)^\\top` of an explicit SymPy matrix, exactly (the entries are integers here)."""
    return np.array(sympy.Matrix(values.astype(int).tolist()).adjugate().T.tolist(), dtype=float)


def test_the_gradient_of_det_at_a_singular_matrix_is_the_adjugate():
    value, gradient = symopt.compile(sympy.Determinant(S), S)(S=SINGULAR)
    assert value == 0.0
    np.testing.assert_array_equal(gradient, _cofactor_transpose(SINGULAR))  # [[4, -2], [-2, 1]]


@pytest.mark.parametrize("rank", [0, 1, 2])
def test_singular_three_by_three_matrices_of_each_rank(rank):
    rng = np.random.default_rng(rank)
    values = rng.integers(-3, 4, (3, rank)) @ rng.integers(-3, 4, (rank, 3)) if rank else np.zeros((3, 3))
    T = symopt.Variable("T", 0.0, shape=(3, 3))
    _, gradient = symopt.compile(sympy.Determinant(T), T)(T=values.astype(float))
    np.testing.assert_allclose(gradient, _cofactor_transpose(values), atol=1e-12 * max(1, np.abs(values).max() ** 2))


def test_a_power_of_det_keeps_the_rest_of_its_coefficient():
    _, gradient = symopt.compile(sympy.Determinant(S) ** 2, S)(S=SINGULAR)
    np.testing.assert_array_equal(gradient, np.zeros((2, 2)))  # 2 det(S) adj(S)ᵀ
    _, gradient = symopt.compile((sympy.Determinant(S) - 1) ** 2, S)(S=SINGULAR)
    np.testing.assert_array_equal(gradient, -2 * _cofactor_transpose(SINGULAR))


def test_a_one_by_one_determinant_at_zero_has_gradient_one():
    x = symopt.Variable("x", 0.0, shape=(1, 1))
    assert symopt.compile(sympy.Determinant(x), x)(x=np.zeros((1, 1)))[1].tolist() == [[1.0]]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_at_an_invertible_matrix_the_adjugate_is_det_times_the_inverse(dtype):
    rng = np.random.default_rng(4)
    values = rng.normal(size=(4, 4)).astype(dtype)
    U = symopt.Variable("U", 0.0, shape=(4, 4))
    _, gradient = symopt.compile(sympy.Determinant(U), U, dtype=dtype)(U=values)
    assert gradient.dtype == dtype
    exact = np.linalg.det(values.astype(float)) * np.linalg.inv(values.astype(float)).T
    tolerance = {"float32": 1e-4, "float64": 1e-12}[dtype]
    np.testing.assert_allclose(gradient, exact, rtol=tolerance, atol=tolerance * np.abs(exact).max())


def test_the_generated_code_and_the_derivation():
    assert symopt.compile(sympy.Determinant(S), S).source == (
        "def value_and_grad(S):\n    return numpy.linalg.det(S), (adjugate(S).T,)\n")
    assert symopt.compile(sympy.log(sympy.Determinant(S)), S).source == (
        "def value_and_grad(S):\n    return numpy.log(numpy.linalg.det(S)), (inverse(S).T,)\n")
    gradient = symopt.grad(sympy.Determinant(S), S)  # the symbolic gradient stays Jacobi's formula
    assert gradient == sympy.MatMul(sympy.Determinant(S), sympy.Transpose(sympy.MatPow(S, -1)))


def test_training_from_a_singular_start_moves_det_towards_its_target():
    result = symopt.minimize((sympy.Determinant(S) - 1) ** 2, {S: SINGULAR}, optimizer=symopt.GradientDescent(0.01),
                             steps=50)
    assert 0.0 < np.linalg.det(result[S]) <= 1.0
    assert result.history[0] == 1.0 and result.history[-1] < 0.01


def test_the_inverse_of_a_singular_matrix_is_nan_as_numpy_reports_an_invalid_value():
    f = symopt.compile(sympy.Trace(S ** -1), S)
    assert "inverse(S)" in f.source
    with pytest.warns(RuntimeWarning, match="inverse"):
        value, gradient = f(S=SINGULAR)
    assert np.isnan(value) and np.isnan(gradient).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(invalid="ignore"):
            assert np.isnan(f(S=SINGULAR)[0])
        with np.errstate(invalid="raise"), pytest.raises(FloatingPointError, match="singular"):
            f(S=SINGULAR)


def test_minimize_names_a_singular_inverse_and_log_det_at_a_singular_start_diverges():
    with pytest.raises(DomainError, match=r"invalid value in inverse \(a singular matrix\).*t0 = inverse\(S\)"):
        symopt.minimize(sympy.Trace(S ** -1), {S: SINGULAR}, steps=3)
    with pytest.raises(DivergenceError, match="step 0: the cost became -inf"):
        symopt.minimize(-sympy.log(sympy.Determinant(S)) * -1, {S: SINGULAR}, steps=3)


def test_the_jax_backend_agrees_at_a_singular_matrix():
    jax = pytest.importorskip("jax")
    f = symopt.compile(sympy.Determinant(S), S, backend="jax")
    np.testing.assert_allclose(np.asarray(f(S=SINGULAR.astype(np.float32))[1]), _cofactor_transpose(SINGULAR),
                               atol=1e-5)
    expected = jax.grad(lambda a: jax.numpy.linalg.det(a))(jax.numpy.asarray(SINGULAR, dtype=np.float32))
    np.testing.assert_allclose(np.asarray(expected), _cofactor_transpose(SINGULAR), atol=1e-5)

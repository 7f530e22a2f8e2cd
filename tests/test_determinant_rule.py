"""The determinant's derivative rule (Jacobi's formula): :math:`y = \\det A`,
:math:`\\bar A = \\bar y\\, y\\, A^{-\\top}`; checked against central differences, ``sympy.diff`` of an explicit
matrix's determinant, and JAX; printed as a blackboard writes it."""

import numpy as np
import pytest
import sympy

import symopt
from central_differences import central_difference
from symopt.display.notation import text

rng = np.random.default_rng(11)
N = 3
VALUES = {"A": rng.normal(size=(N, N)), "B": rng.normal(size=(N, N)) + 3 * np.eye(N), "C": rng.normal(size=(N, N))}
A = symopt.Variable("A_det", VALUES["A"], shape=(N, N))
B = symopt.Variable("B_det", VALUES["B"], shape=(N, N))
C = symopt.Placeholder("C_det", (N, N))

COSTS = {
    "det(B)": (sympy.Determinant(B), lambda a, b, c: np.linalg.det(b)),
    "log det(B)": (sympy.log(sympy.det(B)), lambda a, b, c: np.log(np.linalg.det(b))),
    "det(AB + C)": (sympy.Determinant(A @ B + C), lambda a, b, c: np.linalg.det(a @ b + c)),
    "det(B)² tr(A)": (sympy.Determinant(B) ** 2 * sympy.Trace(A),
                      lambda a, b, c: np.linalg.det(b) ** 2 * np.trace(a)),
}


def _feed(cost):
    return {s: VALUES[key] for s, key in ((A, "A"), (B, "B"), (C, "C")) if cost.has(s)}


@pytest.mark.parametrize("name", sorted(COSTS))
def test_the_determinant_rule_against_central_differences(name):
    cost, numpy_cost = COSTS[name]
    wrt = [p for p in (A, B) if cost.has(p)]
    value, gradients = symopt.compile(cost, wrt)(_feed(cost))
    values = [VALUES["A"], VALUES["B"], VALUES["C"]]
    assert value == pytest.approx(numpy_cost(*values), rel=1e-12)
    for parameter, gradient in zip(wrt, gradients):
        expected = central_difference(numpy_cost, values, 0 if parameter is A else 1)
        np.testing.assert_allclose(gradient, expected, rtol=1e-6, atol=1e-7)


def test_the_determinant_rule_against_sympy_diff_of_the_explicit_determinant():
    entries = sympy.Matrix(N, N, lambda i, j: sympy.Symbol(f"b{i}{j}"))
    at = {entries[i, j]: VALUES["B"][i, j] for i in range(N) for j in range(N)}
    expected = np.array([[float(sympy.diff(entries.det(), entries[i, j]).subs(at)) for j in range(N)]
                         for i in range(N)])
    _, gradient = symopt.compile(sympy.Determinant(B), B)({B: VALUES["B"]})
    np.testing.assert_allclose(gradient, expected, rtol=1e-12, atol=1e-12)


def test_the_determinant_rule_against_jax_and_on_the_jax_backend():
    jax = pytest.importorskip("jax")
    jnp = jax.numpy
    cost = sympy.Determinant(A @ B + C)
    feed = {s: v.astype(np.float32) for s, v in _feed(cost).items()}
    expected = jax.grad(lambda a, b, c: jnp.linalg.det(a @ b + c), argnums=(0, 1))(
        *(jnp.asarray(VALUES[k], jnp.float32) for k in "ABC"))
    for backend in ("numpy", "jax"):
        _, gradients = symopt.compile(cost, [A, B], dtype="float32", backend=backend)(feed)
        for gradient, oracle in zip(gradients, expected):
            np.testing.assert_allclose(np.asarray(gradient), np.asarray(oracle), rtol=2e-3, atol=2e-4)


def test_the_generated_code_and_the_printed_gradient():
    Q = symopt.Variable("Q", VALUES["B"], shape=(N, N))
    f = symopt.compile(sympy.log(sympy.Determinant(Q)), Q)
    assert f.source == ("def value_and_grad(Q):\n"
                        "    return numpy.log(numpy.linalg.det(Q)), (inverse(Q).T,)\n")
    assert text(sympy.Determinant(Q)) == "det(Q)"
    assert str(symopt.derive(sympy.log(sympy.Determinant(Q)), Q)).splitlines()[-1] == "  dJ/dQ = (Qᵀ)⁻¹"


def test_the_maximum_likelihood_precision_matrix():
    """Minimizing :math:`-\\log\\det S + \\mathrm{tr}(S\\,\\Sigma)` over :math:`S = LL^\\top` (symmetric
    positive definite) gives :math:`S = \\Sigma^{-1}`."""
    sigma = np.array([[2.0, 0.3], [0.3, 1.0]])
    L = symopt.Variable("L_det", np.eye(2), shape=(2, 2))
    Sigma = symopt.Placeholder("Sigma_det", (2, 2))
    cost = -sympy.log(sympy.Determinant(L @ L.T)) + sympy.Trace(L @ L.T @ Sigma)
    result = symopt.minimize(cost, L, data={Sigma: sigma}, steps=2000, optimizer=symopt.GradientDescent(0.05))
    np.testing.assert_allclose(result[L] @ result[L].T, np.linalg.inv(sigma), rtol=1e-8)

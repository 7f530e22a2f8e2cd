"""The inverse's derivative rule: :math:`Y = S^{-1}`, :math:`\\bar S = -Y^\\top \\bar Y Y^\\top` (SymPy writes
``Inverse(S)`` as the power ``S**-1``, which had no rule); checked against central differences and JAX."""

import numpy as np
import pytest
import sympy

import symopt
from central_differences import central_difference
from symopt import ops

rng = np.random.default_rng(7)
N = 3
VALUES = {"A": rng.normal(size=(N, N)), "B": rng.normal(size=(N, N)) + 3 * np.eye(N), "C": rng.normal(size=(N, N))}
A = symopt.Variable("A_inv", VALUES["A"], shape=(N, N))
B = symopt.Variable("B_inv", VALUES["B"], shape=(N, N))
C = symopt.Placeholder("C_inv", (N, N))

COSTS = {
    "tr(A B^-1)": (sympy.Trace(A @ sympy.Inverse(B)),
                   lambda a, b, c: np.trace(a @ np.linalg.inv(b))),
    "tr((A B)^-1)": (sympy.Trace((A @ B).inverse()),
                     lambda a, b, c: np.trace(np.linalg.inv(a @ b))),
    "sum(B^-1 ∘ C)": (ops.sum(sympy.HadamardProduct(B.inverse(), C)),
                      lambda a, b, c: np.sum(np.linalg.inv(b) * c)),
    "tr(B^-T A)": (sympy.Trace(B.inverse().T @ A),
                   lambda a, b, c: np.trace(np.linalg.inv(b).T @ a)),
}


@pytest.mark.parametrize("name", sorted(COSTS))
def test_the_inverse_rule_against_central_differences(name):
    cost, numpy_cost = COSTS[name]
    wrt = [p for p in (A, B) if cost.has(p)]
    f = symopt.compile(cost, wrt)
    feed = {s: VALUES[key] for s, key in ((A, "A"), (B, "B"), (C, "C")) if cost.has(s)}
    value, gradients = f(feed)
    values = [VALUES["A"], VALUES["B"], VALUES["C"]]
    assert value == pytest.approx(numpy_cost(*values), rel=1e-12)
    for parameter, gradient in zip(wrt, gradients):
        index = 0 if parameter is A else 1
        np.testing.assert_allclose(gradient, central_difference(numpy_cost, values, index), rtol=1e-6, atol=1e-8)


def test_the_inverse_rule_against_jax():
    jax = pytest.importorskip("jax")
    jnp = jax.numpy
    cost, _ = COSTS["tr((A B)^-1)"]
    f = symopt.compile(cost, [A, B], dtype="float32")
    _, (dA, dB) = f({A: VALUES["A"].astype(np.float32), B: VALUES["B"].astype(np.float32)})
    jA, jB = jax.grad(lambda a, b: jnp.trace(jnp.linalg.inv(a @ b)), argnums=(0, 1))(
        jnp.asarray(VALUES["A"], jnp.float32), jnp.asarray(VALUES["B"], jnp.float32))
    np.testing.assert_allclose(dA, np.asarray(jA), rtol=2e-3, atol=2e-4)
    np.testing.assert_allclose(dB, np.asarray(jB), rtol=2e-3, atol=2e-4)


def test_other_negative_powers_are_refused():
    with pytest.raises(symopt.errors.UnsupportedOperationError, match="matrix power"):
        symopt.compile(sympy.Trace(sympy.MatPow(B, -2)), [B])


def test_minus_one_power_of_a_square_variable_is_its_inverse():
    assert isinstance(B ** -1, sympy.Inverse)
    value, gradient = symopt.compile(sympy.Trace(B ** -1), B)({B: VALUES["B"]})
    inverse = np.linalg.inv(VALUES["B"])
    assert value == pytest.approx(np.trace(inverse), rel=1e-12)
    np.testing.assert_allclose(gradient, -(inverse @ inverse).T, rtol=1e-10)  # d tr(B^-1) = -(B^-2)ᵀ

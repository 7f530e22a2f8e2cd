"""final44a F44a-2, F44a-4: a chain that reads a shared prefix (P72-2, :mod:`symopt.chain_prefixes`) changes no
other bits: a scalar sum around it adds its terms in the order the value alone prints them, and a chain that is a
factor of another chain is left as it was (that chain's products, not others).

Oracles: ``symopt.evaluate`` (the value alone: no gradient, so no shared prefix) bit for bit, and hand NumPy
computing the parent's printed products, in float32, on NumPy and (where installed) JAX."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

n = 4
A, b, c = symopt.Placeholder("A", (n, n)), symopt.Placeholder("b", (n, 1)), symopt.Placeholder("c", (n, 1))
x = symopt.Variable("x", 0.0, shape=(n, 1))


def _feeds(count):
    rng = np.random.default_rng(0)
    for _ in range(count):
        feed = {x: rng.normal(size=(n, 1)), A: rng.normal(size=(n, n)), b: rng.normal(size=(n, 1)) * 1e4}
        feed[c] = -feed[b] + rng.normal(size=(n, 1)) * 1e-3  # b + c cancels: the order of the sum shows
        yield feed


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_quadratic_form_among_three_terms_adds_them_as_the_value_alone(backend):
    if backend == "jax":
        pytest.importorskip("jax")
    cost = (x.T @ A @ x)[0, 0] + (b.T @ x)[0, 0] + (c.T @ x)[0, 0]
    f = symopt.compile(cost, [x], dtype="float32", backend=backend)
    xp = np if backend == "numpy" else pytest.importorskip("jax.numpy")
    for feed in _feeds(20):
        value = f(feed)[0]
        xv, Av, bv, cv = (xp.asarray(feed[k], dtype="float32") for k in (x, A, b, c))
        # the order the value alone prints: (b.T @ x) + (c.T @ x) + (x.T @ A @ x)
        np.testing.assert_array_equal(value, (bv.T @ xv)[0, 0] + (cv.T @ xv)[0, 0] + (xv.T @ Av @ xv)[0, 0])
        if backend == "numpy":
            np.testing.assert_array_equal(value, symopt.evaluate(cost, feed, dtype="float32"))


def test_a_chain_that_is_a_factor_of_another_keeps_its_products():
    """The gradient of sum(A B C^T v) is ``Transpose(A B C^T) @ 1``, printed sums first, ``C @ (B.T @ A.T @ 1)``;
    with ``A @ B`` shared with the exp term it became ``C @ t0.T @ 1``: other products."""
    B, C = symopt.Placeholder("B", (5, 5)), symopt.Placeholder("C", (5, 5))
    A5 = symopt.Placeholder("A5", (5, 5))
    v, w = symopt.Variable("v", 0.0, shape=(5, 1)), symopt.Variable("w", 0.0)
    f = symopt.compile(ops.sum(ops.exp(A5 @ B)) * w + ops.sum(A5 @ B @ C.T @ v), [v, w], dtype="float32")
    rng = np.random.default_rng(1)
    for _ in range(20):
        Av, Bv, Cv, vv = (rng.normal(size=s).astype("float32") for s in ((5, 5), (5, 5), (5, 5), (5, 1)))
        _, (gv, _) = f({A5: Av, B: Bv, C: Cv, v: vv, w: 0.5})
        np.testing.assert_array_equal(gv, Cv @ (Bv.T @ Av.T.sum(axis=1, keepdims=True)))  # the parent's products


@pytest.mark.parametrize("backend", ["numpy", "jax"])
@pytest.mark.parametrize("scale", [sympy.Rational(1, 2), sympy.Integer(3)])
def test_a_scaled_quadratic_form_multiplies_x_transposed_by_a_once(scale, backend):
    """F44a-7: with a number in front, the gradient's ``scale*(x.T @ A).T`` counted as a chain holding x.T @ A, so
    the value's ``x.T @ A @ x`` did not share it.  The parent printed ``(x.T @ A @ x)[0, 0]/2 - (b.T @ x)[0, 0]`` and
    ``(1/2)*((x.T @ A).T) + ((1/2)*((A @ x).T)).T - b``: the same products, the same bits (``-b + ...`` for 3*)."""
    xp = np if backend == "numpy" else pytest.importorskip("jax.numpy")
    f = symopt.compile(scale * (x.T @ A @ x)[0, 0] - (b.T @ x)[0, 0], [x], dtype="float32", backend=backend)
    assert f.source.count("x.T @ A") == 1, f.source
    s = float(scale)

    def parent(Av, bv, xv):  # the parent's sums: ... - b for the halved form, -b + ... for 3*
        if s == 0.5:
            return (xv.T @ Av @ xv)[0, 0] / 2 - (bv.T @ xv)[0, 0], s * ((xv.T @ Av).T) + (s * ((Av @ xv).T)).T - bv
        return -(bv.T @ xv)[0, 0] + s * (xv.T @ Av @ xv)[0, 0], -bv + s * ((xv.T @ Av).T) + (s * ((Av @ xv).T)).T

    if backend == "jax":
        from symopt.jax_printer import jit
        parent = jit(parent)
    for feed in _feeds(10):
        del feed[c]
        Av, bv, xv = (xp.asarray(feed[k], dtype="float32") for k in (A, b, x))
        value, (gradient,) = f(feed)
        want_value, want_gradient = parent(Av, bv, xv)
        np.testing.assert_array_equal(np.asarray(value), np.asarray(want_value))
        np.testing.assert_array_equal(np.asarray(gradient), np.asarray(want_gradient))

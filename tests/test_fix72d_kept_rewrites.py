"""final44a F44a-10: the fix72 rewrites that stay (P72-9 ``t1 - y``, P72-8 a bare scalar bias, P72-2 a shared
``x.T @ A``, P72-3 ``placed_sum``) give the parent's bits in float32, on NumPy and JAX, and the value alone
(``symopt.evaluate``) equals the value beside the gradient.

Oracles: hand NumPy (``jax.numpy`` under ``jax.jit`` for JAX) computing the parent's printed expressions, e.g.
``-y + X @ W`` and ``place(a) + place(b)``, operation for operation."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
W, b = symopt.Variable("W", 0.0, shape=(3, 1)), symopt.Variable("b", 0.0)
BACKENDS = ["numpy", "jax"]


def _module(backend):
    return np if backend == "numpy" else pytest.importorskip("jax.numpy")


def _data(xp, *shapes, seed=0):
    rng = np.random.default_rng(seed)
    return [xp.asarray(rng.normal(size=shape).astype("float32") * 10) for shape in shapes]


def _same(got, want):
    np.testing.assert_array_equal(np.asarray(got), np.asarray(want))


def _check(cost, wrt, feed, backend, hand, *arrays):
    """``cost``'s value and gradients against ``hand(xp, *arrays)`` (the parent's program), jitted for JAX."""
    f = symopt.compile(cost, wrt, dtype="float32", backend=backend)
    got_value, got_gradients = f(feed)
    if backend == "jax":
        from symopt.jax_printer import jit
        value, gradients = jit(lambda *a: hand(_module(backend), *a))(*arrays)
    else:
        value, gradients = hand(np, *arrays)
    _same(got_value, value)
    for got, want in zip(got_gradients, gradients):
        _same(got, want)
    if backend == "numpy":  # the value alone: no gradient, none of its shared nodes
        _same(symopt.evaluate(cost, feed, dtype="float32"), got_value)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_residual_with_data_has_the_parents_bits(backend):
    """P72-9: the parent printed ``t1 = X @ W; t1 += -y``."""
    xp = _module(backend)
    Xv, yv, Wv = _data(xp, (7, 3), (7, 1), (3, 1))

    def hand(xp, Xv, yv, Wv):
        t1 = -yv + Xv @ Wv
        return (t1**2).sum() / (2 * 7), [(1 / 7) * (Xv.T @ t1)]
    _check(ops.mean(ops.square(X @ W - y)) / 2, [W], {W: Wv, X: Xv, y: yv}, backend, hand, Xv, yv, Wv)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_scalar_bias_has_the_parents_bits(backend):
    """P72-8: the parent printed ``t1 = -y + b*numpy.ones((m, 1)) + X @ W``."""
    xp = _module(backend)
    Xv, yv, Wv = _data(xp, (9, 3), (9, 1), (3, 1), seed=1)
    bv = xp.float32(0.3)

    def hand(xp, Xv, yv, Wv, bv):
        t1 = -yv + bv * xp.ones((9, 1), dtype="float32") + Xv @ Wv
        return (t1**2).sum() / 9, [(2 * (1 / 9)) * (Xv.T @ t1), ((2 * (1 / 9)) * t1).sum()]
    _check(ops.mean(ops.square(ops.bias_add(X @ W, b) - y)), [W, b], {W: Wv, b: bv, X: Xv, y: yv}, backend, hand,
           Xv, yv, Wv, bv)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_quadratic_form_has_the_parents_bits(backend):
    """P72-2: the parent printed ``(bb.T @ x)[0, 0] + (x.T @ A @ x)[0, 0]`` and ``bb + (x.T @ A).T + A @ x``."""
    xp = _module(backend)
    n = 4
    A, bb = symopt.Placeholder("A", (n, n)), symopt.Placeholder("bb", (n, 1))
    x = symopt.Variable("x", 0.0, shape=(n, 1))
    Av, bv, xv = _data(xp, (n, n), (n, 1), (n, 1), seed=2)

    def hand(xp, Av, bv, xv):
        return (bv.T @ xv)[0, 0] + (xv.T @ Av @ xv)[0, 0], [bv + (xv.T @ Av).T + Av @ xv]
    _check((x.T @ A @ x)[0, 0] + (bb.T @ x)[0, 0], [x], {x: xv, A: Av, bb: bv}, backend, hand, Av, bv, xv)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_gradient_through_two_slices_has_the_parents_bits(backend):
    """P72-3: the parent printed ``place(200*t1, ...) + place(((-200)*t1)*(2*t0) + (-2)*t2, ...)``."""
    xp = _module(backend)
    N = 9
    z = symopt.Variable("z", 0.0, shape=(N, 1))
    cost = ops.sum(100 * ops.square(z[1:, :] - ops.square(z[:-1, :])) + ops.square(sympy.OneMatrix(N - 1, 1) - z[:-1, :]))

    def place(xp, value, rows):  # the parent's runtime place: zeros with the value assigned into its rows
        if xp is np:
            out = np.zeros((N, 1), dtype="float32")
            out[rows] = value
            return out
        return xp.zeros((N, 1), dtype="float32").at[rows].set(value)

    def hand(xp, zv):
        t0 = zv[:N - 1, :]
        t1 = -t0**2 + zv[1:, :]
        t2 = -t0 + 1
        placed = place(xp, 200 * t1, slice(1, N)) + place(xp, ((-200) * t1) * (2 * t0) + (-2) * t2, slice(0, N - 1))
        return (100 * t1**2 + t2**2).sum(), [placed]
    for seed in range(10):
        (zv,) = _data(xp, (N, 1), seed=seed)
        _check(cost, [z], {z: zv}, backend, hand, zv)

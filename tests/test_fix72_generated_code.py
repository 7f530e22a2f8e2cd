"""Generated NumPy code against hand-written NumPy (review probe72): the same numbers, fewer array passes.

Speed is never asserted here: the structure of the source is (no negated copy of the data, one exponential)."""

import numpy as np

import symopt
from symopt import ops


def test_a_difference_with_data_subtracts_in_place_without_a_negated_copy():
    """P72-9: ``X @ W - y`` was printed ``t1 += -y`` (``-y`` a fresh array of the data's size every call)."""
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    f = symopt.compile(ops.mean(ops.square(X @ W - y)) / 2, [W])
    assert "-y" not in f.source.replace(" ", "")
    assert "t1 -= y" in f.source
    rng = np.random.default_rng(0)
    Xv, yv, Wv = rng.normal(size=(7, 3)), rng.normal(size=(7, 1)), rng.normal(size=(3, 1))
    value, (gradient,) = f({W: Wv, X: Xv, y: yv})
    residual = Xv @ Wv - yv  # hand NumPy
    np.testing.assert_allclose(value, 0.5 * np.vdot(residual, residual) / 7, rtol=1e-14)
    np.testing.assert_allclose(gradient, Xv.T @ residual / 7, rtol=1e-14)


def _hand_attention(Xv, Yv, Wq, Wk, Wv):
    """Value and gradients of mean((softmax(X Wq (X Wk)^T) X Wv - Y)^2), written out in NumPy."""
    Q, K, V = Xv @ Wq, Xv @ Wk, Xv @ Wv
    Z = Q @ K.T
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    S = E / E.sum(axis=1, keepdims=True)
    R = S @ V - Yv
    dR = 2 * R / R.size
    dS = dR @ V.T
    dZ = S * (dS - (dS * S).sum(axis=1, keepdims=True))
    return np.mean(R**2), (Xv.T @ (dZ @ K), Xv.T @ (dZ.T @ Q), Xv.T @ (S.T @ dR))


def test_a_softmax_and_its_derivative_share_one_exponential():
    """P72-5: the derivative of the softmax made it again as exp(z - lse) with the sum's terms the other way round
    (``exp(t1 + t2)`` beside ``exp(t2 + t1)``): the T x T exponential was computed twice."""
    T, d = 6, 3
    X, Y = symopt.Placeholder("X", (T, d)), symopt.Placeholder("Y", (T, d))
    Wq, Wk, Wv = (symopt.Variable(name, 0.0, shape=(d, d)) for name in ("Wq", "Wk", "Wv"))
    S = ops.softmax((X @ Wq) @ (X @ Wk).T, axis=1)
    f = symopt.compile(ops.mean(ops.square(S @ (X @ Wv) - Y)), [Wq, Wk, Wv])
    assert f.source.count("exp(") == 1, f.source
    rng = np.random.default_rng(1)
    values = [rng.normal(size=(T, d)), rng.normal(size=(T, d))] + [rng.normal(size=(d, d)) for _ in range(3)]
    value, gradients = f(dict(zip([X, Y, Wq, Wk, Wv], values)))
    hand_value, hand_gradients = _hand_attention(*values)
    np.testing.assert_allclose(value, hand_value, rtol=1e-13)
    for got, want in zip(gradients, hand_gradients):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)

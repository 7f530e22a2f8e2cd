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


def test_gradients_through_two_slices_fill_one_array():
    """P72-3: Rosenbrock on x[1:] and x[:-1] built its gradient as two zero arrays (``place``) and their sum."""
    import sympy
    N = 6
    x = symopt.Variable("x", 0.0, shape=(N, 1))
    cost = ops.sum(100 * ops.square(x[1:, :] - ops.square(x[:-1, :])) + ops.square(sympy.OneMatrix(N - 1, 1) - x[:-1, :]))
    f = symopt.compile(cost, [x])
    assert f.source.count("placed_sum(") == 1 and "place(" not in f.source, f.source
    xv = np.random.default_rng(3).normal(size=(N, 1))
    value, (gradient,) = f({x: xv})
    a, b = xv[:-1, 0], xv[1:, 0]  # hand NumPy Rosenbrock
    hand = np.zeros(N)
    hand[1:] += 200 * (b - a**2)
    hand[:-1] += -400 * a * (b - a**2) - 2 * (1 - a)
    np.testing.assert_allclose(value, np.sum(100 * (b - a**2) ** 2 + (1 - a) ** 2), rtol=1e-14)
    np.testing.assert_allclose(gradient[:, 0], hand, rtol=1e-13)


def test_a_scalar_bias_is_added_as_a_number_not_an_array_of_ones():
    """P72-8 (generated code): ``bias_add(X @ W, b)`` with a scalar b was ``t1 += b*numpy.ones((m, 1))``, an
    m-vector allocated and multiplied every call."""
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", 0.0, shape=(3, 1)), symopt.Variable("b", 0.0)
    f = symopt.compile(ops.mean(ops.square(ops.bias_add(X @ W, b) - y)), [W, b])
    assert "ones" not in f.source, f.source
    rng = np.random.default_rng(4)
    Xv, yv, Wv = rng.normal(size=(9, 3)), rng.normal(size=(9, 1)), rng.normal(size=(3, 1))
    value, (gW, gb) = f({W: Wv, b: 0.25, X: Xv, y: yv})
    residual = Xv @ Wv + 0.25 - yv  # hand NumPy
    np.testing.assert_allclose(value, np.mean(residual**2), rtol=1e-14)
    np.testing.assert_allclose(gW, 2 * Xv.T @ residual / 9, rtol=1e-13)
    np.testing.assert_allclose(gb, 2 * residual.sum() / 9, rtol=1e-13)


def test_a_quadratic_form_multiplies_x_transposed_by_a_once():
    """P72-2: the value x^T A x printed the chain ``x.T @ A @ x`` beside the gradient's ``(x.T @ A).T``: x^T A twice."""
    n = 4
    A, b = symopt.Placeholder("A", (n, n)), symopt.Placeholder("b", (n, 1))
    x = symopt.Variable("x", 0.0, shape=(n, 1))
    f = symopt.compile((x.T @ A @ x)[0, 0] + (b.T @ x)[0, 0], [x])
    assert f.source.count("x.T @ A") == 1, f.source
    rng = np.random.default_rng(5)
    Av, bv, xv = rng.normal(size=(n, n)), rng.normal(size=(n, 1)), rng.normal(size=(n, 1))
    value, (gradient,) = f({x: xv, A: Av, b: bv})
    np.testing.assert_allclose(value, (xv.T @ Av @ xv + bv.T @ xv)[0, 0], rtol=1e-14)  # hand NumPy
    np.testing.assert_allclose(gradient, bv + Av.T @ xv + Av @ xv, rtol=1e-14)

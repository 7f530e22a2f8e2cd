r"""A weight read transposed (``X @ W.T``: PyTorch's ``(out, in)`` layout) gets its gradient as :math:`\Delta^T X`, a
row-major array like the weight, not the column-major view ``(X.T @ D).T``: ``symopt.compile`` hands back C-ordered
gradients and an optimizer's elementwise passes read one layout (TF1's ``MatMul`` gradient with ``transpose_b``)."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.fused import compile_step


def _layer(out: int = 3, features: int = 2):
    X = symopt.Placeholder("X", (None, features))
    Y = symopt.Placeholder("Y", (None, out))
    W = symopt.Variable("W", np.zeros((out, features)))
    return ops.mean(ops.square(ops.tanh(X @ W.T) - Y)), W, X, Y


def _values(out: int = 3, features: int = 2, rows: int = 5):
    rng = np.random.default_rng(0)
    return rng.standard_normal((out, features)) * 0.3, rng.standard_normal((rows, features)), \
        rng.standard_normal((rows, out))


def test_the_gradient_is_printed_as_a_product_with_a_row_major_result():
    cost, W, X, Y = _layer()
    function = symopt.compile(cost, W)
    assert function.source.rstrip().endswith(".T @ X,)")
    w, x, y = _values()
    _, gradient = function(W=w, X=x, Y=y)
    assert gradient.flags.c_contiguous
    z = np.tanh(x @ w.T)  # by hand, as a NumPy user (and TF1's MatMul gradient) writes it: D.T @ X
    delta = (2 / 3) * (1 / 5) * (z - y) * (1 - z ** 2)
    np.testing.assert_allclose(gradient, delta.T @ x, rtol=1e-14)


def test_the_training_step_updates_in_one_layout():
    cost, W, X, Y = _layer()
    step = compile_step(cost, [W], symopt.Adam(0.1), [X, Y], dtype="float64")
    assert "g_W = " in step.step.source and ".T @ X" in step.step.source
    assert not any(line.strip().startswith("g_W = (") and line.rstrip().endswith(").T") for line in step.step.source.splitlines())
    w, x, y = _values()
    result = symopt.minimize(cost, {W: w}, data={X: x, Y: y}, optimizer=symopt.Adam(0.1), steps=3)
    assert result[W].flags.c_contiguous and result.optimizer_state["m_W"].flags.c_contiguous


@pytest.mark.parametrize("batch_size", [None, 2])
def test_a_run_matches_a_hand_written_loop(batch_size):
    cost, W, X, Y = _layer()
    w, x, y = _values(rows=6)
    result = symopt.minimize(cost, {W: w}, data={X: x, Y: y}, optimizer=symopt.GradientDescent(np.float64(0.1)), steps=None,
                             epochs=4, batch_size=batch_size, shuffle=False)
    for _ in range(4):
        for start in range(0, 6, batch_size or 6):
            xb, yb = x[start:start + (batch_size or 6)], y[start:start + (batch_size or 6)]
            z = np.tanh(xb @ w.T)
            delta = (2 / 3) * (1 / len(xb)) * (z - yb) * (1 - z ** 2)
            w = w - (delta.T @ xb) * 0.1
    np.testing.assert_allclose(result[W], w, rtol=1e-13)


def test_a_gradient_given_by_the_caller_keeps_its_form():
    # TF1's apply_gradients hands its own expressions: they are printed as given
    cost, W, X, Y = _layer()
    from symopt.calculus import grad
    given = grad(cost, [W])
    step = compile_step(cost, [W], symopt.GradientDescent(0.1), [X, Y], dtype="float64", gradients=given)
    assert ").T" in step.step.source

"""The JAX backend tells a domain NaN from a divergence as the NumPy backend does: the same ``DomainError``,
found by replaying the deterministic run to the failing step and rerunning the NumPy step there."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.errors import DivergenceError, DomainError  # noqa: E402


def _errors(cost, wrt, **arguments):
    """The error each backend raises for the same run (float32, JAX's default)."""
    raised = []
    for backend in ("numpy", "jax"):
        with pytest.raises((DomainError, DivergenceError)) as caught, np.errstate(all="ignore"):
            symopt.minimize(cost, wrt, backend=backend, dtype="float32", **arguments)
        raised.append(caught.value)
    return raised


def test_a_scalar_cost_that_leaves_its_domain():
    w = symopt.Variable("w_jax_domain", 1.0)
    on_numpy, on_jax = _errors(sympy.log(w), w, optimizer=symopt.GradientDescent(2.0), steps=10)
    assert type(on_jax) is DomainError and str(on_jax) == str(on_numpy)
    assert "log(w_jax_domain) has no real value" in str(on_jax)
    assert on_jax.result.backend == "jax" and not on_jax.result.success


def test_a_matrix_cost_full_batch_and_mini_batches():
    x = symopt.Placeholder("x_jax_domain", (None, 1))
    W = symopt.Variable("W_jax_domain", np.ones((1, 1)), shape=(1, 1))
    cost = ops.mean(ops.log(x @ W))
    for batch_size in (None, 4):
        on_numpy, on_jax = _errors(cost, W, data={x: np.ones((8, 1))}, optimizer=symopt.GradientDescent(4.0),
                                   batch_size=batch_size, epochs=3, seed=0)
        assert type(on_jax) is DomainError and str(on_jax) == str(on_numpy)
        assert "invalid value in log" in str(on_jax)


def test_the_failing_mini_batch_is_the_one_replayed():
    """One negative example, drawn by the last (short) batch of the first epoch with seed 6: the cost is NaN
    there at parameters that are fine, so the replay must rerun that batch's rows to find the culprit."""
    x = symopt.Placeholder("x_jax_rows", (None, 1))
    W = symopt.Variable("W_jax_rows", np.ones((1, 1)), shape=(1, 1))
    cost = ops.mean(ops.log(x @ W))
    data = np.arange(1.0, 13.0).reshape(12, 1)
    arguments = dict(optimizer=symopt.GradientDescent(0.001), batch_size=5, epochs=2, seed=6)
    assert symopt.minimize(cost, W, data={x: data}, backend="jax", **arguments).success  # fine without it
    data[7] = -1.0
    on_numpy, on_jax = _errors(cost, W, data={x: data}, **arguments)
    assert type(on_numpy) is DomainError and type(on_jax) is DomainError
    assert on_jax.result.steps == on_numpy.result.steps == 2  # batches of 5, 5, then 2 holding row 7
    assert str(on_jax) == str(on_numpy)


def test_a_parameter_that_leaves_the_domain_in_a_later_epoch():
    """d/dW mean(log(x W)) = 1/W: with lr 0.3, W goes 1, 0.7, 0.27, then -0.84 at step 3, the first step of the
    second epoch (3 batches an epoch): the replay crosses an epoch."""
    x = symopt.Placeholder("x_jax_epochs", (None, 1))
    W = symopt.Variable("W_jax_epochs", np.ones((1, 1)), shape=(1, 1))
    on_numpy, on_jax = _errors(ops.mean(ops.log(x @ W)), W, data={x: np.arange(1.0, 13.0).reshape(12, 1)},
                               optimizer=symopt.GradientDescent(0.3), batch_size=5, epochs=3, seed=1)
    assert type(on_jax) is DomainError and str(on_jax) == str(on_numpy)
    assert on_jax.result.steps == 3


def test_a_real_divergence_stays_a_divergence():
    w = symopt.Variable("w_jax_diverges", 1.0)
    on_numpy, on_jax = _errors(w ** 4, w, optimizer=symopt.GradientDescent(10.0), steps=50)
    assert type(on_numpy) is DivergenceError and type(on_jax) is DivergenceError

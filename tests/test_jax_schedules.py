"""Every learning-rate schedule runs on the JAX backend with the NumPy backend's numbers: inside ``jax.jit`` the
step is traced, so a schedule's branches print as ``jnp.where`` and its ``min`` / ``max`` as ``jnp.minimum`` /
``jnp.maximum`` (they were Python ``if`` / ``min`` and ``numpy.cos``: a raw TracerBoolConversionError or NameError)."""

import numpy as np
import pytest

import symopt
from symopt import schedules as S

pytest.importorskip("jax")
from symopt.jax_printer import JaxSchedulePrinter  # noqa: E402

SCHEDULES = [S.ExponentialDecay(0.1, 3, 0.5), S.ExponentialDecay(0.1, 3, 0.5, staircase=True),
             S.InverseTimeDecay(0.1, 3, 0.5), S.InverseTimeDecay(0.1, 3, 0.5, staircase=True),
             S.PiecewiseConstant([3, 6], [0.1, 0.05, 0.01]), S.PolynomialDecay(0.1, 10),
             S.PolynomialDecay(0.1, 4, end_learning_rate=0.01, power=2.0, cycle=True), S.CosineDecay(0.1, 8),
             S.CosineDecay(0.1, 8, alpha=0.1), S.Warmup(0.1, 3), S.Warmup(S.CosineDecay(0.1, 8), 3),
             S.Warmup(S.PiecewiseConstant([4], [0.1, 0.02]), 2)]


@pytest.mark.parametrize("schedule", SCHEDULES, ids=repr)
def test_full_batch_on_jax_equals_numpy(schedule):
    w = symopt.Variable("w_schedule", 0.0)
    arguments = dict(optimizer=symopt.Adam(schedule), steps=12)
    numpy_run = symopt.minimize((w - 3) ** 2, w, dtype="float32", **arguments)
    jax_run = symopt.minimize((w - 3) ** 2, w, backend="jax", **arguments)
    assert float(jax_run[w]) == pytest.approx(float(numpy_run[w]), rel=1e-6)
    np.testing.assert_allclose(jax_run.history, numpy_run.history, rtol=1e-5)


@pytest.mark.parametrize("schedule", [SCHEDULES[4], SCHEDULES[10]], ids=repr)
def test_mini_batches_on_jax_equal_numpy(schedule):
    X = symopt.Placeholder("X_schedule", (None, 2))
    y = symopt.Placeholder("y_schedule", (None, 1))
    W = symopt.Variable("W_schedule", np.zeros((2, 1)), shape=(2, 1))
    rng = np.random.default_rng(0)
    features = rng.normal(size=(40, 2))
    data = {X: features, y: features @ np.array([[1.0], [-2.0]])}
    cost = symopt.ops.mean(symopt.ops.square(X @ W - y))
    arguments = dict(data=data, optimizer=symopt.GradientDescent(schedule), batch_size=8, epochs=3, seed=1)
    numpy_run = symopt.minimize(cost, W, dtype="float32", **arguments)
    jax_run = symopt.minimize(cost, W, backend="jax", **arguments)
    np.testing.assert_allclose(np.asarray(jax_run[W]), numpy_run[W], rtol=1e-5)
    np.testing.assert_allclose(jax_run.history, numpy_run.history, rtol=1e-5)


def test_the_printed_schedule_has_no_python_branch():
    text = S.schedule_code(S.Warmup(S.CosineDecay(0.1, 8), 3), "global_step",
                           {name: f"lr_{name}" for name in S.Warmup(S.CosineDecay(0.1, 8), 3).constants()},
                           JaxSchedulePrinter)
    assert text == ("jnp.where(global_step < lr_w, lr_eta_init + ((lr_eta_peak - lr_eta_init)*global_step)/lr_w, "
                    "lr_eta_0*(lr_one_minus_alpha*((1/2)*(1 + jnp.cos(lr_pi_over_s*jnp.minimum(lr_s, global_step - lr_w)"
                    "))) + lr_alpha))")

"""probe30 P30-7: the schedule's step counter global_step counts exactly past 2**24 (it was a float32 scalar that
stopped there, freezing every schedule); optimizer_state["global_step"] is an int; a checkpoint written with the
float32 counter resumes.  The oracle is the schedule's own rate at each step, summed by hand."""

import numpy as np
import pytest

import symopt
from symopt.checkpoint import load_checkpoint, save_checkpoint

BOUNDARY = 2 ** 24 + 50
STEPS = 2 ** 24 + 100


def test_the_counter_passes_two_to_the_24_and_the_boundary_fires():
    w = symopt.Variable("w", 0.0, dtype="float64")
    schedule = symopt.PiecewiseConstant((BOUNDARY,), (0.5, 0.25))
    result = symopt.minimize(-w, w, optimizer=symopt.GradientDescent(schedule), steps=STEPS, dtype="float64")
    # GD on -w adds the rate at each step t = 0 .. STEPS-1: rate 0.5 while t <= BOUNDARY, then 0.25
    expected = 0.5 * (BOUNDARY + 1) + 0.25 * (STEPS - BOUNDARY - 1)
    assert result[w] == expected
    assert result.optimizer_state["global_step"] == STEPS
    assert type(result.optimizer_state["global_step"]) is int


def test_the_counter_is_an_int_and_the_rates_are_unchanged():
    w = symopt.Variable("w", 0.0)
    schedule = symopt.ExponentialDecay(0.1, 10, 0.5)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(schedule), steps=30, trace=True)
    assert result.optimizer_state["global_step"] == 30 and type(result.optimizer_state["global_step"]) is int
    value = 0.0  # hand NumPy: float32 rate, float64 parameter update
    for t in range(30):
        rate = np.float32(0.1) * np.power(np.float32(0.5), np.float32(t) / np.float32(10))
        value = value - float(rate) * 2 * (value - 3)
    assert result[w] == pytest.approx(value, rel=1e-6)
    assert list(result.trace.column("global_step")) == list(range(30))


def test_a_checkpoint_with_a_float32_counter_resumes_counting_exactly(tmp_path):
    w = symopt.Variable("w", 0.0)
    optimizer = symopt.GradientDescent(symopt.ExponentialDecay(0.1, 10, 0.5))
    path = tmp_path / "run.npz"
    symopt.minimize((w - 3) ** 2, w, optimizer=optimizer, steps=20, checkpoint=path)
    stored = load_checkpoint(path)
    assert stored.shared["global_step"].dtype.kind == "i"
    old = type(stored)(**{**vars(stored), "shared": {"global_step": np.float32(20.0)}})  # as written before P30-7
    save_checkpoint(path, old)
    resumed = symopt.minimize((w - 3) ** 2, w, optimizer=optimizer, steps=30, resume_from=path)
    whole = symopt.minimize((w - 3) ** 2, w, optimizer=optimizer, steps=30)
    assert resumed.optimizer_state["global_step"] == 30 and type(resumed.optimizer_state["global_step"]) is int
    assert resumed[w] == whole[w]


def test_the_jax_counter_passes_two_to_the_24():
    pytest.importorskip("jax")
    w = symopt.Variable("w", 0.0)
    schedule = symopt.PiecewiseConstant((BOUNDARY,), (0.5, 0.25))
    result = symopt.minimize(-w, w, optimizer=symopt.GradientDescent(schedule), steps=STEPS, backend="jax")
    assert result.optimizer_state["global_step"] == STEPS
    assert type(result.optimizer_state["global_step"]) is int
    decay = symopt.GradientDescent(symopt.ExponentialDecay(0.1, 10, 0.5))
    short = symopt.minimize((w - 3) ** 2, w, optimizer=decay, steps=30, backend="jax")
    numpy_run = symopt.minimize((w - 3) ** 2, w, optimizer=decay, steps=30, dtype="float32")
    assert short.optimizer_state == numpy_run.optimizer_state == {"global_step": 30}
    assert short[w] == pytest.approx(numpy_run[w], rel=1e-6)  # float32 on both


def test_a_jax_run_past_the_int32_counter_is_refused_before_it_starts():
    jax = pytest.importorskip("jax")
    if jax.config.read("jax_enable_x64"):
        pytest.skip("64-bit JAX counts in int64")
    w = symopt.Variable("w", 0.0)
    with pytest.raises(symopt.errors.BackendError, match=r"2147483648 steps .*int32.*jax_enable_x64"):
        symopt.minimize(-w, w, optimizer=symopt.GradientDescent(symopt.ExponentialDecay(0.1, 10, 0.5)), steps=2 ** 31,
                        backend="jax")

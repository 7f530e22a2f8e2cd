"""probe91 P91-4: a resume compares the optimizer's numbers by the values the run computes with, not as they are
written.  ``Adam(0.1)`` and ``Adam(numpy.float32(0.1))`` train bit for bit alike (TF1 rounds a Python float to float32,
and the float32 0.1 is that value), so each resumes the other's checkpoint; numbers that train differently are still
refused: ``GradientDescent(0.1)`` (float32 first) and ``GradientDescent(numpy.float64(0.1))`` (exact) in a float64
run, and Adagrad initial accumulators that differ in float64 (a slot's initial value is cast directly).

Oracle: hand-written NumPy loops of gradient descent and Adagrad (TF1's kernels) on (w - 5)², and the uninterrupted
run for Adam."""

import numpy as np
import pytest

import symopt
from symopt.errors import CheckpointError

STEPS, INTERRUPTED_AT = 6, 3


def gradient_descent(lr, dtype, steps=STEPS):
    """TF1's gradient descent on (w - 5)² from 0: ``lr`` as the run holds it, every step in ``dtype``."""
    cast = np.dtype(dtype).type
    w, lr = cast(0.0), cast(lr)
    for _ in range(steps):
        w = cast(w - (cast(2) * w - cast(10)) * lr)
    return w


def adagrad(lr, initial, dtype, steps=STEPS):
    """TF1's Adagrad on (w - 5)² from 0, float32 rate, accumulator starting at ``initial`` in ``dtype``."""
    cast = np.dtype(dtype).type
    w, a, lr = cast(0.0), cast(initial), cast(np.float32(lr))
    for _ in range(steps):
        g = cast(2) * w - cast(10)
        a = cast(a + g * g)
        w = cast(w - g * lr * (cast(1) / np.sqrt(a)))
    return w


def interrupted_then_resumed(tmp_path, first, second, dtype):
    """``first`` stopped after :data:`INTERRUPTED_AT` steps with a checkpoint, then ``second`` resuming it."""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    cost, path = (w - 5) ** 2, str(tmp_path / "run.npz")
    symopt.minimize(cost, w, optimizer=first, steps=STEPS, checkpoint=path,
                    callback=lambda step, value, params: step >= INTERRUPTED_AT)
    return symopt.minimize(cost, w, optimizer=second, steps=STEPS, resume_from=path)[w]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_numpy_float32_rate_resumes_the_python_float_run(tmp_path, dtype):
    resumed = interrupted_then_resumed(tmp_path, symopt.GradientDescent(0.1),
                                       symopt.GradientDescent(np.float32(0.1)), dtype)
    assert resumed == gradient_descent(np.float32(0.1), dtype)


def test_a_numpy_float64_rate_resumes_the_python_float_run_in_float32(tmp_path):
    resumed = interrupted_then_resumed(tmp_path, symopt.GradientDescent(np.float64(0.1)),
                                       symopt.GradientDescent(0.1), "float32")
    assert resumed == gradient_descent(0.1, "float32")


def test_rates_that_train_differently_are_still_refused(tmp_path):
    assert gradient_descent(np.float32(0.1), "float64") != gradient_descent(np.float64(0.1), "float64")
    with pytest.raises(CheckpointError, match=r"lr=np.float64\(0.1\)\) \(as a float64 run computes with them: "
                                              r"GradientDescent\(lr=0.10000000149011612\); GradientDescent\(lr=0.1\)"):
        interrupted_then_resumed(tmp_path, symopt.GradientDescent(0.1), symopt.GradientDescent(np.float64(0.1)),
                                 "float64")
    with pytest.raises(CheckpointError, match="this run uses GradientDescent"):
        interrupted_then_resumed(tmp_path, symopt.GradientDescent(0.1), symopt.GradientDescent(0.2), "float32")
    with pytest.raises(CheckpointError, match=r"this run uses Momentum\(lr=0.1, momentum=0.0\)\. Resume"):
        interrupted_then_resumed(tmp_path, symopt.GradientDescent(0.1), symopt.Momentum(0.1, 0.0), "float32")


def test_an_initial_accumulator_is_compared_in_the_run_dtype(tmp_path):
    close = float(np.float32(0.1))  # 0.10000000149011612: float32's 0.1, another float64
    assert adagrad(0.5, 0.1, "float64") != adagrad(0.5, close, "float64")
    with pytest.raises(CheckpointError, match="initial_accumulator_value"):
        interrupted_then_resumed(tmp_path, symopt.Adagrad(0.5, 0.1), symopt.Adagrad(0.5, close), "float64")
    resumed = interrupted_then_resumed(tmp_path, symopt.Adagrad(0.5, 0.1), symopt.Adagrad(0.5, close), "float32")
    assert resumed == adagrad(0.5, 0.1, "float32")


def test_adam_resumes_across_spellings_on_the_uninterrupted_trajectory(tmp_path):
    w = symopt.Variable("w", 0.0, dtype="float32")
    whole = symopt.minimize((w - 5) ** 2, w, optimizer=symopt.Adam(0.1), steps=STEPS)[w]
    resumed = interrupted_then_resumed(tmp_path, symopt.Adam(0.1), symopt.Adam(np.float32(0.1), np.float32(0.9)),
                                       "float32")
    assert resumed == whole

"""What minimize does around its generated kernels, asserted on work (never on time).

No second pass over the data for ``result.value``; a repeated call reuses its set-up; the
generated loop finds a divergence without a per-step test, at the same step and cost as the
per-step loop.
"""

import dataclasses
import importlib

import numpy as np
import pytest

import symopt
from symopt.errors import DivergenceError
from test_checkpoints_and_clipping import DATA, MSE, W

minimize_module = importlib.import_module("symopt.minimize")
run_setup = importlib.import_module("symopt.run_setup")  # the module, not the function symopt.minimize


def _record_rows(monkeypatch) -> list:
    """Every call of the fused step (functional or in place) records the number of rows of its data."""
    rows, compile_step = [], run_setup.compile_step

    def recording(*args, **kwargs):
        compiled = compile_step(*args, **kwargs)

        def recorded(function):
            def call(*arguments):
                rows.append(max([np.shape(a)[0] for a in arguments[-2:] if np.ndim(a)] or [0]))
                return function(*arguments)
            return call
        return dataclasses.replace(compiled, step=recorded(compiled.step),
                                   guarded_advance=recorded(compiled.guarded_advance))
    monkeypatch.setattr(run_setup, "compile_step", recording)
    return rows


def test_a_mini_batch_run_never_evaluates_more_than_a_batch(monkeypatch):
    rows = _record_rows(monkeypatch)
    result = symopt.minimize(MSE, W, data=DATA, optimizer=symopt.Adam(0.05), batch_size=16, epochs=3, seed=0)
    assert len(rows) == result.steps == 12  # one evaluation a step, none after
    assert max(rows) == 16
    assert result.value == result.history[-1]  # the last step's cost


def test_a_converged_run_reports_the_cost_it_found_without_another_evaluation(monkeypatch):
    rows = _record_rows(monkeypatch)
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(0.25), steps=500, tol=1e-9,
                             callback=lambda *args: False)
    assert len(rows) == result.steps + 1  # the steps, and the evaluation that found |g| <= tol
    assert result.value == (result[w] - 3) ** 2


def test_a_repeated_call_reuses_its_set_up(monkeypatch):
    w = symopt.Variable("w_setup", 0.0)
    cost = w ** 2 - 10 * w + 25
    symopt.minimize(cost, w, steps=3)
    calls = []
    real = run_setup.free_inputs
    monkeypatch.setattr(run_setup, "free_inputs", lambda expressions: calls.append(1) or real(expressions))
    compiled = []
    real_compile = run_setup.compile_step
    monkeypatch.setattr(run_setup, "compile_step", lambda *a, **k: compiled.append(1) or real_compile(*a, **k))
    hits = minimize_module.SETUP.hits
    assert symopt.minimize(cost, w, steps=3).steps == 3
    # the parameters, the inputs and the run's set-up (its checked options and compiled step), from the cache
    assert calls == [] and compiled == [] and minimize_module.SETUP.hits == hits + 3


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_generated_loop_reports_the_divergence_where_the_per_step_loop_does(dtype):
    v = symopt.Variable("v", 1.0, dtype=dtype)
    arguments = dict(optimizer=symopt.GradientDescent(1.5), steps=5000)
    with pytest.raises(DivergenceError) as fast, np.errstate(all="ignore"):
        symopt.minimize(v ** 2, v, **arguments)
    with pytest.raises(DivergenceError) as slow, np.errstate(all="ignore"):
        symopt.minimize(v ** 2, v, callback=lambda *args: False, **arguments)
    assert str(fast.value).split(".")[0] == str(slow.value).split(".")[0]  # "diverged at step k: ... cost"
    np.testing.assert_array_equal(fast.value.result.history, slow.value.result.history)
    assert fast.value.result.steps == slow.value.result.steps
    assert not np.isfinite(fast.value.result.history[-1]) and np.all(np.isfinite(fast.value.result.history[:-1]))


def test_a_divergence_after_many_steps_is_found_in_a_later_call_of_the_generated_loop():
    """With lr = 1.005, w <- w - 2 w lr = -1.01 w: the cost w**2 overflows float64 near step 35 700, in a
    later call of the generated loop (the first runs 1 024 steps, each next one as many as were taken)."""
    w = symopt.Variable("w_slow", 1.0)
    lr = 1.005  # w <- w - 2 w lr = -1.01 w
    with pytest.raises(DivergenceError) as caught, np.errstate(all="ignore"):
        symopt.minimize(w ** 2, w, optimizer=symopt.GradientDescent(lr), steps=100_000)
    result = caught.value.result
    step = result.steps
    assert step > minimize_module.FIRST_CALL and len(result.history) == step + 1
    assert np.isinf(result.history[-1]) and np.isfinite(result.history[-2])
    assert f"diverged at step {step}" in str(caught.value)

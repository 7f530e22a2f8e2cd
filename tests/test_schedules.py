"""Learning-rate schedules: TF1's digits (golden trajectories), math display, generated code, errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sympy

import symopt
from symopt import (CosineDecay, ExponentialDecay, GradientDescent, InverseTimeDecay, Momentum, PiecewiseConstant,
                    PolynomialDecay, Warmup)
from symopt.errors import ConfigurationError

GOLDEN = json.loads((Path(__file__).parent / "data" / "tf1_schedules_and_semantics.json").read_text())

# golden key -> (schedule, momentum or None)
CASES = {
    "exponential_decay(0.1, gs, 10, 0.5, staircase=True) float32": (ExponentialDecay(0.1, 10, 0.5, staircase=True),
                                                                     None),
    "exponential_decay(0.1, gs, 10, 0.5) float32": (ExponentialDecay(0.1, 10, 0.5), None),
    "piecewise_constant(gs, [5, 50], [0.2, 0.05, 0.01]) float32": (PiecewiseConstant([5, 50], [0.2, 0.05, 0.01]),
                                                                    None),
    "polynomial_decay(0.1, gs, 100, 0.001, power=2.0) float32": (PolynomialDecay(0.1, 100, 0.001, power=2.0), None),
    "inverse_time_decay(0.1, gs, 10, 0.5) float32": (InverseTimeDecay(0.1, 10, 0.5), None),
    "cosine_decay(0.1, gs, 100) float32": (CosineDecay(0.1, 100), None),
    "momentum + exponential_decay(0.05, gs, 20, 0.9, staircase=True) float32":
        (ExponentialDecay(0.05, 20, 0.9, staircase=True), 0.9),
}


def test_golden_file_has_every_case():
    assert {k for k in GOLDEN if k.endswith("float32") and "hessians" not in k} == set(CASES)


def _optimizer(schedule, momentum):
    return GradientDescent(schedule) if momentum is None else Momentum(schedule, momentum)


@pytest.mark.parametrize("key", sorted(CASES))
def test_tf1_digits_full_batch_loop(key):
    """The generated train loop (one call for all steps) lands on TF1's w at every recorded step."""
    schedule, momentum = CASES[key]
    w = symopt.Variable("w", 0.0, dtype="float32")
    for step, (w_text, lr_text, global_step) in GOLDEN[key].items():
        result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=_optimizer(schedule, momentum),
                                 steps=int(step))
        assert str(np.float32(result[w])) == w_text
        assert result.optimizer_state["global_step"] == global_step == int(step)
        # the rate printed by TF1 is the schedule at the global step after the update
        assert str(schedule(global_step)) == lr_text


@pytest.mark.parametrize("key", sorted(CASES))
def test_tf1_digits_step_by_step(key):
    """The per-step path (a callback) gives the same digits as the generated loop."""
    schedule, momentum = CASES[key]
    w = symopt.Variable("w", 0.0, dtype="float32")
    seen = {}

    def record(step, cost, params):
        seen[step] = str(np.float32(params[w]))
    symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=_optimizer(schedule, momentum), steps=300, callback=record)
    assert {s: seen[int(s)] for s in GOLDEN[key]} == {s: v[0] for s, v in GOLDEN[key].items()}


def _numpy_reference(schedule_at, steps: int, dtype) -> float:
    """Gradient descent in ``dtype`` with a float32 schedule cast to ``dtype`` (TF1's rule)."""
    scalar = np.dtype(dtype).type
    w = scalar(0.0)
    for step in range(steps):
        lr = scalar(schedule_at(step))
        w = w - (scalar(2) * w - scalar(10)) * lr
    return w


@pytest.mark.parametrize("schedule", [CosineDecay(0.1, 50, alpha=0.1), PolynomialDecay(0.1, 7, power=0.5, cycle=True),
                                      InverseTimeDecay(0.2, 3, 0.7, staircase=True), Warmup(ExponentialDecay(0.1, 5, 0.9), 4)],
                         ids=repr)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_schedules_in_float64_and_math_code_match_a_numpy_loop(schedule, dtype):
    """float64 variables (scalar costs run on Python floats) use the float32 rate cast to float64, as TF1."""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=GradientDescent(schedule), steps=25)
    assert float(result[w]) == float(_numpy_reference(schedule, 25, dtype))


def test_reference_values_follow_tf1_arithmetic():
    """Spot checks against the float32 formulas, written out in TF1's operation order."""
    f = np.float32
    assert ExponentialDecay(0.1, 10, 0.5)(7) == f(0.1) * np.power(f(0.5), f(7) / f(10))
    assert InverseTimeDecay(0.1, 10, 0.5)(7) == f(0.1) / (f(1) + f(0.5) * (f(7) / f(10)))
    assert CosineDecay(0.1, 100, alpha=0.2)(30) == \
        f(0.1) * (f(1 - 0.2) * (f(0.5) * (f(1) + np.cos(f(np.pi) * (f(30) / f(100))))) + f(0.2))
    assert PiecewiseConstant([5, 50], [0.2, 0.05, 0.01])(5) == f(0.2)
    assert PiecewiseConstant([5, 50], [0.2, 0.05, 0.01])(6) == f(0.05)
    assert PolynomialDecay(0.1, 10, 0.01, cycle=True)(0) == f(0.1)
    assert PolynomialDecay(0.1, 10, 0.01, cycle=True)(15) == (f(0.1) - f(0.01)) * (f(1) - f(15) / f(20)) + f(0.01)
    warm = Warmup(0.1, 4, initial_learning_rate=0.02)
    assert [float(warm(t)) for t in (0, 2, 4, 9)] == [float(f(0.02)), float(f(0.02) + (f(0.1) - f(0.02)) * f(2) / f(4)),
                                                       float(f(0.1)), float(f(0.1))]
    assert isinstance(ExponentialDecay(0.1, 10, 0.5)(3), np.float32)
    assert np.array_equal(ExponentialDecay(0.1, 10, 0.5, staircase=True)(np.array([0, 10, 20])),
                          np.float32([0.1, 0.05, 0.025]))


def test_schedule_as_math():
    t = symopt.schedules.STEP
    eta_0, r, s = sympy.symbols("eta_0 r s", positive=True)
    assert sympy.simplify(ExponentialDecay(0.1, 10, 0.5).formula() - eta_0 * r ** (t / s)) == 0
    assert ExponentialDecay(0.1, 10, 0.5, staircase=True).latex() == \
        r"\eta_t = \eta_{0} r^{\left\lfloor{\frac{t}{s}}\right\rfloor} \quad (\eta_{0} = 0.1, s = 10, r = 0.5)"
    assert CosineDecay(0.1, 100).latex().startswith(r"\eta_t = \eta_{0} \left(\left(1 - \alpha\right) \frac{1 + \cos")
    assert "one" not in CosineDecay(0.1, 100).latex()
    assert "b_{1}" in PiecewiseConstant([5, 50], [0.2, 0.05, 0.01]).latex()


def test_schedule_in_the_update_rule_and_generated_code():
    optimizer = symopt.Adam(ExponentialDecay(0.1, 10, 0.5))
    rule = optimizer.rule()
    assert str(rule[0][0]) == "lr" and rule[0][1] == ExponentialDecay(0.1, 10, 0.5).formula()
    assert str(rule[-1][0]) == "t" and str(rule[-1][1]) == "t + 1"
    w = symopt.Variable("w", 0.0, dtype="float32")
    compiled = symopt.fused.compile_step(w ** 2 - 10 * w + 25, [w], optimizer, [], dtype="float32")
    assert "    lr = lr_eta_0*float32_power(lr_r, global_step*lr_s_reciprocal)\n" in compiled.step.source
    assert "global_step = global_step + 1" in compiled.step.source
    assert "lr" not in compiled.hyper and compiled.hyper["lr_eta_0"] == np.float32(0.1)


def test_adam_with_a_schedule_trains_and_checkpoints_resume_exactly(tmp_path):
    w = symopt.Variable("w", 0.0, dtype="float32")
    cost = w ** 2 - 10 * w + 25
    optimizer = symopt.Adam(CosineDecay(0.5, 200))
    whole = symopt.minimize(cost, w, optimizer=optimizer, steps=200)
    path = tmp_path / "run.npz"
    symopt.minimize(cost, w, optimizer=optimizer, steps=15, checkpoint=path)
    resumed = symopt.minimize(cost, w, optimizer=optimizer, steps=200, resume_from=path)
    assert resumed[w] == whole[w]
    assert resumed.optimizer_state["global_step"] == 200
    assert abs(whole[w] - 5) < 1e-3  # the rate decays to 0: Adam settles instead of oscillating


@pytest.mark.parametrize("make, message", [
    (lambda: ExponentialDecay(0.1, 0, 0.5), "decay_steps"),
    (lambda: ExponentialDecay(-0.1, 10, 0.5), "learning_rate"),
    (lambda: ExponentialDecay(0.1, 2.5, 0.5), "whole number"),
    (lambda: PiecewiseConstant([5, 50], [0.2, 0.05]), "one more value"),
    (lambda: PiecewiseConstant([50, 5], [0.2, 0.05, 0.01]), "increase"),
    (lambda: CosineDecay(0.1, 10, alpha=2.0), "alpha"),
    (lambda: Warmup("fast", 10), "learning_rate"),
    (lambda: GradientDescent("0.1"), "lr"),
])
def test_bad_schedules_raise_configuration_errors(make, message):
    with pytest.raises(ConfigurationError, match=message):
        make()


def test_trace_records_the_scheduled_rate():
    w = symopt.Variable("w", 0.0, dtype="float32")
    schedule = ExponentialDecay(0.1, 1, 0.5)
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(schedule), steps=3, trace=True)
    steps = result.trace.column("global_step")
    assert steps == [0, 1, 2]
    for step, b1, b2, lr_t in zip(steps, result.trace.column("beta1_power"), result.trace.column("beta2_power"),
                                  result.trace.column("lr_t")):
        assert lr_t == pytest.approx(float(schedule(step)) * np.sqrt(1 - float(b2)) / (1 - float(b1)))

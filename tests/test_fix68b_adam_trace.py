"""final43d F43d-6 (P68-11's oracle): the counter Adam's rule states with a schedule, t = 0 at the first step and
beta powers β₁ᵗ⁺¹, is the run's: each traced step's rate equals the printed rule's η√(1 - β₂ᵗ⁺¹)/(1 - β₁ᵗ⁺¹) with
η = η₀·r^(t/s) at the traced global_step t, and beta1_power is β₁ᵗ⁺¹ (TF1 starts it at β₁); the numbers below are
computed from the formulas by hand, not by symopt."""

import math

import pytest

import symopt
from symopt.display import update_rule


def test_the_traced_rates_follow_the_printed_counter():
    decay = symopt.ExponentialDecay(0.1, 10, 0.5)
    assert "t = 0 at the first step" in str(update_rule(symopt.Adam(decay))).splitlines()[0]
    w = symopt.Variable("w", 0.0)
    trace = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(decay), steps=3, trace=True).trace
    for t, rate, power in zip(trace["global_step"], trace["lr_t"], trace["beta1_power"]):
        expected = 0.1 * 0.5 ** (t / 10) * math.sqrt(1 - 0.999 ** (t + 1)) / (1 - 0.9 ** (t + 1))
        assert rate == pytest.approx(expected, rel=1e-4)  # float32: 1 - 0.999 cancels (6.7e-6 off)
        assert power == pytest.approx(0.9 ** (t + 1), rel=1e-6)
    assert list(trace["global_step"]) == [0, 1, 2]
    assert trace["lr_t"][0] == pytest.approx(0.1 * math.sqrt(0.001) / 0.1, rel=1e-4)  # 0.0316228

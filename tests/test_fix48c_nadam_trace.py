"""probe94 P94-5: a Nadam trace has no ``lr_t`` column.  It showed Adam's step size
η√(1−β₂ᵗ)/(1−β₁ᵗ) = 0.0316 (inherited from Adam), which is no factor of Nadam's rule: its first step moves w by
0.147368.  Adam keeps the column.

Oracle: Nadam's first step by hand (optax's ``nadam``), and Adam's step size from float32 powers β^t (TF1)."""

import numpy as np

import symopt


def test_nadam_shows_no_step_size_it_does_not_use():
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.Nadam(0.1), steps=1, trace=True)
    g, beta1, beta2 = -10.0, 0.9, 0.999
    m, v = (1 - beta1) * g, (1 - beta2) * g * g
    look_ahead = beta1 * m / (1 - beta1 ** 2) + (1 - beta1) * g / (1 - beta1)
    step = 0.1 * look_ahead / (np.sqrt(v / (1 - beta2)) + 1e-8)
    assert abs(result[w] - (0.0 - step)) < 1e-15
    assert "lr_t" not in result.trace.columns
    assert result.trace.columns == ["step", "cost", "w", "dJ/dw", "m_w", "v_w", "beta1_power", "beta2_power"]


def test_adam_keeps_its_step_size_column():
    w = symopt.Variable("w", 0.0)
    trace = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(0.1), steps=2, trace=True).trace
    powers = [(np.float32(0.9) ** t, np.float32(0.999) ** t) for t in (1, 2)]
    expected = [float(np.float32(0.1)) * np.sqrt(1 - float(b2)) / (1 - float(b1)) for b1, b2 in powers]
    assert np.allclose([float(v) for v in trace["lr_t"]], expected, rtol=1e-6)

"""Optimizers reproduce TensorFlow 1.x's digits exactly.

Two kinds of checks:

* golden trajectories recorded from real TF1 (``tests/data/tf1_optimizers.json``):
  ``w**2 - 10*w + 25`` from ``w = 0``, float32 and float64, at every recorded step;
* a hand-written NumPy loop of each TF1 kernel rule (DESIGN.md), float32 and float64,
  on a scalar and on a (3, 1) matrix parameter, compared bit for bit.

TF1 conventions the loops follow: a Python-float hyperparameter becomes float32 and
is then cast to the variable's dtype; slots have the variable's dtype (Adagrad's
initial accumulator is created in that dtype directly); Adam's beta powers are float32.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import symopt
from symopt import Adagrad, Adam, GradientDescent, Momentum, RMSProp

GOLDEN = json.loads((Path(__file__).parent / "data" / "tf1_optimizers.json").read_text())
TRAJECTORIES = GOLDEN["trajectories"]
RECORDED = GOLDEN["steps_recorded"]

# name in the JSON file (without dtype) -> (symopt optimizer factory, NumPy reference config)
CONFIGS = {
    "GradientDescent(0.01)": (lambda: GradientDescent(0.01), ("gd", dict(lr=0.01))),
    "Momentum(0.01, momentum=0.9)": (lambda: Momentum(0.01, momentum=0.9),
                                     ("momentum", dict(lr=0.01, momentum=0.9, nesterov=False))),
    "Momentum(0.01, momentum=0.9, nesterov)": (lambda: Momentum(0.01, momentum=0.9, nesterov=True),
                                               ("momentum", dict(lr=0.01, momentum=0.9, nesterov=True))),
    "Adagrad(0.5)": (lambda: Adagrad(0.5), ("adagrad", dict(lr=0.5, initial=0.1))),
    "RMSProp(0.01)": (lambda: RMSProp(0.01),
                      ("rmsprop", dict(lr=0.01, decay=0.9, momentum=0.0, epsilon=1e-10, centered=False))),
    "RMSProp(0.01, momentum=0.9)": (lambda: RMSProp(0.01, momentum=0.9),
                                    ("rmsprop", dict(lr=0.01, decay=0.9, momentum=0.9, epsilon=1e-10,
                                                     centered=False))),
    "RMSProp(0.01, centered)": (lambda: RMSProp(0.01, centered=True),
                                ("rmsprop", dict(lr=0.01, decay=0.9, momentum=0.0, epsilon=1e-10, centered=True))),
    "Adam(0.1)": (lambda: Adam(0.1), ("adam", dict(lr=0.1, beta1=0.9, beta2=0.999, epsilon=1e-8))),
    "Adam()": (lambda: Adam(), ("adam", dict(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8))),
}
DTYPES = ("float32", "float64")


def _printed(value, dtype: str) -> str:
    """How TF1's reference printed a value: NumPy's float32 str, or Python's float repr."""
    value = np.asarray(value).reshape(())[()]
    return str(np.float32(value)) if dtype == "float32" else repr(float(value))


def test_golden_file_covers_every_configuration():
    expected = {f"{name} {dtype}" for name in CONFIGS for dtype in DTYPES}
    assert set(TRAJECTORIES) == expected
    assert RECORDED == [1, 2, 3, 10, 100, 1000]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", list(CONFIGS))
def test_matches_tf1_golden_trajectory(name, dtype):
    factory, _ = CONFIGS[name]
    golden = TRAJECTORIES[f"{name} {dtype}"]
    w = symopt.Variable("w", 0.0, dtype=dtype)
    printed = {}
    for steps in RECORDED:
        result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=factory(), steps=steps)
        assert result.steps == steps
        printed[str(steps)] = _printed(result[w], dtype)
    assert printed == golden


# ------------------------------------------------------------------ NumPy reference loops of TF1's kernels

def _reference(kind: str, config: dict, dtype: str, theta0, gradient, cost, steps: int):
    """Run TF1's update rule in NumPy; returns (thetas after each step, list of costs before each step)."""
    T = np.dtype(dtype).type
    h = {k: T(np.float32(v)) for k, v in config.items() if isinstance(v, float)}
    theta = np.array(theta0, dtype=dtype) if np.ndim(theta0) else T(theta0)
    zeros = np.zeros_like(theta) if np.ndim(theta) else T(0)
    one = T(1)
    costs, thetas = [], []
    if kind == "momentum":
        acc = zeros.copy() if np.ndim(theta) else T(0)
    elif kind == "adagrad":
        acc = (np.full(np.shape(theta), config["initial"], dtype=dtype) if np.ndim(theta)
               else T(config["initial"]))
    elif kind == "rmsprop":
        ms = np.ones_like(theta) if np.ndim(theta) else T(1)
        mom = zeros.copy() if np.ndim(theta) else T(0)
        mg = zeros.copy() if np.ndim(theta) else T(0)
    elif kind == "adam":
        m = zeros.copy() if np.ndim(theta) else T(0)
        v = zeros.copy() if np.ndim(theta) else T(0)
        beta1_power, beta2_power = np.float32(config["beta1"]), np.float32(config["beta2"])
        beta1_f32, beta2_f32 = np.float32(config["beta1"]), np.float32(config["beta2"])
    for _ in range(steps):
        costs.append(cost(theta))
        g = gradient(theta)
        if kind == "gd":
            theta = theta - g * h["lr"]
        elif kind == "momentum":
            acc = acc * h["momentum"] + g
            if config["nesterov"]:
                theta = theta - (g * h["lr"] + acc * h["momentum"] * h["lr"])
            else:
                theta = theta - acc * h["lr"]
        elif kind == "adagrad":
            acc = acc + g * g
            theta = theta - g * h["lr"] * (one / np.sqrt(acc))
        elif kind == "rmsprop":
            ms = ms + (g * g - ms) * (one - h["decay"])
            if config["centered"]:
                mg = mg + (g - mg) * (one - h["decay"])
                denominator = ms - mg * mg + h["epsilon"]
            else:
                denominator = ms + h["epsilon"]
            mom = mom * h["momentum"] + (g * h["lr"]) / np.sqrt(denominator)
            theta = theta - mom
        elif kind == "adam":
            alpha = h["lr"] * np.sqrt(one - T(beta2_power)) / (one - T(beta1_power))
            m = m + (g - m) * (one - h["beta1"])
            v = v + (g * g - v) * (one - h["beta2"])
            theta = theta - (m * alpha) / (np.sqrt(v) + h["epsilon"])
            beta1_power = beta1_power * beta1_f32
            beta2_power = beta2_power * beta2_f32
        thetas.append(theta)
    return thetas, costs


REFERENCE_STEPS = 300
RTOL = {"float32": 1e-5, "float64": 1e-12}
ATOL = {"float32": 1e-5, "float64": 1e-12}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", list(CONFIGS))
def test_scalar_matches_numpy_reference_loop(name, dtype):
    factory, (kind, config) = CONFIGS[name]
    T = np.dtype(dtype).type
    w = symopt.Variable("w", 0.0, dtype=dtype)
    cost = w ** 2 - 10 * w + 25
    result = symopt.minimize(cost, w, optimizer=factory(), steps=REFERENCE_STEPS)
    trajectory = []
    symopt.minimize(cost, w, optimizer=factory(), steps=REFERENCE_STEPS,
                    callback=lambda step, value, params: trajectory.append(params[w]))
    thetas, costs = _reference(kind, config, dtype, 0.0,
                               gradient=lambda t: T(2) * t - T(10),
                               cost=lambda t: t ** 2 - T(10) * t + T(25),
                               steps=REFERENCE_STEPS)
    if dtype == "float32":
        assert isinstance(result[w], np.float32)
    assert [_printed(t, dtype) for t in trajectory] == [_printed(t, dtype) for t in thetas]
    assert _printed(result[w], dtype) == _printed(thetas[-1], dtype)
    assert T(result[w]) == thetas[-1]
    # the cost's own summation order is SymPy's (``25 + w**2 - 10*w``), not part of TF1's rule
    np.testing.assert_allclose(result.history, np.asarray(costs, dtype=float), rtol=RTOL[dtype], atol=ATOL[dtype])


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", list(CONFIGS))
def test_matrix_parameter_matches_numpy_reference_loop(name, dtype):
    factory, (kind, config) = CONFIGS[name]
    T = np.dtype(dtype).type
    target = np.array([[1.5], [-2.0], [0.25]], dtype=dtype)
    W = symopt.Variable("W", [[0.0], [1.0], [-3.0]], shape=(3, 1), dtype=dtype)
    c = symopt.Placeholder("c", (3, 1), dtype=dtype)
    cost = symopt.ops.sum(symopt.ops.square(W - c))
    result = symopt.minimize(cost, W, data={c: target}, optimizer=factory(), steps=REFERENCE_STEPS)
    trajectory = []
    symopt.minimize(cost, W, data={c: target}, optimizer=factory(), steps=REFERENCE_STEPS,
                    callback=lambda step, value, params: trajectory.append(params[W]))
    thetas, costs = _reference(kind, config, dtype, [[0.0], [1.0], [-3.0]],
                               gradient=lambda t: 2 * (t - target),
                               cost=lambda t: ((t - target) ** 2).sum(),
                               steps=REFERENCE_STEPS)
    got = result[W]
    assert got.shape == (3, 1) and got.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(got, thetas[-1])
    np.testing.assert_array_equal(np.stack(trajectory), np.stack(thetas))
    # the cost's own summation order is SymPy's (``25 + w**2 - 10*w``), not part of TF1's rule
    np.testing.assert_allclose(result.history, np.asarray(costs, dtype=float), rtol=RTOL[dtype], atol=ATOL[dtype])
    assert isinstance(T(1), np.floating)


def test_float64_hyperparameters_are_float32_first():
    """TF1 turns lr=0.01 into float32 before casting: a float64 step uses 0.009999999776482582."""
    w = symopt.Variable("w", 0.0, dtype="float64")
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=GradientDescent(0.01), steps=1)
    assert float(result[w]) == 10 * float(np.float32(0.01))
    assert repr(float(result[w])) == "0.09999999776482582"


def test_lecture_reference_digits_float32():
    """DESIGN.md: GD 0.01 gives 0.099999994 after one step, 4.9999886 after 1001; Adam(0.1) 1000 steps 5.000001."""
    w = symopt.Variable("w", 0.0, dtype="float32")
    cost = w ** 2 - 10 * w + 25
    assert str(np.float32(symopt.minimize(cost, w, optimizer=GradientDescent(0.01), steps=1)[w])) == "0.099999994"
    assert str(np.float32(symopt.minimize(cost, w, optimizer=GradientDescent(0.01), steps=1001)[w])) == "4.9999886"
    assert str(np.float32(symopt.minimize(cost, w, optimizer=Adam(0.1), steps=1000)[w])) == "5.000001"


@pytest.mark.parametrize("dtype", DTYPES)
def test_full_batch_loop_and_callback_loop_agree(dtype):
    """The generated ``train`` loop and the per-step path (used with a callback) give identical digits."""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    cost = w ** 2 - 10 * w + 25
    fast = symopt.minimize(cost, w, optimizer=Adam(0.1), steps=50)
    slow = symopt.minimize(cost, w, optimizer=Adam(0.1), steps=50, callback=lambda *args: False)
    assert _printed(fast[w], dtype) == _printed(slow[w], dtype)
    np.testing.assert_array_equal(fast.history, slow.history)

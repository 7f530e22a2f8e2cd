"""Adadelta, Ftrl, proximal methods and Adam variants against hand-written NumPy loops of each kernel.

Each loop follows the kernel's arithmetic order (TF1's training_ops.cc for the TF1 ones) in the
variable's dtype, hyperparameters rounded to float32 first (TF1's convention), Adam-style powers in
float32 (PyTorch's classes: hyperparameters and powers in the variable's dtype, as PyTorch keeps them);
the symopt run must agree bit for bit, on a scalar (the lecture's cost) and on a vector.
"""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.more_optimizers import (AdamW, Adadelta, Ftrl, KerasAdam, Nadam, ProximalAdagrad,
                                    ProximalGradientDescent, PyTorchAdam)


def _hyper(value, dtype):
    return np.dtype(dtype).type(np.float32(value))


def adadelta(theta, g, state, h, t):
    a, u = state.get("a", 0 * theta), state.get("u", 0 * theta)
    a = a * h["rho"] + g * g * (1 - h["rho"])
    delta = np.sqrt(u + h["epsilon"]) * (1 / np.sqrt(a + h["epsilon"])) * g
    theta = theta - delta * h["lr"]
    state.update(a=a, u=u * h["rho"] + delta * delta * (1 - h["rho"]))
    return theta


def proximal_gd(theta, g, state, h, t):
    v = theta - g * h["lr"]
    if h["l1"] > 0:
        return np.sign(v) * np.maximum(np.abs(v) - h["lr"] * h["l1"], 0) / (1 + h["l2"] * h["lr"])
    return v / (1 + h["l2"] * h["lr"])


def proximal_adagrad(theta, g, state, h, t):
    a = state.get("a", 0 * theta + h["initial"]) + g * g
    state["a"] = a
    rate = h["lr"] * (1 / np.sqrt(a))
    v = theta - g * rate
    if h["l1"] > 0:
        return np.sign(v) * np.maximum(np.abs(v) - rate * h["l1"], 0) / (1 + h["l2"] * rate)
    return v / (1 + h["l2"] * rate)


def ftrl(theta, g, state, h, t):
    a, linear = state.get("a", 0 * theta + h["initial"]), state.get("linear", 0 * theta)
    new_a = a + g * g
    linear = linear + (g - (np.sqrt(new_a) - np.sqrt(a)) / h["lr"] * theta)
    x = h["l1"] * np.sign(linear) - linear
    y = np.sqrt(new_a) / h["lr"] + 2 * h["l2"]
    theta = np.where(np.abs(linear) > h["l1"], x / y, 0 * theta)
    state.update(a=new_a, linear=linear)
    return theta


def _powers(state, h, dtype):
    b1 = state.get("b1", h["beta1_32"])
    b2 = state.get("b2", h["beta2_32"])
    state.update(b1=b1 * h["beta1_32"], b2=b2 * h["beta2_32"])
    return np.dtype(dtype).type(b1), np.dtype(dtype).type(b2)


def pytorch_adam(theta, g, state, h, t, decay=False):
    if decay:
        theta = theta * (1 - h["lr"] * h["weight_decay"])
    m, v = state.get("m", 0 * theta), state.get("v", 0 * theta)
    b1, b2 = _powers(state, h, theta.dtype)
    m = m + (g - m) * (1 - h["beta1"])
    v = v * h["beta2"] + (1 - h["beta2"]) * g * g
    state.update(m=m, v=v)
    return theta - (h["lr"] / (1 - b1)) * (m / (np.sqrt(v) / np.sqrt(1 - b2) + h["epsilon"]))


def keras_adam(theta, g, state, h, t):
    m, v = state.get("m", 0 * theta), state.get("v", 0 * theta)
    b1, b2 = _powers(state, h, theta.dtype)
    alpha = h["lr"] * np.sqrt(1 - b2) / (1 - b1)
    m = m + (g - m) * (1 - h["beta1"])
    v = v + (g * g - v) * (1 - h["beta2"])
    state.update(m=m, v=v)
    return theta - m * alpha / (np.sqrt(v) + h["epsilon"])


def nadam(theta, g, state, h, t):
    m, v = state.get("m", 0 * theta), state.get("v", 0 * theta)
    b1, b2 = _powers(state, h, theta.dtype)
    m = m + (g - m) * (1 - h["beta1"])
    v = v + (g * g - v) * (1 - h["beta2"])
    state.update(m=m, v=v)
    look_ahead = h["beta1"] * m / (1 - b1 * h["beta1"]) + (1 - h["beta1"]) * g / (1 - b1)
    return theta - h["lr"] * look_ahead / (np.sqrt(v / (1 - b2)) + h["epsilon"])


CASES = {
    "Adadelta(1.0)": (lambda: Adadelta(1.0), adadelta, dict(lr=1.0, rho=0.95, epsilon=1e-8)),
    "Adadelta(0.5, rho=0.9, epsilon=1e-6)": (lambda: Adadelta(0.5, rho=0.9, epsilon=1e-6), adadelta,
                                             dict(lr=0.5, rho=0.9, epsilon=1e-6)),
    "ProximalGradientDescent(0.05)": (lambda: ProximalGradientDescent(0.05), proximal_gd, dict(lr=0.05, l1=0.0, l2=0.0)),
    "ProximalGradientDescent(0.05, l1=0.3, l2=0.1)": (lambda: ProximalGradientDescent(0.05, l1=0.3, l2=0.1),
                                                      proximal_gd, dict(lr=0.05, l1=0.3, l2=0.1)),
    "ProximalAdagrad(0.5, l2=0.2)": (lambda: ProximalAdagrad(0.5, l2=0.2), proximal_adagrad,
                                     dict(lr=0.5, l1=0.0, l2=0.2, initial=0.1)),
    "ProximalAdagrad(0.5, l1=0.5, l2=0.2)": (lambda: ProximalAdagrad(0.5, l1=0.5, l2=0.2), proximal_adagrad,
                                             dict(lr=0.5, l1=0.5, l2=0.2, initial=0.1)),
    "Ftrl(0.5)": (lambda: Ftrl(0.5), ftrl, dict(lr=0.5, l1=0.0, l2=0.0, initial=0.1)),
    "Ftrl(0.5, l1=0.8, l2=0.1)": (lambda: Ftrl(0.5, l1=0.8, l2=0.1), ftrl, dict(lr=0.5, l1=0.8, l2=0.1, initial=0.1)),
    "PyTorchAdam(0.1)": (lambda: PyTorchAdam(0.1), pytorch_adam,
                         dict(lr=0.1, beta1=0.9, beta2=0.999, epsilon=1e-8, pytorch=True)),
    "KerasAdam(0.1)": (lambda: KerasAdam(0.1), keras_adam, dict(lr=0.1, beta1=0.9, beta2=0.999, epsilon=1e-7)),
    "AdamW(0.1)": (lambda: AdamW(0.1), lambda *a: pytorch_adam(*a, decay=True),
                   dict(lr=0.1, beta1=0.9, beta2=0.999, epsilon=1e-8, weight_decay=0.01, pytorch=True)),
    "Nadam(0.1)": (lambda: Nadam(0.1), nadam, dict(lr=0.1, beta1=0.9, beta2=0.999, epsilon=1e-8, pytorch=True)),
}


def _reference(rule, config, start, gradient, steps, dtype):
    config = dict(config)
    exact = config.pop("pytorch", False)  # PyTorch's (and optax's) precision: no float32 rounding anywhere
    scalar = np.dtype(dtype).type if exact else np.float32
    h = {k: (_hyper(v, dtype) if k != "initial" and not exact else np.dtype(dtype).type(v)) for k, v in config.items()}
    h.update(beta1_32=scalar(config.get("beta1", 0)), beta2_32=scalar(config.get("beta2", 0)))
    theta, state, trajectory = np.asarray(start, dtype=dtype), {}, []
    for t in range(steps):
        theta = rule(theta, gradient(theta), state, h, t).astype(dtype)
        trajectory.append(theta.copy())
    return trajectory


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_lecture_cost_matches_the_kernel_loop(name, dtype):
    make, rule, config = CASES[name]
    w = symopt.Variable("w", 0.0, dtype=dtype)
    expected = _reference(rule, config, 0.0, lambda x: 2 * x - np.dtype(dtype).type(10), 60, dtype)
    seen = []
    symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=make(), steps=60,
                    callback=lambda step, cost, params: seen.append(params[w]) and False)
    assert [repr(float(v)) for v in seen] == [repr(float(v)) for v in expected]


@pytest.mark.parametrize("name", sorted(CASES))
def test_vector_parameter_matches_the_kernel_loop(name):
    make, rule, config = CASES[name]
    target = np.float32([[3.0], [-0.2], [0.05], [-4.0]])
    v = symopt.Variable("v", np.zeros((4, 1), dtype=np.float32), dtype="float32")
    c = symopt.Placeholder("c", (4, 1), dtype="float32")
    result = symopt.minimize(ops.sum(ops.square(v - c)), v, data={c: target}, optimizer=make(), steps=40)
    expected = _reference(rule, config, np.zeros((4, 1)), lambda x: np.float32(2) * (x - target), 40, "float32")
    assert np.array_equal(np.asarray(result[v]).reshape(4, 1), expected[-1])


def test_l1_makes_exact_zeros():
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(0.5 * (w - 0.2) ** 2, w, optimizer=ProximalGradientDescent(0.1, l1=0.5), steps=50)
    assert result[w] == 0.0
    # |linear| stays below l1: TF1's select writes +0.0 (never -0.0, though the linear term is positive)
    result = symopt.minimize(0.5 * (w + 0.2) ** 2, w, optimizer=Ftrl(0.5, l1=20.0), steps=50)
    assert result[w] == 0.0 and str(result[w]) == "0.0"


@pytest.mark.parametrize("name", sorted(CASES))
def test_update_rule_shows_every_optimizer(name):
    rule = symopt.update_rule(CASES[name][0]())
    assert "θ ←" in rule.text() and r"\theta &\leftarrow" in rule.latex()


def test_bad_hyperparameters():
    from symopt.errors import ConfigurationError
    with pytest.raises(ConfigurationError, match="l1"):
        ProximalGradientDescent(0.1, l1=-1)
    with pytest.raises(ConfigurationError, match="learning_rate_power"):
        Ftrl(0.1, learning_rate_power=0.5)
    with pytest.raises(ConfigurationError, match="rho"):
        Adadelta(0.1, rho=1.5)


@pytest.mark.parametrize("make, expected", [
    (lambda: PyTorchAdam(0.1), 0.29961847654925267),  # torch.optim.Adam([w], lr=0.1), float64 w, 3 steps (torch 2.13)
    (lambda: AdamW(0.1), 0.29931884418672694),  # torch.optim.AdamW([w], lr=0.1, weight_decay=0.01)
])
def test_pytorchs_classes_give_pytorchs_float64_digits(make, expected):
    """An independent probe's K18: with TF1's float32 rounding of beta2, 1 - beta2 was 1.3e-5 off at step 1."""
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=make(), steps=3, dtype="float64")
    assert float(result[w]) == expected

"""final29 core item 2: explain's fit_cause (is the output fitted?) ran once for every parameter whose gradient is 0 or
vanishing, though it reads only the output's dZ: once per run serves.  The findings stay those of the per-parameter
search; the oracle for the fit is the model itself (targets made by the network at the point explained, so dZ = 0)."""

from __future__ import annotations

import importlib

import numpy as np

import symopt
from symopt import ops

explain_module = importlib.import_module("symopt.display.network_causes")

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W1 = symopt.Variable("W1", 0.0, shape=(2, 3))
b1 = symopt.Variable("b1", 0.0, shape=(1, 3))
W2 = symopt.Variable("W2", 0.0, shape=(3, 1))
b2 = symopt.Variable("b2", 0.0, shape=(1, 1))
COST = ops.mean(ops.square(ops.bias_add(ops.tanh(ops.bias_add(X @ W1, b1)) @ W2, b2) - y))
RNG = np.random.default_rng(0)
AT = {W1: RNG.normal(size=(2, 3)), b1: RNG.normal(size=(1, 3)), W2: RNG.normal(size=(3, 1)), b2: RNG.normal(size=(1, 1))}
INPUTS = RNG.normal(size=(4, 2))
TARGETS = np.tanh(INPUTS @ AT[W1] + AT[b1]) @ AT[W2] + AT[b2]  # the network's own output: an exact fit


def test_the_fit_is_judged_once_per_run_and_named_for_every_parameter(monkeypatch):
    calls = []
    judged = explain_module.fit_cause

    def counting(*arguments):
        calls.append(arguments[1])
        return judged(*arguments)

    monkeypatch.setattr(explain_module, "fit_cause", counting)
    explained = symopt.explain(COST, [W1, b1, W2, b2], at=AT, data={X: INPUTS, y: TARGETS})
    _, gradients = symopt.compile(COST, [W1, b1, W2, b2])(**{str(k): v for k, v in AT.items()}, X=INPUTS, y=TARGETS)
    assert all(np.max(np.abs(g)) < 1e-12 for g in gradients)  # the oracle: every gradient vanishes at the fit
    for name in ("W1", "b1", "W2", "b2"):
        finding = explained.finding(name)
        assert finding.status in ("zero", "vanishing") and [kind for kind, _ in finding.causes] == ["exact fit"]
    assert len(calls) == 1


def test_away_from_the_fit_the_gradients_are_fine():
    explained = symopt.explain(COST, [W1, b1, W2, b2], at=AT, data={X: INPUTS, y: TARGETS + 1.0})
    assert all(explained.finding(name).status == "fine" for name in ("W1", "b1", "W2", "b2"))

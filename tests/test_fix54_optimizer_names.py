"""probe54 P54-6: ``optimizer=`` given another library's name (``"sgd"``, ``"nesterov"``) or a second-order method's
(``"lbfgs"``, ``"newton"``) says what symopt writes for it, and what it says runs."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

w = sympy.Symbol("w", real=True)


@pytest.mark.parametrize("given, advised", [("sgd", "optimizer='gd'"), ("SGD", "optimizer='gd'"),
                                            ("nesterov", "symopt.Momentum(lr, 0.9, nesterov=True)"),
                                            ("lbfgs", "method='lbfgs'"), ("L-BFGS-B", "method='lbfgs'"),
                                            ("newton", "method='newton'"), ("bfgs", "method='bfgs'")])
def test_another_spelling_is_pointed_to_symopts(given, advised):
    with pytest.raises(ConfigurationError, match="unknown optimizer") as caught:
        symopt.minimize(w**2, {w: 1.0}, optimizer=given, steps=2)
    assert advised in str(caught.value) and "'gd'" in str(caught.value)  # the list of names stays


def test_the_advised_spellings_run():
    """What the messages advise: torch.optim.SGD's step on w² is w - lr·2w (by hand: 1 → 0.8 at lr 0.1); Nesterov
    momentum and method='lbfgs' run."""
    assert symopt.minimize(w**2, {w: 1.0}, optimizer=symopt.GradientDescent(0.1), steps=1)[w] == pytest.approx(0.8)
    assert symopt.minimize(w**2, {w: 1.0}, optimizer=symopt.Momentum(0.1, 0.9, nesterov=True), steps=2).steps == 2
    pytest.importorskip("scipy")
    assert abs(symopt.minimize((w - 2)**2, {w: 0.0}, method="lbfgs")[w] - 2) < 1e-6


def optax_run(transformation, steps: int = 5) -> float:
    """optax's own loop on (w - 1)² from w = 0 (the gradient 2(w - 1) by hand), in float64 (64-bit JAX)."""
    import jax
    with jax.enable_x64(True):
        w, state = np.float64(0.0), transformation.init(np.float64(0.0))
        for _ in range(steps):
            updates, state = transformation.update(2 * (w - 1), state, w)
            w = w + float(updates)
    return float(w)


def test_an_optax_optimizer_is_told_its_counterpart():
    """probe54 P54-6: optimizer=optax.adam(0.1) got the object's raw repr; the message names the counterparts, and
    each runs as optax's own loop does (the oracle)."""
    optax = pytest.importorskip("optax")
    with pytest.raises(ConfigurationError) as caught:
        symopt.minimize(w**2, {w: 1.0}, optimizer=optax.adam(0.1), steps=2)
    message = str(caught.value)
    assert "an optax optimizer" in message and "0x" not in message  # no function addresses
    pairs = [(optax.adam(0.1), symopt.PyTorchAdam(np.float64(0.1)), "symopt.PyTorchAdam(lr)"),
             (optax.adamw(0.1), symopt.AdamW(np.float64(0.1), weight_decay=np.float64(1e-4)), "weight_decay=1e-4"),
             (optax.nadam(0.1), symopt.Nadam(np.float64(0.1)), "symopt.Nadam(lr)"),
             (optax.sgd(0.1, 0.9), symopt.Momentum(np.float64(0.1), np.float64(0.9)), "symopt.Momentum(lr, momentum)")]
    for transformation, counterpart, named in pairs:
        assert named in message
        ours = symopt.minimize((w - 1)**2, {w: 0.0}, optimizer=counterpart, steps=5, dtype="float64")[w]
        assert float(ours) == pytest.approx(optax_run(transformation), rel=1e-12)

"""probe96 P96-1, P96-2: the JAX backend's one-call run starts each optimizer from its own fresh state, and a
compiled function takes wider traced inputs inside the user's own ``jax.jit``, ``vmap`` and ``lax.scan``.

P96-1: the jitted loop of a full-batch run without ``tol`` is shared by every optimizer whose printed step is the
same (Adam's betas, Adagrad's ``initial_accumulator_value`` are arguments of the step); it baked the first run's
starting :math:`\\beta^t` and accumulators in as constants, so a second run with other values started from the
first's.  The oracle is a hand float32 loop of TF1's rules (docs/optimizers.md).

P96-2: with 64-bit JAX on, a float64 input traced inside ``jax.jit`` reached a check that reads its entries
(``bool(made.any())``) and raised JAX's ``TracerBoolConversionError``; outside ``jit`` it is cast, as docs/scale.md
says.  Skipped where JAX is not installed; 64-bit JAX is asked for inside ``jax.enable_x64(True)`` only.
"""

from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax")

import jax.numpy as jnp  # noqa: E402

import symopt  # noqa: E402
from symopt.errors import FeedError  # noqa: E402

STEPS = 7


def hand_adam(lr, beta1=0.9, beta2=0.999, epsilon=1e-8, w=1.0, steps=STEPS) -> float:
    """TF1's Adam on (w - 2)**2 in float32: lr_t = lr sqrt(1 - β₂ᵗ)/(1 - β₁ᵗ), β powers float32 running products."""
    f = np.float32
    w, m, v, p1, p2 = f(w), f(0), f(0), f(beta1), f(beta2)
    lr, beta1, beta2, epsilon = f(lr), f(beta1), f(beta2), f(epsilon)
    for _ in range(steps):
        g = f(2) * (w - f(2))
        lr_t = lr * np.sqrt(f(1) - p2) / (f(1) - p1)
        m = beta1 * m + (f(1) - beta1) * g
        v = beta2 * v + (f(1) - beta2) * g * g
        w = w - lr_t * m / (np.sqrt(v) + epsilon)
        p1, p2 = p1 * beta1, p2 * beta2
    return float(w)


def hand_adagrad(lr, initial_accumulator_value=0.1, w=1.0, steps=STEPS) -> float:
    """TF1's Adagrad on (w - 2)**2 in float32: a += g², w -= lr g/√a."""
    f = np.float32
    w, a, lr = f(w), f(initial_accumulator_value), f(lr)
    for _ in range(steps):
        g = f(2) * (w - f(2))
        a = a + g * g
        w = w - lr * g / np.sqrt(a)
    return float(w)


W = symopt.Variable("w", 1.0, dtype="float32")  # one cost for every run, as a sweep has: one step function


def jax_run(optimizer) -> float:
    return float(symopt.minimize((W - 2) ** 2, W, steps=STEPS, optimizer=optimizer, backend="jax")[W])


@pytest.mark.parametrize("first, second, oracle", [
    (symopt.Adam(0.01, beta1=0.8), symopt.Adam(0.01), hand_adam(0.01)),
    (symopt.Adam(0.01), symopt.Adam(0.01, beta2=0.9), hand_adam(0.01, beta2=0.9)),
    (symopt.Adagrad(0.1, initial_accumulator_value=5.0), symopt.Adagrad(0.1), hand_adagrad(0.1)),
    (symopt.Adagrad(0.1), symopt.Adagrad(0.1, initial_accumulator_value=5.0), hand_adagrad(0.1, 5.0)),
])
def test_a_run_after_another_optimizer_of_the_same_step_starts_from_its_own_state(first, second, oracle):
    jax_run(first)
    assert jax_run(second) == pytest.approx(oracle, rel=2e-6)
    assert jax_run(first) != pytest.approx(oracle, rel=1e-4)  # the pair really differs


def test_a_beta_sweep_still_traces_the_loop_once(monkeypatch):
    """The starts are arguments: another beta compiles nothing new (docs/scale.md's sweep)."""
    from symopt import jax_run as run_module
    loops, real = [], run_module.fixed_run_for
    monkeypatch.setattr(run_module, "fixed_run_for", lambda *a: loops.append(real(*a)) or loops[-1])
    for beta1 in (0.8, 0.9):  # (the pair whose second run started from the first's beta powers)
        assert jax_run(symopt.Adam(0.01, beta1=beta1)) == pytest.approx(hand_adam(0.01, beta1=beta1), rel=2e-6)
    assert len(loops) == 2 and loops[0] is loops[1] and loops[0].traces == 1


def mean_square():
    w = symopt.Variable("w", 0.5, dtype="float32")
    x = symopt.Placeholder("x", shape=(None, 1))
    return symopt.compile(symopt.ops.mean(symopt.ops.square(w * x)), w, backend="jax")


def test_float64_inputs_traced_in_the_users_jit_vmap_and_scan_are_cast():
    """mean((w x)²) at x = (1, 2): value w²·2.5, slope 2w·2.5 (0.625 and 2.5 at w = 0.5)."""
    f = mean_square()
    with jax.enable_x64(True):
        X = jnp.asarray(np.array([[1.0], [2.0]]))
        assert X.dtype == jnp.float64
        value, slope = jax.jit(lambda X: f({"x": X, "w": 0.5}))(X)
        assert (float(value), float(slope)) == pytest.approx((0.625, 2.5))
        values, slopes = jax.vmap(lambda w: f({"x": X, "w": w}))(jnp.asarray([0.5, 1.0]))
        np.testing.assert_allclose(values, [0.625, 2.5], rtol=1e-6)
        np.testing.assert_allclose(slopes, [2.5, 5.0], rtol=1e-6)

        def gd(w, _):
            return w - 0.1 * f({"x": X, "w": w})[1], None
        w, _ = jax.lax.scan(gd, jnp.asarray(0.5), None, length=3)  # a float64 carry
        assert float(w) == pytest.approx(0.5 * (1 - 0.1 * 5) ** 3, rel=1e-6)
        integers = jnp.asarray(np.array([[1], [2]], dtype=np.int64))
        assert float(jax.jit(lambda X: f({"x": X, "w": 0.5})[0])(integers)) == pytest.approx(0.625)


def test_outside_jit_a_float64_value_float32_makes_0_is_still_refused():
    f = mean_square()
    with jax.enable_x64(True):
        with pytest.raises(FeedError, match="0"):
            f({"x": jnp.asarray(np.array([[1e-50], [2.0]])), "w": 0.5})


def test_a_float64_variable_minimizes_in_float64_on_64_bit_jax():
    """probe94 P94-3 for runs: the lecture's 3 GD steps in Python's double arithmetic (float32 differs in the 8th
    digit); the NumPy backend's rule, the Variables' declared dtype, with 64-bit JAX on."""
    w, lr, hand = symopt.Variable("w", 0.0, dtype="float64"), np.float64(0.01), 0.0
    for _ in range(3):
        hand -= 0.01 * (2 * hand - 10)
    with jax.enable_x64(True):
        found = symopt.minimize(w**2 - 10*w + 25, w, optimizer=symopt.GradientDescent(lr), steps=3, backend="jax")[w]
        with_data = symopt.minimize(w**2 - 10*w + 25, w, optimizer=symopt.GradientDescent(lr), steps=3,
                                    backend="jax", data={}, batch_size=None)[w]
    assert np.asarray(found).dtype == np.float64 and float(found) == pytest.approx(hand, rel=1e-15, abs=0)
    assert float(with_data) == pytest.approx(hand, rel=1e-15, abs=0)

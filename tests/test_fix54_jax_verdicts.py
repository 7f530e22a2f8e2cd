"""probe54 P54-2, P54-3, P54-4: the JAX backend gives a first-order run the verdicts the NumPy backend gives it: no
"converged" at a start where the Hessian curves down, the 2/λ_max bound of a quadratic cost in a divergence, and a
NaN schedule rate named as such (not "try a smaller learning rate").  Skipped where JAX is not installed.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
import sympy

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.errors import DivergenceError  # noqa: E402

w, v = sympy.symbols("w v", real=True)


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_tol_met_at_a_maximum_is_no_success(backend):
    """P54-2: (w² - 1)² + (v² - 1)² at (0, 0) has gradient 0 and Hessian diag(-4, -4) (jax.hessian): a maximum."""
    hessian = jax.hessian(lambda x: (x[0] ** 2 - 1) ** 2 + (x[1] ** 2 - 1) ** 2)(jax.numpy.zeros(2))
    smallest = float(np.linalg.eigvalsh(np.asarray(hessian))[0])
    result = symopt.minimize((w**2 - 1)**2 + (v**2 - 1)**2, {w: 0.0, v: 0.0}, optimizer="adam", steps=100, tol=1e-6,
                             backend=backend)
    assert result.success is False and result.steps == 0
    assert f"its smallest eigenvalue {smallest:g}, 2 of 2 negative" in result.message
    assert "not a minimum" in result.message and "converged" not in result.message


def test_a_jax_run_from_a_minimum_still_converges():
    """The check leaves a start at a minimum alone: (w - 3)² at w = 3 (Hessian 2 > 0) converges after 0 steps."""
    result = symopt.minimize((w - 3)**2, {w: 3.0}, optimizer="adam", steps=10, tol=1e-6, backend="jax")
    assert result.success is True and result.steps == 0 and result.message.startswith("converged")


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_start_without_a_hessian_keeps_its_success_quietly(backend):
    """|w|^1.5 at 0: a minimum whose second derivative (sympy.diff: 0.75 sign(w)²/|w|^0.5 + ...) is nan there; the
    check of the start leaves it alone and lets no NumPy warning out."""
    assert sympy.diff(sympy.Abs(w)**1.5, w, 2).subs(w, 0) is sympy.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = symopt.minimize(sympy.Abs(w)**1.5, {w: 0.0}, optimizer="adam", steps=20, tol=1e-3, backend=backend)
    assert result.success is True and result.steps == 0


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_diverged_quadratic_quotes_the_stable_rate(backend):
    """P54-3: gradient descent at lr 1 on mean((X w - y)²) diverges; its Hessian is 2 XᵀX / m (by hand), and the
    error quotes 2/λ_max of it on both backends."""
    rng = np.random.default_rng(0)
    features, labels = rng.normal(size=(37, 4)) * 100, (rng.random((37, 1)) > 0.5) * 1.0
    largest = np.linalg.eigvalsh(2 * features.T @ features / len(features))[-1]
    X, y = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("y", (None, 1))
    weights = symopt.Variable("w", np.zeros((4, 1)))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ weights - y)), weights, data={X: features, y: labels},
                        optimizer=symopt.GradientDescent(1.0), steps=200, backend=backend)
    quoted = re.search(r"stable only for a learning rate below 2/λ_max = (\S+) \(λ_max = (\S+),", str(caught.value))
    assert quoted is not None, str(caught.value)
    assert float(quoted.group(2)) == pytest.approx(largest, rel=1e-5)
    assert float(quoted.group(1)) == pytest.approx(2 / largest, rel=1e-5)


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_nan_schedule_rate_is_named_not_blamed_on_the_rate_size(backend):
    """P54-4: TF 2.21's tf.compat.v1.train.cosine_decay_restarts(0.1, t, 4, t_mul=0.5) is
    [0.1, 0.0854, 0.05, 0.0146, 0.1, 0.05, 0.1, 0.1, nan, nan, nan] for t = 0..10 (printed by the TF1 oracle): NaN from
    step 8 on, whatever the learning rate, so the error names that step and gives no "smaller learning rate" advice."""
    schedule = symopt.CosineDecayRestarts(0.1, 4, t_mul=0.5)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize((w - 3)**2, {w: 0.0}, optimizer=symopt.GradientDescent(schedule), steps=30, backend=backend)
    message = str(caught.value)
    assert "is nan from step 8 on" in message and "no smaller rate helps" in message
    assert "Try a smaller learning rate" not in message

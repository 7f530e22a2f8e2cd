"""The JAX backend unrolls the full-batch loop of a step over a few numbers in float64 (symopt/jax_loop.py): the
same costs and parameters as the loop of one step per iteration, to rounding (XLA may contract a multiply and an add
differently in the unrolled body).  (Its speed against a hand-written ``lax.scan`` is measured in
benchmarks/compare.py, never here.)"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt import jax_loop  # noqa: E402
from symopt.jax_loop import UNROLL, unroll_for  # noqa: E402


@pytest.fixture()
def x64():
    previous = jax.config.jax_enable_x64
    jax.config.update("jax_enable_x64", True)
    yield
    jax.config.update("jax_enable_x64", previous)


def _runs(cost, wrt, monkeypatch, **options):
    unrolled = symopt.minimize(cost, wrt, backend="jax", **options)
    monkeypatch.setattr(jax_loop, "UNROLL", 1)
    plain = symopt.minimize(cost, wrt, backend="jax", **options)
    monkeypatch.undo()
    return unrolled, plain


@pytest.mark.parametrize("optimizer", [symopt.GradientDescent(0.01), symopt.Adam(0.1), symopt.Momentum(0.01, 0.9),
                                       symopt.RMSProp(0.01)], ids=repr)
@pytest.mark.parametrize("steps", [1, 7, 1001])
def test_an_unrolled_loop_agrees_to_rounding(x64, monkeypatch, optimizer, steps):
    w, v = symopt.Variable("w", 0.0), symopt.Variable("v", 1.5)
    cost = w ** 2 - 10 * w + 25 + sympy.exp(-v) * sympy.sin(w) + (v - 2) ** 2
    unrolled, plain = _runs(cost, [w, v], monkeypatch, optimizer=optimizer, steps=steps, dtype="float64")
    assert len(unrolled.history) == len(plain.history) == unrolled.steps == steps
    np.testing.assert_allclose(unrolled.history, plain.history, rtol=1e-13, atol=1e-14)
    for p in (w, v):
        np.testing.assert_allclose(float(unrolled[p]), float(plain[p]), rtol=1e-13)
    np.testing.assert_allclose(unrolled.value, plain.value, rtol=1e-13, atol=1e-14)
    lecture, reference = _runs(w ** 2 - 10 * w + 25, w, monkeypatch, optimizer=optimizer, steps=steps,
                               dtype="float64")
    np.testing.assert_allclose(lecture.history, reference.history, rtol=1e-14)


def test_which_loops_are_unrolled():
    assert unroll_for([(), ()], False, None, "float64") == UNROLL > 1  # the lecture's w
    assert unroll_for([(8, 8)], False, None, "float64") == UNROLL  # 64 numbers at most
    assert unroll_for([(8, 9)], False, None, "float64") == 1  # more: the step hides the loop
    assert unroll_for([(4, 4), (7, 7)], False, None, "float64") == 1  # 16 + 49
    assert unroll_for([(), (3, 1)], True, None, "float64") == 1  # mini-batches
    assert unroll_for([()], False, 1e-6, "float64") == 1  # tol: a while loop testing every step
    assert unroll_for([()], False, None, "float32") == 1  # float32: XLA's unrolled arithmetic moves the bits


def test_the_lecture_runs_unrolled_and_a_diverging_run_is_still_reported_at_its_step(x64):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.GradientDescent(0.01), steps=1000,
                             backend="jax", dtype="float64")
    np.testing.assert_allclose(float(result[w]), 5 - 5 * 0.98 ** 1000, rtol=1e-12)  # w_k = 5 - 5 (1 - 2 lr)^k
    with pytest.raises(symopt.errors.DivergenceError, match="step 510 ") as diverged:
        symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.GradientDescent(1.5), steps=1001, backend="jax",
                        dtype="float64")  # |1 - 2 lr| = 2: (w - 5)^2 grows 4x a step, past 1.8e308 at step 510
    history = diverged.value.result.history
    assert len(history) == 511 and np.isfinite(history[:510]).all() and np.isinf(history[510])
    np.testing.assert_allclose(history[:3], [25, 25 * 4, 25 * 16], rtol=1e-12)

"""The JAX backend against the NumPy backend (the digit-exact reference), within float32 tolerance.

Skipped where JAX is not installed (it is an optional extra).  Multi-device runs use 4 CPU devices
(``XLA_FLAGS=--xla_force_host_platform_device_count=4``) in a subprocess.
"""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.errors import BackendError, DivergenceError  # noqa: E402
from symopt.jax_devices import Placement  # noqa: E402
from symopt.jax_loop import loop_for  # noqa: E402
from symopt.jax_step import compile_jax_step  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))


def example(name: str):
    """``examples/<name>.py`` as a module of its own (a bare ``import`` could find ``tests/tf1_programs``'s namesake)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"symopt_example_{name}", ROOT / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

TOLERANCE = dict(rtol=2e-4, atol=2e-5)


def both(cost, wrt, **options):
    """The same minimize call on the NumPy backend (float32) and on JAX."""
    numpy_run = symopt.minimize(cost, wrt, dtype="float32", **options)
    jax_run = symopt.minimize(cost, wrt, backend="jax", **options)
    return numpy_run, jax_run


def assert_same_run(numpy_run, jax_run, tolerance=TOLERANCE):
    assert jax_run.backend == "jax" and numpy_run.backend == "numpy"
    assert jax_run.steps == numpy_run.steps
    np.testing.assert_allclose(jax_run.history, numpy_run.history, **tolerance)
    for parameter, value in numpy_run.params.items():
        assert np.shape(jax_run.params[parameter]) == np.shape(value)
        np.testing.assert_allclose(jax_run.params[parameter], value, **tolerance)
    np.testing.assert_allclose(jax_run.value, numpy_run.value, **tolerance)


def dense_model(examples=40, features=5, classes=3, seed=0):
    rng = np.random.default_rng(seed)
    X = symopt.Placeholder("X", shape=(None, features))
    Y = symopt.Placeholder("Y", shape=(None, classes))
    W = symopt.Variable("W", rng.normal(0, 0.3, (features, classes)), shape=(features, classes))
    b = symopt.Variable("b", 0.0, shape=(1, classes))
    cost = ops.softmax_cross_entropy(ops.bias_add(X @ W, b), Y)
    data = {X: rng.normal(size=(examples, features)), Y: np.eye(classes)[rng.integers(0, classes, examples)]}
    return cost, [W, b], data


# -- generated code
def test_source_is_readable_jnp_code():
    cost, wrt, data = dense_model()
    f = symopt.compile(cost, wrt, backend="jax")
    assert f.source == (
        "def value_and_grad(W, b, X, Y):\n"
        "    m = X.shape[0]\n"
        "    t0 = 1/m\n"
        "    t1 = X @ W + b\n"
        "    t2 = log_softmax_and_softmax(t1, axis=1)\n"  # the log-softmax and the softmax in one call (fix45d)
        "    t3 = (-t0)*Y + (t0*Y.sum(axis=1, keepdims=True))*t2[1]\n"
        "    return -(Y*t2[0]).sum()/m, (X.T @ t3, t3.sum(axis=0, keepdims=True))\n")
    step = compile_jax_step(cost, wrt, symopt.Adam(0.01), sorted(data, key=str), dtype="float32", clip_norm=1.0)
    assert "gradient_norm = jnp.sqrt((g_W*g_W).sum() + (g_b*g_b).sum())" in step.source
    assert "g_W = jnp.where(gradient_norm > 1.0, g_W*(1.0/gradient_norm), g_W)" in step.source
    assert "numpy" not in step.source


def test_fused_step_source():
    w = symopt.Variable("w", 0.0)
    step = compile_jax_step(w**2 - 10*w + 25, [w], symopt.Momentum(0.01, 0.9), [], dtype="float32", clip_value=1.0)
    assert step.source == (
        "def step(w, accumulator_w, lr, momentum):\n"
        "    cost = 25 + w**2 - 10*w\n"
        "    g_w = -10 + 2*w\n"
        "    g_w = jnp.clip(g_w, -1.0, 1.0)\n"
        "    accumulator_w = accumulator_w*momentum + g_w\n"
        "    w = w - accumulator_w*lr\n"
        "    return cost, (w,), (accumulator_w,), (), (g_w,)\n")


def test_compiled_value_and_gradient_match_numpy():
    cost, wrt, data = dense_model()
    values = {**{p: p.init for p in wrt}, **data}
    value, gradients = symopt.compile(cost, wrt, backend="jax")(values)
    expected_value, expected = symopt.compile(cost, wrt)(values)
    assert value.dtype == np.float32
    np.testing.assert_allclose(value, expected_value, rtol=1e-5)
    for got, want in zip(gradients, expected):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


# -- every model of the examples
def test_lecture_costs_match_numpy():
    w = symopt.Variable("w", 0.0, dtype="float32")
    cost = w**2 - 10*w + 25
    assert_same_run(*both(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1001))
    assert_same_run(*both(cost, w, optimizer=symopt.Adam(0.1), steps=1000))
    x = symopt.Placeholder("x", shape=(3, 1), dtype="float32")
    data_cost = x[0, 0]*w**2 + x[1, 0]*w + x[2, 0]
    assert_same_run(*both(data_cost, w, data={x: np.array([[1.], [-20.], [100.]])}, steps=1001))


def test_linear_regression_matches_numpy():
    load = example("linear_regression").load
    features, target = load()
    X, y = symopt.Placeholder("X", shape=(None, features.shape[1])), symopt.Placeholder("y", shape=(None, 1))
    W, b = symopt.Variable("W", 0.0, shape=(features.shape[1], 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    cost = ops.mean(ops.square(ops.bias_add(X @ W, b) - y)) / 2
    assert_same_run(*both(cost, [W, b], data={X: features, y: target}, optimizer=symopt.Momentum(0.5, 0.9),
                          steps=300), dict(rtol=1e-3, atol=1e-3))


def test_logistic_regression_matches_numpy():
    load = example("logistic_regression").load
    train_x, _, train_y, _ = load()
    examples, n = train_x.shape
    X, y = symopt.Placeholder("X", shape=(None, n)), symopt.Placeholder("y", shape=(None, 1))
    W, b = symopt.Variable("W", 0.0, shape=(n, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    cost = ops.sigmoid_cross_entropy(ops.bias_add(X @ W, b), y) + ops.l2_penalty(W) / examples
    assert_same_run(*both(cost, [W, b], data={X: train_x, y: train_y.reshape(-1, 1)},
                          optimizer=symopt.Momentum(0.5, 0.9), steps=300), dict(rtol=1e-3, atol=1e-4))


def test_digits_network_matches_numpy_on_the_same_mini_batches():
    import digits_network
    train_x, _, train_onehot, _, _ = digits_network.load()
    X, Y, parameters, _, cost = digits_network.network()
    assert_same_run(*both(cost, parameters, data={X: train_x, Y: train_onehot}, optimizer=symopt.Adam(0.001),
                          batch_size=32, epochs=2, seed=0), dict(rtol=1e-3, atol=1e-4))


@pytest.fixture
def jax_sessions(monkeypatch):
    """``tf.Session()`` of the TF1 examples, unchanged, running on JAX (``ConfigProto(backend="jax")``)."""
    import symopt.compat.v1 as tf

    class JaxSession(tf.Session):
        def __init__(self, target="", graph=None, config=None):
            super().__init__(target, graph, config or tf.ConfigProto(backend="jax"))
            assert self.backend == "jax"
    return lambda: monkeypatch.setattr(tf, "Session", JaxSession)


def test_tf1_lecture_runs_on_jax(jax_sessions, capsys):
    import runpy
    runpy.run_path(str(ROOT / "examples" / "lecture_tf1.py"))
    on_numpy = [float(line) for line in capsys.readouterr().out.split()]
    jax_sessions()
    runpy.run_path(str(ROOT / "examples" / "lecture_tf1.py"))
    on_jax = [float(line) for line in capsys.readouterr().out.split()]
    assert on_numpy == [0.0, 0.099999994, 4.9999886, 5.000001]  # TF1's digits
    np.testing.assert_allclose(on_jax, on_numpy, rtol=1e-6)


def test_tf1_digits_network_runs_on_jax(jax_sessions, monkeypatch):
    import digits_network_tf1
    monkeypatch.setattr(digits_network_tf1, "QUICK_EPOCHS", 2)
    on_numpy = digits_network_tf1.main(quick=True)
    jax_sessions()
    on_jax = digits_network_tf1.main(quick=True)
    for key in ("train_accuracy", "test_accuracy"):
        assert abs(on_jax[key] - on_numpy[key]) <= 0.005, (key, on_jax, on_numpy)


# -- options
def test_clipping_schedules_and_tol_match_numpy():
    cost, wrt, data = dense_model()
    rate = symopt.ExponentialDecay(0.5, decay_steps=10, decay_rate=0.5)
    assert_same_run(*both(cost, wrt, data=data, optimizer=symopt.GradientDescent(rate), steps=30, clip_norm=0.5,
                          clip_value=0.2))
    numpy_run, jax_run = both(cost, wrt, data=data, optimizer=symopt.GradientDescent(0.5), steps=2000, tol=1e-3)
    assert numpy_run.message.startswith("converged") and jax_run.message == numpy_run.message
    assert_same_run(numpy_run, jax_run)


def test_mini_batches_are_the_numpy_backends_batches_in_order():
    """Each step's cost is the mean of its rows (the learning rate barely moves w): it names the batch."""
    rows = np.arange(1.0, 11.0).reshape(-1, 1)
    x = symopt.Placeholder("x", shape=(None, 1))
    w = symopt.Variable("w", 1.0)
    cost = ops.mean(x) * w
    result = symopt.minimize(cost, w, data={x: rows}, optimizer=symopt.GradientDescent(1e-12), batch_size=4,
                             epochs=3, seed=7, backend="jax")
    rng, expected = np.random.default_rng(7), []
    for _ in range(3):
        order = rng.permutation(10)
        expected += [rows[order[start:start + 4]].mean() for start in range(0, 10, 4)]
    np.testing.assert_allclose(result.history, expected, rtol=1e-6)
    unshuffled = symopt.minimize(cost, w, data={x: rows}, optimizer=symopt.GradientDescent(1e-12), batch_size=4,
                                 epochs=1, shuffle=False, backend="jax")
    np.testing.assert_allclose(unshuffled.history, [2.5, 6.5, 9.5], rtol=1e-6)


def test_short_last_batch_compiles_once():
    cost, wrt, data = dense_model(examples=10)
    options = dict(data=data, optimizer=symopt.Momentum(0.1, 0.9), batch_size=4, backend="jax")
    symopt.minimize(cost, wrt, epochs=1, **options)
    loop = loop_for(compile_jax_step(cost, wrt, symopt.Momentum(0.1, 0.9), sorted(data, key=str),
                                     dtype="float32"), Placement.of(None), (0, 0), None, True)
    assert loop.traces == 2  # the epoch's two full batches, and the short batch of 2 rows
    with counting_compilations() as compilations:  # a retrace is counted above; this counts XLA compilations:
        result = symopt.minimize(cost, wrt, epochs=5, **options)  # arguments laid out the same in every call
    assert loop.traces == 2 and result.steps == 15
    assert compilations == []


def test_a_repeated_full_batch_run_compiles_nothing():
    w = symopt.Variable("w", 0.0)
    run = functools.partial(symopt.minimize, w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(0.1), steps=50,
                            backend="jax")
    first = run()
    with counting_compilations() as compilations:
        again = run()
    assert compilations == [] and np.array_equal(first.history, again.history)
    assert first.params[w] == again.params[w] and again.history.flags.writeable


@pytest.mark.parametrize("on_disk", [False, True])
def test_another_learning_rate_compiles_nothing(on_disk, tmp_path):  # probe39 P39-3: a new rate compiled a new loop
    w = symopt.Variable("w", 0.0)
    cost, wrt, data = dense_model(examples=10)
    jax_run = functools.partial(symopt.minimize, backend="jax", cache_dir=tmp_path if on_disk else None)

    def warm_up(rates):  # the first rate compiles (also the momentum and the short batch below)
        for rate, momentum in rates:
            jax_run(w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(rate), steps=50)
            jax_run(cost, wrt, data=data, optimizer=symopt.Momentum(rate, momentum), batch_size=4)
    warm_up([(0.1, 0.9), (0.2, 0.9)] + ([(0.05, 0.7), (0.3, 0.7), (0.03, 0.7)] if on_disk else []))
    if on_disk:  # a later process: every step below is read from the disk, one function per source
        from symopt.cache import CACHE
        CACHE.clear()
        warm_up([(0.1, 0.9)])
    with counting_compilations() as compilations:
        runs = [jax_run(w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(rate), steps=50) for rate in (0.05, 0.3)]
        batched = jax_run(cost, wrt, data=data, optimizer=symopt.Momentum(0.03, 0.7), batch_size=4, seed=1)
    assert compilations == []
    for rate, run in zip((0.05, 0.3), runs):  # each run's own rate, not the first compiled one's
        assert_same_run(symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(rate), steps=50,
                                        dtype="float32"), run)
    assert_same_run(symopt.minimize(cost, wrt, data=data, optimizer=symopt.Momentum(0.03, 0.7), batch_size=4,
                                    seed=1, dtype="float32"), batched)


@contextlib.contextmanager
def counting_compilations():
    """The durations of the XLA compilations while the block runs (``jax.monitoring``'s compile event)."""
    seen = []

    def listener(event, duration, **_):
        if event == "/jax/core/compile/backend_compile_duration":
            seen.append(duration)
    jax.monitoring.register_event_duration_secs_listener(listener)
    try:
        yield seen
    finally:
        jax.monitoring.unregister_event_duration_listener(listener)


# -- errors, before anything runs
def test_float64_without_x64_is_refused():
    cost, wrt, data = dense_model()
    assert not jax.config.jax_enable_x64
    with pytest.raises(BackendError, match="jax_enable_x64"):
        symopt.minimize(cost, wrt, data=data, backend="jax", dtype="float64")
    with pytest.raises(BackendError, match="jax_enable_x64"):
        symopt.compile(cost, wrt, backend="jax", dtype="float64")


def test_a_float64_function_called_after_x64_is_switched_off_is_refused():
    """probe21 P21-1: compiled inside ``jax.enable_x64(True)``, called after it: JAX would run the jitted code in
    float32 and return float32 arrays from a function whose dtype says float64."""
    w = symopt.Variable("w", 0.0)
    cost = (w - 1e-9) ** 2 + 1.0
    with jax.enable_x64(True):
        f = symopt.compile(cost, w, backend="jax", dtype="float64")
        value, gradient = f(w=1.0)
        assert value.dtype == np.float64 and float(value) == 1.999999998 and float(gradient) == 1.999999998
    assert not jax.config.jax_enable_x64
    with pytest.raises(BackendError, match="jax_enable_x64"):
        f(w=1.0)


def test_a_polynomial_decay_past_its_decay_steps_trains_on_jax():
    """probe21 P21-3: XLA computes the base 1 - min(t, s)*(1/s) with one rounding, -4.5e-8 at t = s = 7 in float32
    (NumPy and TF1: 0); under power=0.5 the rate was NaN from step 7 and the run was reported as diverging.  The
    traced rate clamps the base at 0, where it is in exact arithmetic; the NumPy (TF1) rate is printed as before."""
    from symopt import schedules
    from symopt.jax_printer import JaxSchedulePrinter
    schedule = schedules.PolynomialDecay(0.1, 7, end_learning_rate=0.01, power=0.5)
    w = symopt.Variable("w", 1.0)
    for wrapped in (schedule, schedules.Warmup(schedule, 3)):
        on_numpy = symopt.minimize(w**2, w, optimizer=symopt.GradientDescent(wrapped), steps=12, dtype="float32")
        on_jax = symopt.minimize(w**2, w, optimizer=symopt.GradientDescent(wrapped), steps=12, backend="jax")
        assert on_jax.success and float(on_jax[w]) == pytest.approx(float(on_numpy[w]), rel=1e-6)
    names = {name: name for name in schedule.constants()}
    assert schedules.schedule_code(schedule, "t", names) == \
        "(eta_0 - eta_end)*numpy.sqrt(1 - min(s, t)*s_reciprocal) + eta_end"  # TF's Grappler: Pow(x, 0.5) -> Sqrt
    assert schedules.schedule_code(schedule, "t", names, JaxSchedulePrinter) == \
        "(eta_0 - eta_end)*jnp.maximum(0, 1 - jnp.minimum(s, t)*s_reciprocal)**p + eta_end"


def _regression(rank_one=False):
    rng = np.random.default_rng(0)
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros(2), shape=(2,)) if rank_one else symopt.Variable("w", np.zeros((2, 1)), shape=(2, 1))
    Xd = rng.normal(size=(10, 2))
    return ops.mean(ops.square(X @ w - y)), w, {X: Xd, y: Xd @ np.array([[1.], [2.]])}


def test_the_numpy_backends_set_up_checks_hold_on_jax_too():
    """probe21 P21-7 / P21-8: batch_size with a (None, None) input, and an Ftrl run whose decay reaches 0 in
    float32, are refused before the first step with the NumPy backend's messages (JAX raised its own TypeError
    from inside the loop, or trained on, dividing by 0, with success=True)."""
    rng = np.random.default_rng(0)
    K, y = symopt.Placeholder("K", (None, None)), symopt.Placeholder("y", (None, 1))
    a = symopt.Variable("a", 0.0)
    A = rng.normal(size=(8, 3))
    data = {K: A @ A.T, y: rng.normal(size=(8, 1))}
    for backend in ("numpy", "jax"):
        with pytest.raises(symopt.errors.ConfigurationError, match=r"K declared \(None, None\): an m x m matrix"):
            symopt.minimize(ops.mean(ops.square(K @ y * a - y)), a, data=data, batch_size=4, backend=backend)
    from symopt import schedules
    w = symopt.Variable("w", 1.0)
    for backend, said in (("numpy", "decays to 0 in float32 from step 147 on"),
                          # review11 R11-12: XLA computes a subnormal float32 rate as 0, from step 123
                          ("jax", r"decays below float32's smallest normal number \(1.175e-38\), which this "
                                  r"backend computes as 0, from step 123 on")):
        with pytest.raises(symopt.errors.ConfigurationError, match=said):
            symopt.minimize((w - 0.3) ** 2, w, optimizer=symopt.Ftrl(schedules.ExponentialDecay(0.1, 1, 0.5)),
                            dtype="float32", steps=300, backend=backend)
    assert symopt.minimize((w - 0.3) ** 2, w, optimizer=symopt.Ftrl(schedules.ExponentialDecay(0.1, 1, 0.5)),
                           steps=122, backend="jax").success
    cost, v, data = _regression()
    # 40 epochs x 4 batches: 160 steps
    with pytest.raises(symopt.errors.ConfigurationError, match="smallest normal number"):
        symopt.minimize(cost, v, data=data, optimizer=symopt.Ftrl(schedules.ExponentialDecay(0.1, 1, 0.5)),
                        batch_size=3, epochs=40, backend="jax")


@pytest.mark.parametrize("observation, options", [
    (-3.0, dict(steps=5)), (-3.0, dict(batch_size=2, shuffle=False)), (-3.0, dict(batch_size=2, seed=3)),
    (0.0, dict(steps=5)), (0.0, dict(batch_size=2, shuffle=False))])
def test_a_cost_made_non_finite_by_the_data_names_the_entry_on_jax_too(observation, options):
    """probe21 P21-9: log of an observation <= 0 was blamed on the start or the learning rate on JAX; the NumPy
    backend's data diagnosis names the entry (by its row in the user's data for a mini-batch), word for word."""
    import sympy
    x, mu = symopt.Placeholder("x", (None, 1)), symopt.Variable("mu", 0.0)
    cost = ops.mean(ops.square(ops.log(x) - mu * sympy.OneMatrix(symopt.BATCH, 1)))
    data = {x: np.array([[1.0], [2.0], [observation], [4.0], [0.5], [2.5]])}
    messages = []
    for backend in ("numpy", "jax"):
        with pytest.raises((DivergenceError, symopt.errors.DomainError)) as caught:
            symopt.minimize(cost, mu, data=data, backend=backend, **options)
        messages.append((type(caught.value), str(caught.value)))
        assert caught.value.result is not None
    assert messages[1] == messages[0]
    assert f"because of the data: log(x) is {'nan (no real value)' if observation else '-inf'} at x[2, 0] = " \
        f"{observation:g}" in messages[1][1]


def test_a_shuffled_run_without_a_seed_diagnoses_its_own_batches():
    """probe21 P21-12: with seed=None the run, its replay and the diagnosis each drew their own shuffles, so a
    data fault was named only by chance (4 runs in 20); one seed is drawn per run."""
    import sympy
    x, mu = symopt.Placeholder("x", (None, 1)), symopt.Variable("mu", 0.0)
    cost = ops.mean(ops.square(ops.log(x) - mu * sympy.OneMatrix(symopt.BATCH, 1)))
    data = {x: np.array([[1.0], [2.0], [-3.0], [4.0], [0.5], [2.5], [1.5], [3.0]])}
    for _ in range(8):
        with pytest.raises(symopt.errors.DomainError, match=r"because of the data: log\(x\) is nan .* at x\[2, 0\]"):
            symopt.minimize(cost, mu, data=data, batch_size=2, epochs=3, backend="jax")


def test_batch_size_without_batch_data_gets_the_numpy_backends_message():
    """probe21 P21-13: JAX said "expected at most the None examples"."""
    w = symopt.Variable("w", 1.0)
    for backend in ("numpy", "jax"):
        with pytest.raises(symopt.errors.ConfigurationError, match=r"^batch_size needs data with a batch dimension"):
            symopt.minimize((w - 3) ** 2, w, batch_size=2, backend=backend)


@pytest.mark.parametrize("count", [np.uint8(2), np.uint32(2), np.uint64(2)])
def test_unsigned_numpy_counts_are_counts_on_jax(count):
    """probe21 P21-15 (the NumPy backend's test: tests/test_run_messages_counts.py)."""
    X = symopt.Placeholder("X", (None, 2))
    w = symopt.Variable("w", np.zeros((2, 1)), shape=(2, 1))
    result = symopt.minimize(ops.mean(ops.square(X @ w)), w, data={X: np.ones((5, 2))}, batch_size=count,
                             epochs=count, backend="jax")
    assert result.steps == 6


def test_a_full_batch_run_with_tol_runs_in_chunks_sized_by_the_steps_taken(monkeypatch):
    """probe21 P21-19: with tol, a full-batch run made its history for the whole budget on the device (steps=10**8
    converging in 45 steps: 1.4 GB).  It runs in calls of TOL_CHUNK steps; the run is the same, chunked or not,
    converging, running out of steps, or diverging (its replay goes through the same calls)."""
    from symopt import jax_run
    w = symopt.Variable("w", 1.0)
    runs = {}
    for chunk in (1 << 16, 8):
        monkeypatch.setattr(jax_run, "TOL_CHUNK", chunk)
        converged = symopt.minimize((w - 2) ** 2, w, steps=10 ** 9 if chunk == 8 else 1000, tol=1e-4,
                                    optimizer=symopt.GradientDescent(0.1), backend="jax")
        short = symopt.minimize((w - 2) ** 2, w, steps=20, tol=1e-9, optimizer=symopt.GradientDescent(0.1),
                                backend="jax")
        with pytest.raises(DivergenceError) as caught:
            symopt.minimize(w ** 4, w, optimizer=symopt.GradientDescent(10.0), steps=50, tol=1e-6, backend="jax")
        runs[chunk] = (converged, short, caught.value.result)
    for big, small in zip(runs[1 << 16], runs[8]):
        assert small.steps == big.steps and small.message == big.message and small.success == big.success
        np.testing.assert_array_equal(small.history, big.history)
        assert float(small[w]) == float(big[w]) and small.value == big.value
    assert runs[8][0].steps == 45 and runs[8][0].success and not runs[8][1].success


def test_a_mini_batch_run_stopped_by_tol_says_it_was_that_batchs_gradient():
    """probe21 P21-5: tol is tested on each mini-batch's gradient; the message said "converged" as a full-batch
    run does, for a model far from converged on the whole data.  Same message and step on both backends."""
    cost, w, data = _regression()
    results = [symopt.minimize(cost, w, data=data, optimizer=symopt.GradientDescent(0.05), batch_size=3, epochs=200,
                               seed=1, tol=1.0, backend=backend) for backend in ("numpy", "jax")]
    for result in results:
        assert result.success and result.steps == 1
        assert result.message.startswith("converged on mini-batch 2 of epoch 1: every |gradient| of that batch <= 1.0 "
                                         "after 1 step (a mini-batch's gradient estimates the whole data's")


def test_optimizer_state_comes_back_in_the_parameters_shapes():
    """probe21 P21-6: a rank-1 Variable's Adam slots came back as (n, 1) columns on JAX ((n,) on NumPy), so
    ``state["m_w"] + result[w]`` broadcast to an n x n matrix; shared slots are scalars on both."""
    cost, w, data = _regression(rank_one=True)
    states = [symopt.minimize(cost, w, data=data, optimizer=symopt.Adam(0.1), steps=5, dtype="float32",
                              backend=backend).optimizer_state for backend in ("numpy", "jax")]
    assert {k: np.shape(v) for k, v in states[1].items()} == {k: np.shape(v) for k, v in states[0].items()} == \
        {"m_w": (2,), "v_w": (2,), "beta1_power": (), "beta2_power": ()}
    assert isinstance(states[1]["beta1_power"], np.float32)
    for name in states[0]:
        np.testing.assert_allclose(states[1][name], states[0][name], rtol=1e-5)


def test_device_arrays_get_the_hosts_checks():
    """probe21 P21-14: a jax.Array skipped the promise of a Symbol declared positive (the cost SymPy simplified under
    it was evaluated at -3: 13 instead of 7), and a float64 device array past float32's range became inf."""
    import sympy
    import jax.numpy as jnp
    x, w = sympy.Symbol("x", positive=True), symopt.Variable("w", 0.0)
    f = symopt.compile((w - sympy.sqrt(x ** 2)) ** 2 + w * sympy.Abs(x), w, backend="jax")
    for value in (-3.0, jnp.float32(-3.0)):
        with pytest.raises(symopt.errors.FeedError, match="expected a positive number, as it is declared with "
                                                          "positive=True; given -3.0"):
            f(w=1.0, x=value)
    assert [float(v) for v in f(w=1.0, x=jnp.float32(3.0))] == [7.0, -1.0]
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
    g = symopt.compile(ops.mean(ops.square(X @ W - y)), W, backend="jax", dtype="float32")
    with jax.enable_x64(True):
        wide = jnp.asarray([[1., 2.], [3., 4e39], [5., 6.]], dtype=jnp.float64)
        with pytest.raises(symopt.errors.FeedError, match="given 4e\\+39, which float32 would make infinite"):
            g(X=wide, y=np.ones((3, 1)), W=np.zeros((2, 1)))


def test_a_keyword_call_with_float64_arrays_is_converted_as_a_dict_call_is():
    """probe21 P21-4: the NumPy backend's fast path for arrays given as they are (a keyword call of 2-D arrays of
    the function's dtype) took float64 arrays for a float32 JAX function (NumPy reads ``dtype == None`` as
    float64): unconverted and unchecked, so the call computed in float64, or made inf data NaN silently."""
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((2, 1)), shape=(2, 1))
    f = symopt.compile(ops.mean(ops.square(X @ w - y)), w, backend="jax", dtype="float32")
    Xd, yd, w0 = np.array([[1., 2.], [3., 4.], [5., 6.]]) / 3, np.array([[1.], [2.], [3.]]) / 7, np.full((2, 1), 0.1)
    by_dict, by_keyword = f({X: Xd, y: yd, w: w0}), f(X=Xd, y=yd, w=w0)
    assert by_keyword[0].dtype == by_dict[0].dtype == np.float32 and by_keyword[1].dtype == np.float32
    assert float(by_keyword[0]) == float(by_dict[0])
    Xd[1, 1] = 4e39
    with pytest.raises(symopt.errors.FeedError, match="float32 would make infinite"):
        f(X=Xd, y=yd, w=w0)


@pytest.mark.parametrize("options, match", [
    (dict(backend="torch"), "expected one of"),
    (dict(devices=2), "needs backend='jax'"),
    (dict(backend="jax", devices=99), "expected 1 to"),
    (dict(backend="jax", devices="gpu"), "number of devices or a list"),
    (dict(backend="jax", callback=print), "does not support callback"),
    (dict(backend="jax", trace=True), "does not support trace"),
    (dict(backend="jax", method="lbfgs"), "NumPy backend only"),
    (dict(backend="jax", data="nan"), "contains NaN or infinity"),  # a FeedError, found on the device
])
def test_bad_backend_options_are_refused(options, match):
    cost, wrt, data = dense_model()
    before = [p.init.copy() for p in wrt]
    if options.get("data") == "nan":
        options["data"] = {**data, next(iter(data)): np.full((40, 5), np.nan)}
    expected = symopt.errors.FeedError if "data" in options else BackendError
    with pytest.raises(expected, match=match):
        symopt.minimize(cost, wrt, **{"data": data, "steps": 3, **options})
    assert all(np.array_equal(p.init, v) for p, v in zip(wrt, before))


def test_divergence_keeps_the_best_parameters():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(w**4, w, optimizer=symopt.GradientDescent(10.0), steps=50, backend="jax")
    result = caught.value.result
    assert not result.success and result.backend == "jax"
    assert np.isfinite(result.value) and result.value == min(result.history[np.isfinite(result.history)])
    assert float(result.params[w]) ** 4 == pytest.approx(result.value, rel=1e-5)
    x = symopt.Placeholder("x", shape=(None, 1))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(x) * w**4, w, data={x: np.ones((10, 1))}, optimizer=symopt.GradientDescent(10.0),
                        batch_size=3, epochs=20, backend="jax")
    result = caught.value.result
    first = int(np.argmin(np.isfinite(result.history)))
    assert result.steps == first == len(result.history) - 1 and first > 0
    assert result.value == min(result.history[:first]) and np.isfinite(float(result.params[w]))
    assert result.history[0] == 1.0 and float(result.params[w]) ** 4 == pytest.approx(result.value, rel=1e-5)


FLOAT64 = textwrap.dedent("""
    import jax
    jax.config.update("jax_enable_x64", True)
    import numpy as np
    import symopt
    from symopt import ops
    X, Y = symopt.Placeholder("X", shape=(None, 3)), symopt.Placeholder("Y", shape=(None, 1))
    W = symopt.Variable("W", 0.1, shape=(3, 1))
    cost, data = ops.mean(ops.square(X @ W - Y)), {X: np.arange(12.0).reshape(4, 3) / 10, Y: np.ones((4, 1))}
    for optimizer in (symopt.Adam(0.1), symopt.RMSProp(0.01, centered=True), symopt.Adagrad(0.1), symopt.Nadam(0.1),
                      symopt.Momentum(0.1, 0.9, nesterov=True), symopt.Adadelta(1.0), symopt.Ftrl(0.1)):
        ours = symopt.minimize(cost, W, data=data, optimizer=optimizer, steps=30, backend="jax", dtype="float64")
        reference = symopt.minimize(cost, W, data=data, optimizer=optimizer, steps=30)
        assert ours[W].dtype == np.float64, ours[W].dtype
        assert np.abs(ours[W] - reference[W]).max() < 1e-13, (optimizer, ours[W] - reference[W])
        assert np.abs(ours.history - reference.history).max() < 1e-13, optimizer
    print("ok")
""")


def run_script(script: str, **environment) -> str:
    environment = dict(os.environ, JAX_PLATFORMS="cpu", **environment,
                       PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def test_import_symopt_does_not_import_jax():
    script = ("import sys, numpy, symopt, symopt.minimize, symopt.compiler, symopt.compat.v1 as tf\n"
              "w = symopt.Variable('w', 0.0)\n"
              "symopt.minimize((w - 1)**2, w, steps=3)\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jax'))")
    assert run_script(script) == "[]"


def test_float64_with_x64_matches_numpy_to_the_last_digits():
    """With ``jax_enable_x64`` (a subprocess: the switch is global), every optimizer agrees with NumPy's float64."""
    assert run_script(FLOAT64) == "ok"


# -- several devices (4 CPU devices in a subprocess: the flag must be set before JAX starts)
MULTI_DEVICE = textwrap.dedent("""
    import json, sys
    import numpy as np
    import symopt
    from symopt import ops
    rng = np.random.default_rng(0)
    X, Y = symopt.Placeholder("X", shape=(None, 6)), symopt.Placeholder("Y", shape=(None, 3))
    W = symopt.Variable("W", rng.normal(0, 0.3, (6, 3)), shape=(6, 3))
    b = symopt.Variable("b", 0.0, shape=(1, 3))
    cost = ops.softmax_cross_entropy(ops.bias_add(X @ W, b), Y)
    report = {}
    for examples, batch in ((64, None), (50, 8)):
        data = {X: rng.normal(size=(examples, 6)), Y: np.eye(3)[rng.integers(0, 3, examples)]}
        options = dict(data=data, optimizer=symopt.Adam(0.05), backend="jax", seed=1)
        options.update(dict(steps=40) if batch is None else dict(batch_size=batch, epochs=3))
        one = symopt.minimize(cost, [W, b], **options)
        four = symopt.minimize(cost, [W, b], devices=4, **options)
        report[str(batch)] = dict(devices=list(four.devices), one=list(one.devices),
            difference=max(float(np.abs(one[p] - four[p]).max()) for p in (W, b)),
            history=float(np.abs(one.history - four.history).max()), steps=[one.steps, four.steps])
    print(json.dumps(report))
""")


def test_four_devices_give_the_parameters_of_one():
    import json
    report = json.loads(run_script(MULTI_DEVICE, XLA_FLAGS="--xla_force_host_platform_device_count=4"))
    for batch, run in report.items():
        assert run["devices"] == ["cpu:0", "cpu:1", "cpu:2", "cpu:3"] and run["one"] == ["cpu:0"]
        assert run["steps"][0] == run["steps"][1] == (40 if batch == "None" else 21)
        assert run["difference"] < 1e-5 and run["history"] < 1e-5, (batch, run)


SHORT_LAST_BATCHES = textwrap.dedent("""
    import numpy as np
    import symopt
    from symopt import ops
    rng = np.random.default_rng(0)
    X, Y = symopt.Placeholder("X", shape=(None, 3)), symopt.Placeholder("Y", shape=(None, 1))
    W = symopt.Variable("W", rng.normal(0, 0.1, (3, 1)), shape=(3, 1))
    b = symopt.Variable("b", 0.0)
    cost = ops.mean(ops.square(ops.bias_add(X @ W, b) - Y))
    data = rng.normal(size=(38, 3))
    options = dict(data={X: data, Y: data @ np.array([[1.0], [-2.0], [0.5]]) + 0.3},
                   optimizer=symopt.GradientDescent(0.01), batch_size=10, epochs=30, seed=0)
    numpy_run = symopt.minimize(cost, [W, b], dtype="float32", **options)
    for attempt in range(3):
        two = symopt.minimize(cost, [W, b], backend="jax", devices=2, **options)
        assert two.steps == numpy_run.steps == 120 and np.abs(two[W] - numpy_run[W]).max() < 1e-6
    print("ok")
""")


def test_two_devices_with_a_short_last_batch_finish():
    """Mini-batches of 10 of 38 rows on 2 CPU devices: the epoch's full batches and its short last batch are two
    programs, and with their calls in flight at once XLA's CPU collectives deadlocked, then aborted the process
    (probe39 P39-1: 4 runs of 5).  The subprocess's exit code and timeout bound the test, not a clock."""
    assert run_script(SHORT_LAST_BATCHES, XLA_FLAGS="--xla_force_host_platform_device_count=2") == "ok"


def test_matrix_products_run_at_full_float32_precision_unless_the_user_chooses():
    """On GPUs JAX's default float32 product is TensorFloat-32 (1e-2 off the NumPy reference on an H200)."""
    import re
    cost, (W, b), data = dense_model()
    function = symopt.compile(cost, [W, b], backend="jax").function.function
    arguments = {"W": np.ones((5, 3), np.float32), "b": np.zeros((1, 3), np.float32),
                 "X": np.ones((4, 5), np.float32), "Y": np.ones((4, 3), np.float32)}
    names = [str(s) for s in symopt.compile(cost, [W, b], backend="jax").inputs]

    def precisions():
        text = function.lower(*[arguments[name] for name in names]).as_text()
        return set(re.findall(r"precision = \[(\w+), \w+\]", text))
    assert precisions() == {"HIGHEST"}
    with jax.default_matmul_precision("tensorfloat32"):
        assert precisions() == {"HIGH"}


@pytest.mark.parametrize("steps, success", [(5, False), (2000, True)], ids=["tol unmet", "tol met"])
def test_success_on_the_jax_backend_says_whether_tol_was_met(steps, success):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, steps=steps, tol=1e-4, backend="jax", dtype="float32")
    assert result.success is success, result.message


def test_a_promised_symbol_traced_inside_the_callers_jit_is_a_feed_error():
    """``positive=True`` is checked on the fed number; a value traced inside the caller's ``jax.jit`` has none:
    a FeedError naming the ways out, not JAX's bare ConcretizationTypeError (probe39 P39-2).  vmap over another
    input still runs."""
    import sympy
    from symopt.errors import FeedError
    s = sympy.Symbol("s", positive=True)
    w = symopt.Variable("w", 0.5)
    X = symopt.Placeholder("X", shape=(None, 1))
    f = symopt.compile(ops.sum(ops.square(X * w)) / s + sympy.log(s) * w**2, [w], backend="jax")
    feed = {"X": np.ones((4, 1)), "w": 0.5, "s": 2.0}
    assert float(f(feed)[0]) == pytest.approx(4 * 0.25 / 2 + np.log(2.0) * 0.25, rel=1e-6)
    with pytest.raises(FeedError, match=r"value for s: .*positive=True.*traced inside your own jax.jit"):
        jax.jit(lambda value: f({**feed, "s": value})[0])(np.float32(2.0))
    values = jax.vmap(lambda value: f({**feed, "w": value})[0])(np.float32([0.5, 1.0]))
    assert np.allclose(values, [4 * 0.25 / 2 + np.log(2.0) * 0.25, 4 / 2 + np.log(2.0)], rtol=1e-6)

"""symopt.minimize: result fields, stopping rules, divergence, errors, mini-batch training."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, DivergenceError, FeedError, NoGradientError

w = symopt.Variable("w", 0.0)
LECTURE = w ** 2 - 10 * w + 25


# ------------------------------------------------------------------ result fields

def test_result_fields():
    result = symopt.minimize(LECTURE, w, optimizer=symopt.GradientDescent(0.01), steps=100)
    assert set(result.params) == {w}
    assert result[w] == result.params[w]
    assert result.steps == 100
    assert len(result.history) == 100
    assert result.history[0] == 25.0
    assert np.all(np.diff(result.history) < 0)
    assert result.message == "stopped after 100 steps"
    assert result.success is True
    # value is the cost at the final parameters
    assert result.value == pytest.approx((result[w] - 5.0) ** 2, rel=1e-9)
    assert result.value < result.history[-1]
    assert 4.3 < result[w] < 4.4


def test_default_optimizer_is_gradient_descent_001():
    default = symopt.minimize(LECTURE, w, steps=10)
    explicit = symopt.minimize(LECTURE, w, optimizer=symopt.GradientDescent(0.01), steps=10)
    assert default[w] == explicit[w]


def test_optimizer_by_name():
    by_name = symopt.minimize(LECTURE, w, optimizer="adam", steps=10)
    assert by_name.steps == 10 and by_name[w] > 0
    with pytest.raises(ConfigurationError, match="unknown optimizer"):
        symopt.minimize(LECTURE, w, optimizer="sgd-with-love", steps=10)


def test_wrt_dict_overrides_initial_value():
    result = symopt.minimize(LECTURE, {w: 5.0}, steps=3)
    assert result[w] == 5.0
    assert list(result.history) == [0.0, 0.0, 0.0]


def test_plain_sympy_symbol_needs_initial_value():
    import sympy

    t = sympy.Symbol("t", real=True)
    with pytest.raises(ConfigurationError, match="initial value"):
        symopt.minimize((t - 1) ** 2, t)
    assert symopt.minimize((t - 1) ** 2, {t: 0.0}, optimizer=symopt.GradientDescent(0.1), steps=200)[t] == \
        pytest.approx(1.0)


def test_several_parameters():
    a, c = symopt.Variable("a", 0.0), symopt.Variable("c", 0.0)
    result = symopt.minimize((a - 1) ** 2 + (c + 2) ** 2 + a * c / 10, [a, c], optimizer=symopt.Adam(0.1), steps=2000)
    # stationary point of the quadratic
    solution = np.linalg.solve([[2, 0.1], [0.1, 2]], [2, -4])
    np.testing.assert_allclose([result[a], result[c]], solution, atol=1e-4)


def test_matrix_parameter_with_rank_one_shape():
    v = symopt.Variable("v", 0.0, shape=(3,))
    target = symopt.Placeholder("target", (3,))
    result = symopt.minimize(ops.sum(ops.square(v - target)), v, data={"target": [1.0, 2.0, 3.0]},
                             optimizer=symopt.GradientDescent(0.25), steps=200)
    assert result[v].shape == (3,)
    np.testing.assert_allclose(result[v], [1.0, 2.0, 3.0], atol=1e-12)


# ------------------------------------------------------------------ stopping rules

def test_tol_stops_early():
    result = symopt.minimize(LECTURE, w, optimizer=symopt.GradientDescent(0.1), steps=10_000, tol=1e-6)
    assert result.steps < 200
    assert len(result.history) == result.steps
    assert "converged" in result.message and "1e-06" in result.message
    assert abs(2 * result[w] - 10) <= 1e-6 * 1.0001
    assert result[w] == pytest.approx(5.0, abs=1e-6)


def test_tol_with_matrix_parameter():
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    c = symopt.Placeholder("c", (2, 1))
    result = symopt.minimize(ops.sum(ops.square(W - c)), W, data={c: [[1.0], [-1.0]]},
                             optimizer=symopt.GradientDescent(0.1), steps=10_000, tol=1e-8)
    assert result.steps < 10_000
    assert "converged" in result.message
    np.testing.assert_allclose(result[W], [[1.0], [-1.0]], atol=1e-8)


def test_callback_returning_true_stops():
    seen = []

    def callback(step, cost, params):
        seen.append((step, cost, params[w]))
        return step >= 5

    result = symopt.minimize(LECTURE, w, steps=100, callback=callback)
    assert result.steps == 5
    assert result.message == "stopped by callback"
    assert [s for s, _, _ in seen] == [1, 2, 3, 4, 5]
    assert seen[0][1] == 25.0
    assert len(result.history) == 5
    assert result[w] == seen[-1][2]


def test_callback_returning_false_runs_all_steps_and_matches_fast_path():
    fast = symopt.minimize(LECTURE, w, steps=50)
    slow = symopt.minimize(LECTURE, w, steps=50, callback=lambda *args: None)
    assert slow.steps == 50 and slow[w] == fast[w]
    np.testing.assert_array_equal(slow.history, fast.history)


# ------------------------------------------------------------------ divergence

def _check_divergence(error: DivergenceError, step: int, last_finite: str):
    message = str(error)
    assert f"step {step}" in message
    assert f"last finite cost: {last_finite}" in message
    assert "smaller learning rate" in message and "1.5" in message
    result = error.result
    assert result is not None
    assert result.success is False
    assert "diverged" in result.message
    assert not np.isfinite(result.history[-1])
    assert np.all(np.isfinite(result.history[:-1]))
    assert np.isfinite(result.value)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_divergence_float32_raises_with_result():
    v = symopt.Variable("v", 1.0, dtype="float32")
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(v ** 2, v, optimizer=symopt.GradientDescent(1.5), steps=1000)
    # w doubles in magnitude each step: w**2 = 4**k overflows float32 at k = 64
    _check_divergence(caught.value, 64, "8.50706e+37")
    assert caught.value.result.steps == 64


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_divergence_float64_matrix_raises_with_result():
    V = symopt.Variable("V", 1.0, shape=(2, 1))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.sum(ops.square(V)), V, optimizer=symopt.GradientDescent(1.5), steps=5000)
    _check_divergence(caught.value, 512, "8.98847e+307")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("with_callback", [False, True])
def test_divergence_float64_scalar_raises_with_result(with_callback):
    """Regression: float64 scalar costs run on Python floats, where w**2 overflow raises OverflowError."""
    v = symopt.Variable("v", 1.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(v ** 2, v, optimizer=symopt.GradientDescent(1.5), steps=5000,
                        callback=(lambda *args: False) if with_callback else None)
    assert "step" in str(caught.value) and "smaller learning rate" in str(caught.value)
    assert caught.value.result is not None


# ------------------------------------------------------------------ configuration errors

def test_cost_without_wrt_symbol_raises_no_gradient():
    other = symopt.Variable("other", 0.0)
    with pytest.raises(NoGradientError, match="does not depend on w"):
        symopt.minimize(other ** 2, w)
    with pytest.raises(NoGradientError, match="w"):
        symopt.minimize(other ** 2, [other, w])


def test_same_name_different_symbol_hint():
    stranger = symopt.Placeholder("w", ())  # a placeholder named w is another symbol
    with pytest.raises(NoGradientError, match="different symbol with the same name"):
        symopt.minimize(stranger ** 2 + 1, w)


def test_missing_data_raises_feed_error():
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    with pytest.raises(FeedError, match="X"):
        symopt.minimize(ops.mean(ops.square(X * W)), W)


@pytest.mark.parametrize("argument", [{"steps": 0}, {"steps": 2.5}, {"steps": True}, {"batch_size": 0},
                                      {"epochs": -1}])
def test_invalid_counts_raise_configuration_error(argument):
    with pytest.raises(ConfigurationError):
        symopt.minimize(LECTURE, w, **argument)


def test_batch_size_needs_batched_data():
    with pytest.raises(ConfigurationError, match="batch"):
        symopt.minimize(LECTURE, w, batch_size=4)


def test_invalid_learning_rate():
    with pytest.raises(ConfigurationError, match="lr"):
        symopt.GradientDescent(-0.1)


# ------------------------------------------------------------------ mini-batch training

def _regression_data(seed=0, m=240, noise=0.1):
    rng = np.random.default_rng(seed)
    features = np.hstack([rng.normal(size=(m, 3)), np.ones((m, 1))])
    true_weights = np.array([[1.0], [-2.0], [0.5], [0.3]])
    targets = features @ true_weights + noise * rng.normal(size=(m, 1))
    return features, targets


X4 = symopt.Placeholder("X", (None, 4))
y1 = symopt.Placeholder("y", (None, 1))
W4 = symopt.Variable("W", 0.0, shape=(4, 1))
MSE = ops.mean(ops.square(X4 * W4 - y1))


def test_mini_batch_reaches_least_squares_solution():
    features, targets = _regression_data()
    exact = np.linalg.lstsq(features, targets, rcond=None)[0]
    result = symopt.minimize(MSE, W4, data={X4: features, y1: targets}, optimizer=symopt.GradientDescent(0.05),
                             batch_size=24, epochs=60, seed=3)
    assert result.steps == 60 * 10
    assert len(result.history) == result.steps
    assert result.message == "stopped after 600 steps (60 epochs)"
    np.testing.assert_allclose(result[W4], exact, atol=2e-2)
    # the final value is the last step's (mini-batch) cost: no second pass over the data
    assert result.value == result.history[-1]


def test_mini_batch_noiseless_data_converges_exactly():
    features, targets = _regression_data(noise=0.0)
    exact = np.linalg.lstsq(features, targets, rcond=None)[0]
    result = symopt.minimize(MSE, W4, data={"X": features, "y": targets}, optimizer=symopt.Momentum(0.05, 0.9),
                             batch_size=40, epochs=100, seed=0)
    np.testing.assert_allclose(result[W4], exact, atol=1e-8)


def test_mini_batch_is_reproducible_with_seed():
    features, targets = _regression_data()
    run = lambda seed: symopt.minimize(MSE, W4, data={X4: features, y1: targets}, optimizer=symopt.Adam(0.05),  # noqa: E731
                                       batch_size=32, epochs=5, seed=seed)
    first, second, other = run(11), run(11), run(12)
    np.testing.assert_array_equal(first[W4], second[W4])
    np.testing.assert_array_equal(first.history, second.history)
    assert not np.array_equal(first.history, other.history)
    # a last, smaller batch is kept: 240 = 7*32 + 16
    assert first.steps == 5 * 8


def test_mini_batch_without_shuffle_is_deterministic_without_seed():
    features, targets = _regression_data()
    run = lambda: symopt.minimize(MSE, W4, data={X4: features, y1: targets}, batch_size=60, epochs=3,  # noqa: E731
                                  shuffle=False)
    first, second = run(), run()
    np.testing.assert_array_equal(first.history, second.history)


def test_mini_batch_with_callback_stops():
    features, targets = _regression_data()
    result = symopt.minimize(MSE, W4, data={X4: features, y1: targets}, batch_size=24, epochs=10, seed=0,
                             callback=lambda step, cost, params: step == 7)
    assert result.steps == 7 and result.message == "stopped by callback"


def test_batch_size_larger_than_data():
    features, targets = _regression_data(m=10)
    with pytest.raises(ConfigurationError, match="larger than the 10 examples"):
        symopt.minimize(MSE, W4, data={X4: features, y1: targets}, batch_size=11)


def test_full_batch_regression_closed_form():
    features, targets = _regression_data()
    exact = np.linalg.lstsq(features, targets, rcond=None)[0]
    result = symopt.minimize(MSE, W4, data={X4: features, y1: targets}, optimizer=symopt.GradientDescent(0.2),
                             steps=2000, tol=1e-10)
    assert "converged" in result.message
    np.testing.assert_allclose(result[W4], exact, atol=1e-9)


def test_dtype_comes_from_the_symbols_given_not_from_an_equal_cached_one():
    """Regression: equal-named symbols once shared SymPy's cache; a float64 problem then trained in float32."""
    v = symopt.Variable("v_dtype_probe", 0.0)
    old = symopt.Placeholder("x_dtype_probe", (), dtype="float32")
    (v - old) ** 2  # noqa: B018 - populate SymPy's cache with the float32 placeholder
    new = symopt.Placeholder("x_dtype_probe", (), dtype="float64")
    result = symopt.minimize((v - new) ** 2, v, data={new: 1.0}, steps=2)
    assert not isinstance(result[v], np.float32)


def test_tol_is_honoured_with_a_callback():
    """Regression: tol was only checked in the generated full-batch loop."""
    result = symopt.minimize(LECTURE, w, optimizer=symopt.GradientDescent(0.1), steps=10_000, tol=1e-6,
                             callback=lambda *args: False)
    assert result.steps < 200 and "converged" in result.message


@pytest.mark.parametrize("options, success", [
    (dict(steps=5, tol=1e-6), False),  # the tolerance asked for is not reached: SciPy's maxiter, not success
    (dict(steps=2000, tol=1e-6), True),
    (dict(steps=5), True),  # no test to fail
    (dict(steps=5, tol=1e-6, callback=lambda step, cost, params: True), True),  # the caller's own test
    (dict(steps=5, tol=1e-6, callback=lambda step, cost, params: None), False),
], ids=["tol unmet", "tol met", "no tol", "callback stop", "callback, tol unmet"])
def test_success_says_whether_the_run_met_its_test(options, success):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, **options)
    assert result.success is success, result.message
    X, y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(1, 1))
    cost = ops.mean(ops.square(X @ W - y))
    batched = symopt.minimize(cost, W, data={X: np.ones((8, 1)), y: np.full((8, 1), 3.0)}, batch_size=4,
                              epochs=2 if options["steps"] == 5 else 600, **{k: v for k, v in options.items() if k != "steps"})
    assert batched.success is success, batched.message


@pytest.mark.parametrize("method", [None, "lbfgs"])
def test_a_frozen_variable_alone_in_wrt_is_named(method):
    """probe7 Q18: "name the parameters to optimize, e.g. wrt=w" to a user who wrote wrt=w, and "wrt is empty"."""
    w = symopt.Variable("w", 0.0, trainable=False)
    with pytest.raises(ConfigurationError, match="wrt lists w, declared trainable=False"):
        symopt.minimize((w - 3) ** 2, w, method=method)

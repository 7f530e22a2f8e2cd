"""Edges of a run's interface (a-probe A7, A8, U11): a :class:`symopt.Result` compares by identity (its arrays have no single truth
value, so a dataclass's field-by-field ``==`` raised NumPy's "truth value of an array is ambiguous"), and a
callback of the wrong arity or returning an array is a typed error (Python's TypeError came after the first step)."""

import numpy as np
import pytest
import sympy

import symopt


def test_results_compare_by_identity_without_raising():
    W = symopt.Variable("W", np.ones((2, 1)))
    first = symopt.minimize(symopt.ops.sum(symopt.ops.square(W)), W, steps=3)
    second = symopt.minimize(symopt.ops.sum(symopt.ops.square(W)), W, steps=3)
    assert first == first and first != second
    assert np.array_equal(first[W], second[W]) and np.array_equal(first.history, second.history)


def test_a_callback_of_the_wrong_arity_is_refused_before_the_first_step():
    w = symopt.Variable("w", 1.0)
    calls = []
    with pytest.raises(symopt.errors.ConfigurationError, match="three arguments"):
        symopt.minimize((w - 2) ** 2, w, steps=3, callback=lambda step, cost: calls.append(step))
    assert calls == []
    stopped = symopt.minimize((w - 2) ** 2, w, steps=5, callback=lambda step, cost, params, *rest: step >= 2)
    assert stopped.steps == 2 and stopped.message == "stopped by callback"


def test_a_callback_returning_an_array_is_told_to_return_a_bool():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(symopt.errors.ConfigurationError, match="return True to stop"):
        symopt.minimize((w - 2) ** 2, w, steps=3, callback=lambda step, cost, params: np.array([cost, cost]))


def test_a_cost_not_finite_at_the_start_is_not_blamed_on_the_learning_rate():
    w = symopt.Variable("w", 1000.0)
    with pytest.raises(symopt.errors.DivergenceError, match="no step was taken") as caught:
        symopt.minimize(sympy.exp(w), w, steps=3)
    assert "smaller learning rate" not in str(caught.value) and caught.value.result.steps == 0


def test_checkpointing_parameters_that_share_a_name_is_refused(tmp_path):
    a, b = symopt.Variable("a", 0.0), sympy.Symbol("a")
    with pytest.raises(symopt.errors.CheckpointError, match="share a name"):
        symopt.minimize((a - 1) ** 2 + (b + 1) ** 2, {a: 0.0, b: 0.0}, steps=2, checkpoint=tmp_path / "c.npz")
    assert not (tmp_path / "c.npz").exists()


def test_a_hyperparameter_that_the_runs_dtype_rounds_to_zero_is_refused():
    w = symopt.Variable("w", 1.0, dtype="float32")
    with pytest.raises(symopt.errors.ConfigurationError, match="becomes 0 in the run's dtype float32"):
        symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(np.float64(1e-50)), steps=3)
    exact = symopt.Variable("exact", 1.0)  # float64 holds np.float64(1e-50): a (tiny) learning rate, not 0
    assert symopt.minimize((exact - 3) ** 2, exact, optimizer=symopt.GradientDescent(np.float64(1e-50)),
                           steps=3).steps == 3


def test_a_value_fed_for_the_batch_dimension_is_refused_by_evaluate_too():
    X, W = symopt.Placeholder("X", (None, 2)), symopt.Variable("W", np.ones((2, 1)))
    m = symopt.BATCH  # a user's own Symbol("m", integer=True, positive=True) is data of its own (probe8 R7)
    cost = symopt.ops.sum(symopt.ops.square(X @ W)) / m
    with pytest.raises(symopt.errors.FeedError, match="batch dimension"):
        symopt.evaluate(cost, {X: np.ones((4, 2)), m: 1000})
    assert symopt.evaluate(cost, {X: np.ones((4, 2))}) == 4.0  # (1 + 1)^2 * 4 rows / 4 rows
    count = sympy.Symbol("m", integer=True, positive=True)
    assert symopt.evaluate(symopt.ops.sum(symopt.ops.square(X @ W)) / count, {X: np.ones((4, 2)), count: 8}) == 2.0

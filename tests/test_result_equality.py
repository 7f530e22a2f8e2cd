"""Edges of a run's interface: a :class:`symopt.Result` compares by identity (its arrays have no single truth
value, so a dataclass's field-by-field ``==`` raised NumPy's "truth value of an array is ambiguous"), and a
callback of the wrong arity or returning an array is a typed error (Python's TypeError came after the first step)."""

import numpy as np
import pytest

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

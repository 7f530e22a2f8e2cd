"""A :class:`symopt.Result` compares by identity: its arrays have no single truth value, so a field-by-field
``==`` (a dataclass's default) raised NumPy's "truth value of an array is ambiguous"."""

import numpy as np

import symopt


def test_results_compare_by_identity_without_raising():
    W = symopt.Variable("W", np.ones((2, 1)))
    first = symopt.minimize(symopt.ops.sum(symopt.ops.square(W)), W, steps=3)
    second = symopt.minimize(symopt.ops.sum(symopt.ops.square(W)), W, steps=3)
    assert first == first and first != second
    assert np.array_equal(first[W], second[W]) and np.array_equal(first.history, second.history)

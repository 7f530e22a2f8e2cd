"""final47c 47c-14: one test of a nonzero entry that a conversion makes 0, :func:`symopt.narrowing.lost_nonzero`,
shared by the data's check (``FeedError``) and the initial value's (``ConfigurationError``), each keeping its words;
probe91 P91-7b: a float64 initial value that float64 makes 0 is no longer told to compute in float64.  Oracles:
the entries by hand (1e-50 is below float32's smallest subnormal 1.4e-45, Decimal('1e-400') below float64's
4.9e-324)."""

from decimal import Decimal

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError, FeedError
from symopt.narrowing import lost_nonzero


def test_lost_nonzero_masks_the_entries_made_zero():
    original = np.array([[1.0, 1e-50], [0.0, -1e-50]])
    np.testing.assert_array_equal(lost_nonzero(original, original.astype(np.float32)),
                                  [[False, True], [False, True]])
    exact = np.array([Decimal("1e-400"), Decimal(0), Decimal(2)], dtype=object)
    np.testing.assert_array_equal(lost_nonzero(exact, exact.astype(np.float64)), [True, False, False])
    assert lost_nonzero(np.array([0.0, 1e-30]), np.array([0.0, 1e-30], np.float32)) is None


def test_each_caller_keeps_its_error_and_words():
    with pytest.raises(ConfigurationError, match=r"^initial value of 'w': expected numbers that float32 holds .*given "
                       r"1e-50, which float32 would make 0\. Start from a number it holds, rescale the parameter, or "
                       r"compute in float64 \(dtype='float64'\)\.$"):
        symopt.Variable("w", [1.0, 1e-50], dtype="float32")
    X = symopt.Placeholder("X", (None,))
    w = symopt.Variable("w", 1.0)
    with pytest.raises(FeedError, match=r"given 1e-400, which float64 would make 0\. Rescale the data so that it fits "
                       r"float64"):
        symopt.minimize(symopt.ops.sum(X) * w**2, w, data={X: np.array([Decimal("1e-400"), 1], dtype=object)},
                        steps=1)


def test_a_float64_initial_value_is_not_told_to_compute_in_float64():
    with pytest.raises(ConfigurationError) as refused:
        symopt.Variable("w", Decimal("1e-400"), dtype="float64")
    message = str(refused.value)
    assert "given 1e-400, which float64 would make 0" in message
    assert "dtype='float64'" not in message and "rescale the parameter" in message

"""Data NumPy would convert silently into other numbers (probe8 R15): a masked array's masked entries (read as the
numbers under the mask) and dates or durations (read as counts of their unit) are a FeedError naming what to do."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError

X = symopt.Placeholder("X", (None, 1))
y = symopt.Placeholder("y", (None, 1))
w = symopt.Variable("w", 0.0)
J = ops.mean(ops.square(X * w - y))
XV = np.array([[1.0], [2.0], [3.0]])
MASKED = np.ma.masked_array([[2.0], [999.0], [6.0]], mask=[[0], [1], [0]])
DATES = np.array([["2020-01-01"], ["2020-01-02"], ["2020-01-03"]], dtype="datetime64[D]")

CALLS = {
    "newton": lambda data: symopt.minimize(J, w, data=data, method="newton"),
    "evaluate": lambda data: symopt.evaluate(J, {**data, w: 2.0}),
    "first order": lambda data: symopt.minimize(J, w, data=data, steps=3),
    "mini-batches": lambda data: symopt.minimize(J, w, data=data, batch_size=2, epochs=1),
    "compile": lambda data: symopt.compile(J, w)(w=2.0, **{str(k): v for k, v in data.items()}),
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_masked_entries_are_refused(call):
    with pytest.raises(FeedError, match=r"masked array with 1 masked entries.*filled\(numpy\.nan\)"):
        CALLS[call]({X: XV, y: MASKED})


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("values", [DATES, DATES - DATES[0, 0]], ids=["dates", "durations"])
def test_dates_and_durations_are_refused(call, values):
    with pytest.raises(FeedError, match=r"(dates|durations) .*timedelta64\(1, 'D'\)"):
        CALLS[call]({X: values, y: XV})


def test_a_masked_array_without_masked_entries_is_its_numbers():
    unmasked = np.ma.masked_array([[2.0], [4.0], [6.0]])
    assert symopt.evaluate(J, {X: XV, y: unmasked, w: 2.0}) == 0.0
    assert symopt.minimize(J, w, data={X: XV, y: unmasked}, method="newton")[w] == pytest.approx(2.0)


def test_the_advised_conversions_work():
    days = (DATES - DATES[0, 0]) / np.timedelta64(1, "D")
    assert symopt.minimize(J, w, data={X: days + 1, y: 2 * (days + 1)}, method="newton")[w] == pytest.approx(2.0)
    kept = ~MASKED.mask.any(axis=1)
    assert symopt.minimize(J, w, data={X: XV[kept], y: MASKED[kept].data}, method="newton")[w] == pytest.approx(2.0)

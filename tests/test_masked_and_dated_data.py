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


S = symopt.Placeholder("s")
SCALAR_CALLS = {
    "newton": lambda value: symopt.minimize((w - S) ** 2, w, data={S: value}, method="newton"),
    "evaluate": lambda value: symopt.evaluate((w - S) ** 2, {S: value, w: 0.0}),
    "first order": lambda value: symopt.minimize((w - S) ** 2, w, data={S: value}, steps=3),
    "compile": lambda value: symopt.compile((w - S) ** 2, w)(w=0.0, s=value),
}


@pytest.mark.parametrize("call", sorted(SCALAR_CALLS))
@pytest.mark.parametrize("value", [np.timedelta64(90, "m"), np.timedelta64(3, "D"), np.datetime64("2020-01-02")],
                         ids=["minutes", "days", "date"])
def test_one_date_or_duration_is_refused_as_an_array_of_them_is(call, value):
    """probe16 Z19: NumPy's timedelta64 is an integer type, so a scalar duration passed as a number of its unit (90
    minutes read as 90, the same 1.5 hours as 5400 in seconds)."""
    with pytest.raises(FeedError, match=r"a (date|duration) \((datetime|timedelta)64\[\w\]\), which NumPy would read as "
                                        r"a count of its unit.*numpy\.timedelta64\(1, '[hD]'\)"):
        SCALAR_CALLS[call](value)


def test_the_advised_conversion_of_one_duration_works():
    hours = np.timedelta64(90, "m") / np.timedelta64(1, "h")
    assert symopt.minimize((w - S) ** 2, w, data={S: hours}, method="newton")[w] == pytest.approx(1.5)
    with pytest.raises(symopt.errors.ConfigurationError, match="a duration"):
        symopt.Variable("v", np.timedelta64(3, "D"))

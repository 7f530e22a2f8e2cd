"""A data dict shared by several costs still serves a cost that never read some of its promised symbols
(final41d F41d-2): the value is that cost's own, and None or a one-row column is not read as a number.

Oracle: the cost (w - 2)**2 at w = 1 is 1 whatever the unread symbols hold."""

import warnings

import numpy as np
import pytest
import sympy

import symopt

w = sympy.Symbol("w")
k = sympy.Symbol("k", integer=True)
s = sympy.Symbol("s", positive=True)
COST = (w - 2) ** 2


@pytest.mark.parametrize("symbol, value", [(s, 0.0), (s, float("nan")), (k, 0.5)])
def test_an_unread_promised_symbol_of_another_cost_is_warned_of_not_refused(symbol, value):
    with pytest.warns(UserWarning, match=f"if the cost never read {symbol}, ignore this"):
        assert symopt.evaluate(COST, {w: 1.0, symbol: value}) == 1.0


@pytest.mark.parametrize("value", [None, "3", np.array([0.5]), np.array([0.5, 1.5, 2.5])])
def test_values_that_are_not_one_number_are_not_checked(value):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert symopt.evaluate(COST, {w: 1.0, k: value}) == 1.0


def test_minimize_runs_with_another_costs_data():
    with pytest.warns(UserWarning, match="does not read s"):
        result = symopt.minimize(COST, {w: 0.0}, data={s: -1.0}, steps=3)
    assert result.steps == 3

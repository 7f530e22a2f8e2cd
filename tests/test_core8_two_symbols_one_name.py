"""probe12 V1: a notebook that ran ``w = Variable("w", ...)`` again leaves a cost reading two different symbols named
``w``.  minimize's advice could not be followed: "missing data for ['w']: pass data={name: value}", and then, given
``data={"w": ...}``, "data gives w, which wrt trains".  Both now say the cost reads two symbols named 'w' and that the
other one is given by symbol; that advice works."""

import pytest

import symopt
from symopt.errors import FeedError

w_old = symopt.Variable("w", 0.0)
COST = w_old**2 - 10 * w_old + 25
w = symopt.Variable("w", 1.0)  # the cell run again
COST2 = COST + (w - 3) ** 2
METHODS = [None, "newton"]


@pytest.mark.parametrize("method", METHODS)
def test_missing_data_names_the_two_symbols(method):
    with pytest.raises(FeedError, match=r"2 different symbols named 'w'.*by symbol, data=\{symbol: value\}") as error:
        symopt.minimize(COST2, w, method=method)
    assert "pass data={name: value}" not in str(error.value)


@pytest.mark.parametrize("method", METHODS)
def test_the_name_is_ambiguous_not_the_parameter(method):
    with pytest.raises(FeedError, match="data name 'w' is ambiguous: the cost reads 2 different symbols") as error:
        symopt.minimize(COST2, w, data={"w": 0.0}, method=method)
    assert "which wrt trains" not in str(error.value)


@pytest.mark.parametrize("method", METHODS)
def test_the_advice_works(method):
    result = symopt.minimize(COST2, w, data={w_old: 0.0}, method=method, steps=2000)
    assert float(result[w]) == pytest.approx(3.0, abs=1e-6)  # (w - 3)² is the only term in w


def test_one_w_keeps_the_plain_advice():
    x = symopt.Placeholder("x")
    with pytest.raises(FeedError, match=r"missing data for \['x'\]: the cost reads them; pass data=\{name: value\}"):
        symopt.minimize((w - x) ** 2, w)

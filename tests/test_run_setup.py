"""minimize's per-call set-up: a repeated call finds its checked cost, its resolved parameters, its inputs and its
compiled step in caches (counted, not timed), and the checks it caches still run on a first call."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.cache import CACHE
from symopt.errors import ConfigurationError, FeedError, NoGradientError
from symopt.minimize import SETUP
from symopt.wrt import CHECKED


def _misses() -> tuple:
    return CHECKED.misses, SETUP.misses, CACHE.misses


def test_a_repeated_call_builds_nothing_again():
    w = symopt.Variable("w", 0.0)
    cost = w ** 2 - 10 * w + 25
    first = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1000)
    before = _misses()
    again = [symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1000) for _ in range(3)]
    assert _misses() == before
    assert all(r[w] == first[w] and np.array_equal(r.history, first.history) for r in again)


@pytest.mark.parametrize("wrt", ["w", ("w",), ["w"], {"w": 0.0}], ids=["name", "tuple", "list", "dict"])
def test_wrt_by_name_is_cached_per_structure_and_gives_the_same_run(wrt):
    w = symopt.Variable("w", 0.0)
    cost = (w - 3) ** 2
    results = [symopt.minimize(cost, wrt, steps=50) for _ in range(2)]
    assert all(set(r.params) == {w} for r in results)
    assert results[0][w] == results[1][w] == symopt.minimize(cost, w, steps=50)[w]


def test_a_different_dict_value_is_used_although_the_parameters_are_cached():
    w = symopt.Variable("w", 0.0)
    cost = (w - 3) ** 2
    assert symopt.minimize(cost, {w: 0.0}, steps=1).history[0] == 9.0
    assert symopt.minimize(cost, {w: 1.0}, steps=1).history[0] == 4.0


def test_errors_are_not_cached():
    w, v = symopt.Variable("w", 0.0), symopt.Variable("v", 0.0)
    for _ in range(2):
        with pytest.raises(NoGradientError):
            symopt.minimize(w ** 2, [w, v], steps=1)
        with pytest.raises(ConfigurationError, match="twice"):
            symopt.minimize(w ** 2, [w, w], steps=1)


def test_a_string_cost_is_refused_and_never_parsed():
    w = symopt.Variable("w", 0.0)
    for cost in ("w**2", "__import__('os').getpid()"):
        with pytest.raises(ConfigurationError, match="expected a cost built from SymPy or symopt symbols; given str"):
            symopt.minimize(cost, w, steps=1)
    with pytest.raises(ConfigurationError, match="given object"):
        symopt.grad(object(), w)


def test_numbers_and_sympy_costs_are_still_accepted_by_grad():
    w = symopt.Variable("w", 0.0)
    assert symopt.grad(w ** 2 + np.float64(2.0), w) == 2 * w
    assert symopt.grad(sympy.Integer(2) * w, w) == 2


def test_data_for_a_parameter_says_it_is_a_parameter():
    w = symopt.Variable("w", 1.0)
    for data in ({w: 2.0}, {"w": 2.0}):
        with pytest.raises(FeedError, match=r"^data gives w, which wrt trains \(a parameter, not data\): set its "
                                            r"starting value with wrt=\{w: value\}"):
            symopt.minimize(w ** 2, w, data=data, steps=2)

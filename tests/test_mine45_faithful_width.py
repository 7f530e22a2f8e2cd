"""A faithful copy of a wide, shallow cost rebuilds its nodes without clearing SymPy's caches and without computing
assumptions nobody asks; a deep one still warms every node (F44d-6).  Unpickling 1000 data terms took 5.8 s, now 1.
Oracles: the parent's compiled numbers bit for bit, and counts of SymPy's cache clears and of warmed nodes."""

import pickle

import pytest
import sympy

import symopt
from symopt import faithful_copies
from symopt.cache import clear_caches

w = symopt.Variable("w", 0.3)


def test_a_wide_cost_comes_back_without_cache_clears_or_warming(monkeypatch, count_calls):
    xs = [symopt.Placeholder(f"x{i}") for i in range(40)]
    cost = sum((w - x) ** 2 + sympy.log(1 + x ** 2 * w ** 2) for x in xs)
    f = symopt.compile(cost, [w])
    feed = {x: 0.01 * i for i, x in enumerate(xs)}
    value, gradient = f({**feed, w: 0.3})
    blob = pickle.dumps(f)
    clear_caches()
    clears = count_calls(sympy.core.parameters, "clear_cache")
    warmed = count_calls(faithful_copies, "_warmed")
    g = pickle.loads(blob)
    assert (len(clears), len(warmed)) == (0, 0)
    monkeypatch.undo()
    back_value, back_gradient = g({**feed, w: 0.3})
    assert repr((back_value, back_gradient)) == repr((value, gradient))


@pytest.mark.parametrize("levels", [3, 12])
def test_a_deep_cost_is_warmed_node_by_node_and_a_shallow_one_not(count_calls, levels):
    c = symopt.Variable("c", 0.2)
    cost = w
    for _ in range(levels):
        cost = sympy.sin(cost) * c + w
    blob = pickle.dumps(faithful_copies.faithful(cost))
    warmed = count_calls(faithful_copies, "_warmed")
    back = pickle.loads(blob)
    assert sympy.srepr(back) == sympy.srepr(cost)
    height = 3 * levels  # each level: Add(Mul(sin(.), c), w)
    assert (len(warmed) > 0) == (height > faithful_copies.WARM_ABOVE)

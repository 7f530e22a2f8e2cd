"""final44d F44d-3 and F44d-6: a faithful copy keeps unevaluated ``Max``/``Min``/boolean nodes, and a ~100-level
cost copied that way compiles where it is unpickled.  Oracles: the original's ``sympy.srepr`` and the parent's own
compiled function, bit for bit (mine44 compiled the deep cost in a worker; fix71 raised DepthLimitError there)."""

import copy
import pickle

import pytest
import sympy

import symopt
from symopt.cache import clear_caches
from symopt.faithful_copies import faithful

w, c = symopt.Variable("w", 0.3), symopt.Variable("c", 0.2)
ORDERED = sympy.Add(sympy.Float(1e16), w, sympy.Float(-1e16), evaluate=False)
NOT_POSITIVE = sympy.Not(w > 0, evaluate=False)  # true for NaN, where ``w <= 0`` is false

NODES = {
    "Max": sympy.Max(w, w + 1, evaluate=False),
    "Min": sympy.Min(w, c, 1, 2, evaluate=False),
    "Not": sympy.Piecewise((w, NOT_POSITIVE), (c, True)),
    "ITE": sympy.ITE(w > 0, sympy.true, sympy.false, evaluate=False),
}
COSTS = {  # cost, point
    "Max of an ordered sum": (sympy.Max(ORDERED, w, evaluate=False) ** 2 + c ** 2, {"w": 0.3, "c": 0.2}),
    "Min of an ordered sum": (sympy.Min(ORDERED, 1, 2, evaluate=False) ** 2 + c ** 2, {"w": 0.3, "c": 0.2}),
    "Not as a NaN guard": (sympy.Piecewise((w, NOT_POSITIVE), (c, True)) ** 2, {"w": float("nan"), "c": 0.2}),
}
COPIES = {"pickle": lambda value: pickle.loads(pickle.dumps(value)), "deepcopy": copy.deepcopy}


@pytest.mark.parametrize("name", NODES)
@pytest.mark.parametrize("how", COPIES)
def test_an_unevaluated_lattice_or_boolean_node_comes_back_as_built(name, how):
    node = NODES[name]
    assert sympy.srepr(COPIES[how](faithful(node))) == sympy.srepr(node)


def _same(a, b):
    return repr(a) == repr(b)  # bit for bit, NaN included


@pytest.mark.parametrize("name", COSTS)
def test_an_unpickled_function_computes_the_parents_number(name):
    cost, point = COSTS[name]
    clear_caches()
    f = symopt.compile(cost, [w, c])
    value, grads = f(**point)
    clear_caches()  # as a worker process
    g = pickle.loads(pickle.dumps(f))
    assert g.source == f.source
    back_value, back_grads = g(**point)
    assert _same(back_value, value) and _same(back_grads, grads)


def test_a_deep_cost_compiles_where_it_is_unpickled():
    cost = w
    for _ in range(100):
        cost = sympy.sin(cost) * c + w
    clear_caches()
    f = symopt.compile(cost, [w, c])
    value = f(w=0.3, c=0.2)
    blob = pickle.dumps(f)  # in-process, as a spawn worker would receive it: no pool to hang
    clear_caches()
    g = pickle.loads(blob)
    assert g.source == f.source
    assert _same(g(w=0.3, c=0.2), value)

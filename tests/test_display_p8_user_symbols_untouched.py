"""probe8 R10: derive, explain and graph(at=) never write to the user's Variables and Placeholders, so the cost,
its symbols and a later Result still pickle and deep-copy (a Variable kept its own prepared form in its
``__dict__``, which its pickling copies: a RecursionError in a later, unrelated call)."""

import copy
import pickle

import numpy as np
import pytest
import sympy as sp

import symopt

DISPLAYS = {
    "derive": lambda cost, w, c: symopt.derive(cost, [w], at={w: 1.0, c: 3.0}),
    "explain": lambda cost, w, c: symopt.explain(cost, w, at={w: 1.0}, data={c: 3.0}),
    "graph": lambda cost, w, c: str(symopt.graph(cost, at={w: 1.0, c: 3.0})),
    "graph ops": lambda cost, w, c: str(symopt.graph(cost, style="ops")),
}


@pytest.mark.parametrize("display", sorted(DISPLAYS))
def test_symbols_pickle_and_copy_after_a_display(display):
    w = symopt.Variable("w", 0.5)
    c = symopt.Placeholder("c", ())
    cost = (w - c) ** 2 + sp.sin(w)
    before = dict(vars(w))
    DISPLAYS[display](cost, w, c)
    assert "_symopt_prepared" not in vars(w) and "_symopt_prepared" not in vars(c)
    assert {key: value for key, value in vars(w).items() if key in before}.keys() == before.keys()
    restored = pickle.loads(pickle.dumps(cost))
    assert restored == cost
    assert copy.deepcopy(w) == w and pickle.loads(pickle.dumps(w)) == w
    assert pickle.loads(pickle.dumps(c)) == c
    value, gradient = symopt.compile(restored, w)(w=1.0, c=3.0)
    assert value == pytest.approx(4.0 + np.sin(1.0))
    assert gradient == pytest.approx(2 * (1.0 - 3.0) + np.cos(1.0))


def test_result_of_a_later_minimize_pickles():
    w = symopt.Variable("w", 0.5)
    c = sp.Symbol("c")
    cost = (w - c) ** 2
    symopt.derive(cost, [w], at={w: 1.0, c: 3.0})
    result = symopt.minimize(cost, w, data={c: 3.0}, method="newton")
    restored = pickle.loads(pickle.dumps(result))
    assert restored.params[w] == pytest.approx(3.0)

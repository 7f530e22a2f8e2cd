"""probe8 R14, R19: the values given to derive/graph/explain are checked as compile checks a feed.  A number that
breaks a symbol's declared assumption (SymPy simplified the cost under it) was shown as the simplified cost's
numbers, silently wrong; an array of the wrong shape raised NumPy's ValueError from inside the display."""

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt import ops
from symopt.errors import FeedError, ShapeError

w = symopt.Variable("w", 0.0)
x = sp.Symbol("x", positive=True)
k = sp.Symbol("k", integer=True)

BROKEN_PROMISES = {
    "positive": ((w - sp.sqrt(x ** 2)) ** 2, {w: 1.0, x: -2.0}, "x"),
    "integer": (w * sp.cos(sp.pi * k) + w ** 2, {w: 1.0, k: 0.5}, "k"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_PROMISES))
@pytest.mark.parametrize("display", ["derive", "graph"])
def test_a_value_breaking_a_declared_assumption_is_refused_as_compile_refuses_it(case, display):
    cost, at, name = BROKEN_PROMISES[case]
    with pytest.raises(FeedError) as compiled:
        symopt.compile(cost, w)(**{str(s): value for s, value in at.items()})
    with pytest.raises(FeedError) as shown:
        if display == "derive":
            symopt.derive(cost, [w], at=at)
        else:
            str(symopt.graph(cost, at=at))
    assert str(shown.value) == str(compiled.value) and f"value for {name}" in str(shown.value)


def test_a_value_keeping_the_assumption_is_shown_as_the_code_computes_it():
    cost, _, _ = BROKEN_PROMISES["positive"]
    value, gradient = symopt.compile(cost, w)(w=1.0, x=2.0)
    text = str(symopt.derive(cost, [w], at={w: 1.0, x: 2.0}))
    assert text.rstrip().endswith(f"= {gradient:g}") and f"J = u² = {value:g}" in text


X = symopt.Placeholder("X", (2, None))
Y = symopt.Placeholder("Y", (1, None))
W = symopt.Variable("W", 0.0, shape=(1, 2))
b = symopt.Variable("b", 0.0, shape=(1, 1))
NETWORK = ops.sigmoid_cross_entropy(ops.bias_add(W @ X, b), Y)
GOOD = {W: np.ones((1, 2)), b: np.zeros((1, 1)), X: np.ones((2, 4)), Y: np.ones((1, 4))}


def compile_error(feed: dict) -> str:
    with pytest.raises(ShapeError) as refused:
        symopt.compile(NETWORK, [W, b])(**{str(s): value for s, value in feed.items()})
    return str(refused.value)


@pytest.mark.parametrize("wrong", [{X: np.ones((3, 4))}, {W: np.ones(2)}, {Y: np.ones((1, 5))}],
                         ids=["features", "weights as a vector", "labels of another batch"])
def test_derive_and_explain_of_a_network_refuse_a_wrong_shape_as_compile_does(wrong):
    feed = {**GOOD, **wrong}
    expected = compile_error(feed)
    with pytest.raises(ShapeError) as derived:
        symopt.derive(NETWORK, [W, b], at=feed)
    assert str(derived.value) == expected
    with pytest.raises(ShapeError) as explained:
        symopt.explain(NETWORK, [W, b], at={W: feed[W], b: feed[b]}, data={X: feed[X], Y: feed[Y]})
    assert str(explained.value) == expected


def test_a_list_for_a_column_is_still_read_as_the_column():
    c = symopt.Placeholder("c", (3, 1))
    cost = c[0, 0] * w ** 2 + c[1, 0] * w + c[2, 0]
    text = str(symopt.derive(cost, [w], at={w: 1, c: [1, -10, 25]}))
    assert text.rstrip().endswith("= -8")

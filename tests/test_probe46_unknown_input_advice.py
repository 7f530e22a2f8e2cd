"""probe46 P46-5 and probe47 P47-6: the message for a key that names no input.

P46-5: a compiled function's "unknown input" message gave evaluate's advice, "key the dict by symbols instead, whose
unread entries are ignored", and the compiled function then refused the symbol key too.  A compiled function (and
``minimize``) takes exactly its inputs: the message now says so; ``evaluate``, which ignores unread symbols, keeps its
advice.  P47-6: ``minimize(w**2 - 10*w + 25, w, data={q: 1})`` said "the expression's inputs are []" for a cost in
``w``; with the trained parameters given (``resolve_feed(..., trained=)``) it says the cost reads no data and that w is
being trained."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.binding import resolve_feed
from symopt.errors import FeedError


def _function():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    return X, y, W, symopt.compile(ops.sum(X @ W), W)


def test_a_compiled_function_says_every_key_must_name_an_input():
    X, y, W, f = _function()
    expected = ("unknown input 'y': the expression's inputs are ['W', 'X']; every key must name one of them: leave 'y' "
                "out, or check its spelling")
    with pytest.raises(FeedError) as by_keyword:
        f(W=np.ones((2, 1)), X=np.ones((3, 2)), y=np.ones((3, 1)))
    assert str(by_keyword.value) == expected
    with pytest.raises(FeedError) as by_name:
        f({"W": np.ones((2, 1)), "X": np.ones((3, 2)), "y": np.ones((3, 1))})
    assert str(by_name.value) == expected
    with pytest.raises(FeedError) as by_symbol:
        f({W: np.ones((2, 1)), X: np.ones((3, 2)), y: np.ones((3, 1))})
    assert str(by_symbol.value) == ("unknown input y: the expression's inputs are ['W', 'X']; every key must be one "
                                    "of them: leave y out")  # a symbol has no spelling to check (probe50 P50-4)


def test_evaluate_keeps_the_advice_that_holds_for_it():
    X, y, W, _ = _function()
    with pytest.raises(FeedError, match=r"unknown input 'y'.*key the dict by symbols instead, whose unread entries "
                                        r"are ignored"):
        symopt.evaluate(ops.sum(X @ W), {"X": np.ones((3, 2)), "y": np.ones((3, 1)), W: np.ones((2, 1))})
    assert symopt.evaluate(ops.sum(X @ W), {X: np.ones((3, 2)), y: np.ones((3, 1)), W: np.ones((2, 1))}) == 6.0


def test_minimize_names_no_unread_symbol_advice():
    w, q = symopt.Variable("w", 0.0), sympy.Symbol("q")
    with pytest.raises(FeedError) as caught:
        symopt.minimize(w ** 2 - 10 * w + 25, w, data={"q": 1}, steps=2)
    assert "key the dict by symbols" not in str(caught.value)
    assert str(caught.value).endswith("every key must name one of them: leave 'q' out, or check its spelling")


def test_the_trained_parameters_are_named_beside_the_data():
    w, b, x, q = symopt.Variable("w", 0.0), symopt.Variable("b", 0.0), symopt.Placeholder("x"), sympy.Symbol("q")
    with pytest.raises(FeedError) as none:
        resolve_feed({"q": 1}, [], trained=[w])
    assert str(none.value) == ("unknown input 'q': the cost reads no data (w is the parameter being trained, not data); "
                               "every key must name one of them: leave 'q' out, or check its spelling")
    assert resolve_feed({q: 1}, [], trained=[w]) == {}  # a symbol the cost does not read is ignored (probe50 P50-4)
    with pytest.raises(FeedError) as some:
        resolve_feed({"q": 1}, [x], trained=[w, b])
    assert str(some.value) == ("unknown input 'q': the cost's data inputs are ['x'] (w, b are the parameters being "
                               "trained, not data); every key must name one of them: leave 'q' out, or check its "
                               "spelling")


def test_minimize_names_the_trained_parameter_beside_no_data():
    """probe47 P47-6: ``minimize(w**2 - 10w + 25, w, data={"q": 1})`` said "the expression's inputs are []".  (The
    symbol ``q`` as a key is ignored since probe50 P50-4, as ``evaluate`` ignores it.)"""
    w = symopt.Variable("w", 0.0)
    with pytest.raises(FeedError) as caught:
        symopt.minimize(w ** 2 - 10 * w + 25, w, data={"q": 1}, steps=2)
    assert "(w is the parameter being trained, not data)" in str(caught.value)

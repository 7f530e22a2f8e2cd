"""Data declared ``prime=True`` / ``composite=True``: SymPy simplified the cost under the promise
(``Abs(x - 2)`` is ``x - 2`` for a composite x), so a value breaking it is refused (probe73 P73-2: x = 1 gave the
cost -2 where the cost as written is 2)."""

import pytest
import sympy

import symopt
from symopt.errors import FeedError

w = symopt.Variable("w", 1.0)


@pytest.mark.parametrize("assumption, bad, good", [("composite", 1.0, 4.0), ("composite", 3.0, 9.0),
                                                   ("prime", 4.0, 5.0), ("prime", 1.0, 2.0)])
def test_a_value_that_breaks_the_promise_is_refused(assumption, bad, good):
    x = sympy.Symbol("x", **{assumption: True})
    cost = w * sympy.Abs(x - 2)
    f = symopt.compile(cost, w)
    with pytest.raises(FeedError, match=f"declared with {assumption}=True"):
        f(w=1.0, x=bad)
    assert f(w=1.0, x=good) == (abs(good - 2), abs(good - 2))  # the cost as written: |x - 2| w

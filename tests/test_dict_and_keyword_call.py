"""probe16 Z7: a compiled function called "data dict + parameter keyword", ``f({X: data}, w=1.0)``, said "inputs
['w'] are given both by position and by keyword" (w was given once: the dict was taken as w's positional value),
and ``f({w: 1.0}, X=data)`` said "value for w (scalar): ... given dict".  The dict and the keywords are one feed now.
Oracle: the keyword call f(X=data, w=1.0), and the mean squared error and its derivative by hand."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import FeedError

X = symopt.Placeholder("X", (None, 1))
w = symopt.Variable("w", 0.0)
F = symopt.compile(ops.mean(ops.square(X - w * sympy.OneMatrix(*X.shape))), w)
DATA = np.array([[1.0], [2.0], [4.0]])


@pytest.mark.parametrize("call", [
    lambda: F({X: DATA}, w=1.5),
    lambda: F({w: 1.5}, X=DATA),
    lambda: F({"X": DATA}, w=1.5),
])
def test_a_dict_with_keywords_for_the_rest_is_one_feed(call):
    value, gradient = call()
    assert (value, gradient) == F(X=DATA, w=1.5)
    assert value == pytest.approx(np.mean((DATA - 1.5) ** 2))
    assert gradient == pytest.approx(-2 * np.mean(DATA - 1.5))


def test_an_input_in_the_dict_and_by_keyword_is_refused():
    with pytest.raises(FeedError, match=r"inputs \['w'\] are given both in the dict and by keyword"):
        F({w: 1.0, X: DATA}, w=2.0)

"""What a learner sees first (f-probe F5 items 2 and 3): ``repr(result)`` of the README's 1000-step run was 18,905
characters (every cost of ``history``), and a callback taking too FEW arguments was refused with Python's
"too many positional arguments", which reads as if it took too many."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError


def test_the_repr_is_one_line_whatever_the_run_length():
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(0.1), steps=1000)
    assert repr(result) == (f"Result(w={result[w]!r}, value={result.value!r}, steps=1000, success=True, "
                            "message='stopped after 1000 steps', history=<1000 costs>)")
    W = symopt.Variable("W", np.zeros((20, 3)))
    text = repr(symopt.minimize(symopt.ops.sum(symopt.ops.square(W - sympy.OneMatrix(20, 3))), W, steps=5))
    assert "\n" not in text and len(text) < 300 and "..." in text and "history=<5 costs>" in text


@pytest.mark.parametrize("callback, said", [
    (lambda step, cost: False, "which takes 2 positional arguments where symopt passes 3 (step, cost, params)"),
    (lambda: False, "which takes 0 positional arguments where symopt passes 3"),
    (lambda a, b, c, d: False, "which requires 4 positional arguments where symopt passes 3"),
    (lambda a, b, c, *, k: False, "which cannot be called with (step, cost, params): missing a required argument"),
])
def test_a_callback_of_the_wrong_arity_is_told_from_its_own_side(callback, said):
    w = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError) as caught:
        symopt.minimize(w ** 2, w, steps=2, callback=callback)
    assert said in str(caught.value) and "too many" not in str(caught.value)

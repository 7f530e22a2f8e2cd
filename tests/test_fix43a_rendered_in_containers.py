"""final42g F42g-9: a Derivation, a course derivation and an Explanation print their lines when shown alone in
IPython, and their one-line ``repr`` inside a list, a tuple or a dict, as a graph does; lines of their own would run
into the brackets.  Oracle: IPython's own pretty printer of the container, with the object's ``repr``."""

import pytest
import sympy

pretty = pytest.importorskip("IPython.lib.pretty").pretty

import symopt
from symopt import ops
from symopt.display import derive


def shown_objects():
    w = sympy.Symbol("w")
    v = symopt.Variable("v", 1.0)
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 1))
    weights, bias = symopt.Variable("W", 0.0, shape=(2, 1)), symopt.Variable("b", 0.0)
    logistic = ops.sigmoid_cross_entropy(ops.bias_add(ops.matmul(X, weights), bias), Y)
    return [derive(w ** 2, [w], at={w: 1}), derive(logistic, [weights, bias]), symopt.explain((v - 3) ** 2, v)]


@pytest.mark.parametrize("index", range(3))
def test_a_display_inside_a_container_prints_its_repr(index):
    shown = shown_objects()[index]
    assert type(shown).__name__ == ["Derivation", "CourseDerivation", "Explanation"][index]
    assert pretty(shown) == str(shown) and "\n" in str(shown)  # alone: its lines
    assert pretty([shown]) == f"[{shown!r}]"
    assert pretty((shown,)) == f"({shown!r},)"
    assert pretty({"a": shown}) == f"{{'a': {shown!r}}}"

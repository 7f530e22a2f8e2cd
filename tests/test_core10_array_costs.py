"""probe14 X2: a sympy.Array cost (rank 0, ``[w**2]``, ``[[w**2]]``) was refused as "no derivative rule for
ImmutableDenseNDimArray ... symopt differentiates only the functions Abs, ...", where the same cost as a 1 x 1
sympy.Matrix gets the "expected a scalar cost" ShapeError; it now gets that error, with how to index the array."""

import re

import pytest
import sympy

import symopt
from symopt.errors import ShapeError

w = symopt.Variable("w", 0.7)
CALLS = {"compile": lambda cost: symopt.compile(cost, [w]), "grad": lambda cost: symopt.grad(cost, w),
         "minimize": lambda cost: symopt.minimize(cost, w, steps=1)}
ARRAYS = {"rank 0": (sympy.Array(w**2), r"arr\[\(\)\]"), "[w**2]": (sympy.Array([w**2]), r"arr\[0\]"),
          "[[w**2]]": (sympy.Array([[w**2]]), "index it")}


@pytest.mark.parametrize("array", sorted(ARRAYS))
@pytest.mark.parametrize("call", sorted(CALLS))
def test_an_array_cost_is_refused_as_no_scalar(call, array):
    cost, hint = ARRAYS[array]
    with pytest.raises(ShapeError, match="expected a scalar cost; given a ImmutableDenseNDimArray") as error:
        CALLS[call](cost)
    assert re.search(hint, str(error.value)), str(error.value)


def test_the_indexed_array_is_the_cost():
    value, (gradient,) = symopt.compile(sympy.Array([w**2])[0], [w])(w=0.7)
    assert value == pytest.approx(0.49) and gradient == pytest.approx(1.4)

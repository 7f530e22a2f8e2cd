"""A ``Piecewise`` cost at a point where none of its conditions holds is NaN (docs/numerics.md); a run that reaches
such a point reports a ``DomainError`` naming the ``Piecewise``, with ``error.result`` (h-probe H6: the diagnosis
crashed with a raw ``AttributeError`` evaluating the condition ``w > 1``)."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.domain import first_not_real
from symopt.errors import DomainError


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_start_where_no_branch_holds(dtype):
    w = symopt.Variable("w", 0.0, dtype=dtype)
    cost = sympy.Piecewise((w ** 2, w > 1), (3 * w, w < -1))
    with pytest.raises(DomainError, match=r"at the starting point w = 0, where Piecewise\(.*\) has no real value") as caught:
        symopt.minimize(cost, w, steps=3)
    assert caught.value.result[w] == 0.0


def test_a_run_that_walks_into_the_gap():
    w = symopt.Variable("w", 0.0)
    cost = sympy.Piecewise((w ** 2, w > 1), (3 * w, w < -1))
    with pytest.raises(DomainError, match=r"after step 2 the parameters reached w = 0\.96, where Piecewise") as caught:
        symopt.minimize(cost, {w: 1.5}, steps=300, optimizer=symopt.GradientDescent(0.1))
    assert caught.value.result[w] == pytest.approx(1.2)  # the lowest cost seen: 1.44 at w = 1.2


def test_first_not_real_reads_conditions_without_evaluating_them_as_numbers():
    w = sympy.Symbol("w", real=True)
    assert first_not_real(sympy.Piecewise((w ** 2, w > 1), (sympy.log(w), True)), {w: 2.0}) is None
    assert first_not_real(sympy.Piecewise((w ** 2, w > 1), (sympy.log(w), True)), {w: -2.0}) == sympy.log(w)

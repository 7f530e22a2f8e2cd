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


def _no_branch_at_zero(z):
    return sympy.Piecewise((z ** 2, z > 1), (3 * z, z < -1))


def test_the_matrix_form_where_no_branch_holds_is_a_domain_error():
    """core6 task 2: ``W.applyfunc(lambda z: Piecewise(...))`` at a point where no branch holds reported a
    DivergenceError (NumPy's select takes its NaN default without a floating-point error); the scalar form's
    DomainError names the Piecewise, the entry and its argument."""
    from symopt import ops
    W = symopt.Variable("W", [[2.0], [0.0]])
    with pytest.raises(DomainError, match=r"at the starting point W = \[\[2\], \[0\]\], where "
                       r"Piecewise\(\(z\*\*2, z > 1\), \(3\*z, z < -1\)\) has no real value .* at entry \(1, 0\) "
                       r"of its argument W, where z = 0") as caught:
        symopt.minimize(ops.mean(W.applyfunc(_no_branch_at_zero)), W, steps=3)
    assert caught.value.result[W].tolist() == [[2.0], [0.0]]


def test_the_matrix_form_with_data_and_a_scalar_piecewise_of_a_matrix():
    from symopt import ops
    import numpy as np
    x, w = symopt.Placeholder("x", (None, 1)), symopt.Variable("w", 0.0)
    with pytest.raises(DomainError, match=r"of its argument w\*x, where z = 0"):
        symopt.minimize(ops.sum((x * w).applyfunc(_no_branch_at_zero)), w, data={x: np.ones((3, 1))}, steps=2)
    W = symopt.Variable("W", 0.5, shape=(2, 1))
    total = ops.sum(W)
    with pytest.raises(DomainError, match=r"none of its conditions holds"):
        symopt.minimize(sympy.Piecewise((total ** 2, total > 3), (-total, total < -3)), W, steps=2)


def test_a_matrix_piecewise_that_overflows_stays_a_divergence():
    from symopt import ops
    from symopt.errors import DivergenceError
    W = symopt.Variable("W", 3.0, shape=(2, 1))
    cost = ops.sum(W.applyfunc(lambda z: sympy.Piecewise((z ** 4, z > 0), (z ** 2, True))))
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, W, steps=50, optimizer=symopt.GradientDescent(1.0))
    assert not isinstance(caught.value, DomainError)

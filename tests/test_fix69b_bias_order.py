"""Review final44e F44e-15: bias_add(b, V) with a rank-1 bias and a square V was told to write bias_add(V, b),
which is refused in turn (square: either axis).  It gets the square-matrix advice at once, and that advice, then
the order advice, leads to a call that runs.

Oracle: NumPy's ``V + b`` of a (1, n) row bias."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError

V = symopt.Variable("V", np.zeros((2, 2)))


def test_a_rank_one_bias_before_a_square_matrix_gets_the_square_advice():
    b = symopt.Variable("b", np.zeros(2))
    with pytest.raises(ShapeError, match=r"is square, so b could run along either axis") as raised:
        ops.bias_add(b, V)
    assert "Write symopt.ops.bias_add(V, b)" not in str(raised.value)


def test_the_advice_chain_ends_in_numpys_sum():
    row = symopt.Variable("row", np.zeros((1, 2)))
    with pytest.raises(ShapeError, match=r"Write symopt\.ops\.bias_add\(V, row\)"):
        ops.bias_add(row, V)
    Vs, rows = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[10.0, 20.0]])
    value = symopt.evaluate(ops.bias_add(V, row), {V: Vs, row: rows})
    np.testing.assert_array_equal(np.asarray(value, dtype=float), Vs + rows)

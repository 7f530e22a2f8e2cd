"""A BlockMatrix of large matrix symbols is not written out entry by entry (final41d F41d-6); a small one still is.

Oracle: hand NumPy of the blocks."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError


def test_a_large_block_matrix_of_variables_is_told_to_reduce_each_block():
    A = symopt.Variable("A", np.ones((20, 20)))
    B = symopt.Variable("B", np.ones((20, 20)))
    with pytest.raises(UnsupportedOperationError, match=r"800 entries of matrix symbols.*symopt.ops.sum\(A\)"):
        ops.sum(sympy.BlockMatrix([[A, B]]))
    cost = ops.sum(ops.square(A)) + ops.sum(ops.square(B))  # the advised form
    value, _ = symopt.compile(cost, [A, B])(A=np.ones((20, 20)), B=2 * np.ones((20, 20)))
    assert value == pytest.approx(float(np.sum(np.ones((20, 20)) ** 2) + np.sum((2 * np.ones((20, 20))) ** 2)))


def test_a_small_block_matrix_of_variables_is_still_written_out():
    A = symopt.Variable("A", np.ones((2, 2)))
    B = symopt.Variable("B", np.ones((2, 1)))
    value, (gradient_a, gradient_b) = symopt.compile(ops.sum(ops.square(sympy.BlockMatrix([[A, B]]))), [A, B])(
        A=np.full((2, 2), 3.0), B=np.full((2, 1), 2.0))
    assert value == pytest.approx(4 * 9.0 + 2 * 4.0)
    assert np.allclose(gradient_a, 2 * np.full((2, 2), 3.0)) and np.allclose(gradient_b, 2 * np.full((2, 1), 2.0))

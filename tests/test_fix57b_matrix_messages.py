"""The constant-matrix advice keeps the operator's sign and names c*Identity (final41d F41d-5); the batch-size
refusal asserts no substitution it cannot know of (final41d F41d-8).

Oracle: hand NumPy of the advised form (M - 3 entrywise)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError, UnsupportedOperationError

M = symopt.Variable("M", np.zeros((2, 2)))
z = symopt.Variable("z", np.zeros((1, 1)))
w = symopt.Variable("w", 1.0)


@pytest.mark.parametrize("build, advised", [
    (lambda: z - sympy.Matrix([[3]]), "symopt.ops.bias_add(z, -3)"),
    (lambda: sympy.Matrix([[3]]) - z, "symopt.ops.bias_add(-z, 3)"),
    (lambda: z + sympy.Matrix([[3]]), "symopt.ops.bias_add(z, 3)"),
])
def test_a_one_by_one_constant_is_advised_with_its_sign(build, advised):
    with pytest.raises(UnsupportedOperationError) as error:
        build()
    message = str(error.value)
    assert advised in message and "Variable" not in message


def test_the_advised_subtraction_subtracts():
    value = symopt.evaluate(ops.sum(ops.bias_add(M, -3)), {M: np.ones((2, 2))})
    assert value == np.sum(np.ones((2, 2)) - 3)


def test_a_scaled_identity_is_named():
    with pytest.raises(UnsupportedOperationError, match=r"2\*sympy.Identity\(2\): write that instead"):
        M - 2 * sympy.eye(2)


def test_a_residual_vector_over_m_is_not_told_of_a_substitution_as_fact():
    cost = ops.sum(ops.square(sympy.ImmutableMatrix([[w], [2 * w]]))) / symopt.BATCH
    with pytest.raises(ShapeError, match="If you replaced the data symbols") as error:
        symopt.compile(cost, w)
    message = str(error.value)
    assert "cost.subs(symopt.BATCH, 2)" not in message and "ops.mean divides" not in message

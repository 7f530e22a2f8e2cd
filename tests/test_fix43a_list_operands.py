"""probe68 P68-7: a list of matrices of different shapes passed to an op (``ops.l2_penalty([W1, W2])``, as
``tf.add_n`` takes a list) gets symopt's typed error naming the fix, not NumPy's "inhomogeneous shape" ValueError.
Oracle: the ops' documented signatures (``l2_penalty(*weights)``; ``sum(x)``, ``square(x)`` of one expression)."""

import pytest

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError


def _weights():
    return symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("W2", 0.0, shape=(3, 4))


@pytest.mark.parametrize("listed", [list, tuple])
def test_l2_penalty_of_a_list_names_the_separate_arguments(listed):
    W1, W2 = _weights()
    with pytest.raises(UnsupportedOperationError, match=r"list|tuple") as error:
        ops.l2_penalty(listed([W1, W2]))
    assert "of 2 expressions (W1, W2)" in str(error.value)
    assert "symopt.ops.l2_penalty(W1, W2)" in str(error.value)
    assert ops.l2_penalty(W1, W2) is not None  # the advice works


@pytest.mark.parametrize("build", [ops.sum, ops.square])
def test_an_op_of_one_expression_given_a_list_says_to_apply_it_to_each(build):
    W1, W2 = _weights()
    with pytest.raises(UnsupportedOperationError, match=rf"symopt\.ops\.{build.__name__}: operand 1 is a list of 2 "
                                                        r"expressions \(W1, W2\).*apply it to each one"):
        build([W1, W2])


def test_a_ragged_list_of_numbers_is_refused_with_symopts_error():
    with pytest.raises(UnsupportedOperationError, match=r"list of 2 entries of different lengths.*numpy\.sum"):
        ops.sum([[1.0, 2.0], [3.0]])

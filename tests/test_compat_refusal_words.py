"""Refusals that name what TF1 names (final39c F39c-2, F39c-8).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode; TensorFlow
is not needed here.
"""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_vector_condition_of_another_length_than_the_rows_names_dimension_0():
    """A vector condition chooses rows of a matrix: its length is compared with the rows, not its rank with the
    matrix's (it said "Shapes must be equal rank, but are 2 and 1", a rank TF1 allows here)."""
    with pytest.raises(ValueError, match=r"^Dimension 0 in both shapes must be equal, but are 4 and 2\. Shapes are "
                                         r"\[4\] and \[2\]\. for 'Select'"):  # TF 2.21 tf.compat.v1
        tf.where(tf.placeholder(tf.bool, [4]), tf.zeros([2, 3]), tf.zeros([2, 3]))
    tf.where(tf.placeholder(tf.bool, [2]), tf.zeros([2, 3]), tf.zeros([2, 3]))  # rows of [2, 3]: builds


def test_a_scalar_is_not_iterated_and_the_refusal_says_it_is_a_scalar():
    """A scalar has no first dimension: TF1's advice to use tf.map_fn does not apply (it was given), and the
    refusal is a typed symopt error that is a TypeError, as TF1's."""
    with pytest.raises(UnsupportedOperationError, match=r"only iterable when eager execution is enabled\. \(the "
                                                        r"tensor Const:0 is a scalar: it has no first dimension"):
        list(tf.constant(1.0))
    with pytest.raises(TypeError, match=r"tf.map_fn\. \(symopt.compat.v1 has no tf.map_fn; the first dimension of "
                                        r"tensor Placeholder:0 is not known .*tf.unstack\(t, num=n\)"):
        iter(tf.placeholder(tf.float32, [None, 2]))


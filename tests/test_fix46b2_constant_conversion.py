"""46b-7: tf.constant of a SymPy number is TF1's conversion failure; TF 2.21 raises ``TypeError: Failed to convert
elements of pi to Tensor`` for sympy.pi, sqrt(2), Integer(3), Float(2.5) and [Integer(3), 1.0] (symopt called them a
string tensor).  46b-5: an ordinary list never walks for SymPy items (only an object array can hold one)."""

import re

import numpy as np
import pytest
import sympy

import symopt.compat.v1 as tf
from symopt.compat.v1 import constants
from symopt.errors import SymoptError

# TF 2.21 (tf.compat.v1, graph mode): the item its TypeError names for each value.
SYMPY_VALUES = [(sympy.pi, "pi"), (sympy.sqrt(2), "sqrt(2)"), (sympy.Integer(3), "3"),
                (sympy.Float(2.5), "2.5"), ([sympy.Integer(3), 1.0], "3")]


@pytest.mark.parametrize("value, item", SYMPY_VALUES)
def test_sympy_number_is_tf1_conversion_error(value, item):
    tf.reset_default_graph()
    with pytest.raises(SymoptError, match=f"Failed to convert elements of {re.escape(item)}.* to Tensor") as caught:
        tf.constant(value)
    assert isinstance(caught.value, TypeError)
    assert ("int(3)" if item == "3" else "float(") in str(caught.value)  # what to do (47a2-8: int keeps int32)


def test_sympy_number_still_multiplies():
    # TF 2.21: w * sympy.Integer(3) is Tensor("mul:0", shape=(), dtype=float32)
    tf.reset_default_graph()
    w = tf.Variable(2.0)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert session.run(w * sympy.Integer(3)) == 6.0


def test_list_of_floats_is_not_walked_for_sympy(monkeypatch):
    def walked(*args, **kwargs):
        raise AssertionError("not_symbolic walked an ordinary list")
    monkeypatch.setattr(constants, "not_symbolic", walked)
    tf.reset_default_graph()
    rows = [[1.0, 2.0], [3.0, 4.0]]
    with tf.Session() as session:
        np.testing.assert_array_equal(session.run(tf.constant(rows)), np.array(rows, np.float32))

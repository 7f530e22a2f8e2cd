"""probe10 T7: the lecture's ``x[0][0]*w**2 + x[1][0]*w + x[2][0]`` on a symopt Placeholder died with Python's
"'MatrixElement' object is not subscriptable"; it is an IndexingError naming ``x[0, 0]``, and the form it names
computes the lecture's numbers."""

import numpy as np
import pytest
import sympy
from sympy.utilities.iterables import iterable

import symopt
from symopt.errors import IndexingError


def test_the_lectures_double_index_names_the_pair_index():
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x", (3, 1))
    with pytest.raises(IndexingError, match=r"x\[0\]\[0\]: x\[0\] of the 3 x 1 matrix x is already one entry .* "
                                            r"Write x\[0, 0\] for NumPy's and TF1's x\[i\]\[j\]"):
        x[0][0] * w**2 + x[1][0] * w + x[2][0]
    cost = x[0, 0] * w**2 + x[1, 0] * w + x[2, 0]  # the form the message names
    result = symopt.minimize(cost, w, data={x: np.array([[1.0], [-10.0], [25.0]])}, steps=1000,
                             optimizer=symopt.GradientDescent(0.01))
    assert np.isclose(result.params[w], 5.0, atol=1e-6)


def test_a_row_vector_names_its_column():
    r = symopt.Placeholder("r", (1, 3))
    with pytest.raises(IndexingError, match=r"Write r\[0, 2\]"):
        r[0][2]


def test_an_entry_stays_a_number_to_sympy_and_numpy():
    x = sympy.MatrixSymbol("x", 3, 1)
    entry = x[0, 0]
    assert not iterable(entry)
    with pytest.raises(TypeError):
        iter(entry)
    assert np.array([entry, x[1, 0]], dtype=object).shape == (2,)
    assert sympy.Matrix([[entry, x[1, 0]]]).shape == (1, 2)

"""Indexing symopt's matrix symbols: SymPy's spelling where it reads as NumPy's, a typed error where it would not
(``W[0]`` is SymPy's linear position, NumPy's first row) or where SymPy refuses the index."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import IndexingError, SymoptError

W = symopt.Variable("W", np.arange(6.0).reshape(3, 2), shape=(3, 2))
X = symopt.Placeholder("X", (None, 3))
v = symopt.Variable("v", np.arange(3.0), shape=(3,))


@pytest.mark.parametrize("index, row", [(0, "W[0, :]"), (-1, "W[-1, :]"), (2, "W[2, :]")])
def test_one_index_on_a_matrix_raises_naming_the_row_and_the_entry(index, row):
    with pytest.raises(IndexingError, match="linear position") as caught:
        W[index]
    assert row in str(caught.value) and "W[i, j]" in str(caught.value)
    assert isinstance(caught.value, IndexError) and isinstance(caught.value, SymoptError)
    with pytest.raises(IndexingError, match=r"X\[0, :\] for a row"):
        X[0]


@pytest.mark.parametrize("written, index", [("W[::-1, :]", (slice(None, None, -1), slice(None))),
                                            ("W[5, :]", (5, slice(None))), ("W[..., 1]", (Ellipsis, 1))])
def test_indices_sympy_refuses_raise_a_typed_error_written_as_given(written, index):
    with pytest.raises(IndexingError, match=rf"^{__import__('re').escape(written)}: not an index of the 3 x 2"):
        W[index]


def test_the_spellings_that_read_as_numpy_keep_working():
    assert str(W[0, :]) == "W[:1, :]" and str(W[:, 0]) == "W[:, :1]" and str(W[1, 1]) == "W[1, 1]"
    assert str(v[1]) == "v[1, 0]" and str(v[1:]) == "v[1:, :]"  # a column: one index is the row
    value = symopt.evaluate(ops.sum(ops.square(W[1:3, :])), {})
    assert value == float(np.sum(np.arange(2.0, 6.0) ** 2))

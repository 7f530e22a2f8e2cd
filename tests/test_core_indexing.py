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


def test_a_row_past_the_fed_batch_raises_instead_of_reading_an_empty_row():
    """NumPy's ``X[4:5]`` of 4 rows is empty: the sum of it was a silent 0.0 (probe F15).  Rows of a batch are read
    through ``batch_rows``, which checks the fed batch size (generated code and the TF1 session alike)."""
    from symopt.errors import ShapeError
    import symopt.compat.v1 as tf
    W1 = symopt.Variable("W1_rows", np.ones((3, 1)), shape=(3, 1))
    cost = ops.sum(X[1, :] @ W1)
    assert "batch_rows(X, 1, 2, 1)" in symopt.compile(cost, W1).function.source
    assert symopt.evaluate(cost, {X: np.arange(12.0).reshape(4, 3)}) == 12.0
    with pytest.raises(ShapeError, match="rows 5:6 of a batch of 4 examples"):
        symopt.evaluate(ops.sum(X[5, :] @ W1), {X: np.ones((4, 3))})
    with pytest.raises(ShapeError, match="rows 5:6 of a batch of 4 examples"):
        symopt.minimize(ops.sum(X[5, :] @ W1), W1, data={X: np.ones((8, 3))}, batch_size=4, epochs=1)
    graph = tf.Graph()
    with graph.as_default():
        fed = tf.placeholder(tf.float32, [None, 3])
        with tf.Session() as session:
            feed = {fed: np.arange(12, dtype=np.float32).reshape(4, 3)}
            assert session.run(fed[3], feed).tolist() == [9.0, 10.0, 11.0]
            with pytest.raises(ShapeError, match="rows 4:5 of a batch of 4 examples"):
                session.run(tf.reduce_sum(fed[4]), feed)

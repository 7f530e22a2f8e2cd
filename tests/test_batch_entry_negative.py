"""``X[-1, j]`` of a batch placeholder is the last example's entry (probe8 R11): it read the empty slice ``-1:0`` and
raised NumPy's IndexError at every call; a negative row past the first example is a ShapeError naming it."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt.errors import ShapeError

X = symopt.Placeholder("X", (None, 3))
w = symopt.Variable("w", 1.0)
DATA = np.arange(12.0).reshape(4, 3)


@pytest.mark.parametrize("row, column", [(-1, 0), (-1, 2), (-2, 1), (-4, 2), (0, 1), (3, 0)])
def test_an_entry_of_a_batch_by_a_negative_row_is_numpys(row, column):
    value, gradient = symopt.compile(X[row, column] * w ** 2, w)(w=3.0, X=DATA)
    assert value == 9.0 * DATA[row, column] and gradient == 6.0 * DATA[row, column]


def test_minimize_reads_the_last_example():
    result = symopt.minimize((w - X[-1, 0]) ** 2, w, data={X: DATA}, method="newton")
    assert result[w] == pytest.approx(DATA[-1, 0])


@pytest.mark.parametrize("row", [-5, 4])
def test_a_row_the_batch_lacks_is_a_shape_error(row):
    with pytest.raises(ShapeError, match="batch of 4 examples"):
        symopt.compile(X[row, 0] * w, w)(w=1.0, X=DATA)


def test_jax_reads_the_last_example_too():
    pytest.importorskip("jax")
    value, _ = symopt.compile(X[-1, 0] * w, w, backend="jax")(w=1.0, X=DATA)
    assert float(value) == DATA[-1, 0]

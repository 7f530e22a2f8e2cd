"""final47c2 47c2-4: a float64 list of plain Python numbers holding zeros (one-hot rows, 0/1 labels) is read once,
as a list without zeros is; only a list NumPy reads as objects (Decimal, Fraction, SymPy, mpmath numbers) is checked
entry by entry for a number float64 makes 0.  Counted: the calls of ``numpy.asarray`` that narrowing makes (each one
reads the whole list).  Oracle: the hand NumPy sum of the same rows."""

import types

import numpy as np
import pytest

import symopt
from symopt import narrowing


class CountingNumPy(types.SimpleNamespace):
    """numpy, with its ``asarray`` calls counted."""

    def __init__(self):
        super().__init__(calls=0)

    def asarray(self, *args, **kwargs):
        self.calls += 1
        return np.asarray(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(np, name)


@pytest.mark.parametrize("rows", [np.eye(4)[[0, 3, 1, 3, 2]].tolist(), [[0, 1], [1, 0], [1, 1]],
                                  [[0.0, 2.5], [-1.5, 0.0]]], ids=["one-hot", "int labels", "floats with zeros"])
def test_a_list_of_plain_numbers_with_zeros_is_read_once(rows, monkeypatch):
    counting = CountingNumPy()
    monkeypatch.setattr(narrowing, "np", counting)
    array = narrowing.narrowed("P", rows, "float64")
    assert counting.calls == 1
    assert array.dtype == np.float64 and np.array_equal(array, np.array(rows, dtype=np.float64))


def test_the_sum_of_one_hot_rows_is_fed_as_given():
    rows = np.eye(3)[[0, 2, 2, 1]].tolist()
    P = symopt.Placeholder("P", (None, 3))
    assert symopt.evaluate(symopt.ops.sum(P), {P: rows}) == pytest.approx(4.0)

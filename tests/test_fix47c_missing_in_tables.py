"""probe88 P88-5: a ``None`` in a table's object column is located by row, index label and column, as text in the
same place is (docs/data.md), not shown as a flattened print of the whole table.  A stand-in with what symopt reads of
a DataFrame (``to_numpy``, ``columns``, ``index``), so no pandas is needed; the real one where it is installed."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError


class Frame:
    """A DataFrame stand-in with an object column: ``to_numpy``/``__array__`` give an object array, as pandas does."""

    def __init__(self, columns: dict, index):
        self.data, self.columns, self.index = columns, list(columns), np.asarray(index)
        self.dtypes = [np.asarray(column).dtype for column in columns.values()]
        self.shape = (len(self.index), len(columns))

    def to_numpy(self, dtype=None, na_value=None):
        table = np.empty(self.shape, dtype=object)
        for j, column in enumerate(self.data.values()):
            table[:, j] = column
        return table if dtype is None else table.astype(dtype)

    __array__ = to_numpy

    def __getitem__(self, name):
        return self.data[name]

    def __iter__(self):
        return iter(self.columns)


def _linear_cost():
    X = symopt.Placeholder("X", (None, 2))
    w = symopt.Variable("w", np.zeros((2, 1)))
    return X, w, ops.mean(X @ w)


def test_none_in_an_object_column_names_row_label_and_column():
    X, w, cost = _linear_cost()
    age = np.array([0.5] * 50, dtype=object)
    age[40] = None
    frame = Frame({"income": np.linspace(0, 1, 50), "age": age}, index=np.arange(50) + 100)
    with pytest.raises(FeedError, match=r"given None inside a Frame at row 40 \(position: \.iloc\[40\]; "
                                        r"index label 140\), column 'age'\. Give a number for every entry"):
        symopt.minimize(cost, w, data={X: frame}, steps=1)


def test_none_in_a_real_pandas_column():
    pd = pytest.importorskip("pandas")
    X, w, cost = _linear_cost()
    frame = pd.DataFrame({"income": np.linspace(0, 1, 50), "age": np.linspace(0, 1, 50)}, index=np.arange(50) + 100)
    frame["age"] = frame["age"].astype(object)
    frame.loc[140, "age"] = None
    with pytest.raises(FeedError, match=r"None inside a DataFrame at row 40 .*index label 140\), column 'age'"):
        symopt.minimize(cost, w, data={X: frame}, steps=1)


def test_none_in_a_small_list_still_shows_the_list():
    X, w, cost = _linear_cost()
    with pytest.raises(FeedError, match=r"given None inside \[\[1\.0, None\]\]"):
        symopt.evaluate(cost, {X: [[1.0, None]], w: np.zeros((2, 1))})

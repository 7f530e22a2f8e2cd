"""probe88 P88-1: a NaN in a table fed to a ``method=`` run or checked for the JAX backend is named by row position,
index label and column (docs/data.md), as a first-order run names it, not as "index [7, 1]" (a label in pandas).
A stand-in table (what symopt reads of a DataFrame) keeps pandas out of the suite."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError
from symopt.jax_checks import check_all_data


class Frame:
    """A DataFrame stand-in: float columns, an index shifted to 75.., ``to_numpy`` as pandas converts."""

    def __init__(self, table: np.ndarray, columns: list):
        self.table, self.columns = table, columns
        self.index = np.arange(len(table)) + 75
        self.dtypes = [table.dtype] * table.shape[1]
        self.shape = table.shape

    def to_numpy(self, dtype=None, na_value=None):
        return self.table.astype(dtype or self.table.dtype)

    def __array__(self, dtype=None, copy=None):
        return self.to_numpy(dtype)


PLACE = "row 7 (position: .iloc[7]; index label 82), column 'score'"  # label 82 = 75 + 7, column 1 = 'score'


def _frame_with_nan():
    table = np.random.default_rng(6).normal(size=(20, 2))
    table[7, 1] = np.nan
    return Frame(table, ["a", "score"])


@pytest.mark.parametrize("method", ["lbfgs", "newton"])
def test_method_run_names_the_row_label_and_column(method):
    X = symopt.Placeholder("X", (None, 2))
    y = symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    with pytest.raises(FeedError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - y)), W, data={X: _frame_with_nan(), y: np.ones((20, 1))},
                        method=method)
    assert PLACE in str(caught.value)
    assert "index [7, 1]" not in str(caught.value)


def test_jax_data_check_names_the_row_label_and_column():
    X = symopt.Placeholder("X", (None, 2))
    frame = _frame_with_nan()
    with pytest.raises(FeedError) as caught:
        check_all_data([X], [frame.to_numpy(np.float64)], [frame])
    assert PLACE in str(caught.value)

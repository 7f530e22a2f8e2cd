"""probe61 P61-1/2/6/11/15: tables of named columns (pandas, polars), by a stand-in with what symopt reads of them
(``to_numpy``, ``columns``, ``dtypes``, ``index``), so no pandas is needed."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.batched import evaluate_in_batches
from symopt.errors import FeedError


class SparseDtype:
    """pandas' sparse column dtype, as symopt sees it: by its type's name."""


class Float64Dtype:
    """pandas' nullable float dtype: an extension dtype with a NumPy ``numpy_dtype``."""

    numpy_dtype = np.dtype(np.float64)


class Frame:
    """A DataFrame stand-in.  ``__array__`` (NumPy's conversion) gives an object array, as pandas does for text and
    extension columns; it and ``to_numpy`` count their calls."""

    def __init__(self, columns: dict, index=None, dtypes=None):
        self.data, self.columns = columns, list(columns)
        length = len(next(iter(columns.values())))
        self.index = np.arange(length) if index is None else np.asarray(index)
        self.dtypes = dtypes or [np.asarray(v).dtype for v in columns.values()]
        self.shape = (length, len(columns))
        self.asked, self.array_calls = [], 0

    def _stacked(self, dtype):
        table = np.empty(self.shape, dtype=dtype)
        for j, column in enumerate(self.data.values()):
            table[:, j] = column
        return table

    def to_numpy(self, dtype=None, na_value=None):
        self.asked.append(dtype)
        if dtype is None and any(not isinstance(d, np.dtype) for d in self.dtypes):
            return self._stacked(object)
        return self._stacked(dtype or np.result_type(*self.dtypes))

    def __array__(self, dtype=None, copy=None):
        self.array_calls += 1
        objects = self._stacked(object)
        return objects if dtype is None else objects.astype(dtype)

    def __getitem__(self, name):
        return self.data[name]

    def __iter__(self):  # as pandas: the column names
        return iter(self.columns)


def _linear():
    X = symopt.Placeholder("X", (None, 2))
    w = symopt.Variable("w", np.ones((2, 1)), shape=(2, 1))
    return X, w, ops.mean(X @ w)


def test_text_in_an_object_array_is_refused_as_a_str_array_is():
    X, w, cost = _linear()
    mixed = np.array([["1.5", 2.0], ["3", 4.0]], dtype=object)  # NumPy would parse '1.5' as 1.5
    with pytest.raises(FeedError, match=r"text inside ndarray .*'1\.5' at index \[0, 0\]\. Convert it first"):
        symopt.evaluate(cost, {X: mixed})


def test_text_in_a_table_column_is_refused_naming_row_and_column():
    X, w, cost = _linear()
    frame = Frame({"a": np.array([2.0, " 1e3 "], dtype=object), "b": np.array([2.0, 4.0])})
    with pytest.raises(FeedError, match=r"text inside a Frame: ' 1e3 ' at row 1, column 'a'\. .*to_numeric"):
        symopt.minimize(cost, w, data={X: frame}, steps=1)


def test_a_table_with_sparse_columns_is_refused_before_it_is_densified():
    X, w, cost = _linear()
    frame = Frame({"a": np.zeros(4), "b": np.zeros(4)}, dtypes=[SparseDtype(), SparseDtype()])
    with pytest.raises(FeedError, match=r"sparse columns \('a', 'b'\) of shape \(4, 2\).*sparse\.to_dense\(\)"):
        symopt.minimize(cost, w, data={X: frame}, batch_size=2)
    assert frame.array_calls == 0 and frame.asked == []  # never converted whole


def test_extension_columns_are_converted_by_the_table_to_their_numpy_dtype():
    X, w, cost = _linear()
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=100), rng.normal(size=100)
    frame = Frame({"a": a, "b": b}, dtypes=[Float64Dtype(), Float64Dtype()])
    value = evaluate_in_batches(cost, {X: frame, w: np.array([[2.0], [-1.0]])}, batch_size=30)
    assert value == pytest.approx(np.mean(2 * a - b))
    assert frame.asked == [np.dtype(np.float64)] and frame.array_calls == 0  # no object array of Python floats


def test_a_frame_given_as_data_is_refused_with_advice_that_works():
    x, y = symopt.Placeholder("x", (None,)), symopt.Placeholder("y", (None,))
    a, b = symopt.Variable("a", 0.0), symopt.Variable("b", 0.0)
    cost = ops.mean(ops.square(a * x + b * sympy.OneMatrix(symopt.BATCH, 1) - y))
    rng = np.random.default_rng(0)
    frame = Frame({"x": rng.normal(size=50), "y": rng.normal(size=50)})
    for run in (lambda: symopt.minimize(cost, [a, b], data=frame, batch_size=10, epochs=2),
                lambda: symopt.minimize(cost, [a, b], data=frame, steps=3),
                lambda: symopt.evaluate(cost, frame)):
        with pytest.raises(FeedError, match=r"given a Frame \(columns 'x', 'y'\), a table.*"
                                            r"data=\{name: df\[name\] for name in df\.columns\}"):
            run()
    fitted = symopt.minimize(cost, [a, b], data={name: frame[name] for name in frame.columns}, method="lbfgs")
    slope, intercept = np.polyfit(frame["x"], frame["y"], 1)
    assert fitted[a] == pytest.approx(slope, abs=1e-6) and fitted[b] == pytest.approx(intercept, abs=1e-6)


def test_nan_in_a_table_is_named_by_position_label_and_column():
    X = symopt.Placeholder("X", (None, 3))
    w = symopt.Variable("w", np.zeros((3, 1)), shape=(3, 1))
    rng = np.random.default_rng(0)
    columns = {name: rng.normal(size=10) for name in ("age", "income", "score")}
    columns["score"][7] = np.nan
    frame = Frame(columns, index=[5, 3, 9, 0, 1, 2, 4, 82, 6, 7])  # a shuffled frame's labels
    with pytest.raises(FeedError, match=r"first at row 7 \(position: \.iloc\[7\]; index label 82\), column 'score'"):
        symopt.minimize(ops.mean(X @ w), w, data={X: frame}, batch_size=5)


def test_nan_in_a_table_given_to_evaluate_is_named_by_position_label_and_column():
    X = symopt.Placeholder("X", (None, 2))
    frame = Frame({"age": np.array([1.0, 2.0, 3.0]), "score": np.array([1.0, np.nan, 3.0])}, index=[30, 10, 20])
    with pytest.raises(FeedError, match=r"first at row 1 \(position: \.iloc\[1\]; index label 10\), column 'score' = nan"):
        symopt.evaluate(ops.sum(X), {X: frame})


class SparseSeries:
    """A sparse pandas Series stand-in: no columns, a ``SparseDtype``, a name of ``None``."""

    def __init__(self, values):
        self.values, self.dtype, self.name = np.asarray(values), SparseDtype(), None
        self.index, self.shape = np.arange(len(values)), (len(values),)

    def to_numpy(self, dtype=None, na_value=None):
        return self.values.astype(dtype or self.values.dtype)


def _sparse_series_refusal(series):
    s = symopt.Placeholder("s", (None,))
    with pytest.raises(FeedError) as caught:
        symopt.evaluate(ops.mean(ops.square(s)), {s: series})
    told = str(caught.value)
    assert "a sparse" in told and "Series" in told and "series.sparse.to_dense()" in told and "to_coo" not in told
    assert "columns" not in told


def test_a_sparse_series_is_refused_as_a_series():
    """final42d F42d-4: a sparse Series is told to be made dense as a Series is (its ``to_coo()`` needs a
    MultiIndex), not as a frame with sparse columns."""
    _sparse_series_refusal(SparseSeries([0.0, 1.0] * 20))


def test_a_real_sparse_pandas_series_is_refused_with_advice_that_works():
    pd = pytest.importorskip("pandas")
    series = pd.Series(pd.arrays.SparseArray([0.0, 1.0] * 20))
    _sparse_series_refusal(series)
    assert np.mean(series.sparse.to_dense().to_numpy() ** 2) == 0.5  # the advice given works on it


class Labels(list):
    """An index stand-in: its labels, and pandas' ``equals``."""

    def equals(self, other):
        return list(self) == list(other)


class Series:
    """A Series stand-in (``to_numpy``, ``dtype``, ``index``)."""

    def __init__(self, values, labels):
        self.values, self.index = np.asarray(values, dtype=float), Labels(labels)
        self.dtype, self.shape = self.values.dtype, self.values.shape

    def to_numpy(self, dtype=None, na_value=None):
        return self.values.astype(dtype or self.values.dtype)

    def __array__(self, dtype=None, copy=None):
        return self.values.astype(dtype or self.values.dtype)


def _line_cost():
    x, y = symopt.Placeholder("x", (None,)), symopt.Placeholder("y", (None,))
    a, b = symopt.Variable("a", 2.0), symopt.Variable("b", 1.0)
    return x, y, a, b, ops.mean(ops.square(ops.bias_add(a * x, b) - y))


def test_tables_with_different_indexes_are_refused_not_paired_by_position():
    """final42d F42d-1: two Series in different index orders were paired by position (a fit of a=0.70 where
    np.polyfit on the rows matched by label gives 2.0); they are refused, naming both and how to align them."""
    x, y, a, b, cost = _line_cost()
    xs = np.arange(10.0)
    ys = 2 * xs + 1
    forward, reverse = Series(xs, range(10)), Series(ys[::-1], range(9, -1, -1))  # the same pairs, by label
    with pytest.raises(FeedError, match=r"x and y: .*different indexes .*\[9, 8, 7, \.\.\.\].*by position.*"
                                        r"y\.reindex\(x\.index\).*reset_index\(drop=True\)"):
        symopt.evaluate(cost, {x: forward, y: reverse})
    with pytest.raises(FeedError, match="different indexes"):
        symopt.minimize(cost, [a, b], data={x: forward, y: reverse}, batch_size=5, epochs=1)
    same = Series(ys, range(10))
    assert symopt.evaluate(cost, {x: forward, y: same}) == pytest.approx(float(np.mean((2 * xs + 1 - ys) ** 2)))


def test_real_pandas_series_with_different_index_orders_are_refused():
    pd = pytest.importorskip("pandas")
    x, y, a, b, cost = _line_cost()
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=50)})
    frame["y"] = 2 * frame.x + 1 + rng.normal(scale=0.01, size=50)
    shuffled = frame.y.sort_index(ascending=False)
    with pytest.raises(FeedError, match="different indexes"):
        symopt.evaluate(cost, {x: frame.x, y: shuffled})
    aligned = shuffled.reindex(frame.x.index)  # the advice given
    slope, intercept = np.polyfit(frame.x.to_numpy(), aligned.to_numpy(), 1)
    value = symopt.evaluate(cost, {x: frame.x, y: aligned, a: slope, b: intercept})
    assert value == pytest.approx(float(np.mean((slope * frame.x.to_numpy() + intercept - aligned.to_numpy()) ** 2)))
    assert slope == pytest.approx(2.0, abs=0.01)


def test_a_table_of_per_feature_statistics_beside_the_examples_is_not_an_index_clash():
    """review final42g F42g-1: ``df[cols].std()`` (indexed by column names) fed beside the examples' table was refused
    as "different indexes"; it pairs no rows with them.  Oracle: NumPy on the same numbers."""
    X = symopt.Placeholder("X", (None, 2))
    scale = symopt.Placeholder("scale", (2,))
    rows = np.array([[1.0, 2.0], [3.0, 5.0], [4.0, 9.0]])
    examples, spread = Frame({"a": rows[:, 0], "b": rows[:, 1]}), Series(rows.std(axis=0), ["a", "b"])
    examples.index = Labels([10, 11, 12])
    value = symopt.evaluate(ops.sum(ops.square(X)) * ops.sum(scale), {X: examples, scale: spread})
    assert value == pytest.approx(float(np.sum(rows ** 2) * rows.std(axis=0).sum()))

r"""Tables of named columns (a pandas DataFrame or Series, a polars DataFrame), recognised by what they have
(``to_numpy`` and ``columns`` or ``dtypes``), never by importing their library.

* :func:`table_numbers`: a pandas table whose columns are numbers in an extension dtype (nullable ``Float64``,
  ``Int64``, Arrow's ``float64[pyarrow]``: what ``convert_dtypes`` and the Arrow-backed readers give) as one NumPy
  array, converted column by column by pandas' ``to_numpy(dtype=...)``: NumPy's own conversion went through an
  object array of Python floats, about 6 times the data's memory and time (probe61 P61-15).  A missing entry
  (``pd.NA``) becomes NaN, which the data checks then name.
* :func:`sparse_columns`: the sparse columns of a pandas frame (``pd.DataFrame.sparse.from_spmatrix``,
  ``get_dummies(..., sparse=True)``), refused as a SciPy sparse matrix is, not densified whole (P61-2).
* :func:`place_in_table`: an entry's place as a pandas user reads it: ``row 7 (position: .iloc[7]; index label
  82), column 'score'`` (P61-11: "index [7, 2]" reads as the label 7 in pandas).
* :func:`table_as_data`: the refusal of a table given as ``data=`` itself, with what to write (P61-6).
* :func:`check_same_index`: tables are read by position, so tables of one feed whose indexes differ (a sorted,
  filtered or sampled Series beside another) are refused, not paired row by row with other labels (final42d
  F42d-1).
"""

from __future__ import annotations

import numpy as np

from .errors import FeedError

__all__ = ["is_table", "is_frame", "column_names", "table_numbers", "sparse_columns", "place_in_table", "table_as_data",
           "check_same_index"]


def is_table(value) -> bool:
    """A DataFrame-like (``to_numpy`` and ``columns``) or a Series-like (``to_numpy``, ``dtype`` and ``index``)."""
    return not isinstance(value, np.ndarray) and hasattr(value, "to_numpy") and \
        (hasattr(value, "columns") or hasattr(value, "dtype") and hasattr(value, "index"))


def is_frame(value) -> bool:
    """A DataFrame-like: a table with ``columns``."""
    return is_table(value) and hasattr(value, "columns")


def column_names(value) -> list | None:
    """The column names of a DataFrame-like, ``None`` for anything else (a Series)."""
    columns = getattr(value, "columns", None)
    return None if columns is None or isinstance(value, np.ndarray) else list(columns)


def _dtypes(value) -> list:
    dtypes = getattr(value, "dtypes", None)
    if dtypes is not None and not isinstance(dtypes, (np.dtype, str)) and hasattr(dtypes, "__iter__"):
        return list(dtypes)
    return [getattr(value, "dtype", None)]


def sparse_columns(value) -> list:
    """The names (or positions) of a pandas table's sparse columns (``SparseDtype``); ``[]`` for anything else."""
    if not is_table(value):
        return []
    names = column_names(value) or [getattr(value, "name", 0)]
    return [name for name, dtype in zip(names, _dtypes(value)) if type(dtype).__name__ == "SparseDtype"]


def _numpy_dtype(dtype) -> np.dtype | None:
    """A column dtype's NumPy dtype: itself, an extension dtype's ``numpy_dtype``, or ``None``."""
    found = getattr(dtype, "numpy_dtype", dtype)
    return found if isinstance(found, np.dtype) else None


def table_numbers(value):
    """``value`` as a NumPy array when it is a pandas table of numbers held in extension dtypes (each such dtype has
    a NumPy ``numpy_dtype`` of kind f, i, u or b), converted column by column to their common dtype (float64 where
    an entry is missing, as NaN); anything else as given."""
    if not is_table(value):
        return value
    dtypes = _dtypes(value)
    numeric = [_numpy_dtype(d) for d in dtypes]
    if all(isinstance(d, np.dtype) for d in dtypes) or any(d is None or d.kind not in "fiub" for d in numeric):
        return value
    common = np.result_type(*numeric)
    try:
        return value.to_numpy(dtype=common)
    except (TypeError, ValueError):  # a missing entry, which an integer or bool array cannot hold
        return value.to_numpy(dtype=np.float64, na_value=np.nan)


def place_in_table(value, index) -> str | None:
    """Where entry ``index`` (positions, as NumPy indexes the converted array) of the table ``value`` is, in the
    table's own words: ``row 7 (position: .iloc[7]; index label 82), column 'score'``; ``None`` for anything else."""
    if not is_table(value) or not len(index):
        return None
    row = int(index[0])
    labels = getattr(value, "index", None)
    place = f"row {row}"
    try:
        label = labels[row] if labels is not None else row
    except (IndexError, KeyError, TypeError):
        label = row
    if isinstance(label, np.generic):
        label = label.item()
    if not (isinstance(label, int) and label == row):
        place += f" (position: .iloc[{row}]; index label {label!r})"
    names = column_names(value)
    if names is not None and len(index) > 1 and int(index[1]) < len(names):
        place += f", column {names[int(index[1])]!r}"
    return place


def table_as_data(data) -> FeedError:
    """The refusal of a DataFrame given as ``data=`` (iterated, it yields its column names, so it read as a stream
    of mini-batches), with what works: its columns, each under the input of its name."""
    names = column_names(data) or []
    shown = ", ".join(map(repr, names[:4])) + (", ..." if len(names) > 4 else "")
    last = repr(names[-1]) if names else "'label'"
    return FeedError(f"data: expected a mapping {{symbol or name: value}}; given a {type(data).__name__} (columns "
                     f"{shown}), a table, not a mapping of inputs. Feed each column to the input of its name: "
                     "data={name: df[name] for name in df.columns} (for pandas, dict(df)); or pick them: "
                     f"data={{X: df[[...feature columns]], y: df[{last}]}}")


def check_same_index(feed: dict) -> None:
    """Refuse a feed ``{input: value}`` whose tables of examples (fed to inputs with the batch dimension) carry
    indexes that are not equal (``index.equals``): each is read by position, so row ``i`` of one would be paired with
    row ``i`` of another, under another label.  A table of another input (``df[cols].std()``, ``df.cov()``, indexed
    by column names) pairs no rows with them (review final42g F42g-1)."""
    from .symbols import BATCH  # symbols imports this module (value_checks): read at call time
    indexed = [(key, value.index) for key, value in feed.items()
               if BATCH in getattr(key, "shape", ()) and is_table(value)
               and callable(getattr(getattr(value, "index", None), "equals", None))]
    for key, index in indexed[1:]:
        first, first_index = indexed[0]
        if not first_index.equals(index):
            raise FeedError(f"values for {first} and {key}: the pandas tables fed carry different indexes ({first}: "
                            f"{_labels(first_index)}; {key}: {_labels(index)}), and symopt reads tables by position, "
                            f"so their rows would be paired by position, not by label. Align them first: "
                            f"{key}.reindex({first}.index) (or .sort_index() on both), .reset_index(drop=True) on "
                            f"both where the positions pair them, or feed the columns of one DataFrame")


def _labels(index) -> str:
    """The first labels of an index and its length: ``[3, 1, 2, ...] (50 labels)``."""
    shown = ", ".join(repr(label.item() if isinstance(label, np.generic) else label) for label in list(index[:3]))
    return f"[{shown}{', ...' if len(index) > 3 else ''}] ({len(index)} labels)"

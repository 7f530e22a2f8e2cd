"""Binding values to symbols: checking and converting what the user feeds.

Every check runs before any state changes, and every message says what was
expected, what was given, and what to do.
"""

from __future__ import annotations

import math
import sys
from typing import Any, Mapping

import numpy as np
import sympy

from .errors import FeedError, ShapeError
from .foreign_arrays import host_array, is_library_array
from .float_literals import nearest_double
from .jax_tracers import is_traced, refuse_traced
from .matrix_shapes import rank_one_declaration, reshape_advice
from .narrowing import narrowed, out_of_range
from .same_name_causes import assumption_cause, given_assumptions
from .symbols import BATCH, is_matrix, made_in_other_processes, shape_of, why_two_symbols
from .tables import check_same_index, is_frame, sparse_columns, table_as_data, table_numbers
from .value_checks import not_real_numbers, unreadable_tensor_advice
from .value_promises import (PROMISES, check_promises, check_unread_promise, promises_of,
                             refuse_traced_promise, vanished_note)

__all__ = ["as_value", "fits_shape", "fits_declared", "wrong_shape", "resolve_feed", "with_keywords", "read_entries", "same_name_hint", "batch_size", "batch_axes",
           "names_of", "PROMISES", "promises_of"]  # the last two: kept importable from here (value_promises holds them)


def _describe(symbol) -> str:
    shape = shape_of(symbol)
    return f"{symbol} (shape {shape})" if shape else f"{symbol} (scalar)"


def _kind(symbol) -> str:
    return "parameter" if getattr(symbol, "is_variable", False) else \
        "placeholder" if getattr(symbol, "is_placeholder", False) else "symbol"


def as_value(symbol: sympy.Basic, value: Any, dtype: str, scalar_type=None, device_arrays: tuple = (),
             first_row: int | None = None):
    """Convert ``value`` for ``symbol``: a scalar of ``scalar_type`` or a 2-D array of ``dtype``.  ``first_row``:
    ``value`` is a mini-batch of the data's rows from that row on, so that an entry refused is named by its row in
    the data.

    Refused rather than converted: ``None`` (NumPy would make it NaN), complex numbers (NumPy would
    drop the imaginary part) and strings.  A value of one of ``device_arrays`` (``jax.Array``) stays where it
    is: checked by its dtype and shape, cast on its device when its dtype differs, never copied to the host.
    """
    on_device, given = isinstance(value, device_arrays), value
    if on_device:
        array = _device_array(symbol, value, dtype)
    else:
        if not isinstance(value, (float, int, np.ndarray)):
            _refuse_sparse(symbol, value)
            value = table_numbers(_library_array(symbol, value))  # a table's extension columns, one by one
        if not isinstance(value, (float, int)):
            _check_real_numbers(symbol, value, dtype)
        if isinstance(value, sympy.Expr) and value.is_number:  # a SymPy Float or Rational: rounded once, in range
            value = _sympy_number(symbol, value, dtype)
        try:
            array = narrowed(lambda: _describe(symbol), value, dtype, first_row, given)
        except FeedError:  # (a ValueError too) an entry out of the dtype's range, named
            raise
        except (ValueError, TypeError, OverflowError) as error:
            refuse_traced(f"value for {_describe(symbol)}", given)
            ragged = " Ragged nested lists must be made rectangular first." if "inhomogeneous" in str(error) or \
                "sequence" in str(error) else ""
            raise FeedError(f"value for {_describe(symbol)}: expected numbers of dtype {dtype}; "
                            f"given {type(value).__name__} that NumPy cannot convert ({error}).{ragged}") from None
    if not is_matrix(symbol):
        if array.size != 1:
            raise ShapeError(f"value for {_describe(symbol)}: expected a scalar; given shape {array.shape}")
        number = array.reshape(())
        if promises_of(symbol):  # a device scalar too: one number read back (probe21 P21-14)
            refuse_traced_promise(symbol, value)
            check_promises(symbol, float(number))
        if on_device:
            return number
        return scalar_type(number) if scalar_type is not None else number[()]
    if not fits_shape(symbol, array.shape):
        raise wrong_shape(symbol, array.shape, array)
    if array.ndim == 1:
        array = array.reshape(-1, 1)
    return array


def fits_shape(symbol, shape: tuple) -> bool:
    """Whether a value of ``shape`` fits ``symbol``'s declared shape (``None``: any size)."""
    return fits_declared(shape_of(symbol), shape)


def fits_declared(declared: tuple, shape: tuple) -> bool:
    """Whether a value of ``shape`` fits the declared shape ``declared`` (:func:`~symopt.symbols.shape_of`)."""
    return len(shape) == len(declared) and all(d is None or d == s for d, s in zip(declared, shape))


def wrong_shape(symbol, given: tuple, values=None) -> ShapeError:
    """The :class:`ShapeError` for a value of shape ``given`` fed to ``symbol``, with the fix for the common mistakes
    (a vector for a column, the transpose; ``values``, where at hand, tells class indices from one-hot labels); the
    same for data in memory and out of core (probe61 P61-4)."""
    declared = shape_of(symbol)
    return ShapeError(f"value for {symbol}: expected shape {_shape_text(declared)}; given {tuple(given)}."
                      f"{_reshape_hint(symbol, declared, tuple(given), values)}")


def _library_array(symbol, value):
    """A PyTorch or TensorFlow tensor as a NumPy array (:func:`~symopt.foreign_arrays.host_array`); anything else as
    given."""
    if not is_library_array(value):
        return value
    try:
        return host_array(value)
    except (TypeError, ValueError, RuntimeError) as error:  # a tensor on a GPU, of a dtype NumPy lacks, sparse
        expected, advice = unreadable_tensor_advice(value)
        raise FeedError(f"value for {_describe(symbol)}: expected {expected}; given a "
                        f"{type(value).__module__.split('.')[0]} {type(value).__name__} that NumPy cannot read "
                        f"({error}).{advice}") from None


def _refuse_sparse(symbol, value) -> None:
    """A SciPy sparse matrix (a bag of words, one-hot rows) is refused naming ``.toarray()``: the generated code
    computes on dense arrays, and NumPy's conversion made it a 0-d object (probe51 P51-5); a pandas frame with
    sparse columns likewise, where it was densified whole without a word (probe61 P61-2)."""
    sparse = sys.modules.get("scipy.sparse")
    if sparse is not None and sparse.issparse(value):
        given, dense, rows, batch = f"a scipy.sparse {type(value).__name__}", "sparse.toarray()", "", None
    else:
        columns = sparse_columns(value)
        if not columns:
            return
        shown = ", ".join(map(repr, columns[:4])) + (", ..." if len(columns) > 4 else "")
        given = f"a {type(value).__name__} with sparse columns ({shown})"
        dense, rows, batch = "frame.sparse.to_dense()", " of sparse = frame.sparse.to_coo().tocsr()", None
        if not is_frame(value):  # a Series: no columns, and its to_coo() needs a MultiIndex (final42d F42d-4)
            given, rows, batch = f"a sparse {type(value).__name__}", "", "series.iloc[i:i + 256].to_numpy()"
            dense = "series.sparse.to_dense() or series.to_numpy()"
    shape = tuple(value.shape)
    raise FeedError(f"value for {_describe(symbol)}: expected a dense array of numbers; given {given} of shape "
                    f"{shape}, and symopt's generated code computes on dense arrays. Pass it dense, {dense}, where "
                    f"that fits in memory ({' x '.join(map(str, shape))} numbers), or train on a stream of dense "
                    f"mini-batches{rows}, made fresh for each epoch by a function: data=lambda: ({{{symbol}: "
                    f"{batch or 'sparse[i:i + 256].toarray()'}, y: labels[i:i + 256]}} for i in range(0, m, 256))")


def _sympy_number(symbol, value: sympy.Expr, dtype: str) -> float:
    """A SymPy number as the double nearest it; one beyond float64's range (``Float('1e400')``) or below its
    smallest subnormal (``1/10**400``) is refused, as a Python int past float64 is (NumPy made them inf and 0)."""
    number = nearest_double(value)
    if math.isinf(number) or (number == 0 and not value.is_zero):
        limit = "largest is 1.798e+308" if math.isinf(number) else "smallest positive is 4.941e-324"
        raise FeedError(f"value for {_describe(symbol)}: expected numbers of dtype float64, whose {limit}; given "
                        f"the SymPy number {sympy.N(value, 4)}, which float64 would make "
                        f"{'infinite' if math.isinf(number) else '0'}. Rescale the data so that it fits float64.")
    return number


def _device_array(symbol, value, dtype: str):
    """A device array of real numbers in ``dtype`` (cast where it lives); its dtype is checked, and a cast to a
    narrower float that makes a finite entry infinite or a nonzero entry 0 is refused as on the host (final42d
    F42d-8: 1e-50 became 0 at float32), naming the entry (two masks reduced on the device; read back on refusal).
    "Made 0" is read from the value, at most half the smallest subnormal, not from the cast: XLA on the CPU flushes
    subnormals to 0 where NumPy keeps them (final42g F42g-4: 1e-40 was refused on the device, run on the host).
    Inside the user's ``jax.jit``, ``vmap`` or ``lax.scan`` the value is cast unchecked: while JAX traces, the
    masks are tracers, even of a value that is not (probe96 P96-2)."""
    _check_real_numbers(symbol, np.empty(0, value.dtype), dtype)  # complex refused by dtype: no entry is read
    if value.dtype == np.dtype(dtype):
        return value
    with np.errstate(over="ignore"):  # (a NumPy-backed device array warns of what is refused below)
        cast = value.astype(dtype)
    if np.dtype(value.dtype).itemsize > np.dtype(dtype).itemsize and value.size:
        for made, became in (((abs(cast) == np.inf) & (abs(value) < np.inf), "infinite"),
                             ((abs(value) <= float(np.finfo(dtype).smallest_subnormal) / 2) & (value != 0), "0")):
            found = made.any()
            if is_traced(found):  # inside the user's jax.jit, vmap or lax.scan: no number to read (probe96 P96-2)
                break
            if bool(found):
                raise out_of_range(_describe(symbol), dtype, np.asarray(value), np.asarray(made), became)
    return cast


def _check_real_numbers(symbol, value: Any, dtype: str) -> None:
    problem = not_real_numbers(value)
    if problem is not None:
        raise FeedError(f"value for {_describe(symbol)}: expected numbers of dtype {dtype}; given {problem}")


def _shape_text(shape) -> str:
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + (",)" if len(shape) == 1 else ")")


def batch_axes(symbols) -> list[tuple[int, int]]:
    """``(input index, axis)`` of every batch dimension :math:`m` among ``symbols``."""
    return [(index, axis) for index, symbol in enumerate(symbols) if is_matrix(symbol)
            for axis, dim in enumerate(symbol.shape) if dim == BATCH]


def batch_size(symbols, values, axes=None) -> int | None:
    """The batch size :math:`m` shared by every input with a ``None`` dimension; they must agree."""
    found: dict[int, sympy.Basic] = {}
    for index, axis in batch_axes(symbols) if axes is None else axes:
        found.setdefault(int(values[index].shape[axis]), symbols[index])
    if 0 in found:
        raise FeedError(f"value for {found[0]} has no examples (batch size m = 0); feed at least one example "
                        "(an average over no examples is undefined)")
    if len(found) > 1:
        detail = ", ".join(f"{s}: {size}" for size, s in found.items())
        same = set(found.values())
        if len(same) == 1 and list(same)[0].shape == (BATCH, BATCH):  # (None, None): both axes are the one m
            symbol = list(same)[0]
            raise ShapeError(f"{symbol} was declared with shape (None, None): both axes are the one batch size m, so "
                             f"it is an m x m matrix, and the {' x '.join(map(str, found))} array fed is not square. "
                             f"Declare the other size, e.g. Placeholder({str(symbol)!r}, (None, {list(found)[1]}))")
        raise ShapeError(f"inputs disagree on the batch size m: {detail}; feed arrays with the same number of examples")
    return next(iter(found), None)


def names_of(symbols) -> dict:
    """``{name: symbol}`` for feeding by name; a name two symbols share maps to the tuple of both."""
    groups: dict = {}
    for symbol in symbols:
        groups.setdefault(getattr(symbol, "name", str(symbol)), []).append(symbol)
    return {name: found[0] if len(found) == 1 else tuple(found) for name, found in groups.items()}


def _preview(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def same_name_hint(key, by_name: Mapping) -> str:
    """The sentence for a symbol ``key`` that is not among the inputs but shares a name with one of them (a notebook
    cell re-run made a new ``Variable("w", ...)`` after the cost was built); ``""`` for any other key."""
    name = getattr(key, "name", None) if isinstance(key, sympy.Basic) else None
    if not isinstance(name, str) or name not in by_name:
        return ""
    rebuilt = _reshaped_copy(key, by_name[name])
    if rebuilt is not None:
        return (f"the expression's {name} is {key!r} with its shape changed by a substitution (such as "
                f"cost.subs(symopt.BATCH, {rebuilt[0] if rebuilt[0] is not None else 'n'})): shape "
                f"{_shape_text(rebuilt)}, where the {key!r} given has {_shape_text(shape_of(key))}. Bind it by its "
                f"name {name!r} (or by the expression's own {name}), with values of shape {_shape_text(rebuilt)}")
    own = by_name[name]
    advice = (f"Use the name {name!r} (result[{name!r}], data={{{name!r}: ...}}), or the expression's own {name}"
              if made_in_other_processes(key, own) or type(key) is not type(own) else
              f"Build the expression again from the new symbol, or bind the expression's own {name} (or its name "
              f"{name!r})")
    return (f"{key!r} is another symbol than the expression's {name}: two symbols share the name {name!r}, "
            f"{why_two_symbols(key, own)}. {advice}")


def _reshaped_copy(key, found) -> tuple | None:
    """The shape of the expression's input ``found`` when it is the placeholder ``key`` rebuilt with other sizes by a
    substitution (same class and serial number, another shape: ``cost.subs(symopt.BATCH, 4)``), else ``None``."""
    if isinstance(found, tuple) or type(found) is not type(key) or not is_matrix(key) or len(key.args) < 4 or \
            len(found.args) < 4 or found.args[3] != key.args[3]:
        return None
    return shape_of(found)


class _ReadFeed(dict):
    """A feed :func:`read_entries` made: the symbols its expression does not read were dropped, so a key it still
    holds that names no input may be told to key the dict by symbols (``evaluate`` ignores unread ones)."""


def read_entries(data: Mapping, symbols) -> dict:
    """The entries of ``data`` for an expression reading ``symbols``: symbols it does not read are dropped, so the
    training dict ``{**data, **result.params}`` serves as it is; names (and ``symopt.BATCH``, refused later) stay.
    A dropped symbol named like one it reads is refused: its value would be silently replaced (a Variable by its
    initial value), since the expression reads the other symbol."""
    read, by_name = set(symbols), names_of(symbols)
    kept = {}
    for key, value in data.items():
        if isinstance(key, sympy.Basic) and key not in read and key != BATCH:
            if same_name_hint(key, by_name):
                raise FeedError(_unknown_input(key, by_name))
            if not isinstance(key, (sympy.Symbol, sympy.MatrixSymbol)):  # X[0, 0], X.T, 2*lam: never an input
                raise FeedError(f"{key} is an expression, not an input: a value can be given for a symbol only. "
                                "Set the entries in the array you feed for the symbol itself (data[X][0, 0] = 5.0), "
                                "or make what you meant a symopt.Placeholder of its own")
            check_unread_promise(key, value)
            continue
        kept[key] = value
    return _ReadFeed(kept)


def with_keywords(feed: dict, keywords: Mapping, symbols, given: str, what: str = "inputs",
                  by_name: dict | None = None) -> dict:
    """``feed`` (resolved onto ``symbols``) with the values given by keyword added; an input given both ways
    (``given``: "in the dict", "by position") is a FeedError naming it, never one of the two chosen silently."""
    if not keywords:
        return feed
    by_keyword = resolve_feed(keywords, symbols, by_name=by_name)
    twice = [str(s) for s in by_keyword if s in feed]
    if twice:
        raise FeedError(f"{what} {twice} are given both {given} and by keyword; give each once")
    return {**feed, **by_keyword}


def resolve_feed(feed: Mapping | None, symbols, *, names_allowed: bool = True, by_name: dict | None = None,
                 trained=(), unread_ignored: bool = False) -> dict:
    """Map a feed keyed by symbols or by names onto ``symbols``; unknown keys are an error.  ``trained``: the
    parameters a run trains, when ``symbols`` are only the data beside them (``minimize``), named in that error.
    A run's data (``trained`` given, or ``unread_ignored``: a stream's batches) may hold symbols the cost does not
    read, which are ignored as :func:`read_entries` drops them for ``evaluate`` (the full model's data dict serves a
    nested model's run: probe50 P50-4); a name that matches no input is still refused (a misspelling), and so is a
    symbol named like one the cost reads (another symbol of that name: its value would be ignored)."""
    if is_frame(feed):
        raise table_as_data(feed)
    if feed is not None and not isinstance(feed, Mapping):
        raise FeedError(f"expected the data as a dict {{symbol or name: value}}; given {type(feed).__name__} "
                        f"{_preview(feed)}. Write e.g. {{{', '.join(repr(str(s)) + ': ...' for s in list(symbols)[:2])}}}")
    by_name = names_of(symbols) if by_name is None else by_name
    known = set(symbols)
    if (trained or unread_ignored) and feed:
        feed = dict(read_entries(feed, symbols))  # a plain dict: a misspelt name is told only to check it
    resolved = {}
    for key, value in (feed or {}).items():
        if isinstance(key, str):
            symbol = by_name.get(key) if names_allowed else None
            if isinstance(symbol, tuple):
                cause = assumption_cause(symbol)  # Symbol('w', real=True) beside parse_expr's w (probe82 P82-1)
                described = [_kind(s) + " " + _describe(s)[:-1] + (f", {given_assumptions(s)})" if cause else ")")
                             for s in symbol]
                raise FeedError(f"input name {key!r} is ambiguous: {len(symbol)} different inputs are named "
                                f"{key!r} ({', '.join(described)}){'; ' + cause if cause else ''}; feed them by "
                                "symbol, e.g. f({symbol: value, ...})")
        else:
            symbol = key if isinstance(key, sympy.Basic) and key in known else None
        if isinstance(key, sympy.Basic) and key == BATCH:
            raise FeedError(f"{key!r} is symopt's batch dimension symopt.BATCH, the number of rows fed, never a "
                            "value of its own: drop it from the data (a count of your own is a sympy.Symbol of any "
                            "name, e.g. sympy.Symbol('m', integer=True, positive=True))")
        if symbol is None:
            raise FeedError(_unknown_input(key, by_name, isinstance(feed, _ReadFeed), trained))
        if symbol in resolved:
            raise FeedError(f"input {symbol} is bound twice (by symbol and by name); bind it once")
        resolved[symbol] = value
    check_same_index(resolved)
    return resolved


def _unknown_input(key, by_name: Mapping, unread_ignored: bool = False, trained=()) -> str:
    """The message for a key that names none of the inputs.  ``unread_ignored``: the caller drops symbols the
    expression does not read (``evaluate``), so a name may be keyed by its symbol instead; elsewhere (a compiled
    function, ``minimize``) every key must name an input, and the message says only that (probe46 P46-5).
    ``trained``: the parameters being trained beside the data inputs ``by_name`` (probe47 P47-6)."""
    hint = same_name_hint(key, by_name)
    if hint:
        return f"value for {key!r}: expected one of the expression's inputs {sorted(by_name)}; {hint}"
    inputs = f"the expression's inputs are {sorted(by_name)}"
    if trained:
        names = ", ".join(map(str, trained))
        being = f"{names} {'is the parameter' if len(trained) == 1 else 'are the parameters'} being trained, not data"
        inputs = f"the cost reads no data ({being})" if not by_name else \
            f"the cost's data inputs are {sorted(by_name)} ({being})"
    if unread_ignored and isinstance(key, str):
        return (f"unknown input {key!r}: {inputs}. If {key!r} names data this expression does not read (the labels of "
                f"a training dict, evaluate(X @ W, {{**data, **result.params}})), key the dict by symbols instead, "
                "whose unread entries are ignored, or leave it out; if it is meant for one of the inputs, check its "
                "spelling")
    if isinstance(key, sympy.Basic):  # a symbol has no spelling to check
        return f"unknown input {key!r}: {inputs}; every key must be one of them: leave {key!r} out{vanished_note(key)}"
    return f"unknown input {key!r}: {inputs}; every key must name one of them: leave {key!r} out, or check its spelling"


def _reshape_hint(symbol, declared: tuple, given: tuple, values=None) -> str:
    """The fix for the common mismatches (:func:`~symopt.matrix_shapes.reshape_advice`)."""
    declaration = rank_one_declaration(str(symbol), _kind(symbol), declared[0])
    return reshape_advice(str(symbol), declared, given, declaration, values)

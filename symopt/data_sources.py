r"""Data for :func:`~symopt.minimize.minimize` and :func:`~symopt.batched.evaluate_in_batches`, in memory or not.

Three kinds of ``data``:

* a mapping ``{symbol or name: array}`` of in-memory arrays (the usual case);
* the same mapping where some arrays are **out of core**: a :class:`numpy.memmap`, or any object with
  ``shape``, ``dtype`` and slicing (an h5py or zarr dataset).  Such an array is never read whole: each
  mini-batch reads rows ``[a, b)`` with one slice ``value[a:b]`` (a memmap through the mapping given, whose
  pages read are then released: :mod:`symopt.mapped_rows`).  Examples must be rows (batch axis 0);
* a **stream** of mini-batches: an iterable of mappings ``{symbol or name: array}`` (one epoch is one
  pass over it, so a list or a re-iterable dataset can serve several epochs; a one-shot iterator or
  generator serves ``epochs=1`` only), or a function called with no arguments that returns a fresh
  iterable at the start of each epoch (a generator function).

Shuffling.  In memory, ``shuffle=True`` draws a permutation :math:`\pi` of the :math:`m` rows each
epoch and batch :math:`k` is rows :math:`\pi_{kB}, \dots, \pi_{kB+B-1}`.  Out of core that would read
rows scattered over the file, so instead batch :math:`k` is the contiguous rows
:math:`[kB, \min(kB+B, m))` and each epoch visits the :math:`\lceil m/B \rceil` batches in a random
order: the same rows always share a batch, only the order of batches changes.  (Write the file in a
random row order once if it is sorted, e.g. by class.)  With ``shuffle=False`` both read the rows in
file order and give the same parameters.  A stream is used in the order it yields; shuffling it is
the stream's job (``shuffle`` is ignored).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .binding import as_value, batch_size as common_batch_size, fits_shape, resolve_feed, wrong_shape
from .errors import CheckpointError, ConfigurationError, FeedError
from .label_ranges import check_label_values
from .mapped_rows import read_rows
from .resume import Schedule
from .run_arguments import check_count, check_data
from .symbols import BATCH, is_batched
from .tables import is_frame, is_table, table_as_data

__all__ = ["is_out_of_core", "BatchStream", "as_stream", "read_rows", "DataSource", "data_source", "StreamSchedule",
           "schedule_for", "refuse_square_batches"]


def is_out_of_core(value) -> bool:
    """A :class:`numpy.memmap`, or a non-NumPy object with ``shape`` (at least 1-D), ``dtype`` and ``[a:b]``; an
    array of an array library (JAX, PyTorch: it has ``__dlpack__``, which h5py and zarr datasets lack) and a pandas
    or xarray object (it has ``to_numpy``: a learner's ``df["label"]``) are in memory, and so is a 0-d memmap (one number:
    ``np.load("a.npy", mmap_mode="r")`` of a saved scalar), and a SciPy sparse matrix (refused when it is bound, naming
    ``.toarray()``: probe51 P51-5)."""
    if isinstance(value, np.memmap):
        return value.ndim >= 1
    if isinstance(value, (np.ndarray, np.generic, list, tuple)) or hasattr(value, "__dlpack__") or \
            hasattr(value, "to_numpy") or hasattr(value, "toarray"):
        return False
    shape = getattr(value, "shape", None)
    return (hasattr(value, "dtype") and hasattr(value, "__getitem__") and isinstance(shape, tuple)
            and len(shape) >= 1)


@dataclass
class BatchStream:
    """An iterable of mini-batch mappings (one epoch per pass) or a function returning a fresh one per epoch.

    ``first`` is the first batch (its arrays copied), read before training to check names, shapes and dtypes;
    ``rest`` the iterator it came from, which serves the remainder of the first epoch; ``failure`` the exception the
    stream raised while read (its function called, its ``next()``), which the run keeps its steps in (probe97 P97-4).
    """

    source: object
    first: Mapping
    rest: object
    failure: BaseException | None = field(default=None, repr=False)

    def epoch(self, index: int):
        """The batches (raw mappings) of epoch ``index``, 0-based."""
        try:
            if index == 0:
                yield self.first
                yield from self.rest
            else:
                yield from iter(self.source() if callable(self.source) else self.source)
        except Exception as error:  # the user's reader failed (a network file system gone): no symopt code runs here
            self.failure = error
            raise


_EMPTY = object()  # what an empty stream's first batch is


def as_stream(data, *, steps, epochs, batch_size, resume_from, backend, checkpoint=None) -> BatchStream | None:
    """``None`` for a mapping (or ``None``); a checked :class:`BatchStream` for an iterable or a function of batches.
    A one-shot iterator serves one epoch, and no ``checkpoint`` or ``resume_from`` (a resumed run reads the stream
    again from its start)."""
    if data is None or isinstance(data, Mapping):
        return None
    if is_frame(data):  # iterated, a DataFrame yields its column names: no stream (probe61 P61-6)
        raise table_as_data(data)
    if isinstance(data, (str, bytes)) or not (callable(data) or isinstance(data, Iterable)) or \
            isinstance(data, np.ndarray) and data.ndim == 0:
        return None  # check_data_mapping names the mistake (a 0-d array is Iterable by its type, not by its value)
    if isinstance(data, (list, tuple, np.ndarray)) and len(data) and not isinstance(data[0], Mapping):
        _refuse_items(data, data[0])  # data=[X, y] (Keras' fit habit) is no stream, whatever steps= says
    if backend != "numpy":
        raise ConfigurationError(f"data is a stream of mini-batches, which backend={backend!r} cannot read (it needs "
                                 "the data in memory, on the device); use backend='numpy' for a stream, or give the "
                                 "arrays as data={X: features, y: targets} with batch_size=...")
    if batch_size is not None:
        raise ConfigurationError(f"data is a stream of mini-batches, which sets the batches and epoch length; "
                                 f"batch_size={batch_size!r} cannot apply to it. Use epochs=... (passes over the "
                                 "stream) and steps=... (at most that many steps in all: an endless stream's bound)")
    check_count("steps", steps)
    produced = data() if callable(data) else data
    if isinstance(produced, Mapping):
        raise _one_batch_returned(produced)
    if produced is not data:
        _check_returned(produced)
    iterator = iter(produced)
    if iterator is data:
        resumed = "a resumed run reads the stream again from its start, up to where the checkpoint stopped"
        for asked, given, why in ((resume_from is not None, f"resume_from={resume_from!r}", resumed),
                                  (checkpoint is not None, f"checkpoint={checkpoint!r}",
                                   f"no run could resume from it, as {resumed}"),
                                  (epochs not in (None, 1), f"epochs={epochs}", "it can be read once")):
            if asked:
                raise ConfigurationError(f"{given} with a one-shot iterator: {why}. Pass a list, a re-iterable "
                                         "dataset, or a function returning a fresh iterable per epoch")
    first = next(iterator, _EMPTY)
    if first is _EMPTY:
        raise FeedError(f"data: the stream of mini-batches ({type(data).__name__}) gave no batch; give at least one "
                        "batch such as {X: features, y: targets}, or data={X: features, y: targets} for a full batch")
    if not isinstance(first, Mapping):
        _refuse_items(data, first)
    return BatchStream(data, _kept(first), iterator)


def _kept(batch: Mapping) -> dict:
    """The first batch with its arrays copied: it is read again after the stream has gone on (as epoch 0's first
    batch, and by a divergence's step-size advice), and a generator may refill one buffer for each batch it yields,
    which then held the last batch (probe61 P61-10) - a NumPy array, a torch tensor or a pandas table (final42d
    F42d-5)."""
    return {key: _copied(value) for key, value in batch.items()}


def _copied(value):
    """A copy of a batch's value that the producer cannot refill: a NumPy array's, a torch tensor's ``clone()``, a
    table's ``copy()``; anything else (a number, a JAX array, which cannot change) as given."""
    if isinstance(value, np.ndarray):
        return np.array(value)
    if callable(getattr(value, "clone", None)) and hasattr(value, "detach"):  # a torch tensor
        return value.clone()
    return value.copy() if is_table(value) and callable(getattr(value, "copy", None)) else value


def _one_batch_returned(batch: Mapping) -> FeedError:
    """A function given as ``data=`` returned one batch mapping, where one iterable of them per epoch is expected
    (iterated, the mapping gave its keys: "a function whose first item is MatrixPlaceholder", probe89 P89-7)."""
    return FeedError(f"data: the function returned a {type(batch).__name__} (one batch) of "
                     f"{', '.join(map(str, list(batch)[:4]))}; a function given as data= is called once per epoch and "
                     "must return an iterable of batch dicts (e.g. a generator function yielding "
                     "{X: features[a:a + 100], y: targets[a:a + 100]}, or lambda: [batch] for one batch an epoch). "
                     "For data in memory pass the dict itself: data=batch (with batch_size=... for mini-batches)")


def _check_returned(produced) -> None:
    """What a function given as ``data=`` returned, when it is no iterable of batch dicts that iterating it would
    misname (47f-12: a table iterated gives its column names, a tuple of arrays its first array; ``None``, a
    loader without ``return``, is not iterable at all)."""
    if is_table(produced):
        what = f"a {type(produced).__name__} (one table)"
    elif isinstance(produced, tuple) and produced and not isinstance(produced[0], Mapping):
        what = f"a tuple of {', '.join(type(item).__name__ for item in produced[:4])} (one batch?)"
    elif produced is None or isinstance(produced, (str, bytes)) or not isinstance(produced, Iterable):
        what = repr(produced) if produced is None else f"a {type(produced).__name__}"
    else:
        return
    raise FeedError(f"data: the function given as data= returned {what}; it is called once per epoch and must return "
                    "an iterable of batch dicts (e.g. a generator function yielding {X: features[a:a + 100], "
                    "y: targets[a:a + 100]}, or lambda: [{X: features, y: targets}] for one batch an epoch)")


def _refuse_items(data, first):
    given = (f"a NumPy array of shape {data.shape}" if isinstance(data, np.ndarray) else
             f"{type(data).__name__} whose first item is {type(first).__name__}")
    raise FeedError(f"data: expected a mapping {{symbol or name: value}} or a stream of such mini-batches; "
                    f"given {given}. Write data={{X: features, y: targets}} (each array under the placeholder it "
                    "feeds), or a list/generator of such dicts")


class DataSource:
    """The inputs of a run, read as whole arrays (:attr:`values`) or one mini-batch at a time (:meth:`epoch`)."""

    def __init__(self, symbols, values, examples, batch_size, bind, stream=None):
        self.symbols, self.values, self.examples, self.batch_size = symbols, values, examples, batch_size
        self.bind, self.stream = bind, stream
        self.out_of_core = any(is_out_of_core(v) for v in values)
        self.failure = None  # the exception an out-of-core read raised (a network file system gone: final48g 48g-3)
        #: each value's batch axis (``None``: not batched, the whole value every step), found once, not per step
        self.batch_axes = [list(s.shape).index(BATCH) if is_batched(s) else None for s in symbols]

    def fixed_batches(self, shuffled: bool, limit: int) -> list | None:
        """Each mini-batch an epoch reads, ``{symbol: value}``, where the data are in memory, every epoch reads the
        same batches (in file order, or of one row each) and they are at most ``limit``; else None."""
        if self.stream is not None or self.out_of_core or self.batch_size is None or shuffled and self.batch_size > 1 \
                or -(-self.examples // self.batch_size) > limit:
            return None
        return [dict(zip(self.symbols, values)) for values, _ in self.epoch(0, None)]

    def first_batch(self) -> list | None:
        """The values of the first mini-batch in a fixed order: a stream's first batch (kept, copied), else rows
        0..B-1 in file order; None where an out-of-core file can no longer be read."""
        if self.stream is not None:
            return self.bind(self.stream.first, 0)
        try:
            return next(self.epoch(0, None))[0]
        except OSError:  # a network file system gone since the run read it: no rows to judge by
            return None

    def order(self, rng) -> np.ndarray:
        """An epoch's order, drawn from ``rng`` (``None``: unshuffled): a permutation of the examples in memory, of
        the blocks of ``batch_size`` consecutive rows out of core (each read in one piece)."""
        count = -(-self.examples // self.batch_size) if self.out_of_core else self.examples
        return rng.permutation(count) if rng is not None else np.arange(count)

    def epoch(self, index: int, rng, skip: int = 0):
        """``(batch values, is last)`` for each mini-batch of epoch ``index`` after the first ``skip``.  Arrays are
        gathered when their batch is used, not one ahead: gathering the next batch before the step runs pushes the
        current one out of the cache (3-4 % of an MLP's training step at batch 256).  A stream is never read ahead
        either: a generator may refill one buffer for each batch, so the next batch is asked for only after this
        one is used (probe34 P34-2); its length is unknown, so its "is last" is always False and its epoch ends
        when it runs out.  Fewer than ``skip`` batches (a checkpoint's position past the stream's end) is a
        :class:`~symopt.errors.CheckpointError`."""
        if self.stream is not None:
            count = 0
            for count, batch in enumerate(self.stream.epoch(index), 1):
                if count > skip:
                    yield self.bind(batch, count - 1), False
            if count < skip:
                raise CheckpointError(
                    f"resume_from: the checkpoint is at epoch {index}, batch {skip} (0-based: {skip} mini-batches of "
                    f"that epoch done), which does not fit this data stream: its epoch {index} gives {count} "
                    "mini-batches. Resume with the same data stream (the same batches in the same order), or "
                    "start the run again without resume_from")
            return
        order = self.order(rng)
        if self.out_of_core:
            starts = [int(k) * self.batch_size for k in order[skip:]]
            for number, start in enumerate(starts, 1):
                yield self._rows(start), number == len(starts)
            return
        starts = range(skip * self.batch_size, self.examples, self.batch_size)
        for number, start in enumerate(starts, 1):
            rows = order[start:start + self.batch_size]
            yield [v if axis is None else _gathered(v, rows, axis) for v, axis in zip(self.values, self.batch_axes)], \
                number == len(starts)

    def _rows(self, start: int) -> list:
        """Rows ``start:`` of a batch: an out-of-core input's read and converted, an in-memory one's (converted when
        the source was made) cut along its batch axis, never converted again (a rank-1 input's column was refused
        against its declared vector: probe26 P26-1).  Each is C-contiguous, as an in-memory run's gathered batch
        is (a Fortran-order input's rows gave other last digits: probe89 P89-5); a C-order input's rows are a view."""
        stop = min(start + self.batch_size, self.examples)
        try:
            values = [self.bind.convert(s, read_rows(v, start, stop), start) if is_out_of_core(v) else
                      v if axis is None else np.ascontiguousarray(v[(slice(None),) * axis + (slice(start, stop),)])
                      for s, v, axis in zip(self.symbols, self.values, self.batch_axes)]
        except Exception as error:  # the file's (an OSError: a network file system gone), or a refused entry's
            self.failure = error
            raise
        for symbol, value in zip(self.symbols, values):
            check_data(symbol, value, start if is_batched(symbol) else None)
        return values

    def read_failure(self) -> BaseException | None:
        """The exception reading the data raised mid-run (a stream's, an out-of-core file's), taken; else None."""
        failure, self.failure = (self.stream.failure if self.stream is not None else self.failure), None
        if self.stream is not None:
            self.stream.failure = None
        return failure


def _gathered(value, rows: np.ndarray, axis: int):
    """The entries ``rows`` of ``value`` along ``axis``, gathered from where the data lie: NumPy's ``take`` for a
    C-contiguous array; an index for any other layout (Fortran order, a strided view, a DataFrame's column-major
    block), where ``take`` first copied the whole array, doubling a run's memory (probe51 P51-7)."""
    if not isinstance(value, np.ndarray) or value.flags.c_contiguous:
        return value.take(rows, axis=axis)
    return value[(slice(None),) * axis + (rows,)]


@dataclass(frozen=True)
class StreamSchedule(Schedule):
    """A stream's schedule: ``length`` epochs of a number of batches known only by reading them, and at most
    ``step_limit`` steps in all (``steps=``; ``None``: no bound but the stream's end)."""

    step_limit: int | None = None

    @property
    def batches(self):
        return None

    @property
    def total_steps(self):
        return self.step_limit


def schedule_for(source: DataSource, length: int, shuffle: bool, step_limit: int | None = None) -> Schedule:
    """``length`` steps (full batch) or epochs of ``source``'s mini-batches, shuffled unless a stream or ``shuffle=False``;
    a stream's run stops after ``step_limit`` steps in all where that comes first."""
    if source.stream is not None:
        return StreamSchedule(length, source.batch_size, None, False,
                              step_limit=None if step_limit is None else int(step_limit))
    if source.batch_size is None:
        return Schedule(length, None, source.examples, False)
    return Schedule(length, source.batch_size, source.examples, shuffle, "blocks" if source.out_of_core else "rows")


class _Binder:
    """Converts and checks one batch mapping (or one value) for ``symbols``; ``resolve(batch)`` binds a mapping."""

    def __init__(self, symbols, dtype, scalar_type, resolve=None, label_ranges=None):
        self.symbols, self.dtype, self.scalar_type = symbols, dtype, scalar_type
        self.label_ranges = label_ranges or {}  # {symbol: ranges} of the inputs a loss reads as labels
        self.resolve = resolve  # None: every input by symbol or name (not a bound method: no reference cycle)

    def every_input(self, batch: Mapping) -> dict:
        feed = resolve_feed(batch, self.symbols, unread_ignored=True)  # symbols the cost does not read: ignored
        missing = [str(s) for s in self.symbols if s not in feed]
        if missing:
            raise FeedError(f"data stream: a batch has no data for {missing}; every batch must bind them")
        return feed

    def convert(self, symbol, value, first_row: int | None = None):
        """``value`` converted and checked for ``symbol``; ``first_row``: it holds the data's rows from that one on
        (a mini-batch read out of core), by which an entry refused is named."""
        converted = as_value(symbol, value, self.dtype, self.scalar_type, first_row=first_row)
        check_label_values(self.label_ranges.get(symbol), symbol, converted, first_row)
        return converted

    def __call__(self, batch, number: int) -> list:
        if not isinstance(batch, Mapping):
            raise FeedError(f"data stream: batch {number} is {type(batch).__name__}; expected a mapping "
                            "{symbol or name: array}")
        feed = self.every_input(batch) if self.resolve is None else self.resolve(batch)
        values = [self.convert(s, feed[s]) for s in self.symbols]
        for symbol, value in zip(self.symbols, values):
            check_data(symbol, value)
        common_batch_size(self.symbols, values)
        return values


def data_source(symbols, feed: Mapping, dtype: str, scalar_type, batch_size, stream: BatchStream | None = None,
                resolve: Callable | None = None, label_ranges: dict | None = None) -> DataSource:
    """Check the data and wrap it: in memory, out of core (needs ``batch_size``, examples in rows) or a stream
    (each batch bound by ``resolve(batch) -> {symbol: value}``; default: every input by symbol or name).
    ``label_ranges``: :func:`~symopt.label_ranges.label_ranges_of` the cost, checked on every value bound."""
    bind = _Binder(symbols, dtype, scalar_type, resolve, label_ranges)
    if stream is not None:
        first = bind(stream.first, 0)
        return DataSource(symbols, first, None, common_batch_size(symbols, first) or 1, bind, stream)
    if batch_size is not None:
        refuse_square_batches(symbols, feed)
    values = []
    for symbol in symbols:
        value = feed[symbol]
        if is_out_of_core(value) and is_batched(symbol):
            _check_out_of_core(symbol, value, batch_size)
            values.append(value)
        else:
            # an input without a batch dimension (a scalar symbol, a fixed shape) is read whole at every step, so its
            # value is loaded as an in-memory one (probe42 P42-7: a memmap fed to a sympy.Symbol raised AttributeError)
            values.append(bind.convert(symbol, np.asarray(value) if is_out_of_core(value) else value))
            check_data(symbol, values[-1], given=value)
    return DataSource(symbols, values, common_batch_size(symbols, values), batch_size, bind)


def refuse_square_batches(symbols, feed: Mapping) -> None:
    """A mini-batch takes examples along one axis; an input declared (None, None), an m x m matrix of pairs of
    examples (a kernel or Gram matrix), has no one way to be cut: refused, naming both, before the first step."""
    square = [s for s in symbols if is_batched(s) and tuple(s.shape) == (BATCH, BATCH)]
    if square:
        name, size = str(square[0]), np.shape(feed[square[0]])[-1:] or ("m",)
        raise ConfigurationError(
            f"batch_size with {name} declared (None, None): an m x m matrix of pairs of examples, which a mini-batch "
            f"of rows cannot cut (rows only, {name}[B, :], or rows and columns, {name}[B][:, B], mean different "
            f"costs). Train it full batch (drop batch_size), declare the column count (Placeholder({name!r}, "
            f"(None, {size[0]}))) for batches of rows, or pass data as a stream of batches you cut yourself")


def _check_out_of_core(symbol, value, batch_size) -> None:
    if batch_size is None:
        raise ConfigurationError(f"data for {symbol} is out of core ({type(value).__name__} of shape {value.shape}); "
                                 "a full-batch step would read it whole. Pass batch_size=... to read it in slices")
    if symbol.shape[0] != BATCH:
        raise ConfigurationError(f"data for {symbol} is out of core, which is read by rows: {symbol} must have "
                                 f"examples in rows (shape (None, ...)); it has shape {symbol.shape}")
    if not fits_shape(symbol, tuple(value.shape)):
        raise wrong_shape(symbol, tuple(value.shape))  # no entry read: the file may be larger than memory
    if np.dtype(value.dtype).kind not in "fiub":
        raise FeedError(f"data for {symbol}: expected real numbers; given dtype {value.dtype}")

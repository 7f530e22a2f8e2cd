"""``tf.summary``: ``scalar``, ``histogram``, ``merge``, ``merge_all`` and ``FileWriter``.

A summary op is a string tensor: running it gives a serialized ``Summary`` protocol buffer (bytes), as in
TF1, and ``FileWriter.add_summary`` writes it into a TensorBoard event file.  The protocol buffers and the
record writer are TensorBoard's own (the optional extra ``symopt[tensorboard]``); without the
``tensorboard`` package the summary ops still run (their value is ``b""``) and ``FileWriter`` warns once
that nothing is written.
"""

from __future__ import annotations

import os
import re
import socket
import time
import warnings

import numpy as np

from . import dtypes
from .errors import InvalidArgumentError, missing_attributes, missing_names
from .default_graph import name_scope
from .graph import Tensor, as_tensor, get_default_graph, shape_text
from .local_paths import local_path
from .recording import recorded

try:
    from tensorboard.compat.proto import event_pb2, graph_pb2, node_def_pb2, summary_pb2
    from tensorboard.summary.writer.record_writer import RecordWriter
except ImportError:  # the optional extra is not installed
    summary_pb2 = None

__all__ = ["scalar", "histogram", "merge", "merge_all", "FileWriter", "histogram_buckets", "encoded_buckets"]

#: The graph collection TF1 keeps summary ops in (``merge_all`` merges it).
SUMMARIES = "summaries"
_warned = []


def _host_tensor(function, inputs: list, name: str) -> Tensor:
    """A string tensor whose value is ``function(*values of inputs)``, computed after the program runs."""
    tensor = Tensor(None, (), dtypes.string, name)
    tensor.host = (function, inputs)
    return tensor


#: What TF1's summary ops replace by ``_`` in a name (``clean_tag``).
_INVALID_TAG_CHARACTERS = re.compile(r"[^-/\w\.]")


def _summary_tensor(encode_as, inputs: list, name: str) -> Tensor:
    """A summary op's string tensor named ``name``, whose value is ``encode_as(tag)(*values of inputs)`` with the tag
    :func:`_summary` gives it; a session's rebuild (of a placeholder without a shape) keeps the original's tag and
    name (``summary_name``, for messages)."""
    tensor = _host_tensor(lambda *values: encode_as(tensor.summary_tag)(*values), inputs, name)

    def adopt(original) -> None:
        tensor.summary_tag, tensor.summary_name = original.summary_tag, original.summary_name
    tensor.adopt = adopt
    return tensor


def _scalar_shape(args: tuple, kwargs: dict) -> tuple:
    """A summary op's static shape: a scalar (a serialized protocol buffer), known before its input's shape."""
    return ()


def _summary(op, name, tensor, collections, family) -> Tensor:
    """The summary op ``op`` (recorded: deferred while ``tensor``'s shape is unknown) named as TF1 names it
    (``name`` cleaned, under ``family/`` when given, made unique in the current name scope: ``loss``, ``loss_1``,
    ``train/losses/loss``), with TF1's tag (the op's name, with ``family/`` in front when a family is given), in
    ``collections`` (TF1's ``summaries`` by default, which ``merge_all`` merges)."""
    name = _INVALID_TAG_CHARACTERS.sub("_", str(name)).lstrip("/")
    family = None if family is None else _INVALID_TAG_CHARACTERS.sub("_", str(family)).lstrip("/")
    result = op(tensor, name=name if family is None else f"{family}/{name}")
    result.summary_tag = result.op_name if family is None else f"{family}/{result.op_name}"
    result.summary_name = result.op_name
    graph = get_default_graph()
    for collection in (collections if collections is not None else [SUMMARIES]):
        graph.add_to_collection(collection, result)
    return result


def scalar(name: str, tensor, collections=None, family=None) -> Tensor:
    """``tf.summary.scalar(name, tensor)``: a summary op recording one number under TF1's tag: ``name`` made unique
    in its name scope (``loss``, ``loss_1``, ``train/loss``), with ``family/`` in front when ``family`` is given."""
    return _summary(_scalar_summary, name, tensor, collections, family)


@recorded
def _scalar_summary(tensor, name: str) -> Tensor:
    value = as_tensor(tensor)

    def encode_as(tag: str):
        def encode(number) -> bytes:
            if np.ndim(number) != 0:  # TF1's kernel, when the summary runs
                raise InvalidArgumentError(f"{result.summary_name}: tags and values are not the same shape: [] != "
                                           f"{shape_text(np.shape(number))} (tag '{tag}')")
            if summary_pb2 is None:
                return b""
            return summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, simple_value=float(number))]) \
                .SerializeToString()
        return encode
    result = _summary_tensor(encode_as, [value], name)
    return result


def histogram_buckets() -> np.ndarray:
    """TF1's default histogram bucket limits: :math:`\\pm 10^{-12}\\cdot 1.1^k` up to :math:`10^{20}`, 0, and
    the largest double."""
    positive = []
    value = 1e-12
    while value < 1e20:
        positive.append(value)
        value *= 1.1
    return np.array([-v for v in reversed(positive)] + [0.0] + positive + [np.finfo(np.float64).max])


_LIMITS = histogram_buckets()


def encoded_buckets(counts: np.ndarray) -> np.ndarray:
    """The indices of the buckets TF1's ``Histogram::EncodeToProto`` writes: each non-empty bucket, and for each run
    of empty ones its last (TensorBoard reads bucket ``i`` as the range from limit ``i - 1`` to limit ``i``)."""
    empty = counts <= 0
    run_ends = empty & np.append(~empty[1:], True)  # an empty bucket followed by a non-empty one, or the last
    return np.nonzero(~empty | run_ends)[0]


def histogram(name: str, values, collections=None, family=None) -> Tensor:
    """``tf.summary.histogram(name, values)``: a summary op recording the distribution of ``values`` in TF1's
    buckets (each run of empty buckets written as one empty bucket ending where the run ends, as TF1 does)."""
    return _summary(_histogram_summary, name, values, collections, family)


@recorded
def _histogram_summary(values, name: str) -> Tensor:
    tensor = as_tensor(values)

    def encode_as(tag: str):
        def encode(array) -> bytes:
            data = np.asarray(array, dtype=np.float64).reshape(-1)
            _check_finite(data, tag)
            if summary_pb2 is None:
                return b""
            counts = np.bincount(np.searchsorted(_LIMITS, data, side="right"), minlength=len(_LIMITS))[:len(_LIMITS)]
            used = encoded_buckets(counts)
            histo = summary_pb2.HistogramProto(
                min=float(data.min()) if data.size else 0.0, max=float(data.max()) if data.size else 0.0,
                num=float(data.size), sum=float(data.sum()), sum_squares=float(np.dot(data, data)),
                bucket_limit=[float(x) for x in _LIMITS[used]], bucket=[float(x) for x in counts[used]])
            return summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag, histo=histo)]).SerializeToString()
        return encode
    return _summary_tensor(encode_as, [tensor], name)


def _check_finite(data: np.ndarray, tag: str) -> None:
    """TF1's ``HistogramSummaryOp`` error at the first value that is not finite (how TF1 loops that log histograms
    stop at a divergence): "Nan in summary histogram for: <tag>" or "Infinity in Histogram for: <tag>"."""
    bad = np.flatnonzero(~np.isfinite(data))
    if bad.size:
        kind = "Nan in summary histogram" if np.isnan(data[bad[0]]) else "Infinity in Histogram"
        raise InvalidArgumentError(f"{kind} for: {tag}")


def merge(inputs, collections=None, name=None) -> Tensor:
    """``tf.summary.merge``: one summary holding the values of ``inputs`` (serialized protocol buffers
    concatenate into the merged message), in ``collections`` (none by default)."""
    with name_scope(name or "Merge"):  # TF1: Merge/MergeSummary, Merge_1/MergeSummary; foo/foo when named
        result = _merged(list(inputs), name=name or "MergeSummary")  # deferred while a summary is
    graph = get_default_graph()
    for collection in collections or []:
        graph.add_to_collection(collection, result)
    return result


@recorded
def _merged(inputs: list, name: str) -> Tensor:
    return _host_tensor(lambda *parts: b"".join(parts), inputs, name)


for _op, _type in ((_scalar_summary, "ScalarSummary"), (_histogram_summary, "HistogramSummary"),
                   (_merged, "MergeSummary")):
    _op.tf_name = _type  # TF1's op type
    _op.result_dtype = dtypes.string  # a deferred one's: a string scalar, whatever its input's shape
    _op.static_shape = _scalar_shape


def merge_all(key: str = SUMMARIES, scope=None, name=None):
    """``tf.summary.merge_all``: all summary ops of the default graph merged (with ``scope``, those whose name the
    regular expression matches at its start, as ``get_collection``), or ``None`` if there are none."""
    summaries = get_default_graph().get_collection(key, scope)
    return merge(summaries, name=name) if summaries else None


class FileWriter:
    """``tf.summary.FileWriter(logdir, graph=None)``: writes summaries (and the graph) to a TensorBoard event file
    in ``logdir``."""

    def __init__(self, logdir: str, graph=None, max_queue: int = 10, flush_secs: int = 120, filename_suffix=None,
                 session=None):
        self.logdir = local_path(logdir, "tf.summary.FileWriter")  # gs://: refused, never ./gs:/ (F44b-6)
        if summary_pb2 is None:
            if not _warned:
                warnings.warn("tf.summary.FileWriter writes nothing: the tensorboard package is not installed "
                              "(pip install 'symopt[tensorboard]')", RuntimeWarning, stacklevel=2)
                _warned.append(True)
            self._writer = None
        else:
            os.makedirs(self.logdir, exist_ok=True)
            name = f"events.out.tfevents.{int(time.time()):010d}.{socket.gethostname()}{filename_suffix or ''}"
            self.path = os.path.join(self.logdir, name)
            self._writer = RecordWriter(open(self.path, "wb"))
            self._write(file_version="brain.Event:2")
        if graph is not None:
            self.add_graph(graph)

    def _write(self, **fields) -> None:
        """Append one ``Event`` record (TFRecord framing, TensorBoard's own writer)."""
        if self._writer is not None:
            self._writer.write(event_pb2.Event(wall_time=time.time(), **fields).SerializeToString())

    def add_summary(self, summary, global_step=None) -> None:
        """Write a summary (the bytes a summary op returned) at step ``global_step``."""
        if self._writer is None:
            return
        if isinstance(summary, (bytes, bytearray)):
            summary = summary_pb2.Summary.FromString(bytes(summary))
        self._write(step=int(global_step or 0), summary=summary)

    def add_graph(self, graph, global_step=None, graph_def=None) -> None:
        """Write the graph's ops (names, types and inputs) for TensorBoard's graph view."""
        if self._writer is None:
            return
        nodes = [node_def_pb2.NodeDef(name=name, op=op, input=inputs) for name, op, inputs in graph.node_list()]
        self._write(step=int(global_step or 0), graph_def=graph_pb2.GraphDef(node=nodes).SerializeToString())

    def add_run_metadata(self, run_metadata, tag: str, global_step=None) -> None:
        """Write ``run_metadata`` (a :class:`~symopt.compat.v1.session_config.RunMetadata`) under ``tag``, as TF1's
        ``tagged_run_metadata`` event; symopt traces nothing, so the metadata written is empty."""
        if self._writer is None:
            return
        tagged = event_pb2.TaggedRunMetadata(tag=tag, run_metadata=run_metadata.SerializeToString())
        self._write(step=int(global_step or 0), tagged_run_metadata=tagged)

    def get_logdir(self) -> str:
        return self.logdir

    def flush(self) -> None:
        if self._writer is not None:
            self._writer.flush()

    def close(self) -> None:
        if self._writer is not None and not self._writer.closed:
            self._writer.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    __getattr__ = missing_attributes("tf.summary.FileWriter")  # reopen, ...: a typed error naming it


__getattr__ = missing_names("tf.summary")
__path__: list = []  # `from tensorflow.summary import <a name symopt lacks>` is refused by runner.py's importer

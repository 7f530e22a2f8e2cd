"""Computing fetched tensors: :class:`ProgramEvaluation`, the part of ``tf.Session`` that computes tensors by one
generated function per fetch list (cached per session, one program per float dtype, TF1's label checks first) and
the tensors computed in Python (strings, summaries) from their inputs."""

from __future__ import annotations

from ...compiler import compile_expressions, free_inputs
from .empty_batch import empty_extrema, empty_fetch
from .feeds import batch_carrier, on_host, to_tf
from .label_checks import LabelChecks

__all__ = ["ProgramEvaluation"]


class ProgramEvaluation:
    """``compute`` and ``evaluate`` of a session (:class:`~symopt.compat.v1.session.Session`), which provides
    ``graph``, ``backend``, ``_evaluators`` (the cache: fetch list -> program) and ``_value_of(symbol, feed)``."""

    def compute(self, tensors: list, feed: dict) -> list:
        """The values of ``tensors`` (specialised), strings computed in Python included, with ``feed`` by symbol."""
        hosts, computed = _host_order(tensors)
        results = dict(zip(map(id, computed), self.evaluate(computed, feed))) if computed else {}
        for tensor in hosts:
            function, inputs = tensor.host
            results[id(tensor)] = function(*(results[id(i)] for i in inputs))
        return [results[id(tensor)] for tensor in tensors]

    def evaluate(self, tensors: list, feed: dict) -> list:
        """The values of ``tensors`` (already specialised) with ``feed`` by symbol, by one generated function."""
        key = tuple(id(t) for t in tensors)
        empty = getattr(self, "_batch_size", None) == 0  # a run fed no rows: its own program (empty_extrema)
        if empty:
            key = ("empty batch", key)
        entry = self._evaluators.get(key)
        if entry is None and len(tensors) > 1:
            groups = _dtype_groups(tensors)
            entry = self._evaluators[key] = (tensors, groups, None, None, None) if len(groups) > 1 else None
        if entry is not None and entry[2] is None:  # fetches of several dtypes: each group in its own program
            results = {}
            for group in entry[1]:
                results.update(zip(group, self.evaluate([tensors[i] for i in group], feed)))
            return [results[i] for i in range(len(tensors))]
        if entry is None or (entry[3] is not None and entry[3] not in feed):
            exprs = [empty_extrema(empty_fetch(t), t.dtype, self.graph) if empty else t.expr for t in tensors]
            symbols = free_inputs(exprs)
            carrier = batch_carrier(exprs, symbols,  # a fed placeholder first
                                    [*sorted(feed, key=str), *self.graph.batch_sources])
            symbols = symbols if carrier is None else [*symbols, carrier]
            dtype = _program_dtype(tensors, symbols)
            function, _ = compile_expressions(exprs, symbols, dtype=dtype,  # TF1's rounding:
                                              values=[not hasattr(t, "gradient_of") for t in tensors])  # backward
            entry = (tensors, symbols, function, carrier, LabelChecks.of(self.graph, [t.expr for t in tensors]))
            self._evaluators[key] = entry
        tensors, symbols, function, _, label_checks = entry
        if label_checks is not None:  # sparse xent labels out of range: TF1's InvalidArgumentError
            label_checks.check(lambda s: self._value_of(s, feed))
        values = [self._value_of(s, feed) for s in symbols]
        if self.backend != "numpy":  # device arrays (variables, slots) are fetched: NumPy code reads host values
            values = [on_host(v) for v in values]
        outputs = function(*values)
        return [to_tf(t, v) for t, v in zip(tensors, outputs)]


def _host_order(tensors: list) -> tuple[list, list]:
    """Tensors computed in Python (``host``), inputs first, and the program tensors they and ``tensors`` need."""
    hosts, computed, seen = [], [], set()

    def visit(tensor):
        if id(tensor) in seen:
            return
        seen.add(id(tensor))
        if tensor.host is None:
            computed.append(tensor)
            return
        for item in tensor.host[1]:
            visit(item)
        hosts.append(tensor)
    for tensor in tensors:
        visit(tensor)
    return hosts, computed


def _dtype_groups(tensors: list) -> list:
    """The positions of ``tensors`` grouped by the float dtype each is computed in alone (:func:`_program_dtype`):
    a run that fetches a float64 tensor beside a float32 one computes each as it would alone, as TF1 does (a
    float64 program's numbers were printed as float32 literals there: ``tf.zeros([2], tf.float64) + 1/3`` gave
    ``0.3333333432674408``, probe13 W19)."""
    groups: dict = {}
    for position, tensor in enumerate(tensors):
        dtype = _program_dtype([tensor], free_inputs([tensor.expr]))
        groups.setdefault(dtype, []).append(position)
    return list(groups.values())


def _program_dtype(tensors: list, symbols: list) -> str:
    """The float dtype fetched tensors are computed in: theirs, else the one their inputs declare."""
    declared = [t.dtype.name for t in tensors if t.dtype.is_floating]
    if not declared:
        declared = [getattr(s, "dtype", "float64") for s in symbols]
    return "float32" if "float32" in declared else "float64"

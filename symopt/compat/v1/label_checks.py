r"""TF1's run-time check of ``sparse_softmax_cross_entropy_with_logits``' labels: a label :math:`k_i` outside
:math:`[0, d)` (:math:`d` classes) is an ``InvalidArgumentError`` when a run computes the loss (TF1's kernel
refuses it), never the silent zero loss of an all-zero one-hot row.

The loss marks its one-hot node (:class:`~symopt.reductions.OneHot`) in the graph's ``sparse_labels``; a program
(a fetch's evaluator, a training step) that contains a marked node checks the labels' values before it runs, so
a run that does not compute the loss (an accuracy of the same labels) is not checked, as in TF1.

The same checks refuse an int64 input past 2**53 that the program computes through float64
(:mod:`~symopt.compat.v1.wide_integer_checks`), before the run, where float64 would round it.
"""

from __future__ import annotations

import numpy as np
import sympy

from ...compiler import compile_expressions, free_inputs
from ...reductions import OneHot
from ...traversal import unique_nodes
from ...errors import UnsupportedOperationError
from .errors import InvalidArgumentError
from .gathered_rows import Gathered, GatheredRows
from .wide_integer_checks import check_wide_literals, check_wide_values, integer_inputs, rounded_inputs

__all__ = ["mark_sparse_labels", "LabelChecks", "LabelRows", "branch_guard"]


class LabelRows(GatheredRows):
    """The one-hot rows of a sparse cross-entropy's labels (``op``: the loss's op name): a node of its own class,
    never equal to the ``OneHot`` of a ``tf.one_hot`` of the same labels, so only a run that computes the loss checks
    their range (a padding mask ``tf.not_equal(y, -1)`` or ``tf.one_hot(y, V)`` fetched alone is not: probe38
    P38-5)."""


#: TF1's message for an index out of range, by who reads the indices (``{position}``, ``{value}``, ``{depth}``,
#: ``{dimension}`` filled in); a sparse cross-entropy's labels have their own (:func:`_checked`).
INDEX_MESSAGES = {
    "gather": "indices[{position}] = {value} is not in [0, {depth}) (an index of the gathered axis, which has {depth} "
              "entries)",
    "slice": "slice index {value} of dimension {dimension} out of bounds.",  # q[a], the index wrapped as TF1's
}


def mark_sparse_labels(graph, one_hot: OneHot, op_name: str, indices: str | None = None, dimension: int = 0) -> None:
    """Note that ``one_hot`` holds the labels of the sparse cross-entropy ``op_name`` (with ``indices``, a key of
    :data:`INDEX_MESSAGES`: a gather's indices, or a strided slice's index of ``dimension``, in their own
    :class:`~symopt.compat.v1.gathered_rows.GatheredRows` node): their range is checked in every program that
    contains it."""
    if indices is not None:  # TF1's message names the index ("indices[1] = 12 is not in [0, 10)")
        message = INDEX_MESSAGES[indices].replace("{dimension}", str(dimension))
        graph.__dict__.setdefault("gather_indices", {}).setdefault(one_hot, message)
    guards = graph.__dict__.setdefault("label_guards", {})  # the tf.cond branches it is made in (any one of them)
    guards.setdefault(one_hot, set()).add(tuple(graph.cond_stack))
    graph.sparse_labels.setdefault(one_hot, op_name)


class LabelChecks:
    """The marked one-hot nodes of some expressions; :meth:`check` raises TF1's error for a label out of range."""

    def __init__(self, nodes: list, graph, wide: tuple = ()):
        self.wide = list(wide)  # (symbol, name) of the 64-bit inputs the program computes through float64
        self.checks = []  # (node, op name, symbols, function or None: the labels are one input, an index message
        # or None: labels)
        gathers = graph.__dict__.get("gather_indices", {})
        for node in nodes:
            indices = node.indices
            taken = branch_guard(graph.__dict__.get("label_guards", {}).get(node, {()}))
            outputs = [indices] if taken is None else [indices, taken]
            symbols = free_inputs(outputs)
            function = None if taken is None and indices in symbols else \
                compile_expressions(outputs, symbols, dtype="float64")[0]
            self.checks.append((node, graph.sparse_labels[node], symbols, function, gathers.get(node)))

    @classmethod
    def of(cls, graph, expressions) -> "LabelChecks | None":
        """The checks ``expressions`` need (``None`` when they compute no sparse cross-entropy and read no 64-bit
        integer through float64)."""
        wide_inputs, integers = integer_inputs(graph)
        rounded = check_wide_literals(rounded_inputs(expressions, set(wide_inputs), integers))  # a literal raises
        wide = [(symbol, wide_inputs[symbol]) for symbol in rounded]
        if not graph.sparse_labels:
            return cls([], graph, wide) if wide else None
        nodes = unique_nodes([e for e in expressions if isinstance(e, sympy.Basic)])  # the DAG, each shared
        # subexpression once (a tree walk is exponential); a gather's rows are its node's (never computed)
        found = {node for node in nodes if isinstance(node, OneHot)} | {n.rows for n in nodes if isinstance(n, Gathered)}
        nodes = sorted((n for n in found if n in graph.sparse_labels), key=str)
        return cls(nodes, graph, wide) if nodes or wide else None

    def positions(self, inputs: list) -> list | None:
        """For each check, the positions of its inputs among ``inputs`` (a training step's data), or None when one
        is not there (:meth:`check_data` then cannot be used)."""
        try:
            return [[inputs.index(s) for s in check[2]] for check in self.checks] + \
                [[inputs.index(symbol)] for symbol, _ in self.wide]
        except ValueError:
            return None

    def check_data(self, positions: list, data: list) -> None:
        """:meth:`check` with the inputs read from ``data`` at ``positions`` (a training loop's hot path)."""
        for check, where in zip(self.checks, positions):
            _checked(*check, [data[i] for i in where])
        if self.wide:
            check_wide_values(self.wide, [data[where[0]] for where in positions[len(self.checks):]], "the step")

    def check_distinct(self, value_of, what: str) -> None:
        """Raise ``UnsupportedOperationError`` when the indices of the checks, taken together (the gathers of one
        variable), repeat one (``what`` says why that matters); ``value_of(symbol)`` gives an input's value."""
        names, taken = [], []
        for node, op_name, symbols, function, _ in self.checks:
            indices = _labels(function, [value_of(s) for s in symbols])
            if indices is not None:
                names.append(op_name)
                taken.append(np.asarray(indices).reshape(-1))
        indices = np.concatenate(taken) if taken else np.zeros(0)
        if np.unique(indices).size != indices.size:
            raise UnsupportedOperationError(
                f"{' and '.join(names)}: the batch repeats an index "
                f"({' | '.join(' '.join(str(int(v)) for v in part[:20]) for part in taken)}); {what}")

    def check(self, value_of) -> None:
        """Raise ``InvalidArgumentError`` (TF1's message) when a label is outside ``[0, classes)``;
        ``value_of(symbol)`` gives an input's value."""
        for check in self.checks:
            _checked(*check, [value_of(s) for s in check[2]])
        if self.wide:
            check_wide_values(self.wide, [value_of(symbol) for symbol, _ in self.wide], "the run")


def branch_guard(guards: set):
    r"""1 where a run takes one of the ``tf.cond`` branch paths in ``guards`` (each a tuple of ``(pred, taken)``),
    else 0, as an expression: :math:`1 - \prod_{\text{paths}} (1 - \prod_{(p, t)} [p = t])`; None when a path is
    empty (made outside every cond: always computed)."""
    if () in guards:
        return None
    paths = [sympy.Mul(*(pred.expr if taken else 1 - pred.expr for pred, taken in path)) for path in guards]
    return 1 - sympy.Mul(*(1 - path for path in paths))


def _labels(function, values: list):
    """The labels (indices) a check reads, or None when the run does not take the ``tf.cond`` branch that makes
    them (TF1 does not run that branch's gather)."""
    if function is None:
        return values[0]
    outputs = function(*values)
    return None if len(outputs) > 1 and not outputs[1] else outputs[0]


def _checked(node, op_name: str, symbols, function, index_message: str | None, values: list) -> None:
    """TF1's ``InvalidArgumentError`` when a label (``values``' one input, or ``function`` of them) is outside
    ``[0, node.depth)``; an index (of a gather, a slice) in TF1's words, ``index_message``."""
    labels = _labels(function, values)
    if labels is None:
        return
    if type(labels) is not np.ndarray:
        labels = np.asarray(labels)
    if not labels.size or (labels.min() >= 0 and labels.max() < node.depth):  # methods: a training loop's hot path
        return
    labels = labels.reshape(-1)
    position = int(np.flatnonzero((labels < 0) | (labels >= node.depth))[0])
    value = labels[position]
    if index_message is not None:
        raise InvalidArgumentError(f"{op_name}: " + index_message.format(position=position, value=int(value),
                                                                         depth=node.depth))
    shown = " ".join(str(int(v)) for v in labels[:20]) + (" ..." if labels.size > 20 else "")
    raise InvalidArgumentError(
        f"{op_name}: Received a label value of {int(value)} which is outside the valid range of [0, {node.depth}).  "
        f"Label values: {shown}. Labels must be class indices 0 .. {node.depth - 1} (shift 1-based labels by one, "
        "or give logits one column per class)")

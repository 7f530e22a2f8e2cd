r"""TF1's run-time check of ``sparse_softmax_cross_entropy_with_logits``' labels: a label :math:`k_i` outside
:math:`[0, d)` (:math:`d` classes) is an ``InvalidArgumentError`` when a run computes the loss (TF1's kernel
refuses it), never the silent zero loss of an all-zero one-hot row.

The loss marks its one-hot node (:class:`~symopt.reductions.OneHot`) in the graph's ``sparse_labels``; a program
(a fetch's evaluator, a training step) that contains a marked node checks the labels' values before it runs, so
a run that does not compute the loss (an accuracy of the same labels) is not checked, as in TF1.
"""

from __future__ import annotations

import numpy as np
import sympy

from ...compiler import compile_expressions, free_inputs
from ...reductions import OneHot
from .errors import InvalidArgumentError

__all__ = ["mark_sparse_labels", "LabelChecks"]


def mark_sparse_labels(graph, one_hot: OneHot, op_name: str) -> None:
    """Note that ``one_hot`` holds the labels of the sparse cross-entropy ``op_name``: their range is checked."""
    graph.sparse_labels.setdefault(one_hot, op_name)


class LabelChecks:
    """The marked one-hot nodes of some expressions; :meth:`check` raises TF1's error for a label out of range."""

    def __init__(self, nodes: list, graph):
        self.checks = []  # (node, op name, symbols, function or None: the labels are one input)
        for node in nodes:
            indices = node.indices
            symbols = free_inputs([indices])
            function = None if indices in symbols else compile_expressions([indices], symbols, dtype="float64")[0]
            self.checks.append((node, graph.sparse_labels[node], symbols, function))

    @classmethod
    def of(cls, graph, expressions) -> "LabelChecks | None":
        """The checks ``expressions`` need (``None`` when they compute no sparse cross-entropy)."""
        if not graph.sparse_labels:
            return None
        found = set()
        for expression in expressions:
            if isinstance(expression, sympy.Basic):
                found.update(expression.atoms(OneHot))
        nodes = sorted((n for n in found if n in graph.sparse_labels), key=str)
        return cls(nodes, graph) if nodes else None

    def check(self, value_of) -> None:
        """Raise ``InvalidArgumentError`` (TF1's message) when a label is outside ``[0, classes)``;
        ``value_of(symbol)`` gives an input's value."""
        for node, op_name, symbols, function in self.checks:
            values = [value_of(s) for s in symbols]
            labels = np.asarray(values[0] if function is None else function(*values)[0]).reshape(-1)
            bad = (labels < 0) | (labels >= node.depth)
            if bad.any():
                value = labels[bad][0]
                raise InvalidArgumentError(
                    f"{op_name}: Received a label value of {int(value) if np.isfinite(value) else value} which is "
                    f"outside the valid range of [0, {node.depth}).  Label values: "
                    f"{' '.join(str(int(v)) if np.isfinite(v) else str(v) for v in labels[:20])}"
                    f"{' ...' if labels.size > 20 else ''}. Labels must be class indices 0 .. {node.depth - 1} "
                    "(shift 1-based labels by one, or give logits one column per class)")

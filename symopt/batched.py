r"""The full-data value of a cost that is a mean over examples, computed a mini-batch at a time.

A cost is *a mean over examples* when it reads

.. math:: J(D) = a + \frac{1}{m}\sum_{r=1}^{m} \ell(D_r)

with :math:`a` free of the data's rows and each term of :math:`\ell` reading one row :math:`D_r` of
the batched inputs (examples are rows, shape ``(None, k)``).  Then for chunks :math:`D^{(i)}` of
:math:`n_i` rows, :math:`J(D) = \sum_i n_i\,J(D^{(i)}) / m` exactly (up to rounding), so
:func:`evaluate_in_batches` needs memory for one chunk, never for the whole data set.  Whether a
cost has that form is decided from its structure (:func:`mean_over_examples`), never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy
from sympy import HadamardPower, HadamardProduct, MatAdd, MatMul, MatrixSymbol, OneMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from .binding import batch_size as common_batch_size, read_entries
from .data_sources import as_stream, data_source
from .compiler import CACHE, compile_expressions, free_inputs, infer_dtype
from .evaluation import feed_for
from .emit import scalar_type
from .errors import ConfigurationError
from .label_ranges import label_ranges_of
from .keyword_advice import DEVICE_ADVICE, refusing_unknown_keywords
from .nodes import ElementSum, LogSumExp
from .reductions import ArgMax, AsFloat, Equal, OneHot, ReduceMax
from .stable import LogisticLoss
from .symbols import BATCH
from .traversal import arguments, kept_bottom_up, postorder
from .wrt import scalar_cost

__all__ = ["mean_over_examples", "evaluate_in_batches"]


def _free(expr) -> bool:
    """Reads no example: neither the batch size nor an input with a batch dimension (found bottom-up once per node
    of the DAG and kept on it: SymPy's ``has`` walks the tree, 2ⁿ paths for n residual blocks)."""
    return not kept_bottom_up(expr, "_symopt_reads_examples", arguments, lambda node, below: node == BATCH or any(below))


#: Where a matrix node's answer of :func:`_rows` is kept (a function of its structure).
_ROWS_KEY = "_symopt_keeps_rows"


def _rows(matrix) -> bool:
    """Shape ``(m, k)`` and row :math:`r` reads only row :math:`r` of the batched inputs.  Each node's answer is
    found once, children first and iteratively (a rule reads its operands' kept answers), and kept on the node."""
    kept = getattr(matrix, "__dict__", {}).get(_ROWS_KEY)
    if kept is not None:
        return kept
    for node in postorder([matrix]):
        if getattr(node, "is_Matrix", False) and _ROWS_KEY not in getattr(node, "__dict__", {_ROWS_KEY: None}):
            node.__dict__[_ROWS_KEY] = _rows_here(node)
    return _rows_here(matrix) if _ROWS_KEY not in getattr(matrix, "__dict__", {}) else matrix.__dict__[_ROWS_KEY]


def _rows_here(matrix) -> bool:
    """:func:`_rows` of one node, from its operands' answers."""
    if _free(matrix):
        return False
    rows, cols = matrix.shape
    if rows != BATCH or not _free(cols):
        return False
    rule = ROW_RULES.get(type(matrix)) or next((r for t, r in ROW_RULES.items() if isinstance(matrix, t)), None)
    return rule is not None and rule(matrix)


def _rows_or_free(expr) -> bool:
    return _free(expr) or _rows(expr)


def _product(node: MatMul) -> bool:
    """``A B C``: the first matrix factor keeps the rows, the others and the coefficient read no example."""
    coefficient, matrices = node.as_coeff_matrices()
    return _free(coefficient) and _rows(matrices[0]) and all(_free(m) for m in matrices[1:])


#: node class -> does this node (of shape (m, k)) keep examples in separate rows?
ROW_RULES = {
    MatrixSymbol: lambda node: True,
    OneMatrix: lambda node: True,
    MatMul: _product,
    MatAdd: lambda node: all(_rows(a) for a in node.args),
    HadamardProduct: lambda node: all(_rows_or_free(a) for a in node.args),
    HadamardPower: lambda node: _rows(node.args[0]) and _free(node.args[1]),
    ElementwiseApplyFunction: lambda node: _free(node.function) and _rows(node.expr),
    LogSumExp: lambda node: node.axis == 1 and _rows(node.matrix),
    ReduceMax: lambda node: node.axes == (1,) and _rows(node.matrix),
    ArgMax: lambda node: node.axis == 1 and _rows(node.matrix),
    AsFloat: lambda node: _rows(node.args[0]),
    Equal: lambda node: all(_rows(a) for a in node.args),
    OneHot: lambda node: _rows(node.indices),
    LogisticLoss: lambda node: all(_rows(a) for a in node.args),  # entrywise (ops.sigmoid_cross_entropy)
}


def mean_over_examples(cost) -> bool:
    r"""True when ``cost`` is :math:`a + \sum_t c_t \sum_{ij} M_t` with :math:`a` and :math:`c_t\,m` free of
    the examples and each :math:`M_t` keeping examples in separate rows (see the module's docstring)."""
    cost = scalar_cost(cost)
    for term in sympy.Add.make_args(cost):
        if _free(term):
            continue
        sums = [f for f in sympy.Mul.make_args(term) if isinstance(f, ElementSum)]
        if len(sums) != 1:
            return False
        coefficient = term / sums[0]
        if not _free(coefficient * BATCH) or not _rows(sums[0].matrix):
            return False
    return True


@refusing_unknown_keywords(advice=DEVICE_ADVICE)
def evaluate_in_batches(cost, data=None, *, batch_size: int | None = None, dtype=None) -> float:
    r""":math:`J` over all the data, evaluated ``batch_size`` examples at a time: :math:`\sum_i n_i J_i / m`.

    ``data`` binds inputs by symbol or name, as in :func:`symopt.evaluate` (Variables default to their
    initial values; pass ``result.params`` entries to evaluate a trained model); its arrays may be out of
    core (a memmap, an h5py/zarr dataset: read ``batch_size`` rows at a time).  ``data`` may instead be a
    stream of batch mappings (an iterable, or a function returning one; ``batch_size`` then stays ``None``):
    one pass over it.  Refuses, before evaluating anything, a cost that is not a mean over examples
    (:func:`mean_over_examples`).  See :mod:`symopt.data_sources`.
    """
    cost = scalar_cost(cost)
    stream = as_stream(data, steps=None, epochs=None, batch_size=batch_size, resume_from=None, backend="numpy")
    if stream is None and (isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer))
                           or batch_size < 1):
        raise ConfigurationError(f"batch_size: expected a positive integer; given {batch_size!r}")
    if not mean_over_examples(cost):
        raise ConfigurationError(
            "evaluate_in_batches: the cost is not recognised as a mean over examples (a + (1/m) * sum over "
            "rows, examples in rows), so a chunked evaluation could differ from the full one. Use "
            "symopt.evaluate(cost, data) for the full-data value in one pass.")
    symbols = free_inputs([cost])
    if stream is None and isinstance(data, Mapping) and data:  # the training dict as it is, as evaluate reads it
        data = read_entries(data, symbols)
    feed = feed_for(symbols, data if stream is None else stream.first)
    dtype = infer_dtype(symbols, dtype)
    function, module = CACHE.get_or_build(("in batches", cost, tuple(symbols), dtype),
                                          lambda: compile_expressions([cost], symbols, dtype=dtype))
    source = data_source(symbols, feed, dtype, scalar_type(module, dtype), batch_size, stream,
                         resolve=lambda batch: feed_for(symbols, batch), label_ranges=label_ranges_of(cost, symbols))
    if source.examples is None and stream is None:
        return float(function(*source.values)[0])
    total, examples = 0.0, 0
    for values, _ in source.epoch(0, None):
        rows = common_batch_size(symbols, values)
        if rows is None:
            raise ConfigurationError("evaluate_in_batches: the stream's batches bind no input with a batch "
                                     "dimension, so there are no examples to average over")
        total, examples = total + rows * float(function(*values)[0]), examples + rows
    return total / examples

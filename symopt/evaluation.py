r"""Evaluate expressions on data: :func:`evaluate` (a cost, predictions, accuracy, a gradient) by one generated
program of :func:`symopt.compiler.compile_expressions`, the outputs back in the structure they were given in.
"""

from __future__ import annotations

from typing import Mapping

import sympy

from .binding import as_value, batch_size, read_entries, resolve_feed
from .compiler import compile_expressions, free_inputs, infer_dtype, scalar_of
from .depth import depth_limited
from .emit import scalar_type
from .errors import ConfigurationError, FeedError
from .keyword_advice import DEVICE_ADVICE, refusing_unknown_keywords
from .label_ranges import check_labels, label_ranges_of
from .matrix_checks import check_substituted_sums
from .missing_data import batch_size_carriers
from .run_arguments import check_fed_data
from .symbols import declared_value, is_matrix, required_symbolic, shape_of, symbolic
from .wrt import check_real

__all__ = ["evaluate", "evaluate_as_fed", "feed_for"]


def feed_for(symbols, data: Mapping | None) -> dict:
    """``data`` bound to ``symbols`` (by symbol or name); Variables not given take their initial value."""
    feed = resolve_feed(data, symbols)
    for symbol in symbols:
        if symbol not in feed and hasattr(symbol, "init"):
            feed[symbol] = symbol.init
    missing = [str(s) for s in symbols if s not in feed]
    if missing:
        raise FeedError(f"missing values for {missing}; pass them in data")
    return feed


@refusing_unknown_keywords(advice=DEVICE_ADVICE)
@depth_limited("evaluate")
def evaluate(expr, data: Mapping | None = None, *, dtype=None):
    """Evaluate any expression (cost, predictions, accuracy) on data bound by symbol or name.  Several outputs come
    back in the structure they are given in: a tuple or a list of expressions (``evaluate([cost, accuracy], data)``,
    the list ``symopt.grad(cost, [W, b])``) as a tuple or a list of values, a dict (``symopt.grad(cost, {W: ..., b:
    ...})``, named outputs ``{"cost": cost}``) as a dict with the same keys; each value is what ``evaluate`` of that
    expression alone gives, and they are computed by one program, so shared parts are computed once.  Symbols the expression
    does not read are ignored (``evaluate(X @ W, {**data, **result.params})`` with the labels in ``data``); a name
    that matches no input is still refused (a misspelt name).  A cost written as a 1 x 1 matrix (``r.T @ r``) is a
    number, as ``compile`` returns its value; a matrix whose shape holds the batch size ``m`` keeps its shape.  An
    expression that holds ``m`` but reads no data (the Hessian ``[[2*m]]`` of a sum over rows) takes ``m`` from the
    rows of the inputs with a batch dimension fed with it (by symbol).  Data fed for a ``Placeholder`` must be finite
    numbers, as ``minimize`` checks its data: NaN or infinity there is a ``FeedError`` naming the input and its first
    such entry (a Variable or a plain symbol takes any number: the value at a NaN point is NaN)."""
    return _evaluated_structure(expr, data, dtype, check_finite=True)


def evaluate_as_fed(expr, data: Mapping | None = None, *, dtype=None):
    """:func:`evaluate` without its refusal of non-finite data: for the diagnoses that look for the entry of the data
    where the cost became NaN (:mod:`symopt.data_faults`)."""
    return _evaluated_structure(expr, data, dtype, check_finite=False)


def _evaluated_structure(expr, data, dtype, check_finite: bool):
    if isinstance(expr, (list, tuple, dict)):
        outputs = _outputs_of(expr)
        check_substituted_sums(outputs)
        if len({infer_dtype(free_inputs([output]), dtype) for output in outputs}) > 1:  # each in its own dtype: a
            values = iter([_evaluate(output, [output], data, dtype, check_finite)[0]  # float32 input beside
                           for output in outputs])  # a float64 one left that one's digits to float32 (F39b-3)
        else:
            values = iter(_evaluate(sympy.Tuple(*outputs), outputs, data, dtype, check_finite))
        return _in_structure(expr, values)
    required_symbolic(expr, "expression")
    check_substituted_sums([expr])
    return _evaluate(expr, [expr], data, dtype, check_finite)[0]


def _outputs_of(structure) -> list:
    """The expressions of a (nested) tuple, list or dict of outputs, in order; an empty one is refused."""
    items = list(structure.values()) if isinstance(structure, dict) else list(structure)
    if not items:
        raise ConfigurationError(f"expected an expression, or a tuple, list or dict of expressions, to evaluate; given "
                                 f"an empty {type(structure).__name__}")
    return [leaf for item in items  # each converted alone: sympy.Tuple would parse a string, running it as Python
            for leaf in (_outputs_of(item) if isinstance(item, (list, tuple, dict)) else [symbolic(item, "expression")])]


def _in_structure(structure, values):
    """The values (an iterator, in :func:`_outputs_of` order) in the structure of ``structure``."""
    if isinstance(structure, dict):
        return {key: _in_structure(item, values) for key, item in structure.items()}
    if isinstance(structure, (list, tuple)):
        items = [_in_structure(item, values) for item in structure]
        return type(structure)(*items) if hasattr(structure, "_fields") else type(structure)(items)  # a named tuple
    return next(values)


def _evaluate(expr, outputs: list, data, dtype, check_finite: bool = True) -> list:
    """The value of each of ``outputs`` (``expr`` is the one output, or a ``sympy.Tuple`` of them)."""
    check_real([symbolic(expr, "expression")])
    symbols = free_inputs([expr])
    symbols += batch_size_carriers(expr, symbols, data)
    if isinstance(data, Mapping) and data:  # anything else is refused by feed_for, naming the dict it expects
        data = read_entries(data, symbols)  # unread symbols dropped; one named like an input refused
    feed = feed_for(symbols, data)
    dtype = infer_dtype(symbols, dtype)
    function, module = compile_expressions(outputs, symbols, dtype=dtype)
    values = [as_value(s, feed[s], dtype, scalar_type(module, dtype)) for s in symbols]
    if check_finite:
        check_fed_data(symbols, values, "evaluate", [feed[s] for s in symbols])
    check_labels(label_ranges_of(expr, symbols), symbols, values)
    batch_size(symbols, values)
    return [_as_declared(output, value) for output, value in zip(outputs, function(*values))]


def _as_declared(expr, value):
    """An output's value as ``evaluate`` returns it: a rank-1 symbol in its declared shape ``(n,)``, a 1 x 1 matrix
    as its number, a 0-d array as a scalar."""
    if is_matrix(expr) and len(shape_of(expr)) == 1:
        return declared_value(expr, value)
    return value[0, 0] if is_matrix(expr) and tuple(expr.shape) == (1, 1) else scalar_of(value)

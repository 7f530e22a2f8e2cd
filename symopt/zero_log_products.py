r"""A NaN cost from :math:`0\\cdot\\log 0` (probe78 P78-5): the course's logistic loss
:math:`-(y\log\sigma(z) + (1-y)\log(1-\sigma(z)))` on separable data, where :math:`\sigma(z)` rounds to 1 and the
rows with :math:`1-y = 0` multiply :math:`\log 0 = -\infty` by 0.

The diagnosis reads values, not warnings: each product of the cost with a factor :math:`\log u` is evaluated at the
point where the cost became NaN, on the run's data and in its dtype, and it counts only where :math:`\log u` is
:math:`-\infty` at an entry whose other factor is 0 there (a ``Piecewise`` is not entered: its untaken branch is
discarded).  It is named only where the step was a descent: the cost with those products' :math:`0\cdot\infty`
entries taken as their limit 0 is finite and at most the last finite cost (else the step overshot).  It is added to
the learning-rate advice (:func:`symopt.divergence_advice.divergence_message`), not put in its place: a rate small
enough may keep :math:`\sigma(z)` away from 0 and 1 on data that are not separable (final46e 46e-2).
"""

from __future__ import annotations

import math

import numpy as np
import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from . import functions
from .errors import SymoptError
from .evaluation import evaluate_as_fed
from .float_errors import ignoring_float_errors
from .matrix_shapes import short
from .nodes import lambda_parts
from .symbols import is_matrix
from .traversal import arguments, postorder

__all__ = ["zero_log_products", "zero_log_note", "zero_log_point_note"]

#: Products whose entries are products of their factors' entries (broadcast); a MatMul sums such products.
ELEMENTWISE_PRODUCTS = (sympy.Mul, sympy.HadamardProduct)
#: A matrix product :math:`AB` of at most this many terms :math:`A_{ik}B_{kj}` is checked term by term.
LARGEST_MATRIX_PRODUCT = 10**7

ADVICE = ("Write the product so that it is 0 where its factor is 0: for the logistic loss, "
          "ops.sigmoid_cross_entropy(logits, labels) (the course's y*log(a) + (1 - y)*log(1 - a) takes log(0) once "
          "sigmoid rounds to 0 or 1); for x*log(x), a sympy.Piecewise((x*log(x), x > 0), (0, True))")


def _children(node) -> tuple:
    """The arguments a value can be read from: not a Lambda's body, not a ``Piecewise``'s branches."""
    return () if isinstance(node, (sympy.Lambda, sympy.Piecewise)) else arguments(node)


def _is_log(node) -> bool:
    """:math:`\\log u`, as a scalar or applied to every entry of a matrix."""
    if isinstance(node, ElementwiseApplyFunction):
        variable, body = lambda_parts(node.function)
        return isinstance(body, sympy.log) and body.args[0] == variable
    return isinstance(node, sympy.log)


def _value(node, values: dict, dtype) -> np.ndarray:
    return np.asarray(evaluate_as_fed(node, values, dtype=dtype), dtype=float)


def _zero_times_infinite(node, values: dict, dtype):
    """``(where, value)`` of a product ``node`` with a :math:`\\log` factor: ``where`` names (for a message) the first
    entry of that log that is :math:`-\\infty` (a log of 0; an overflowed :math:`\\log(1 + e^{z}) = +\\infty` is
    not one, final46e 46e-3) where another factor is 0 (``""`` for a scalar), and ``value`` the product with those
    terms taken as 0 (their limit); ``None`` when there is none (or the product is too large to check)."""
    if isinstance(node, sympy.MatMul):
        return _matrix_product_hits(node, values, dtype)
    factors = list(node.args)
    logs = [i for i, factor in enumerate(factors) if _is_log(factor)]
    if not logs:
        return None
    evaluated = [_value(factor, values, dtype) for factor in factors]
    log_of_zero = np.logical_or.reduce([np.isneginf(evaluated[i]) for i in logs])
    zero = np.logical_or.reduce([evaluated[i] == 0 for i in range(len(factors)) if i not in logs] or [False])
    hits = np.broadcast_to(log_of_zero & zero, np.broadcast(*evaluated).shape)
    if not hits.any():
        return None
    entry = tuple(int(i) for i in np.argwhere(hits)[0]) if hits.ndim else ()
    value = np.where(hits, 0.0, np.multiply.reduce(np.broadcast_arrays(*evaluated)))
    return f" at its entry {entry}" if entry else "", value


def _matrix_product_hits(node, values: dict, dtype):
    """:func:`_zero_times_infinite` of a matrix product :math:`c\\,AB` (a scalar :math:`c`), term by term
    :math:`A_{ik}B_{kj}`; ``where`` names the summed index ``k`` (a data row in :math:`y^\\top\\log a`), not an
    entry of the product (final46e 46e-5)."""
    matrices = [factor for factor in node.args if is_matrix(factor)]
    if len(matrices) != 2 or not any(_is_log(factor) for factor in matrices):
        return None
    scale = float(np.prod([_value(factor, values, dtype) for factor in node.args if not is_matrix(factor)]))
    left, right = (np.atleast_2d(_value(factor, values, dtype)) for factor in matrices)
    if left.shape[0] * left.shape[1] * right.shape[1] > LARGEST_MATRIX_PRODUCT:
        return None
    log_of_zero = [np.isneginf(side) if _is_log(factor) else np.zeros(side.shape, bool)
                   for factor, side in zip(matrices, (left, right))]
    hits = (((left == 0) & ~log_of_zero[0])[:, :, None] & log_of_zero[1][None, :, :]) | \
        (log_of_zero[0][:, :, None] & ((right == 0) & ~log_of_zero[1])[None, :, :])
    if not hits.any():
        return None
    i, k, j = (int(n) for n in np.argwhere(hits)[0])
    entry = (k, j) if log_of_zero[1][k, j] else (i, k)
    terms = left[:, :, None] * right[None, :, :]
    value = scale * np.where(hits, 0.0, terms).sum(axis=1)
    return f" in term {k} of its sum over k (the log's entry {entry}: data row {k})", value


def zero_log_products(cost, values: dict, dtype) -> dict:
    """``{product: (where, value)}``: the products of ``cost`` that hold :math:`0\\cdot(-\\infty)` with the infinity
    a :math:`\\log` at ``values`` (``{symbol: value}``, parameters and data) in ``dtype``
    (:func:`_zero_times_infinite`)."""
    found = {}
    for node in postorder([cost], _children):
        if isinstance(node, (*ELEMENTWISE_PRODUCTS, sympy.MatMul)):
            try:
                hit = _zero_times_infinite(node, values, dtype)
            except (SymoptError, ValueError, TypeError):  # a node the run does not bind here: nothing to say
                continue
            if hit is not None:
                found[node] = hit
    return found


def _limit_cost(cost, found: dict, values: dict, dtype) -> float:
    """The cost at ``values`` with each product of ``found`` replaced by its value, 0 at its :math:`0\\cdot\\infty`
    entries."""
    stand_ins = {node: (sympy.MatrixSymbol(f"zero_log_product_{i}", *node.shape) if is_matrix(node)
                        else sympy.Symbol(f"zero_log_product_{i}")) for i, node in enumerate(found)}
    fed = {stand_ins[node]: (value if is_matrix(node) else float(value)) for node, (_, value) in found.items()}
    try:
        return float(np.asarray(evaluate_as_fed(cost.xreplace(stand_ins), {**values, **fed}, dtype=dtype)).reshape(()))
    except (SymoptError, ValueError, TypeError):
        return math.nan


def zero_log_note(cost, values: dict, dtype, history) -> str | None:
    """A sentence for the error of a run whose cost became NaN (costs ``history``, its last NaN) at ``values``
    (``{symbol: value}``: the parameters there and the step's data) because a product multiplies a :math:`\\log 0` by
    0, where that step was a descent (see the module): the product, the log's entry (a data row) and the stable form;
    else ``None``.  It does not clear the learning rate: a smaller one may keep the logits in range (final46e
    46e-2)."""
    finite = np.asarray(history)[np.isfinite(history)]
    if not len(history) or not math.isnan(history[-1]) or not finite.size:
        return None
    found = _zero_log_finding(cost, values, dtype)
    if found is None or not math.isfinite(found[2]) or found[2] > finite[-1]:  # none, or the step overshot
        return None
    return _sentence(*found, f", no more than the last finite cost {finite[-1]:.6g}")


def zero_log_point_note(cost, values: dict, dtype) -> str | None:
    """A sentence for the error of a ``method=`` run whose cost is NaN at a point it evaluated (``values``: the
    parameters there and the data) because a product multiplies a :math:`\\log 0` by 0 and the cost is real there
    (probe88 P88-2): its limit is finite, or the log's argument holds a sigmoid (``ops.sigmoid``, or by hand through
    ``exp``: final47b 47b-5), which rounds to 0 or 1 where its log is a finite number; else ``None``.  No descent
    is asked for: a line search's trial may overshoot, and would step back from a finite value."""
    found = _zero_log_finding(cost, values, dtype)
    if found is None:
        return None
    node, where, limit = found
    if math.isfinite(limit):
        return _sentence(node, where, limit, "")
    log = _log_factor(node)
    if not log.has(functions.sigmoid, sympy.exp):  # log(w) at w = 0: a boundary of the domain, not a rounding
        return None
    return (f"The NaN itself is 0*log(0): the product of {_other_factors(node)} and {_log_words(log)} multiplies a "
            f"log of 0 (-inf) by 0{where}, and that log is -inf because sigmoid rounded to 0 or 1 in "
            f"{np.dtype(dtype).name}, where its real value is finite: the cost is real there, only not computed. "
            f"{ADVICE}.")


def _zero_log_finding(cost, values: dict, dtype):
    """``(product, where, limit)``: the first product of ``cost`` at ``values`` holding :math:`0\\cdot\\log 0`, and
    the cost with every such entry taken as 0 (NaN where it cannot be evaluated); else ``None``."""
    if not all(np.all(np.isfinite(v)) for v in values.values()):
        return None
    with ignoring_float_errors():  # the point's 0*inf is what is being read
        found = zero_log_products(cost, values, dtype)
        limit = _limit_cost(cost, found, values, dtype) if found else math.nan
    if not found:
        return None
    node, (where, _) = next(iter(found.items()))
    return node, where, limit


def _log_factor(node):
    """The :math:`\\log` factor of a product."""
    return next(factor for factor in node.args if _is_log(factor))


def _other_factors(node) -> str:
    """The factors of a product other than its log, for a message."""
    log = _log_factor(node)
    return " * ".join(f"({short(factor, 60)})" for factor in node.args if factor is not log)


def _sentence(node, where: str, limit: float, compared: str) -> str:
    """The diagnosis of :func:`_zero_log_finding`'s ``node`` with the cost's finite ``limit`` (``compared``: what
    that limit is measured against, or ``""``), and the stable form to write."""
    return (f"The NaN itself is 0*log(0): the product of {_other_factors(node)} and {_log_words(_log_factor(node))} "
            f"multiplies a log of 0 (-inf) by 0{where}, where its real value is 0 (with those entries taken as 0 the "
            f"cost there is {limit:.6g}{compared}). {ADVICE}.")


def _log_words(log) -> str:
    """``log(1 - sigmoid(X*W))``: a log factor, for a message."""
    return f"log({short(log.expr if isinstance(log, ElementwiseApplyFunction) else log.args[0], 60)})"

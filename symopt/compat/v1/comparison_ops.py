r"""TF1's comparisons and logical ops: ``greater``, ``less``, ``greater_equal``, ``less_equal``, ``not_equal``,
``logical_and``, ``logical_or``, ``logical_not``.

A comparison is the step function of a difference, :math:`x > y \iff H(x - y) = 1` with :math:`H(0) = 0`
(exact in floating point: :math:`x - y > 0` exactly when :math:`x > y`), so it is a ``tf.bool`` tensor that
is 1.0 / 0.0 inside the program, like ``tf.equal``; logical ops are arithmetic on those values.
Like TF1's, these have no useful gradient (their derivative is 0).
"""

from __future__ import annotations

from ... import functions
from ...nodes import elementwise
from ...symbols import is_matrix
from . import dtypes
from .array_ops import equal
from .graph import Tensor, as_tensor, binary
from .recording import recorded

__all__ = ["greater", "less", "greater_equal", "less_equal", "not_equal", "logical_and", "logical_or",
           "logical_not"]


def _step(difference: Tensor, name: str, complement: bool) -> Tensor:
    expr = difference.expr
    step = elementwise(functions.step, expr) if is_matrix(expr) else functions.step(expr)
    result = Tensor(step, difference.shape, dtypes.bool, name)
    return binary("sub", 1.0, _as_float(result), name=name) if complement else result


def _as_float(tensor: Tensor) -> Tensor:
    """A bool tensor's 1.0 / 0.0 values as a float32 tensor (for arithmetic on them)."""
    return Tensor(tensor.expr, tensor.shape, dtypes.float32, "Cast")


def _as_bool(tensor: Tensor, name: str) -> Tensor:
    return Tensor(tensor.expr, tensor.shape, dtypes.bool, name)


@recorded
def greater(x, y, name=None) -> Tensor:
    """``x > y`` elementwise (``tf.bool``)."""
    return _step(binary("sub", x, y), name or "Greater", False)


@recorded
def less(x, y, name=None) -> Tensor:
    """``x < y`` elementwise (``tf.bool``)."""
    return _step(binary("sub", y, x), name or "Less", False)


@recorded
def greater_equal(x, y, name=None) -> Tensor:
    """``x >= y`` elementwise: not ``x < y``."""
    return _as_bool(_step(binary("sub", y, x), name or "GreaterEqual", True), name or "GreaterEqual")


@recorded
def less_equal(x, y, name=None) -> Tensor:
    """``x <= y`` elementwise: not ``x > y``."""
    return _as_bool(_step(binary("sub", x, y), name or "LessEqual", True), name or "LessEqual")


@recorded
def not_equal(x, y, name=None) -> Tensor:
    """``x != y`` elementwise: not ``tf.equal(x, y)``."""
    return _as_bool(binary("sub", 1.0, _as_float(equal(x, y))), name or "NotEqual")


def _logical(x) -> Tensor:
    x = as_tensor(x)
    if x.dtype != dtypes.bool:
        raise TypeError(f"logical ops take tf.bool tensors; given {x.dtype.name} ({x.name})")
    return _as_float(x)


@recorded
def logical_and(x, y, name=None) -> Tensor:
    return _as_bool(binary("mul", _logical(x), _logical(y)), name or "LogicalAnd")


@recorded
def logical_or(x, y, name=None) -> Tensor:
    a, b = _logical(x), _logical(y)
    return _as_bool(binary("sub", binary("add", a, b), binary("mul", a, b)), name or "LogicalOr")


@recorded
def logical_not(x, name=None) -> Tensor:
    return _as_bool(binary("sub", 1.0, _logical(x)), name or "LogicalNot")

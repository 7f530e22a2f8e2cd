r"""Numbers added to a tensor one after the other are combined first, as TF1's graph optimizer does.

Grappler's constant push-down rewrites an add or subtract of a number :math:`c_2` and a tensor that is itself a
number :math:`c_1` added to or subtracted from a tensor :math:`x` so that the two numbers meet: ``1 - p + 1e-7``
runs as ``(1 + 1e-7) - p`` (``tf.losses.log_loss``'s epsilon), ``(x + 0.1) + 0.2`` as ``x + 0.3``.  After the
cancellation ``1 - p`` of a saturated ``p`` that is the leading digit, not the last bit (probe37 P37-2).  A sum is
held as :math:`s\,x + k` (``sign``, ``tensor``, ``number``); the number of the combined sum is computed in the
tensor's dtype, one rounding, as TF1's folded constant.  A scalar's SymPy sum already flattens its numbers.
"""

from __future__ import annotations

import sympy

from .folding import real_scalar
from .program_dtypes import program_dtype

__all__ = ["constant_sum", "pushed_down", "PUSHED_DTYPES"]

#: The dtypes whose constants grappler's ``PrepareConstantPushDown`` moves (not ``DT_HALF`` nor ``DT_BFLOAT16``).
PUSHED_DTYPES = ("float32", "float64")


def constant_sum(op: str, left, right):
    """``(sign, tensor, number)`` with ``op(left, right) = sign * tensor + number`` for a float32 / float64 ``add`` /
    ``sub`` of a tensor that is not a number and a scalar number constant; None otherwise (grappler pushes no
    float16 constant down: ``1 - x + 1e-4`` keeps its epsilon there, final37 F37-2)."""
    if op not in ("add", "sub") or left.dtype.name not in PUSHED_DTYPES:
        return None
    if _number(right) and not _number(left):
        return 1, left, right.expr if op == "add" else -right.expr
    if _number(left) and not _number(right):
        return (1 if op == "add" else -1), right, left.expr
    return None


def pushed_down(op: str, left, right):
    r"""``(sign, tensor, number)`` of ``op(left, right)`` where one operand is a number and the other a held sum
    :math:`s\,x + k` of a tensor of at least one dimension (:attr:`constant_sum` of a tensor made by ``binary``):
    :math:`x` with the two numbers combined, in the dtype; None where there is nothing to combine."""
    outer = constant_sum(op, left, right)
    if outer is None:
        return None
    outer_sign, inner, number = outer
    held = inner.constant_sum
    if held is None or inner.shape.ndims in (None, 0):
        return None
    sign, tensor, inner_number = held
    dtype = inner.dtype
    combined = real_scalar(_add, (outer_sign * inner_number, number), program_dtype(dtype), dtype.name)
    return outer_sign * sign, tensor, combined


def _number(tensor) -> bool:
    return isinstance(tensor.expr, sympy.Number) and tensor.shape.ndims == 0


def _add(a, b):
    return a + b

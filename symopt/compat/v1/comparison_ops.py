r"""TF1's comparisons and logical ops: ``greater``, ``less``, ``greater_equal``, ``less_equal``, ``not_equal``,
``logical_and``, ``logical_or``, ``logical_not``.

A comparison is the step function of a difference, :math:`x > y \iff H(x - y) = 1` with :math:`H(0) = 0`
(exact in floating point: :math:`x - y > 0` exactly when :math:`x > y`; :math:`H` is 0 at NaN), and
:math:`x \ge y` is :math:`H(x - y) + [x = y]`, so every comparison with NaN is false, as in TF1.  It is a
``tf.bool`` tensor that is 1.0 / 0.0 inside the program, like ``tf.equal``; logical ops are arithmetic on
those values.
Like TF1's, these have no useful gradient (their derivative is 0).

``maximum`` and ``minimum`` choose with such a mask (:class:`~symopt.stable.Select`, ``numpy.where``): the value is
exactly one of the operands, infinities included, NaN where either is NaN (as TF1), and the gradient goes to ``x``
where the mask holds, ties included, which is TF1's rule (``MaximumGrad``: ``x >= y``; ``MinimumGrad``: ``x <= y``).
"""

from __future__ import annotations

import numpy as np
import sympy

from ... import functions
from ...errors import UnsupportedOperationError
from ...nodes import ElementSum, elementwise, matmul, scale
from ...stable import Select
from ...symbols import is_matrix
from ...traversal import holds_kind
from . import dtypes
from .array_ops import equal, reduce_sum
from .broadcasting import exact_in_float64, in_floats, lift
from .default_graph import unnamed
from .function_operands import check_first_operand, check_select_operands
from .gradient_masks import GradientMask
from .graph import Tensor, as_tensor, binary, constant, convert_pair, get_default_graph
from .kernel_dtypes import kernel_inputs
from .sparse_updates import note_clipped
from .recording import recorded
from .tensor_shape import as_shape, shape_text
from .unknown_lengths import fixed_lengths, fixed_lengths_if_possible, resized

__all__ = ["where", "known_truth", "scalar_select", "holds_elementwise_function", "greater", "less", "greater_equal", "less_equal", "not_equal", "logical_and", "logical_or",
           "logical_xor", "logical_not", "maximum", "minimum", "clip_by_value", "clip_by_norm"]


def _step(difference: Tensor, name: str) -> Tensor:
    expr = difference.expr
    step = elementwise(functions.step, expr) if is_matrix(expr) else functions.step(expr)
    return Tensor(step, difference.shape, dtypes.bool, name)


def _as_float(tensor: Tensor) -> Tensor:
    """A bool tensor's 1.0 / 0.0 values as a float32 tensor (for arithmetic on them)."""
    return Tensor(tensor.expr, tensor.shape, dtypes.float32, "Cast")


def _as_bool(tensor: Tensor, name: str) -> Tensor:
    return Tensor(tensor.expr, tensor.shape, dtypes.bool, name)


def _one_op(build, name: str, dtype=dtypes.bool) -> Tensor:
    """The tensor ``build()`` computes, named ``name`` (of ``dtype``): the intermediate tensors it builds take no
    name from the program's series (:func:`~symopt.compat.v1.default_graph.unnamed`), as TF1 makes one op."""
    with unnamed():
        result = build()
    return Tensor(result.expr, result.shape, dtype or result.dtype, name)


def _compared(x, y, op: str) -> tuple[Tensor, Tensor]:
    """The operands of the comparison ``op`` (TF1's op type, for its dtype error), whose difference's sign it reads:
    integers of at most 32 bits as float64 numbers, exact (an integer ``sub`` wraps around as TF1's kernel does: uint8
    ``1 - 2`` is 255, so ``1 > 2`` was true, probe11 U6).  64-bit integers keep their own difference: float64 would
    merge neighbours past 2**53 (review2 F0), and it wraps only for operands more than 2**63 apart."""
    x, y = convert_pair(x, y, op)
    if not exact_in_float64(x):
        return x, y
    return tuple(Tensor(in_floats(t, 64).expr, t.shape, dtypes.float64, "ToFloat") for t in (x, y))


def _compare(x, y, op: str, name, *, reverse: bool = False, or_equal: bool = False) -> Tensor:
    """The comparison of TF1's op type ``op`` (named ``name``, else ``op``): the step of ``x - y`` (of ``y - x`` with
    ``reverse``), or with ``or_equal`` that step or ``x == y``; a first operand's own dtype is checked first, as TF1
    converts it (:func:`~symopt.compat.v1.function_operands.check_first_operand`)."""
    check_first_operand(x, y, op)

    def build() -> Tensor:
        pair = _compared(x, y, op)
        strict = _step(binary("sub", *(reversed(pair) if reverse else pair)), op)
        return _or_equal(strict, x, y, op) if or_equal else strict
    return _one_op(build, name or op)


@recorded
def greater(x, y, name=None) -> Tensor:
    """``x > y`` elementwise (``tf.bool``)."""
    return _compare(x, y, "Greater", name)


@recorded
def less(x, y, name=None) -> Tensor:
    """``x < y`` elementwise (``tf.bool``)."""
    return _compare(x, y, "Less", name, reverse=True)


def _held(tensor: Tensor, dtype=dtypes.float32) -> Tensor:
    """A 0/1 tensor (or a tensor of ``dtype``) held constant for differentiation
    (:func:`symopt.functions.stop_gradient`): like the step, an equality has derivative 0, so ``maximum`` passes its
    gradient through its selected operand."""
    expr = tensor.expr
    held = elementwise(functions.stop_gradient, expr) if is_matrix(expr) else functions.stop_gradient(expr)
    return Tensor(held, tensor.shape, dtype, "Cast")


def _or_equal(strict: Tensor, x, y, name: str) -> Tensor:
    """``strict`` (x > y or x < y) or ``x == y``: false where either is NaN (``not x < y`` would be true there)."""
    return _as_bool(binary("add", _as_float(strict), _held(equal(x, y))), name)


def _extreme(x: Tensor, y: Tensor, mask: Tensor, name: str) -> Tensor:
    """``x`` where ``mask`` holds (``x >= y`` for ``maximum``, ``x <= y`` for ``minimum``), else ``y``; NaN where
    either is NaN, as TF1's kernels give.  The gradient goes where TF1's select-based gradient sends it: to ``x``
    where ``mask`` holds, else to ``y``, so a NaN ``x``, which fails the comparison, gets none (probe18 G14: it got
    all of it)."""
    chosen = _select(mask, x, y, name)
    # x != x, of the mask's (broadcast) shape: the mask is 0 / 1, never NaN, so 0 * mask is an exact 0
    nan_x = _as_bool(binary("add", binary("mul", _as_float(mask), 0.0), binary("sub", 1.0, _held(equal(x, x)))),
                     "Cast")
    propagated = binary("add", _held(x, x.dtype), binary("sub", y, _held(y, y.dtype)))  # NaN, with y's gradient
    return _select(nan_x, propagated, chosen, name)


def _against_constant(x: Tensor, y: Tensor, name: str) -> Tensor | None:
    r"""``tf.maximum(x, c)`` / ``tf.minimum(x, c)`` of a float tensor ``x`` and a constant number ``c``:
    ``select(x < c, c, x)`` (``x > c`` for the minimum), so a NaN ``x``, which fails the comparison, is its own
    value, and ``x`` masked by ``x == x`` (:class:`~symopt.compat.v1.gradient_masks.GradientMask`), so its gradient
    is TF1's: where ``x >= c`` (``x <= c``), none where ``x`` is NaN.  One comparison and one choice per step, the
    same numbers as :func:`_extreme` (review6 R6-8); None for any other operands."""
    c = y.expr
    if not (x.dtype.is_floating and is_matrix(x.expr) and y.ndim == 0 and isinstance(c, sympy.Number)):
        return None
    beyond = (lambda v: functions.step(c - v)) if name == "Maximum" else (lambda v: functions.step(v - c))
    kept = GradientMask(x.expr, equal(x, x).expr)
    return Tensor(Select(elementwise(beyond, x.expr), c, kept), x.shape, x.dtype, name)


def _extreme_of(x: Tensor, y: Tensor, mask, name: str) -> Tensor:
    """``tf.maximum`` / ``tf.minimum`` (``mask``: ``greater_equal`` / ``less_equal``): of a constant ``y``
    :func:`_against_constant`'s form, else :func:`_extreme`'s."""
    tidy = _against_constant(x, y, name)
    return _extreme(x, y, mask(x, y), name) if tidy is None else tidy


@recorded
def greater_equal(x, y, name=None) -> Tensor:
    """``x >= y`` elementwise: ``x > y`` or ``x == y``."""
    return _compare(x, y, "GreaterEqual", name, or_equal=True)


@recorded
def less_equal(x, y, name=None) -> Tensor:
    """``x <= y`` elementwise: ``x < y`` or ``x == y``."""
    return _compare(x, y, "LessEqual", name, reverse=True, or_equal=True)


@recorded
def not_equal(x, y, name=None) -> Tensor:
    """``x != y`` elementwise: not ``tf.equal(x, y)``."""
    check_first_operand(x, y, "NotEqual")
    return _one_op(lambda: binary("sub", 1.0, _as_float(equal(x, y))), name or "NotEqual")


def _logical(x) -> Tensor:
    x = as_tensor(x)
    if x.dtype != dtypes.bool:
        raise TypeError(f"logical ops take tf.bool tensors; given {x.dtype.name} ({x.name})")
    return _as_float(x)


@recorded
def logical_and(x, y, name=None) -> Tensor:
    return _one_op(lambda: binary("mul", _logical(x), _logical(y)), name or "LogicalAnd")


@recorded
def logical_or(x, y, name=None) -> Tensor:
    def build():
        a, b = _logical(x), _logical(y)
        return binary("sub", binary("add", a, b), binary("mul", a, b))
    return _one_op(build, name or "LogicalOr")


@recorded
def logical_xor(x, y, name=None) -> Tensor:
    """``x`` or ``y`` but not both: :math:`a + b - 2ab` on the 1.0 / 0.0 values."""
    def build():
        a, b = _logical(x), _logical(y)
        return binary("sub", binary("add", a, b), binary("mul", binary("mul", a, b), 2.0))
    return _one_op(build, name or "LogicalXor")


@recorded
def logical_not(x, name=None) -> Tensor:
    return _one_op(lambda: binary("sub", 1.0, _logical(x)), name or "LogicalNot")


#: A comparison or logical op whose input has no known shape is a ``tf.bool`` tensor all the same (TF1's dtype).
for _op in (greater, less, greater_equal, less_equal, not_equal, logical_and, logical_or, logical_xor, logical_not,
            equal):
    _op.result_dtype = dtypes.bool


def scalar_select(condition, on, off):
    """``on`` where the scalar ``condition`` is nonzero, else ``off``: a 1 x 1 :class:`~symopt.stable.Select` summed
    to a scalar, the choice a tensor's ``tf.where`` makes, whose gradient is exactly 0 for the operand not chosen
    (TF1's ``_SelectGrad``: a SymPy ``Piecewise``'s derivative was ``0 * inf`` there, probe9 S12, or raised when
    printed, S11; it also folded a ``Lambda``'s ``Piecewise`` out of it, b-probe B5, and recursed on a condition
    holding one)."""
    return ElementSum(Select(scale(condition, sympy.OneMatrix(1, 1)), on, off))


def holds_elementwise_function(*expressions) -> bool:
    """Whether an expression holds a ``Lambda`` (an elementwise function), each node visited once in the graph's life."""
    return any(holds_kind(expression, sympy.Lambda) for expression in expressions)


def _select(mask: Tensor, x, y, name: str) -> Tensor:
    """``x`` where ``mask`` is 1, ``y`` where it is 0: exact, infinities included (:class:`~symopt.stable.Select`;
    ``x*mask + y*(1 - mask)`` was NaN where the operand not chosen is infinite); the gradient goes to the operand
    chosen."""
    if mask.ndim == 0:
        chosen = scalar_select(mask.expr, x.expr, y.expr)
    else:
        shape = tuple(mask.shape.as_list())
        lifted = ((x, lift(x, shape, (mask, y))), (y, lift(y, shape, (mask, x))))
        chosen = Select(mask.expr, *(operand.expr if matrix is None else matrix for operand, matrix in lifted))
    return Tensor(chosen, mask.shape, x.dtype, name)


def known_truth(mask) -> np.ndarray | None:
    """``mask`` as a NumPy bool array when its values are known when the graph is built (numbers, arrays, a
    constant ``tf.bool`` tensor); ``None`` for a mask known only when the graph runs."""
    if not isinstance(mask, Tensor):
        return np.asarray(mask, dtype=bool)
    if mask.dtype == dtypes.bool and isinstance(mask.expr, sympy.ImmutableMatrix) and \
            all(entry.is_number for entry in mask.expr):
        return np.asarray(mask.expr.tolist(), dtype=float).reshape(mask.shape.as_list()) != 0
    if mask.dtype == dtypes.bool and mask.ndim == 0 and mask.expr.is_number:
        return np.asarray(bool(mask.expr))
    if mask.dtype == dtypes.bool and mask.ndim and is_matrix(mask.expr) and not mask.expr.free_symbols:
        entries = mask.expr.as_explicit().evalf()  # a comparison of constants (v > 30): decided now, exactly
        if all(entry.is_number for entry in entries):
            return np.asarray(entries.tolist(), dtype=float).reshape(mask.shape.as_list()) != 0
    return None


@recorded
def where(condition, x=None, y=None, name=None) -> Tensor:
    """``tf.where(condition, x, y)``: ``x`` where ``condition`` is true, else ``y`` (TF1's ``Select``: ``x`` and ``y``
    of one shape, ``condition`` of that shape, a vector choosing whole rows or a scalar choosing all of ``x`` or all
    of ``y``); the gradient goes to the operand chosen.  The one-argument form (the indices of the true entries) has a shape that depends on the values."""
    if x is None and y is None:
        truth = known_truth(condition)
        if truth is not None and truth.ndim:  # decided by constants: the indices are a constant too (int64, TF1's)
            return constant(np.argwhere(truth).astype(np.int64), dtype=dtypes.int64, name=name or "Where")
        raise UnsupportedOperationError("tf.where(condition) without x and y of a condition known only when the graph "
                                        "runs (the indices of the true entries, whose number depends on the values) "
                                        "is not supported by symopt.compat.v1; use tf.where(condition, x, y), or "
                                        "tf.boolean_mask(x, condition) for the entries themselves")
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    check_select_operands(condition, x, y)  # a float64 array or an int list x with a float32 y: TypeError
    condition = as_tensor(condition)
    x, y = convert_pair(x, y, "Select")
    x, y = fixed_lengths(x, y, "Select", exact=True)  # a [None] placeholder against [3]: TF1's static shape [3],
    if condition.ndim == x.ndim:  # checked when it runs (whatever the condition's rank: a scalar one, probe86 P86-8)
        condition, x = fixed_lengths(condition, x, "Select", exact=True)
        x, y = fixed_lengths(x, y, "Select", exact=True)
    elif condition.ndim == 1 and x.ndim == 2 and condition.shape[0].value is None and (x.shape[0].value or 0) > 1:
        condition = resized(condition, {0: x.shape[0].value}, "Select", x, exact=True)  # choosing rows of [2, 3]
    if condition.dtype != dtypes.bool:
        raise TypeError(f"Input 'condition' of 'Select' Op has type {condition.dtype.name} that does not match "
                        "expected type of bool.")
    rows_only = condition.ndim == 1 and x.ndim == 2 and condition.shape.is_compatible_with(x.shape[:1])
    switch = condition.ndim == 0  # tf.where(is_training, a, b): TF1's Select takes the whole x or the whole y
    if not x.shape.is_compatible_with(y.shape) or not (condition.shape.is_compatible_with(x.shape) or rows_only
                                                       or switch):
        shapes = (x.shape, y.shape) if not x.shape.is_compatible_with(y.shape) else \
            (condition.shape, x.shape[:1]) if condition.ndim == 1 and x.ndim > 1 else (x.shape, condition.shape)
        raise ValueError(f"{_mismatch(*shapes)} for '{name or 'Select'}' (op: 'Select') with input "
                         f"shapes: {shape_text(condition.shape)}, {shape_text(x.shape)}, {shape_text(y.shape)}.")
    if x.ndim == 0:
        chosen = scalar_select(condition.expr, x.expr, y.expr)
    else:
        mask = matmul(condition.expr, sympy.OneMatrix(1, x.expr.shape[1])) if rows_only else \
            scale(condition.expr, sympy.OneMatrix(*x.expr.shape)) if switch else condition.expr
        chosen = Select(mask, x.expr, y.expr)
    return Tensor(chosen, x.shape, x.dtype, name or "Select")


def _mismatch(a, b) -> str:
    """TF1's words for two incompatible shapes: their ranks, or the first dimension that differs (probe48 P48-2:
    the ranks were printed for shapes of one rank, "equal rank, but are 2 and 2")."""
    if len(a) != len(b):
        return f"Shapes must be equal rank, but are {len(a)} and {len(b)}"
    for i, (first, second) in enumerate(zip(a.as_list(), b.as_list())):
        if first is not None and second is not None and first != second:
            return (f"Dimension {i} in both shapes must be equal, but are {first} and {second}. Shapes are "
                    f"{shape_text(a)} and {shape_text(b)}.")
    return f"Shapes {shape_text(a)} and {shape_text(b)} are incompatible"


def _selected_shape(args: tuple, kwargs: dict):
    """TF1's static shape of ``tf.where(condition, x, y)`` whose condition has no known shape: ``x``'s (TF1's
    ``Select``), known before the condition's (probe11 U2)."""
    x = args[1] if len(args) > 1 else kwargs.get("x")
    return tuple(x.shape) if isinstance(x, Tensor) and x.shape.known_rank else None


def _selected_dtype_source(args: tuple, kwargs: dict):
    """What a deferred ``tf.where(condition, x, y)`` takes its dtype from (not the condition's bool): ``x``, or
    ``y`` when only ``y`` is a tensor (a list or NumPy ``x`` of another dtype is refused first, as TF1's: final46a2
    46a2-13: the label was the array's own dtype, the value ``y``'s)."""
    x = args[1] if len(args) > 1 else kwargs.get("x")
    y = args[2] if len(args) > 2 else kwargs.get("y")
    return y if isinstance(y, Tensor) and not isinstance(x, Tensor) else x


where.static_shape = _selected_shape
where.dtype_from = _selected_dtype_source
where.check_when_deferred = check_select_operands  # a list / NumPy x of another dtype than y's (also shape-less)


@recorded
def maximum(x, y, name=None) -> Tensor:
    r"""``tf.maximum``: elementwise :math:`\max(x, y)` with broadcasting; gradient to ``x`` where ``x >= y``."""
    check_first_operand(x, y, "Maximum")
    x, y = _pair(x, y)
    maximum.check_when_deferred(x, y)
    return _one_op(lambda: _extreme_of(x, y, greater_equal, "Maximum"), name or "Maximum", None)


@recorded
def minimum(x, y, name=None) -> Tensor:
    r"""``tf.minimum``: elementwise :math:`\min(x, y)` with broadcasting; gradient to ``x`` where ``x <= y``."""
    check_first_operand(x, y, "Minimum")
    x, y = _pair(x, y)
    minimum.check_when_deferred(x, y)
    return _one_op(lambda: _extreme_of(x, y, less_equal, "Minimum"), name or "Minimum", None)


maximum.check_when_deferred = kernel_inputs("Maximum", "x", "y")  # TF1's kernels take no bools
minimum.check_when_deferred = kernel_inputs("Minimum", "x", "y")


@recorded
def clip_by_value(t, clip_value_min, clip_value_max, name=None) -> Tensor:
    """``tf.clip_by_value``: ``maximum(minimum(t, max), min)``, as TF1 computes it (the gradient passes where
    ``min <= t <= max``); bounds that would broadcast ``t`` to a bigger shape are TF1's ``ValueError`` ("to prevent
    unintentional broadcasting")."""
    values_shape = as_shape(t.shape if isinstance(t, Tensor) else np.shape(t))
    smaller = minimum(t, clip_value_max)
    _check_not_broadcast(values_shape, smaller)
    result = maximum(smaller, clip_value_min, name=name or "clip_by_value")
    _check_not_broadcast(values_shape, result)
    note_clipped(get_default_graph(), result, [t])  # a gathered variable's gradient: ids checked (sparse_updates.py)
    return result


def _check_not_broadcast(values_shape, clipped: Tensor) -> None:
    if not values_shape.is_compatible_with(clipped.shape):
        raise ValueError(f"Shapes {values_shape} and {clipped.shape} are incompatible (tf.clip_by_value: the bounds "
                         "broadcast t to a bigger shape; give bounds of t's shape or scalars, or broadcast t first, "
                         "e.g. t * tf.ones_like(bound))")


def clip_by_norm(t, clip_norm, axes=None, name=None) -> Tensor:
    r"""``tf.clip_by_norm``: :math:`t \cdot c / \max(\lVert t \rVert_2, c)` (the L2 norm over ``axes``, default
    all), in TF1's order of operations; ``t`` unchanged where its norm is at most ``c``.  The norm is TF 1.14+'s
    "safe" one, :math:`s > 0\ ?\ \sqrt{s} : s` of :math:`s = \sum t^2` with the square root taken of 1 where
    :math:`s = 0`, so the gradient at an all-zero row is finite, as TF1's (b-probe B19: it was NaN)."""
    from .math_ops import sqrt
    t = as_tensor(t)
    with unnamed():  # TF1's one ClipByNorm op: its inner ops take none of the program's names
        squares = reduce_sum(binary("mul", t, t), axes, keepdims=True)
        positive = greater(squares, 0.0)
        safe = where(positive, squares, binary("add", binary("mul", squares, 0.0), 1.0))
        norm = where(positive, sqrt(safe), squares)
    result = binary("truediv", binary("mul", t, clip_norm), maximum(norm, clip_norm), name=name or "clip_by_norm")
    note_clipped(get_default_graph(), result, [t])  # a gathered variable's gradient: ids checked (sparse_updates.py)
    return result


def _pair(x, y) -> tuple:
    """The operands of ``tf.maximum`` / ``tf.minimum`` as tensors of one dtype, a ``[None]`` one against a known
    length of that length (TF1's static shape, :func:`~symopt.compat.v1.unknown_lengths.fixed_lengths`)."""
    return fixed_lengths_if_possible(*convert_pair(x, y, "Maximum"), "Maximum")

r"""TF1's graph: tensors that wrap SymPy expressions, their conversion from Python values, and their arithmetic.

A :class:`~symopt.compat.v1.tensors.Tensor` holds a SymPy expression and a TF shape.  Arithmetic broadcasts the
way TF does, producing explicit SymPy matrix expressions (all-ones products), so symopt's calculus and code
generator serve TF1 programs unchanged.  A placeholder without a shape, and every op that reads one, is *deferred*
(see :mod:`~symopt.compat.v1.recording`): its expression is built by the session once the fed shapes are known.

The pieces live by job and are re-exported here: the tensor (:mod:`~symopt.compat.v1.tensors`), operations
(:mod:`~symopt.compat.v1.operations`), constants and their dtype rules (:mod:`~symopt.compat.v1.constants`),
a deferred op's result (:mod:`~symopt.compat.v1.deferred_results`); this module keeps :func:`as_tensor`,
:func:`convert_pair`, the binary ops, :func:`negate` and :func:`matmul`.
"""

from __future__ import annotations

import operator
from functools import partial
from typing import Callable

import numpy as np
import sympy

from ...errors import UnsupportedOperationError
from ...grouped_products import grouped_operand
from ...nodes import matmul as matmul_expr, scale, transpose
from ...reductions import AsFloat
from ...traversal import free_symbols
from . import dtypes as _dtypes
from .broadcasting import (SCALAR_OPS, broadcast_matrix, broadcast_shape, elementwise_op, exact_exponent,
                           exact_in_float64, in_floats, lift, matrix_of)
from .constant_push_down import constant_sum, pushed_down
from .constants import EXPLICIT_CONSTANT_ENTRIES, bound_constant, constant
from .default_graph import Graph, get_default_graph, name_scope, reset_default_graph, unnamed
from .errors import DTypeMismatchError, InvalidArgumentError
from .function_operands import check_reflected_bools
from .integer_wraps import exact_factor, integer_value
from .kernel_dtypes import kernel_dtype_error, matmul_kernel, signed, takes
from .floor_mod import floor_mod, floor_mod_of, floor_mod_of_matrix
from .wide_integer_ops import wide_integer_value
from .folding import real_scalar
from .kernel_functions import uncancelled
from .operations import Operation, run_target
from .program_dtypes import program_dtype
from .recording import recorded
from .tensor_shape import TensorShape, dimension_value, shape_text
from .tensors import OP_TYPES, OpHandle, Tensor, declared_shape, shape_tuple
from .unknown_lengths import fixed_lengths

__all__ = ["Graph", "Tensor", "Operation", "get_default_graph", "reset_default_graph", "as_tensor", "holds_tensors",
           "constant", "bound_constant", "matmul",
           "shape_text", "broadcast_shape", "broadcast_matrix", "matrix_of", "name_scope",
           "binary", "negate", "convert_pair", "program_dtype", "shape_tuple", "TensorShape", "substituted_value",
           "declared_shape", "Holder", "OpHandle", "run_target", "OP_TYPES", "EXPLICIT_CONSTANT_ENTRIES"]


def substituted_value(holder: "Holder", changed: list) -> Tensor:
    """The held tensor for a run that feeds tensors between its inputs: a gradient made with ``refresh`` is
    computed again with the fed tensors as inputs (TF1's: the gradient passes through a fed tensor to its inputs,
    at the fed value); otherwise the values of replaced tensors are substituted into its expression."""
    fed = [(old, new) for old, new in changed if _stands_for(new, old) and old.expr is not None]
    if fed and holder.refresh is not None:
        return holder.refresh(fed)
    original = holder.value
    mapping = {old.expr: new.expr for old, new in changed
               if isinstance(old, Tensor) and old.expr is not None and new.expr is not None and old is not new}
    expr = original.expr.xreplace(mapping) if mapping else original.expr
    if expr is original.expr:
        return original
    return Tensor(expr, original.shape, original.dtype, original.op_name)


substituted_value.substitutes_values = True


def _stands_for(new, old) -> bool:
    """Whether the stand-in ``new`` replaces ``old``: the fed tensor, or the variable whose fed ``v/read:0`` it is
    (ops built from ``v`` read ``v/read`` in TF1: :func:`~.read_snapshots.read_aliases`)."""
    fed = getattr(new, "stands_for", None)
    return fed is old or getattr(fed, "read_of", None) is old


class Holder:
    """Wraps a value in a recipe so that rebuilding does not visit it; ``refresh(fed)``, where given, makes the
    value again for a run that feeds the tensors of ``fed`` (``(tensor, stand-in)`` pairs)."""

    def __init__(self, value, refresh: Callable | None = None):
        self.value = value
        self.refresh = refresh


def as_tensor(value, dtype=None, name: str | None = None) -> Tensor:
    """A tensor as is; a Python or NumPy value as a constant of ``dtype`` named ``name`` (default ``Const``; TF1's
    conversion: a Python float for an integer dtype is a TypeError, even an integral one such as ``2.0``)."""
    if isinstance(value, Tensor):
        if dtype is not None and _dtypes.as_dtype(dtype) != value.dtype:
            raise ValueError(f"Tensor conversion requested dtype {_dtypes.as_dtype(dtype).name} for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return value
    if hasattr(value, "as_input"):  # an assignment's output (tf.assign): the variable after it
        return as_tensor(value.as_input(), dtype, name)
    if isinstance(value, (list, tuple)) and holds_tensors(value):  # TF1 packs it: tf.reduce_mean([loss1, loss2])
        from .concat_ops import stack  # the joining ops build on this module
        return stack([as_tensor(item, dtype if dtype is not None else _packed_dtype(value)) for item in value],
                     name=name or "packed")  # tf.convert_to_tensor([w, 1.0], name="p") is p:0, as TF1 (46b-11)
    return constant(value, dtype=dtype, name=name)


def holds_tensors(value) -> bool:
    """Whether a list or tuple holds a tensor (or an assignment), at any depth."""
    return any(isinstance(item, Tensor) or hasattr(item, "as_input") or
               (isinstance(item, (list, tuple)) and holds_tensors(item)) for item in value)


def _packed_dtype(value):
    """The dtype of the first tensor in a list (its numbers take it, as TF1's packing converts them)."""
    for item in value:
        if isinstance(item, Tensor) or hasattr(item, "as_input"):
            return item.dtype
        if isinstance(item, (list, tuple)) and holds_tensors(item):
            return _packed_dtype(item)
    return None


#: TF1's names of a binary op's two inputs where they are not ``x`` and ``y`` (its dtype errors name them).
_INPUT_NAMES = {"MatMul": ("a", "b")}


def convert_pair(left, right, op: str, names: tuple = (None, None)) -> tuple[Tensor, Tensor]:
    """Both operands of a binary op as tensors of one dtype, as TF1 converts them: a Python or NumPy value
    takes the other operand's dtype (a constant named ``names[0]`` / ``names[1]``, else ``Const``); two tensors of
    different dtypes are a TypeError."""
    if isinstance(left, Tensor) and isinstance(right, Tensor):
        if left.graph is not right.graph:
            raise ValueError(f"{right} must be from the same graph as {left} (in '{op}'): build both in one "
                             "tf.Graph (with graph.as_default():)")
        if left.dtype != right.dtype:
            left_name, right_name = _INPUT_NAMES.get(op, ("x", "y"))
            raise DTypeMismatchError(f"Input '{right_name}' of '{op}' Op has type {right.dtype.name} that does not "
                                     f"match type {left.dtype.name} of argument '{left_name}'. Cast one of them with "
                                     f"tf.cast (a NumPy array is float64 unless made float32: np.float32(...)).")
        return left, right
    if isinstance(right, Tensor):
        if op not in ("Equal", "NotEqual"):  # tf.equal(x=[np.True_, False], y=b) converts x by itself (47a3-2)
            check_reflected_bools(left, right)  # 3. * b: TF1's strict conversion (b * 3. is its logical and)
        return as_tensor(left, right.dtype, names[0]), right
    left = as_tensor(left, name=names[0])
    return left, as_tensor(right, left.dtype, names[1])


#: TF1's op type of each binary op (its error messages name it).
_OP_TYPES = {"add": "Add", "sub": "Sub", "mul": "Mul", "truediv": "RealDiv", "floordiv": "FloorDiv",
             "truncatediv": "TruncateDiv", "floormod": "FloorMod", "pow": "Pow"}
#: Ops that divide by their right operand (a constant zero divisor is bound at run time, where NumPy gives inf/nan).
_DIVISIONS = ("truediv", "floordiv", "truncatediv", "floormod")
#: Ops whose integer result may leave its dtype's range (wrapped at once, as TF1's kernels: integer_wraps.py).
_WRAPPING = ("add", "sub", "mul", "pow")
#: TF1's true division of integers is floating point: small ints to float32, int32 and int64 to float64.
_TRUEDIV_RESULT = {"int8": _dtypes.float32, "uint8": _dtypes.float32, "int16": _dtypes.float32,
                   "uint16": _dtypes.float32, "int32": _dtypes.float64, "int64": _dtypes.float64}


@recorded
def binary(op: str, left, right, name: str | None = None) -> Tensor:
    """The broadcasting binary op ``op`` (a key of ``SCALAR_OPS``) with TF1's dtype rules: true division of
    integers is floating point; ``floordiv``/``truncatediv`` round the quotient (integers stay integers).  A number
    operand is a constant of the op's own name scope, as in TF1 (``x + 1.0`` makes ``add/y`` and ``add``), so it
    takes none of the program's ``Const`` names."""
    with name_scope(name or op) as scope:
        left, right = convert_pair(left, right, _OP_TYPES[op], names=("x", "y"))
        pushed = pushed_down(op, left, right)  # 1 - p + eps: (1 + eps) - p, TF1's graph optimizer's (P37-2)
        if pushed is None:
            expr, shape, dtype = _binary_value(op, left, right, name)
        else:
            expr, shape, dtype = _pushed_value(pushed, name)
    if op in _WRAPPING:
        expr = integer_value(expr, dtype)
    result = Tensor(expr, shape, dtype, scope[:-1], exact_name=True)
    result.operands = (left, right)  # its NodeDef's inputs, a number's constant included (mul/y)
    result.constant_sum = pushed or constant_sum(op, left, right)
    return result


def _bool_operands_when_deferred(op: str, left, right, name=None) -> None:
    """:func:`binary`'s ``check_when_deferred``: TF1's ``TypeError`` for bools given to an op without a bool kernel
    (``b - 1.0``), when the op is built, also where ``b`` is a placeholder without a shape (probe70 P70-8)."""
    check_reflected_bools(left, right)
    op_type = _OP_TYPES.get(op, op)
    bools = [operand for operand in (left, right) if isinstance(operand, Tensor) and operand.dtype == _dtypes.bool]
    if bools and not takes(op_type, "bool"):
        raise kernel_dtype_error(op_type, "bool", f"'{op_type}' of {bools[0].name}: cast it first, e.g. "
                                 f"tf.cast({bools[0].op_name}, tf.int32), or use tf.logical_or / tf.logical_xor")


binary.check_when_deferred = _bool_operands_when_deferred


def _pushed_value(pushed: tuple, name: str | None) -> tuple:
    """``(expression, shape, dtype)`` of ``sign * tensor + number`` (:func:`pushed_down`): ``tensor + number`` or
    ``number - tensor``."""
    sign, tensor, number = pushed
    with unnamed():
        combined = Tensor(number, (), tensor.dtype, "folded")
    if sign > 0:
        return _binary_value("add", tensor, combined, name)
    return _binary_value("sub", combined, tensor, name)


def _binary_value(op: str, left: Tensor, right: Tensor, name: str | None) -> tuple:
    """``(expression, shape, dtype)`` of :func:`binary`'s op on two tensors of one dtype."""
    left, right = fixed_lengths(left, right, _OP_TYPES[op])  # [None] times [2]: TF1's static shape [2]
    dtype = left.dtype
    if op == "pow" and dtype.is_integer and _has_negative(right.expr):  # TF1's kernel refuses (never 2 ** -1 = 0)
        raise InvalidArgumentError(f"Integers to negative integer powers are not allowed ('{name or 'pow'}' of "
                                   f"{left.name} and {right.name}: cast the base to a float first)")
    op_type = _OP_TYPES.get(op, op)
    if dtype == _dtypes.bool and not takes(op_type, "bool"):  # TF1 has no kernel (a bool product is its logical and)
        raise kernel_dtype_error(op_type, "bool", f"'{op_type}' of {left.name} and {right.name}: cast them first, "
                                 f"e.g. tf.cast({left.op_name}, tf.int32), or use tf.logical_or / tf.logical_xor")
    if op == "truediv" and dtype.is_integer:
        dtype = _TRUEDIV_RESULT[dtype.name]
    if dtype == _dtypes.string:
        raise UnsupportedOperationError(f"'{op}' on string tensors is not supported yet by symopt.compat.v1")
    shape = broadcast_shape(left.shape, right.shape, (left, right))
    if op in _DIVISIONS and left.dtype.is_integer and _holds_zero(right.expr):  # TF1's "Integer division by zero"
        right = bound_constant(_constant_array(right), right.dtype, right.op_name)  # when run (feeds.divides_integers)
    wide = wide_integer_value(op, left, right, shape)  # int64 past 2**53
    if wide is not None:
        return wide, shape, dtype
    if op in _DIVISIONS and isinstance(right.expr, sympy.Number) and right.expr.is_zero \
            and not isinstance(left.expr, sympy.Number) and dtype.is_floating:
        right = bound_constant(np.asarray(float(right.expr)), right.dtype, right.op_name)  # x / 0.0: IEEE at run time
    if op == "sub" and exact_in_float64(right) and not isinstance(right.expr, sympy.Number):
        right = in_floats(right, 64)  # negated exactly: NumPy's -x of a uint8 sum is a uint64 near 2**64 (G4)
    if op == "truediv" and left.dtype.is_integer and isinstance(right.expr, sympy.Number) and _computed(left):
        with unnamed():  # uint8 pixels / 255: TF1 casts both to floats, and Grappler makes a division by a constant
            right = Tensor(sympy.Float(right.expr), (), dtype, "folded")  # a product with its reciprocal (P51-4)
        left = in_floats(left, 32 if dtype.name == "float32" else 64)
    if op in _DIVISIONS and left.dtype.is_integer and not isinstance(right.expr, sympy.Number):
        bits = 32 if dtype.name == "float32" else 64  # integers divided by integer tensors: in floats, exactly
        left, right = in_floats(left, bits), in_floats(right, bits)  # same shapes
    if op == "floormod" and dtype.is_floating:  # TF1's exact float remainder (floor_mod.py)
        if shape == ():
            return real_scalar(floor_mod, (left.expr, right.expr), program_dtype(dtype)), (), dtype
        if right.ndim == 0:
            return floor_mod_of(lift(left, shape), right.expr), shape, dtype
        left_matrix = lift(left, shape, (right,))
        return floor_mod_of_matrix(left.expr if left_matrix is None else left_matrix, lift(right, shape, (left,))), \
            shape, dtype
    if shape == ():
        exponent = exact_exponent(right.expr) if op == "pow" else right.expr
        build = SCALAR_OPS[op] if not dtype.is_floating else partial(uncancelled, SCALAR_OPS[op])  # IEEE: P15
        operands = _exact_factors(op, left.expr, exponent, dtype)
        return real_scalar(build, operands, program_dtype(dtype), dtype.name), (), dtype
    folded = _folded_constants(op, left, right, shape, dtype)
    if folded is not None:
        return folded, shape, dtype
    a, b = _exact_factors(op, lift(left, shape, (right,)), lift(right, shape, (left,)), dtype)
    a_scalar = _exact_factors(op, left.expr, None, dtype)[0] if a is None else None
    b_scalar = _exact_factors(op, None, right.expr, dtype)[1] if b is None else None
    return elementwise_op(op, a, b, a_scalar, b_scalar, shape), shape, dtype


#: The float ops :func:`_folded_constants` computes on constant arrays with NumPy.
_NUMPY_OPS = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "truediv": np.true_divide}


def _folded_constants(op: str, left: Tensor, right: Tensor, shape: tuple, dtype):
    """``op`` of two float constants (numbers or explicit matrices) of which one is a vector or matrix, computed as
    TF1's kernel computes it, in the dtype (float16: in float32, rounded to float16): an explicit matrix, or a bound
    array where an entry is not finite or is -0.0 (SymPy's matrix arithmetic computed in more precision, so
    ``c([0.1]) + c([0.2]) == c([0.3])`` was False in float32: probe28 P28-3); None for anything else.  A division of
    a constant of more than :data:`EXPLICIT_CONSTANT_ENTRIES` entries (bound as an array, or its cast to floats) is
    folded too, as TF1's graph optimizer folds it: the exact quotient, not the product with the divisor's reciprocal
    that a division of a tensor computed at run time is (probe51 P51-4)."""
    if op not in _NUMPY_OPS or not dtype.is_floating:
        return None
    arrays = [_constant_entries(tensor, bound=op == "truediv") for tensor in (left, right)]
    if any(array is None for array in arrays):
        return None
    with np.errstate(all="ignore"):
        value = _NUMPY_OPS[op](*(array.astype(program_dtype(dtype)) for array in arrays)).astype(dtype.name)
    value = np.broadcast_to(value, shape_tuple(shape))
    if value.size > EXPLICIT_CONSTANT_ENTRIES or not np.isfinite(value).all() or \
            np.any((value == 0) & np.signbit(value)):
        with unnamed():
            return bound_constant(value, dtype, "folded").expr
    matrix = value.reshape(value.shape[0], -1) if value.ndim == 2 else value.reshape(-1, 1)
    return sympy.ImmutableMatrix(matrix.tolist())


def _computed(tensor: Tensor) -> bool:
    """Whether ``tensor`` is computed when the graph runs (it reads a placeholder or a variable); one known when the
    graph is built (a constant, ``tf.fill``, ``tf.range``, a reshape of a constant) is folded by TF1's graph
    optimizer, so its division by a number is the exact quotient (final40b F40b-1)."""
    constants = get_default_graph().constants
    return any(symbol not in constants for symbol in free_symbols([tensor.expr]))


def _constant_entries(tensor: Tensor, bound: bool = False):
    """The value of a float constant in its TF shape (a number, or an explicit matrix of numbers), else None.
    ``bound``: a constant bound as an array (more than :data:`EXPLICIT_CONSTANT_ENTRIES` entries), or its cast from
    integers to floats, counts too."""
    expr = tensor.expr
    if isinstance(expr, sympy.Number):
        return np.asarray(float(expr))
    if bound:
        inner = expr.args[0] if isinstance(expr, AsFloat) else expr
        array = get_default_graph().constants.get(inner)
        if array is not None and None not in tuple(tensor.shape):
            return np.asarray(array).reshape(shape_tuple(tensor.shape))
    if not isinstance(expr, sympy.ImmutableMatrix) or not all(isinstance(e, sympy.Number) for e in expr) \
            or None in tuple(tensor.shape):
        return None
    return np.array([float(e) for e in expr]).reshape(shape_tuple(tensor.shape))


def _exact_factors(op: str, left, right, dtype) -> tuple:
    """The operands ``(left, right)`` (expressions, or None) of ``op``: the factors of a product of small integers
    (a product, a power's base) in int64, exact past 2**53 (:func:`~symopt.compat.v1.integer_wraps.exact_factor`)."""
    if op == "mul":
        return exact_factor(left, dtype), exact_factor(right, dtype)
    if op == "pow":
        return exact_factor(left, dtype), right
    return left, right


def _entries(expr) -> list:
    """The entries of a constant: those of an explicit matrix, or the number itself."""
    return list(expr) if isinstance(expr, sympy.ImmutableMatrix) else [expr]


def _holds_zero(expr) -> bool:
    """Whether ``expr`` is a constant (a number or an explicit matrix) that holds a zero entry."""
    return any(isinstance(e, sympy.Number) and e.is_zero for e in _entries(expr))


def _constant_array(tensor: Tensor) -> np.ndarray:
    """The value of a constant tensor whose expression is a number or an explicit matrix, in its TF shape."""
    return np.array([int(e) for e in _entries(tensor.expr)]).reshape(shape_tuple(tensor.shape))


def _has_negative(expr) -> bool:
    """Whether a constant exponent (a number or an explicit matrix) holds a negative entry."""
    return any(e.is_number and e.is_negative for e in _entries(expr))


@recorded
def negate(x, name: str | None = None) -> Tensor:
    """``-x`` (TF1's ``Neg``)."""
    x = signed(as_tensor(x), "Neg")
    expr = in_floats(x, 64).expr if exact_in_float64(x) else x.expr  # as a subtrahend (_binary_value)
    if x.ndim:
        expr = scale(-1, expr)
    else:  # -0.0 of a float constant 0.0, as TF1
        expr = real_scalar(operator.neg, (expr,), program_dtype(x.dtype)) if x.dtype.is_floating else -expr
    return Tensor(integer_value(expr, x.dtype), x.shape, x.dtype, name or "Neg")


@recorded
def matmul(a, b, transpose_a: bool = False, transpose_b: bool = False, name: str | None = None) -> Tensor:
    """``tf.matmul``: the product of two rank-2 tensors, either one transposed first."""
    a, b = convert_pair(a, b, "MatMul")
    op = name or "MatMul"
    matmul_kernel(a, b, op)  # bools (P81-2), int8, unsigned (46b-8)
    if a.ndim != 2 or b.ndim != 2:
        rank = a.ndim if a.ndim != 2 else b.ndim
        raise ValueError(f"Shape must be rank 2 but is rank {rank} for '{op}' (op: 'MatMul') with input shapes: "
                         f"{shape_text(a.shape)}, {shape_text(b.shape)}.")
    left, left_shape = (transpose(a.expr), a.shape[::-1]) if transpose_a else (a.expr, a.shape)
    right, right_shape = (transpose(b.expr), b.shape[::-1]) if transpose_b else (b.expr, b.shape)
    inner_left, inner_right = dimension_value(left_shape[1]), dimension_value(right_shape[0])
    if inner_left is not None and inner_right is not None and inner_left != inner_right:
        raise ValueError(f"Dimensions must be equal, but are {inner_left} and {inner_right} for '{op}' (op: 'MatMul') "
                         f"with input shapes: {shape_text(a.shape)}, {shape_text(b.shape)}.")
    if (inner_left is None) != (inner_right is None):
        raise ValueError(f"the inner dimensions of '{op}' must both be known or both be the batch size; given "
                         f"input shapes {shape_text(a.shape)}, {shape_text(b.shape)}")
    number, right = grouped_operand(exact_factor(right, a.dtype))  # tf.matmul(x, tf.matmul(W, v)): W @ v first
    product = matmul_expr(number, exact_factor(left, a.dtype), right)  # int32: exact past 2**53
    return Tensor(integer_value(product, a.dtype), (left_shape[0], right_shape[1]), a.dtype, op)

"""TF's broadcasting on symopt's matrices: shapes, lifting a tensor to a broadcast shape with all-ones
products, and the elementwise binary ops (``add`` ... ``floormod``, ``pow``) as SymPy matrix expressions.

Tensors are duck-typed here (``expr`` and ``ndim``): a rank-1 tensor is an ``(n, 1)`` column inside and is
aligned as a row against a matrix, as TF aligns trailing dimensions.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import sympy
from sympy import OneMatrix

from ...errors import UnsupportedOperationError
from ...functions import in_float
from ...nodes import elementwise, hadamard, matadd, matmul as matmul_expr, power, scale, transpose
from ...symbols import BATCH
from .kernel_functions import kernel_pow
from .tensor_shape import dimension_value

__all__ = ["broadcast_shape", "broadcast_matrix", "matrix_of", "lift", "dim", "matrix_dims", "matrix_layout",
           "elementwise_op", "exact_exponent", "truncate", "SCALAR_OPS", "in_floats"]


def dim(d):
    return BATCH if d is None else sympy.Integer(d)


def broadcast_shape(a: tuple, b: tuple, operands: tuple = ()) -> tuple:
    """The shape TF broadcasting gives two shapes (ValueError when they do not broadcast); ``operands``, the two
    tensors of those shapes where known, let a refusal name the placeholder whose None meets a fixed size."""
    result = []
    for x, y in itertools.zip_longest(reversed(a), reversed(b), fillvalue=1):
        if x == 1:
            result.append(y)
        elif y == 1 or x == y:
            result.append(x)
        elif x is None or y is None:  # TF1 would check the sizes when the graph runs
            size = x if y is None else y
            batch = _batch_placeholders(operands[0 if x is None else 1]) if operands else ""
            raise UnsupportedOperationError(
                f"a dimension of unknown size (None) against one of size {size} (shapes {a} and {b}): "
                "symopt.compat.v1 reads every None dimension as the batch size (the rows fed to a [None, ...] "
                f"placeholder), so it cannot match a fixed size. If that None is the batch of {batch or 'a placeholder'}"
                f" fed with other rows than the {size} here (a prediction grid against a training batch of {size}), "
                "the two cannot meet in one op: fetch both and compare them in NumPy (an accuracy as "
                f"np.mean(a == b)); else declare {batch or 'that placeholder'} with its size in this dimension")
        else:
            raise ValueError(f"Dimensions must be equal, but are {x} and {y} for shapes {a} and {b}")
    return tuple(reversed(result))


def _batch_placeholders(tensor) -> str:
    """The placeholders with a None dimension that ``tensor`` reads, named as TF1 prints them (``'grid:0'``,
    ``'grid:0' or 'x:0'``), or "" when none is found."""
    graph = getattr(tensor, "graph", None)
    expr = getattr(tensor, "expr", None)
    if graph is None or not isinstance(expr, sympy.Basic):
        return ""
    found = [graph.placeholders[s] for s in expr.free_symbols if s in graph.placeholders]
    names = sorted({p.name for p in found if None in tuple(dimension_value(d) for d in p.shape)})
    return " or ".join(repr(name) for name in names)


def as_2d(tensor: Tensor):
    """The tensor as a 2-D expression with TF's alignment (a rank-1 tensor is a row)."""
    if tensor.ndim == 1:
        return transpose(tensor.expr)
    return tensor.expr


def lift(tensor: Tensor, shape: tuple, among: tuple = ()):
    """Broadcast ``tensor`` to the (rank ≥ 1) ``shape``, as a matrix in symopt's layout.  A tensor of that very
    shape is itself, whatever its ``None`` dimensions hold (``tf.reshape(H, [-1])`` of a ``[None, 2]`` ``H`` has
    ``2m`` entries, not the batch size ``m``; b-probe B12).  ``among``: the operands broadcast together with it, of
    which one with a ``None`` dimension gives its size (``h - tf.reduce_mean(h, 0)`` of ``[2m, 2]`` rows of a
    ``tf.reshape(..., [-1, 2])`` lifts the mean onto ``2m`` rows, not ``m``: probe38 P38-1)."""
    if tensor.ndim == 0:
        return None
    rows, cols = matrix_layout(shape, (tensor, *among))  # refuses operands of different row counts
    if [dimension_value(d) for d in tensor.shape] == [dimension_value(d) for d in shape]:
        return tensor.expr
    if len(shape) == 1:
        expr = tensor.expr
        return expr if expr.shape == (rows, cols) else matmul_expr(OneMatrix(rows, 1), expr)
    expr = as_2d(tensor)
    if expr.shape[0] != rows:
        expr = matmul_expr(OneMatrix(rows, 1), expr)
    if expr.shape[1] != cols:
        expr = matmul_expr(expr, OneMatrix(1, cols))
    return expr


def matrix_layout(shape: tuple, operands: tuple = ()) -> tuple:
    """The ``(rows, columns)`` of a matrix of the TF ``shape`` (rank 1 or 2) in symopt's layout.  A ``None``
    dimension is the batch size ``m`` unless an operand of a ``None`` size there holds another count: the rows of
    ``tf.reshape(H, [-1, k])`` are ``(columns of H / k) * m``, and a row broadcast onto them must repeat as often
    (else its gradient sums over ``m`` of them only: probe38 P38-1).  Operands whose ``None`` dimensions hold
    different counts (``m`` rows against ``2m``) cannot meet (TF1 fails when it runs): UnsupportedOperationError."""
    dims = list(matrix_dims(shape))
    for axis, size in enumerate(shape if len(shape) == 2 else (shape[0], 1)):
        if dimension_value(size) is not None:
            continue
        held = {}
        for operand in operands:
            own = _own_dimension(operand, axis, len(shape))
            if own is not None:
                held.setdefault(own, operand)
        if len(held) > 1:
            names = ", ".join(f"{getattr(t, 'name', 'a tensor')} ({count})" for count, t in held.items())
            raise UnsupportedOperationError(
                f"operands whose unknown (None) dimension {axis} holds different counts meet in one elementwise op: "
                f"{names}, where m is the batch size (the rows fed to a [None, ...] placeholder) and k*m the rows of "
                "a tf.reshape(..., [-1, n]) of k*n entries per example; TF1 fails when it runs (Incompatible "
                "shapes). Reshape one of them so that both hold the same rows (tf.reshape(t, [-1, n]) of the "
                "per-example tensor), or combine them per step before flattening")
        if held:
            dims[axis] = next(iter(held))
    return tuple(dims)


def _own_dimension(operand, axis: int, rank: int):
    """The size the expression of ``operand`` holds in the broadcast's ``axis`` (of a ``rank``-1 or -2 result), where
    its TF shape has ``None`` there; None where it is known or the operand does not reach that axis."""
    ndim = getattr(operand, "ndim", 0)
    expr = getattr(operand, "expr", None)
    if not ndim or not hasattr(expr, "shape"):
        return None
    own_axis = axis - (rank - ndim)  # TF aligns the trailing dimensions
    if own_axis < 0 or dimension_value(operand.shape[own_axis]) is not None:
        return None
    return expr.shape[0] if ndim == 1 else expr.shape[own_axis]


def broadcast_matrix(tensor: Tensor, shape: tuple, among: tuple = ()):
    """``tensor`` broadcast to the rank-1 or rank-2 ``shape``, as a matrix in symopt's layout (``among``: as for
    :func:`lift`)."""
    lifted = lift(tensor, shape, among)
    return lifted if lifted is not None else scale(tensor.expr, OneMatrix(*matrix_layout(shape, among)))


def matrix_of(tensor: Tensor):
    """The tensor's matrix in symopt's layout; a scalar becomes a 1 x 1 matrix."""
    return tensor.expr if tensor.ndim else scale(tensor.expr, OneMatrix(1, 1))


def in_floats(tensor: Tensor, bits: int) -> SimpleNamespace:
    """An integer operand as floats of ``bits`` (an operand for :func:`lift` and the scalar rules, not a new tensor
    of the graph): integer tensors divided by integer tensors are computed in floats (exact for int32), where
    NumPy's integer ``J**-1`` would raise."""
    expr = tensor.expr
    floated = elementwise(lambda v: in_float(v, bits), expr) if tensor.ndim else in_float(expr, bits)
    return SimpleNamespace(expr=floated, ndim=tensor.ndim, shape=tensor.shape, dtype=tensor.dtype)


def exact_in_float64(tensor) -> bool:
    """Whether ``tensor`` is of an integer dtype every value of which float64 holds exactly (at most 32 bits: 64-bit
    integers past 2**53 would merge with their neighbours)."""
    return tensor.dtype.is_integer and tensor.dtype.max <= 2 ** 53


def truncate(q):
    return sympy.sign(q) * sympy.floor(sympy.Abs(q))


#: Scalar rules of the binary ops, and what each does to the quotient/result afterwards.
SCALAR_OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "truediv": lambda a, b: a / b,
    "floordiv": lambda a, b: sympy.floor(a / b),
    "truncatediv": lambda a, b: truncate(a / b),
    "floormod": lambda a, b: a - sympy.floor(a / b) * b,
    "pow": lambda a, b: a ** b if b.is_number else kernel_pow(a, b),  # a tensor exponent: TF1's _PowGrad
}


def filled_matrix(scalar, shape):
    return scale(scalar, OneMatrix(*matrix_dims(shape)))


def elementwise_op(op: str, a, b, a_scalar, b_scalar, shape):
    """The broadcast op on matrices; ``a``/``b`` are None where that operand is the scalar ``a_scalar``/``b_scalar``."""
    if op == "mul":
        if a_scalar is not None:
            return scale(a_scalar, b)
        if b_scalar is not None:
            return scale(b_scalar, a)
        return hadamard(a, b)
    if op in ("truediv", "floordiv", "truncatediv", "floormod"):
        if b_scalar is not None:
            quotient = scale(1 / b_scalar, a)
        else:
            quotient = hadamard(a if a is not None else _filled_like(a_scalar, b, shape), power(b, -1))
        if op == "floordiv":
            return elementwise(sympy.floor, quotient)
        if op == "truncatediv":
            return elementwise(truncate, quotient)
        if op == "floormod":
            a = a if a is not None else _filled_like(a_scalar, b, shape)
            floored = elementwise(sympy.floor, quotient)
            return matadd(a, scale(-1, scale(b_scalar, floored) if b_scalar is not None else hadamard(floored, b)))
        return quotient
    if op == "pow":
        if b_scalar is None:
            raise UnsupportedOperationError(
                "tf.pow with a vector or matrix of exponents is not supported yet by symopt.compat.v1 (a number or "
                "a scalar tensor exponent is); for powers of a feature column (polynomial features) write one "
                "tf.pow per power and join them: tf.concat([tf.pow(x, float(k)) for k in range(1, 4)], 1); for a "
                "positive base write tf.exp(y * tf.log(x)) (NaN where x < 0), e.g. the discount factors 0.9 ** t as "
                "tf.exp(t * math.log(0.9))")
        if not b_scalar.is_number:  # a scalar tensor exponent: TF1's _PowGrad (log of the base where it is > 0)
            return elementwise(lambda value: kernel_pow(value, b_scalar), a)
        return power(a, exact_exponent(b_scalar))
    a = a if a is not None else _filled_like(a_scalar, b, shape)
    b = b if b is not None else _filled_like(b_scalar, a, shape)
    return matadd(a, b) if op == "add" else matadd(a, scale(-1, b))


def _filled_like(scalar, other, shape):
    """``scalar`` in every entry of a matrix of ``other``'s own layout (its ``None`` dimensions may hold more than
    the batch size), or of ``shape``."""
    return scale(scalar, OneMatrix(*other.shape)) if other is not None else filled_matrix(scalar, shape)


def exact_exponent(exponent):
    """An integral float exponent (``tf.pow(x, 2)`` on floats) as an exact integer, so ``x**2`` is a product."""
    if isinstance(exponent, sympy.Float) and float(exponent).is_integer():
        return sympy.Integer(int(exponent))
    return exponent


def matrix_dims(shape):
    if len(shape) == 1:
        return dim(shape[0]), sympy.Integer(1)
    return dim(shape[0]), dim(shape[1])

r"""What :mod:`symopt.ops` functions take: symbolic operands (an array is refused, naming the NumPy function that
computes it on numbers), scalars, and axes as NumPy reads them for a 2-D array (a rank-1 operand's one axis)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import ItemsView, Iterator, KeysView, ValuesView

import numpy
import sympy
from sympy import OneMatrix

from . import nodes
from .errors import ShapeError, UnsupportedOperationError
from .keyword_advice import OPS_ADVICE, refusing_unknown_keywords
from .matrix_shapes import short
from .reductions import operand_axis, rank_one

__all__ = ["NUMPY_FORMS", "MOST_SYMBOLIC_BLOCK_ENTRIES", "symbolic_operands", "explicit_operand", "scalar_operand", "checked_axis", "spread_along"]


#: The NumPy function that computes, on numbers, what a ``symopt.ops`` function builds as an expression.
NUMPY_FORMS = {"sum": "numpy.sum(x, axis, keepdims=True)", "mean": "numpy.mean(x, axis, keepdims=True)",
               "tanh": "numpy.tanh(x)", "exp": "numpy.exp(x)", "log": "numpy.log(x)", "sqrt": "numpy.sqrt(x)",
               "abs": "numpy.abs(x)", "square": "numpy.square(x)", "power": "numpy.power(x, p)",
               "relu": "numpy.maximum(x, 0)", "hadamard": "a * b"}


def symbolic_operands(build):
    """``build`` refusing arrays and lists (anything with ``__array__`` that is not SymPy's, of one or more entries):
    ``symopt.ops`` builds expressions of symbols, and ``mean`` of an array handed it back unchanged (a learner's
    ``ops.mean(predicted == labels)`` was the boolean array, not the accuracy)."""
    name = build.__name__
    build = refusing_unknown_keywords(build, advice=OPS_ADVICE, name=f"symopt.ops.{name}")  # dim=, keepdims= (P30-3)

    variadic = any(parameter.kind is parameter.VAR_POSITIONAL
                   for parameter in inspect.signature(build).parameters.values())

    @functools.wraps(build)
    def checked(*operands, **options):
        for position, operand in enumerate(operands, start=1):
            if _numbers(operand):
                raise _refused_operand(name, position, operand, variadic)
        return build(*(explicit_operand(operand, name) for operand in operands), **options)
    return checked


def _refused_operand(name: str, position: int, operand, variadic: bool) -> UnsupportedOperationError:
    """The refusal of an array or list ``operand``: a list holding expressions (``ops.l2_penalty([W1, W2])``, as
    ``tf.add_n`` takes it: probe68 P68-7) is told to pass them one by one; numbers, to use NumPy or a Placeholder."""
    where = f"symopt.ops.{name}: operand {position} is a {type(operand).__name__}"
    if not isinstance(operand, (list, tuple)) and not hasattr(operand, "__array__"):
        operand = list(operand)  # a generator, set or view: its entries named (final43a F43a-6)
    if isinstance(operand, (list, tuple)) and _holds_expressions(operand):
        names = ", ".join(short(entry) for entry in operand[:4]) + (", ..." if len(operand) > 4 else "")
        fix = (f"pass them as separate arguments, symopt.ops.{name}({names}) (symopt.ops.{name}(*weights) for a list "
               "named weights)") if variadic else \
            f"apply it to each one ([symopt.ops.{name}(W) for W in weights]" + \
            ("; sum(...) of those for a total)" if name in _REDUCTIONS else ")")
        kind = "expression" if all(isinstance(entry, _SYMBOLIC) for entry in operand) else "entr"
        count = f"{len(operand)} {kind}" + {("expression", False): "s", ("entr", False): "ies",
                                             ("entr", True): "y"}.get((kind, len(operand) == 1), "")
        return UnsupportedOperationError(f"{where} of {count} ({names}), where one symbolic expression is expected: "
                                         f"{fix}.")
    try:
        shape = tuple(numpy.shape(operand))
    except ValueError:  # a ragged list: NumPy cannot give it a shape
        shape = None
    given = f"of {len(operand)} entries of different lengths" if shape is None else f"of shape {shape}"
    numbers = NUMPY_FORMS.get(name, f"symopt.evaluate(symopt.ops.{name}(X), {{X: array}})")
    return UnsupportedOperationError(
        f"{where} {given}, where a symbolic expression is expected (ops build expressions of symbols, they compute "
        f"nothing). For numbers use {numbers}; to make it part of a model, make it a symopt.Placeholder('M', "
        f"{shape or '(rows, cols)'}) and feed the array when evaluating (a symopt.Variable if it is a parameter).")


def explicit_operand(operand, name: str = "ops"):
    """A SymPy matrix or array ``operand`` as the ``ImmutableMatrix`` matrix expressions take: a mutable or sparse
    ``sympy.Matrix``, an ``Array`` of rank 1 (the column (n, 1)) or 2, a ``BlockMatrix`` of numeric shape written
    out.  A mutable matrix inside an expression cannot be hashed, and SymPy's own classes have no derivative rule
    (probe57 P57-1, P57-8: ``ops.sum(sympy.Matrix([w**2, b]))`` crashed and its gradient was called zero).  An array
    of rank 3 or more, and a block matrix of batch-sized blocks or of more than :data:`MOST_SYMBOLIC_BLOCK_ENTRIES`
    entries of matrix symbols, are refused naming what to pass instead."""
    if isinstance(operand, sympy.MatrixBase) and not isinstance(operand, sympy.ImmutableDenseMatrix):
        return sympy.ImmutableMatrix(operand)
    if isinstance(operand, sympy.NDimArray):
        return _array_operand(operand, name)
    if isinstance(operand, sympy.BlockMatrix):
        return _block_operand(operand, name)
    return operand


#: The most entries a ``BlockMatrix`` holding matrix symbols is written out with (entry by entry).
MOST_SYMBOLIC_BLOCK_ENTRIES = 256


def _array_operand(array, name: str):
    if array.rank() == 0:
        return array[()]
    if array.rank() > 2:
        raise ShapeError(f"symopt.ops.{name}: expected a matrix (at most 2 axes); given a sympy.Array of shape "
                         f"{array.shape}. symopt's matrices are 2-D: pass one 2-D slice of it (array[0, :, :]) as "
                         "sympy.ImmutableMatrix(slice.tolist()), or reduce the axes one at a time.")
    rows = array.tolist() if array.rank() == 2 else [[entry] for entry in array.tolist()]
    return sympy.ImmutableMatrix(rows)


def _block_operand(block, name: str):
    """A ``BlockMatrix`` written out entry by entry: one of a size that is a number, and, if a block is a matrix
    symbol, of at most :data:`MOST_SYMBOLIC_BLOCK_ENTRIES` entries (larger, each entry a scalar of its own made the
    gradient and the code grow with the entries: final41d F41d-6)."""
    rows, cols = (sympy.sympify(size) for size in block.shape)
    numeric = rows.is_Integer and cols.is_Integer
    if numeric and (rows * cols <= MOST_SYMBOLIC_BLOCK_ENTRIES or not block.atoms(sympy.MatrixSymbol)):
        return sympy.ImmutableMatrix(block.as_explicit())
    why = ("a size that is not a number, so it cannot be written out" if not numeric else
           f"{rows * cols} entries of matrix symbols, too many to write out one by one "
           f"(at most {MOST_SYMBOLIC_BLOCK_ENTRIES})")
    raise UnsupportedOperationError(
        f"symopt.ops.{name}: expected a matrix expression symopt differentiates; given the sympy.BlockMatrix "
        f"{short(block)} of shape ({rows}, {cols}), which has no derivative rule in symopt and {why}. Apply the op "
        "to each block and combine the results (for a sum: symopt.ops.sum(A) + symopt.ops.sum(B)).")


_SYMBOLIC = (sympy.Basic, sympy.MatrixBase)
_REDUCTIONS = {"sum", "mean", "l2_penalty", "max", "min", "prod", "logsumexp", "norm"}


def _holds_expressions(entries) -> bool:
    """Whether a (nested) list holds a SymPy expression anywhere (``[[W1]]``: NumPy would iterate its entries)."""
    return any(isinstance(entry, _SYMBOLIC) or isinstance(entry, (list, tuple)) and _holds_expressions(entry)
               for entry in entries)


def _numbers(operand) -> bool:
    if isinstance(operand, (list, tuple, set, frozenset, KeysView, ValuesView, ItemsView, Iterator)):
        return True
    symbolic = isinstance(operand, (sympy.Basic, sympy.MatrixBase))  # sympy.Matrix: an explicit constant matrix
    return hasattr(operand, "__array__") and not symbolic and numpy.ndim(operand) > 0


def scalar_operand(value):
    """``value`` as a commutative SymPy scalar, or None (a string is never parsed)."""
    try:
        scalar = sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError):
        return None
    return scalar if isinstance(scalar, sympy.Expr) and scalar.is_commutative else None


def spread_along(reduced, like, axis):
    """``reduced`` (a row or column of ``like``'s reduction along ``axis``) spread back to ``like``'s shape."""
    rows, cols = like.shape
    return nodes.matmul(OneMatrix(rows, 1), reduced) if axis == 0 else nodes.matmul(reduced, OneMatrix(1, cols))


def checked_axis(x, axis, name: str) -> int:
    """:func:`~symopt.reductions.operand_axis`, and ``axis=-1`` of a column of n > 1 entries refused: NumPy's last axis
    of a 1-D array is its entries, but an expression built from a rank-1 parameter is the column (n, 1), whose last
    axis holds one entry (``ops.sum(2 * z, axis=-1)`` would hand back ``2 * z``: final39a F39a-2)."""
    internal = operand_axis(x, axis, name)
    rows, cols = (sympy.sympify(d) for d in x.shape)
    if not rank_one(x) and int(axis) == -1 and cols == 1 and rows.is_Integer and rows > 1:
        raise ShapeError(f"{name} of {short(x)} (shape ({rows}, 1)) along axis -1: that axis holds one entry, so the "
                         f"{name} would run over each entry alone. A rank-1 parameter (n,) is the column (n, 1) inside the "
                         f"expressions built from it: pass axis=0 for its {rows} entries (axis=1 if one entry per "
                         "row is meant).")
    return internal

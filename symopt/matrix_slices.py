r"""Slices of symbolic matrices, counted and bounded as NumPy slices them.

A slice ``A[start:stop:step, :]`` picks the rows :math:`start, start + step, \dots` below :math:`stop`:
:math:`\lceil (stop - start) / step \rceil` of them.  SymPy 1.14's ``MatrixSlice`` counts
:math:`\lfloor (stop - start) / step \rfloor` (``A[::2, :]`` of 3 rows: 1 row, NumPy 2), while the generated
code slices with NumPy; so every mean, shape check and gradient that read the count was off.
:func:`install` gives every ``MatrixSlice`` NumPy's count (:func:`slice_shape`), lets a slice of a slice
(``A[::2, :][0:2, :]``) stop at its parent's end, and makes every matrix expression's ``[...]`` (not only
symopt's symbols: ``(A @ v)[::2, :]``) take NumPy's bounds on a known axis (``A[0:9, :]`` of 5 rows is all 5,
``A[-9:2, :]`` the first 2) and refuse what SymPy cannot represent (a negative step, an empty slice, an int
out of range) with :class:`~symopt.errors.IndexingError`.
"""

from __future__ import annotations

import operator

import sympy
from sympy import MatrixSymbol
from sympy.matrices import MatrixBase
from sympy.matrices.expressions import slice as sympy_slice
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr
from sympy.matrices.expressions.slice import MatrixSlice

from .errors import IndexingError

__all__ = ["slice_shape", "axis_count", "numpy_bounds", "index_text", "refuse_index", "install"]


def axis_count(start, stop, step):
    r"""How many of :math:`start, start + step, \dots` lie below :math:`stop`: :math:`\lceil (stop - start) / step
    \rceil` (symbolic for the batch size :math:`m`, e.g. ``ceiling(m/2)``)."""
    length = stop - start
    return length if step == 1 else sympy.ceiling(sympy.sympify(length) / step)


def slice_shape(matrix_slice) -> tuple:
    """The shape of ``A[r0:r1:rs, c0:c1:cs]`` as NumPy's: :func:`axis_count` of the rows and of the columns."""
    return axis_count(*matrix_slice.rowslice), axis_count(*matrix_slice.colslice)


def index_text(part) -> str:
    """One index as Python writes it: ``0``, ``1:3``, ``::-1``, ``...``."""
    if isinstance(part, slice):
        text = ":".join("" if bound is None else str(bound) for bound in (part.start, part.stop))
        return text if part.step is None else f"{text}:{part.step}"
    return "..." if part is Ellipsis else str(part)


def refuse_index(matrix, key) -> IndexingError:
    """The error for an index SymPy's matrix expressions do not take, naming the shape and what they do take."""
    rows, cols = matrix.shape
    written = ", ".join(map(index_text, key if isinstance(key, tuple) else (key,)))
    text = str(matrix) if isinstance(matrix, sympy.MatrixSymbol) else f"({matrix})"
    name = text if len(text) <= 40 else text[:36] + "...)"
    reversed_ = any(isinstance(part, slice) and isinstance(part.step, int) and part.step < 0
                    for part in (key if isinstance(key, tuple) else (key,)))
    advice = (" A negative step (reversed order) is not supported on a symbolic matrix: reverse the data in NumPy "
              "before feeding it, or write the reversal as a product with a constant 0/1 matrix."
              if reversed_ else "")
    return IndexingError(
        f"{name}[{written}]: not an index of the {rows} x {cols} matrix {name}. Use ints in range, non-empty "
        f"slices with a positive step and one index per axis ({name}[i, j], {name}[a:b, :]).{advice}")


def numpy_bounds(part, size):
    """A slice on an axis of known ``size`` with NumPy's bounds (``slice.indices``: a start or stop past either
    end is clipped to it), a slice on the batch axis, or an int, unchanged; None for a slice NumPy reads as
    empty or with a negative step (refused: SymPy's slices have neither).  A negative int counts from the end, as
    in NumPy: ``W[-1, 0]`` of 3 rows is the entry ``W[2, 0]`` (SymPy kept ``W[-1, 0]``, another symbol to it)."""
    known = getattr(sympy.sympify(size), "is_Integer", False)
    if known and not isinstance(part, (slice, bool)) and hasattr(part, "__index__") and \
            -int(size) <= operator.index(part) < 0:
        return operator.index(part) + int(size)
    if not isinstance(part, slice) or not known:
        return part
    bounds = (part.start, part.stop, part.step)
    if not all(bound is None or isinstance(bound, int) or getattr(bound, "is_Integer", False) for bound in bounds):
        return part  # a symbolic bound: SymPy's own checks
    start, stop, step = slice(*(None if b is None else int(b) for b in bounds)).indices(int(size))
    if step < 0 or stop <= start:
        return None
    return slice(start, stop, step)


def _numpy_getitem(original):
    def __getitem__(self, key):
        written = key
        parts = (key, slice(None)) if isinstance(key, slice) else key if isinstance(key, tuple) else None
        if parts is not None and len(parts) == 2:
            bounded = tuple(numpy_bounds(part, size) for part, size in zip(parts, self.shape))
            if None in bounded:
                raise refuse_index(self, written)
            key = bounded
        if _is_entry_of_compound_scalar(self, key):
            return MatrixElement(self, 0, 0)  # SymPy would expand (xᵀAx)[0, 0] into its n² products of entries
        try:
            return original(self, key)
        except (IndexError, ValueError, TypeError) as error:
            if isinstance(error, IndexingError):
                raise
            raise refuse_index(self, written) from None
    __getitem__.__doc__ = original.__doc__
    return __getitem__


def _is_entry_of_compound_scalar(matrix, key) -> bool:
    """``key`` is the one entry (``[0, 0]`` or ``[-1, -1]``) of a 1 x 1 matrix expression that is not a symbol
    or an explicit matrix (a product such as :math:`x^\\top A x`)."""
    if not (isinstance(key, tuple) and len(key) == 2) or isinstance(matrix, (MatrixSymbol, MatrixBase)):
        return False
    if tuple(matrix.shape) != (1, 1):
        return False
    return all(not isinstance(part, (slice, bool)) and hasattr(part, "__index__") and operator.index(part) in (0, -1)
               for part in key)


def _slice_of_slice(outer, inner):
    r"""``A[outer][inner]`` as one slice of ``A``: rows :math:`s_1 + t_1 (s_2 + j t_2)` for :math:`s_2 + j t_2 <
    e_2`, stopping at the outer stop where :math:`s_1 + t_1 e_2` lies past it (SymPy refused that)."""
    start1, stop1, step1 = outer
    start2, stop2, step2 = inner
    stop = start1 + step1 * stop2
    if (stop > stop1) == True:  # noqa: E712 (SymPy's three-valued comparison)
        stop = stop1
    return start1 + start2 * step1, stop, step1 * step2


def install() -> None:
    """Give SymPy's ``MatrixSlice`` NumPy's count and every matrix expression's ``[...]`` NumPy's bounds
    (idempotent)."""
    if getattr(MatrixSlice, "_symopt_numpy_count", False):
        return
    MatrixSlice.shape = property(slice_shape)
    sympy_slice.slice_of_slice = _slice_of_slice
    MatrixExpr.__getitem__ = _numpy_getitem(MatrixExpr.__getitem__)
    MatrixSlice._symopt_numpy_count = True

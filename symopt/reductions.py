r"""Matrix nodes for evaluating models: maxima, arg-maxima, comparisons, one-hot codes, reshapes.

=======================  ===========================================  ====================================
node                     value                                        adjoint
=======================  ===========================================  ====================================
:class:`ReduceMax`       :math:`\max_i A_{ij}` along axes, kept dims  to the maxima, split among ties (TF1)
:class:`ArgMax`          index of the first maximum, kept dims        none (not differentiable)
:class:`Equal`           :math:`[A_{ij} = B_{ij}]` as 1.0 / 0.0       none
:class:`MaximumMask`     ``ReduceMax``'s :math:`[A = \max A]`          0 (so second derivatives exist)
:class:`OneHot`          :math:`[\,k_i = j\,]`, shape ``(n, depth)``  none
:class:`AsFloat`         the entries in the program's float dtype     the identity
:class:`Reshape`         row-major (C order) reshape                  the reshape back
=======================  ===========================================  ====================================

Each node prints itself through ``_symopt_code(printer)`` as readable NumPy
(``numpy.argmax(a, axis=1, keepdims=True)``) and never simplifies itself away.
The adjoint functions here are entries of :data:`symopt.calculus.ADJOINT_RULES`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy
from sympy import MatrixExpr, OneMatrix

from .errors import ShapeError, UnsupportedOperationError
from .nodes import AxisReduction, hadamard, matmul, power

__all__ = ["matrix_axis", "operand_axis", "rank_one", "ReduceMax", "ArgMax", "FirstMaximum", "Equal", "MaximumMask", "OneHot", "AsFloat", "Reshape",
           "reduce_max_adjoint", "as_float_adjoint", "reshape_adjoint", "mask_adjoint", "no_adjoint"]


def matrix_axis(axis, operation: str = "axis") -> int:
    """One axis of a (2-D) matrix as NumPy reads it: ``0`` or ``-2`` → 0 (down the rows), ``1`` or ``-1`` → 1.

    Anything else (``2``, ``-3``, ``1.0``, ``True``, ``"1"``) raises :class:`~symopt.errors.ShapeError`.
    """
    integral = isinstance(axis, (int, np.integer, sympy.Integer)) and not isinstance(axis, (bool, np.bool_))
    if not integral or not -2 <= int(axis) <= 1:
        raise ShapeError(f"{operation}: expected an axis of a matrix (2-D): 0 or -2 (down the rows), 1 or -1 "
                         f"(along each row); given {axis!r}. symopt matrices have two axes; a rank-1 shape "
                         "(n,) is the column (n, 1).")
    return int(axis) % 2


def rank_one(x) -> bool:
    """Whether ``x`` is a symbol declared with a rank-1 shape ``(n,)`` (an expression has the 2-D shape it computes)."""
    return len(getattr(x, "array_shape", None) or ()) == 1


def operand_axis(x, axis, name: str) -> int:
    """``axis`` of ``x`` as 0 or 1 (see :func:`matrix_axis`); for a rank-1 symbol ``x`` (declared ``(n,)``, the column
    (n, 1) inside) NumPy's reading of its one axis: ``0`` and ``-1`` are its n entries (internal axis 0), ``1`` and
    ``-2`` are refused, as NumPy refuses them for a 1-D array (read as the column, ``-1`` would reduce over one entry
    and hand back ``x`` itself)."""
    internal = matrix_axis(axis, name)
    if not rank_one(x):
        return internal
    if int(axis) in (0, -1):
        return 0
    raise ShapeError(f"{name}: {x} was declared with the rank-1 shape {x.array_shape}, which has one axis, 0 (or -1) "
                     f"as in NumPy; given axis={axis}. Pass axis=0 (or leave axis out) to run over its {x.shape[0]} "
                     f"entries, or declare {x} with a 2-D shape.")


def _axes(axis) -> sympy.Tuple:
    """``None`` → both axes; an axis or a sequence of axes (each 0, 1, -2 or -1) → those axes, sorted."""
    axes = (0, 1) if axis is None else (tuple(axis) if isinstance(axis, (tuple, list, sympy.Tuple)) else (axis,))
    if not axes:
        raise ShapeError(f"axis: expected None, an axis or a sequence of axes of a matrix; given {axis!r}")
    return sympy.Tuple(*sorted({matrix_axis(a) for a in axes}))


def _axis_text(axes: Sequence[int]) -> str:
    return str(axes[0]) if len(axes) == 1 else "(0, 1)"


class _SelfPrinting(MatrixExpr):
    """A node that prints itself with ``_symopt_code(printer)``.

    ``_numpycode`` forwards to it: SymPy's ``NumPyPrinter.__init__`` sets the instance's
    ``printmethod`` to ``"_numpycode"``, which hides the ``ProgramPrinter.printmethod`` class
    attribute, so that is the name printers look up today.
    """

    def _symopt_code(self, printer) -> str:
        raise NotImplementedError

    def _numpycode(self, printer) -> str:
        return self._symopt_code(printer)


def _dtype(printer) -> str:
    """The program's float dtype (``'float64'`` for SymPy's own printers, which have none)."""
    return getattr(printer, "dtype", "float64")


class ReduceMax(_SelfPrinting):
    r"""Maximum along ``axis`` (0, 1, -2, -1, a sequence of them, or ``None`` = both), dimensions kept:
    shape ``(1, n)``, ``(m, 1)`` or ``(1, 1)``."""

    def __new__(cls, matrix, axis=None):
        if rank_one(matrix) and axis is not None and not isinstance(axis, (tuple, list, sympy.Tuple)):
            axis = operand_axis(matrix, axis, "ReduceMax")  # a rank-1 symbol's one axis, as NumPy's
        return MatrixExpr.__new__(cls, matrix, _axes(axis))

    @property
    def matrix(self):
        return self.args[0]

    @property
    def axes(self) -> tuple[int, ...]:
        return tuple(int(a) for a in self.args[1])

    @property
    def shape(self):
        rows, cols = self.matrix.shape
        return (sympy.Integer(1) if 0 in self.axes else rows, sympy.Integer(1) if 1 in self.axes else cols)

    def _symopt_code(self, printer):
        return f"numpy.max({printer._print(self.matrix)}, axis={_axis_text(self.axes)}, keepdims=True)"

    def _sympystr(self, printer):
        return f"max({printer._print(self.matrix)}, axis={_axis_text(self.axes)})"

    def _latex(self, printer):
        return r"\max_{%s}\left(%s\right)" % (_axis_text(self.axes), printer._print(self.matrix))


class ArgMax(_SelfPrinting, AxisReduction):
    """Index of the first maximum along ``axis`` (0 or -2, 1 or -1), dimensions kept; integer entries.  NaN entries
    are skipped, as TF1's ``ArgMax`` does (NumPy's ``argmax`` would pick the NaN)."""

    def __new__(cls, matrix, axis):
        return AxisReduction.__new__(cls, matrix, operand_axis(matrix, axis, "ArgMax"))

    def _symopt_code(self, printer):
        skipped = f"numpy.nan_to_num({printer._print(self.matrix)}, nan=-numpy.inf, posinf=numpy.inf, neginf=-numpy.inf)"
        return f"numpy.argmax({skipped}, axis={self.axis}, keepdims=True)"

    def _sympystr(self, printer):
        return f"argmax({printer._print(self.matrix)}, axis={self.axis})"

    def _latex(self, printer):
        return r"\operatorname{argmax}_{%d}\left(%s\right)" % (self.axis, printer._print(self.matrix))


class Equal(_SelfPrinting):
    r"""Elementwise :math:`[A_{ij} = B_{ij}]`: 1.0 where equal, 0.0 elsewhere, in the program's dtype."""

    def __new__(cls, left, right):
        if tuple(left.shape) != tuple(right.shape):
            raise ShapeError(f"Equal: operands must have one shape; given {left.shape} and {right.shape}")
        return MatrixExpr.__new__(cls, left, right)

    @property
    def shape(self):
        return self.args[0].shape

    def _symopt_code(self, printer):
        left, right = (printer._print(a) for a in self.args)
        return f"({left} == {right}).astype({_dtype(printer)!r})"

    def _sympystr(self, printer):
        return "equal(%s, %s)" % tuple(printer._print(a) for a in self.args)

    def _latex(self, printer):
        return r"\left[%s = %s\right]" % tuple(printer._print(a) for a in self.args)


class MaximumMask(Equal):
    r"""The indicator :math:`I = [A = \max A]` that :func:`reduce_max_adjoint` builds: piecewise constant, so its
    derivative is 0 almost everywhere (:func:`mask_adjoint`), and second derivatives through ``ReduceMax`` exist.
    A user's own :class:`Equal` keeps :func:`no_adjoint` (a cost reached only through it has no gradient)."""


class OneHot(_SelfPrinting):
    r"""Rows :math:`(\,[k_i = 0], \ldots, [k_i = d-1]\,)` for a column of indices :math:`k` (shape ``(n, 1)``).

    An index outside ``0 .. depth-1`` gives a row of zeros, as in TF1.
    """

    def __new__(cls, indices, depth):
        if indices.shape[1] != 1:
            raise ShapeError(f"OneHot: indices must be a column (n, 1); given shape {indices.shape}")
        return MatrixExpr.__new__(cls, indices, sympy.Integer(depth))

    @property
    def indices(self):
        return self.args[0]

    @property
    def depth(self) -> int:
        return int(self.args[1])

    @property
    def shape(self):
        return self.indices.shape[0], self.args[1]

    def _symopt_code(self, printer):
        indices = printer._print(self.indices)
        return f"({indices} == numpy.arange({self.depth})).astype({_dtype(printer)!r})"

    def _sympystr(self, printer):
        return f"one_hot({printer._print(self.indices)}, {self.depth})"

    def _latex(self, printer):
        return r"\operatorname{onehot}_{%d}\left(%s\right)" % (self.depth, printer._print(self.indices))


class AsFloat(_SelfPrinting):
    """The entries of an integer (or boolean) matrix converted to the program's float dtype."""

    def __new__(cls, matrix):
        return MatrixExpr.__new__(cls, matrix)

    @property
    def shape(self):
        return self.args[0].shape

    def _symopt_code(self, printer):
        return f"numpy.asarray({printer._print(self.args[0])}, dtype={_dtype(printer)!r})"

    def _sympystr(self, printer):
        return f"float({printer._print(self.args[0])})"

    def _latex(self, printer):
        return printer._print(self.args[0])


class Reshape(_SelfPrinting):
    """The entries of ``matrix`` in row-major (C) order, laid out as ``rows x cols``."""

    def __new__(cls, matrix, rows, cols):
        rows, cols = sympy.sympify(rows), sympy.sympify(cols)
        size = sympy.expand(matrix.shape[0] * matrix.shape[1])
        if sympy.expand(rows * cols) != size:
            raise ShapeError(f"Reshape: cannot lay out {matrix.shape[0]} x {matrix.shape[1]} entries as "
                             f"{rows} x {cols}")
        return MatrixExpr.__new__(cls, matrix, rows, cols)

    @property
    def matrix(self):
        return self.args[0]

    @property
    def shape(self):
        return self.args[1], self.args[2]

    def _symopt_code(self, printer):
        rows, cols = (printer._print(d) for d in self.shape)
        return f"numpy.reshape({printer._print(self.matrix)}, ({rows}, {cols}))"

    def _sympystr(self, printer):
        return "reshape(%s, (%s, %s))" % (printer._print(self.matrix), *(printer._print(d) for d in self.shape))

    def _latex(self, printer):
        return r"\operatorname{reshape}_{%s \times %s}\left(%s\right)" % (
            printer._print(self.shape[0]), printer._print(self.shape[1]), printer._print(self.matrix))


# ---------------------------------------------------------------- adjoint rules

def _spread(reduced, node: ReduceMax):
    """Broadcast a value of the reduced shape back over the reduced axes."""
    rows, cols = node.matrix.shape
    left = [OneMatrix(rows, 1)] if 0 in node.axes else []
    right = [OneMatrix(1, cols)] if 1 in node.axes else []
    return matmul(*left, reduced, *right)


def _reduce(matrix, node: ReduceMax):
    """Sum over the reduced axes (dimensions kept)."""
    rows, cols = matrix.shape
    left = [OneMatrix(1, rows)] if 0 in node.axes else []
    right = [OneMatrix(cols, 1)] if 1 in node.axes else []
    return matmul(*left, matrix, *right)


def reduce_max_adjoint(node: ReduceMax, adjoint):
    r"""TF1's rule: :math:`\bar A = I \circ (\bar y / n)` spread, with :math:`I = [A = \max A]` and
    :math:`n` the number of entries that attain the maximum."""
    indicators = MaximumMask(node.matrix, _spread(node, node))
    share = hadamard(adjoint, power(_reduce(indicators, node), -1))
    return [(node.matrix, hadamard(indicators, _spread(share, node)))]


def as_float_adjoint(node: AsFloat, adjoint):
    return [(node.args[0], adjoint)]


def reshape_adjoint(node: Reshape, adjoint):
    return [(node.matrix, Reshape(adjoint, *node.matrix.shape))]


def mask_adjoint(node: MaximumMask, adjoint):
    """A mask inside a gradient contributes nothing to the next derivative (0 almost everywhere, as in JAX)."""
    return []


def no_adjoint(node, adjoint):
    """ArgMax, Equal and OneHot are piecewise constant: a parameter's gradient cannot flow through them."""
    raise UnsupportedOperationError(
        f"{type(node).__name__} has no gradient (in {node}): its value is piecewise constant, so a parameter "
        "reached only through it gets no gradient signal. Differentiate a smooth surrogate instead, e.g. the "
        "cross-entropy of the logits rather than the accuracy computed from argmax/equal.")


class FirstMaximum(sympy.Function):
    r"""``FirstMaximum(a_0, ..., a_{n-1})``: the position of the first argument that attains the largest value,
    :math:`\min\{k : a_k = \max_j a_j\}` (NumPy's ``argmax``, entry by entry where the arguments are arrays).  The
    one comparison of all n arguments behind the masks of a ``Max``/``Min`` of many arguments
    (:func:`symopt.derivatives.extremum_masks_in`): each mask is ``FirstMaximum(...) = k``, so n masks cost O(n), where
    comparing each argument with every other cost O(n²) (probe45 P45-4).  Constant: its derivative is 0."""

    is_integer = True

    @classmethod
    def eval(cls, *arguments):
        if arguments and all(a.is_extended_real and a.is_number and not a.has(sympy.nan) for a in arguments):
            values = [float(a) for a in arguments]
            return sympy.Integer(values.index(max(values)))
        return None

    def fdiff(self, argindex=1):
        return sympy.S.Zero

    def _symopt_code(self, printer) -> str:
        module = getattr(printer, "matrix_module", "numpy")
        arguments = ", ".join(printer._print(a) for a in self.args)
        return f"{module}.argmax({module}.stack({module}.broadcast_arrays({arguments})), axis=0)"

    _numpycode = _symopt_code

    def _latex(self, printer, exp=None):
        text = r"\operatorname{argmax}\left(%s\right)" % ", ".join(printer._print(a) for a in self.args)
        return text if exp is None else r"%s^{%s}" % (text, exp)

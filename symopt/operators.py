r"""Operators on symbolic matrices that catch the common mistakes where they are written.

SymPy's matrix expressions answer ``X @ W + 1`` with "Mix of Matrix and Scalar symbols",
``np.sum(X @ W)`` with a TypeError from deep inside, let ``W(3, 1) @ X(m, 3)`` through (``1``
and the batch size :math:`m` might be equal), and ``sum(X @ W)`` iterates forever (SymPy
cannot tell that index :math:`k` is past :math:`m`).  Here each becomes a symopt error
that says what to write instead.

:class:`MatrixOperators` gives symopt's matrix symbols (Variables, Placeholders) operators
with those checks; its ``_op_priority`` is above SymPy's matrix expressions, so
``(X @ W1) @ W2`` is handled here too.  Products are built by :func:`symopt.nodes.matmul`,
without SymPy's ``doit()`` on the whole product (which made a depth-:math:`d` network
:math:`O(d^2)` to build).  :func:`guard_matrix_expressions` adds the same checks for
scalar operands, iteration and NumPy conversion to every SymPy matrix expression.

The checks themselves live by job: shapes without recursion in :mod:`symopt.matrix_shapes`, products, powers and
sums in :mod:`symopt.matrix_checks`, NumPy's functions in :mod:`symopt.numpy_guards`, ``applyfunc`` in
:mod:`symopt.matrix_maps`; this module installs them and re-exports their public names.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy import HadamardPower, HadamardProduct, MatAdd, MatMul, MatPow
from sympy.matrices.expressions import matmul as sympy_matmul
from sympy.core.function import Function
from sympy.core.parameters import evaluate, global_parameters
from sympy.functions.elementary.miscellaneous import MinMaxBase
from sympy.matrices import MatrixBase
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .errors import IndexingError, ShapeError, UnsupportedOperationError
from .grouped_operators import grouped_product, keeping_groups
from .matrix_arithmetic import SHALLOW_OPERATORS, shallow_product
from .matrix_checks import (check_elementwise, check_factors, check_power, check_product, check_square_power,
                            checked_product)
from .matrix_maps import install as install_entrywise_maps
from .matrix_shapes import ITERATIVE_SHAPE, dimension, is_matrix, matrix_shape, named, shape_operands, short
from .matrix_slices import index_text, install as count_slices_as_numpy
from .numpy_guards import (NUMPY_TO_OPS, guard_scalar_expressions, guarded_array, iterate_entries, matrix_ufunc,
                           numpy_operator, refuse_numpy)
from .traversal import substitute, unique_nodes

__all__ = ["MatrixOperators", "guard_matrix_expressions", "grouped_product", "TORCH_HABITS", "guard_scalar_expressions", "check_product",
           "check_elementwise", "checked_product", "dimension", "matrix_shape", "shape_operands", "check_power",
           "index_text", "NUMPY_TO_OPS", "numpy_operator"]


class MatrixOperators:
    """Operators of symopt's matrix symbols: checked, and products built in :math:`O(1)` each."""

    _op_priority = 12.0  # above SymPy's matrix expressions (11.0): ``expr @ W`` and ``expr + W`` come here

    def __getitem__(self, key):
        """SymPy's indexing (``W[i, j]``, ``W[1:3, :]``, ``W[:, 0]``), where it reads as NumPy's.  One index on a
        matrix of several rows and columns is SymPy's *linear* position (``W[1]`` is ``W[0, 1]``), not NumPy's
        row: it raises, naming both spellings.  Slices take NumPy's bounds and count
        (:mod:`symopt.matrix_slices`); indices SymPy cannot represent (an int out of range, a negative step,
        an empty slice, ``...``) raise :class:`~symopt.errors.IndexingError` naming the shape."""
        rows, cols = self.shape
        if not isinstance(key, tuple) and rows != 1 and cols != 1:
            raise IndexingError(
                f"{self}[{key!r}]: one index on the {rows} x {cols} matrix {self} is SymPy's linear position "
                f"(the entry {key!r} in row-major order), not a row as in NumPy. Write {self}[{key!r}, :] for a row "
                f"or {self}[i, j] for one entry.")
        return super().__getitem__(key)  # matrix_slices: NumPy's bounds and count, IndexingError

    def __matmul__(self, other):
        return grouped_product(self, other)

    def __rmatmul__(self, other):
        return grouped_product(other, self)

    def __mul__(self, other):
        if is_matrix(other) or isinstance(other, (MatrixBase, np.ndarray)):
            return grouped_product(self, other, "*")
        return MatrixExpr.__mul__(self, other)

    def __rmul__(self, other):  # SymPy sends ``expr @ W`` here too (its __matmul__ calls __rmul__)
        if is_matrix(other) or isinstance(other, (MatrixBase, np.ndarray)):
            return grouped_product(other, self, "*")
        return MatrixExpr.__rmul__(self, other)

    def __add__(self, other):
        check_elementwise(self, other, "+")
        return MatrixExpr.__add__(self, other)

    def __radd__(self, other):
        check_elementwise(other, self, "+")
        return MatrixExpr.__radd__(self, other)

    def __sub__(self, other):
        check_elementwise(self, other, "-")
        return MatrixExpr.__sub__(self, other)

    def __rsub__(self, other):
        check_elementwise(other, self, "-")
        return MatrixExpr.__rsub__(self, other)

    def __pow__(self, exponent):
        r"""``S**n`` is the matrix power :math:`S S \cdots S` (as in SymPy), built as a product so that it
        differentiates; ``S**-1`` is the inverse :math:`S^{-1}`; the power of a non-square matrix is refused with the
        elementwise fix."""
        if exponent == -1 and self.shape[0] == self.shape[1]:
            return sympy.Inverse(self)
        check_power(self, exponent, positive=True)
        product = self
        for _ in range(int(exponent) - 1):
            product = checked_product(product, self)
        return product

    def __iter__(self):
        return iterate_entries(self)

    def __array__(self, dtype=object, copy=None):
        return guarded_array(MatrixExpr.__array__)(self, dtype, copy)

    def __array_function__(self, function, types, args, kwargs):
        refuse_numpy(self, function)


def guard_matrix_expressions() -> None:
    """Give every SymPy matrix expression the scalar-operand, iteration and NumPy checks (idempotent).

    Concrete-shape matrices keep SymPy's behaviour for iteration and NumPy conversion (their entries are
    finite); only expressions with a symbolic dimension, where SymPy would loop forever or fail deep
    inside, are refused.  Also replaced in SymPy itself: ``MatMul``'s shape check (:func:`check_factors`: sizes
    that are not provably equal, the batch size ``m`` against a number included, are refused) and
    ``MatPow.__new__`` (a power of a non-square matrix is refused).
    """
    if getattr(MatrixExpr, "_symopt_guarded", False):
        return
    for name, operation, operand_first in (("__add__", "+", False), ("__radd__", "+", True),
                                           ("__sub__", "-", False), ("__rsub__", "-", True)):
        setattr(MatrixExpr, name, _guarded_elementwise(SHALLOW_OPERATORS[name], operation, operand_first))
    MatrixExpr.__neg__ = SHALLOW_OPERATORS["__neg__"]
    MatrixExpr.T = SHALLOW_OPERATORS["T"]
    MatrixExpr.__mul__, MatrixExpr.__rmul__ = (shallow_product(getattr(MatrixExpr, name)) for name in ("__mul__",
                                                                                                     "__rmul__"))
    MatrixExpr.__pow__ = _guarded_power(MatrixExpr.__pow__)
    sympy_matmul.validate = check_factors  # (X @ W) * (X @ V): SymPy compared only integer sizes
    MatPow.__new__ = _guarded_matpow(MatPow.__new__)
    for name in ("__rpow__", "__rtruediv__", "__abs__"):  # SymPy: a bare NotImplementedError
        setattr(MatrixExpr, name, _refused_entrywise(getattr(MatrixExpr, name), name))
    for name in ("__matmul__", "__rmatmul__", "__mul__", "__rmul__"):  # (X @ W) @ (A @ v): A @ v first
        setattr(MatrixExpr, name, keeping_groups(getattr(MatrixExpr, name)))
    for name in _ARRAY_OPERATIONS:  # mask * (R - U @ V.T): NumPy's bare TypeError
        setattr(MatrixExpr, name, _refusing_arrays(getattr(MatrixExpr, name)))
    MatrixExpr.__iter__ = iterate_entries
    MatrixElement.__getitem__ = _refused_entry_index
    MatrixElement.__iter__ = None  # still not iterable (a __getitem__ alone would make iter() try it)
    MatrixExpr.__array__ = guarded_array(MatrixExpr.__array__)
    MatrixExpr.__array_ufunc__ = matrix_ufunc  # numpy.float64(2.0) * (X @ W) as 2.0 * (X @ W)
    Function._new_ = _guarded_call(Function.__dict__["_new_"].__func__)
    MinMaxBase.__new__ = staticmethod(_guarded_min_max(MinMaxBase.__new__))
    for cls in (MatMul, MatAdd, HadamardProduct, HadamardPower, ElementwiseApplyFunction, sympy.Transpose):
        cls.shape = ITERATIVE_SHAPE  # SymPy's asks every operand below, recursively: a deep network overflowed
    count_slices_as_numpy()  # A[::2, :] of 3 rows has 2 rows (SymPy 1.14 counted 1)
    install_entrywise_maps()  # Z.applyfunc(f) at shape (1, 1) too, and for symopt.leaky_relu
    for name in TORCH_HABITS:  # loss.item(), Z.sum(): SymPy's bare AttributeError (probe30 P30-6)
        setattr(MatrixExpr if name in ("sum", "mean") else sympy.Expr, name, _torch_habit(name))
    for name in ("__gt__", "__ge__", "__lt__", "__le__"):  # Z > 0: SymPy's "Invalid comparison of non-real X*W"
        setattr(MatrixExpr, name, _refused_comparison(getattr(MatrixExpr, name), name))
    MatrixExpr._symopt_guarded = True


#: PyTorch's tensor methods, called on a symopt expression, and what to write instead (probe30 P30-6).
TORCH_HABITS = {
    "item": "Write symopt.evaluate({expr}, data) for its value (a float for a scalar); a finished run's cost is "
            "result.value",
    "numpy": "Write symopt.evaluate({expr}, data) for its value, a NumPy array; a trained parameter's value is "
             "result[W]",
    "backward": "Write symopt.grad(cost, W) for the gradient as an expression, symopt.compile(cost, [W, b]) for its "
                "values; symopt.minimize(cost, [W, b]) trains W and b",
    "detach": "Leave it out: an expression holds no values and no graph to cut (symopt.evaluate({expr}, data) gives "
              "numbers)",
    "sum": "Write symopt.ops.sum({expr}) (axis=0: column sums, axis=1: row sums; both dimensions kept)",
    "mean": "Write symopt.ops.mean({expr}) (axis=0 or axis=1; both dimensions kept)",
}


#: What to write for a PyTorch method called on a SymPy *number* (``cost.subs(w, 2.5).item()``, review final35 F35-9).
NUMBER_HABITS = {
    "item": "Write float({expr}) for its value",
    "item of an integer": "Write int({expr}) for its value (float({expr}) for a float)",
    "numpy": "Write numpy.float64({expr}) for it as a NumPy number (float({expr}) for a Python float)",
}


def _torch_habit(name: str):
    def method(self, *args, **kwargs):
        shown = short(self)
        called = shown if shown.isidentifier() else f"({shown})"
        whose = f"numpy.{name}(z) and PyTorch's z.{name}()" if name in ("sum", "mean") else "a PyTorch tensor's method"
        if self.is_number:
            habit = "item of an integer" if name == "item" and self.is_Integer else name
            fix = NUMBER_HABITS.get(habit, TORCH_HABITS[name]).format(expr=shown)
            raise UnsupportedOperationError(f"{called}.{name}(): {whose}; {shown} is a SymPy number. {fix}.")
        raise UnsupportedOperationError(
            f"{called}.{name}(): {whose}; a symopt expression is symbolic (SymPy) and holds no numbers. "
            f"{TORCH_HABITS[name].format(expr=shown)}.")
    method.__name__ = name
    return method


def _refused_comparison(original, name: str):
    operator = {"__gt__": ">", "__ge__": ">=", "__lt__": "<", "__le__": "<="}[name]

    def method(self, other):
        if isinstance(self, MatrixBase):  # an explicit matrix keeps SymPy's meaning
            return original(self, other)
        shown = short(self)
        raise UnsupportedOperationError(
            f"{shown} {operator} {short(other)}: a symbolic matrix has no entries to compare until data is fed. For "
            f"numbers compare the evaluated array, symopt.evaluate({shown}, data) {operator} {short(other)} (an "
            "accuracy, a mask); inside a cost use a differentiable form (symopt.ops.relu, symopt.ops.sigmoid), or "
            "feed a mask computed with NumPy as a Placeholder.")
    method.__name__ = name
    return method


def _refused_entry_index(entry, key):
    """``x[0][0]`` (NumPy's and TF1's spelling; the lecture's cost line): ``x[0]`` of a vector is already its entry
    ``x[0, 0]``, a number, so the second index raises naming the one-index form (probe10 T7; Python said
    "'MatrixElement' object is not subscriptable")."""
    parent = entry.parent
    rows, cols = parent.shape
    typed = entry.i * cols + entry.j if getattr(cols, "is_Integer", False) else entry.i  # SymPy's linear position
    raise IndexingError(
        f"{parent}[{typed}][{key!r}]: {parent}[{typed}] of the {rows} x {cols} matrix {parent} is already one entry "
        f"({entry}, a number), so it takes no second index. Write {parent}[{typed}, {key!r}] for NumPy's and TF1's "
        "x[i][j] (SymPy indexes a matrix with one pair i, j).")


def _guarded_power(original):
    """``(X @ W)**2`` (a non-square matrix expression) is refused by :func:`check_power`; SymPy would build a
    ``MatPow`` that fails only when evaluated (NumPy's LinAlgError)."""
    def __pow__(self, exponent):
        if not isinstance(self, MatrixBase):  # explicit matrices keep SymPy's power
            check_power(self, exponent)
        return original(self, exponent)
    __pow__.__doc__ = original.__doc__
    return __pow__


#: Operators of a matrix expression with a NumPy array operand: the operation (``*`` and ``@``: a product) and whether
#: the array is the left operand.  SymPy answers NotImplemented and NumPy then raised a bare TypeError.
_ARRAY_OPERATIONS = {"__mul__": ("*", False), "__rmul__": ("*", True), "__matmul__": ("@", False),
                     "__rmatmul__": ("@", True), "__truediv__": ("/", False), "__rtruediv__": ("/", True)}


def _refusing_arrays(original):
    """``original``, where a NumPy array operand gets the error a symopt symbol's operator gives it (make it a
    Placeholder; for an entrywise product ``symopt.ops.hadamard``) by :func:`check_product` or
    :func:`check_elementwise`."""
    operation, array_first = _ARRAY_OPERATIONS[original.__name__]

    def method(self, other):
        if isinstance(other, np.ndarray) and other.ndim and not isinstance(self, MatrixBase):  # 0-d: a number
            left, right = (other, self) if array_first else (self, other)
            if operation in ("*", "@"):
                check_product(left, right, operation)
            else:
                check_elementwise(left, right, operation)
        return original(self, other)
    method.__name__, method.__doc__ = original.__name__, original.__doc__
    return method


def _guarded_matpow(original):
    """``sympy.MatPow(r, 2)`` of a symbolic matrix that is not square (an (m, 1) residual) is refused by
    :func:`check_square_power`; SymPy refused only two different integer sizes."""
    def __new__(cls, base, exp, evaluate=False, **options):
        if isinstance(base, MatrixExpr):
            check_square_power(base, exp)
        return original(cls, base, exp, evaluate=evaluate, **options)
    __new__.__doc__ = original.__doc__
    return __new__


#: ``b ** z``, ``c / z``, ``abs(z)`` of a symbolic matrix: what NumPy would compute entry by entry, and the fix.
_ENTRYWISE_FIXES = {
    "__rpow__": ("{other} ** z", "symopt.ops.exp(z) for e ** z, z.applyfunc(lambda v: {other} ** v) for another base"),
    "__rtruediv__": ("{other} / z", "{other} * symopt.ops.power(z, -1)"),
    "__abs__": ("abs(z)", "symopt.ops.abs(z)"),
}


def _refused_entrywise(original, name: str):
    def method(self, *other):
        if isinstance(self, MatrixBase):  # an explicit matrix keeps SymPy's meaning
            return original(self, *other)
        shown = short(other[0]) if other else ""
        written, fix = (text.format(other=shown) for text in _ENTRYWISE_FIXES[name])
        raise ShapeError(f"{written} with the matrix z = {named(self)}: SymPy has no entrywise {written} of a matrix "
                         f"expression. For every entry write {fix}.")
    method.__name__ = name
    return method


def _is_scalar_function_misuse(argument) -> bool:
    """A symbolic matrix handed to a function of scalars (``sympy.tanh``, ``sympy.Max``); an explicit matrix keeps
    SymPy's meaning, and a (1, 1) matrix is read as its entry (SymPy does too)."""
    return isinstance(argument, MatrixExpr) and not isinstance(argument, MatrixBase) and tuple(argument.shape) != (1, 1)


#: SymPy functions that SymPy defines on matrices (they return a matrix expression: ``transpose(A)`` is ``A.T``):
#: the guard passes them, in a cost or in a user's unrelated SymPy code.
MATRIX_FUNCTIONS = (sympy.transpose, sympy.adjoint, sympy.conjugate, sympy.re, sympy.im)


def _guarded_call(original):
    """SymPy functions (``sympy.tanh``, ``sympy.exp``, symopt's ``sigmoid``, ...) refuse a symbolic matrix, except
    :data:`MATRIX_FUNCTIONS`; :data:`ARGUMENT_REBUILDING` functions evaluate with matrices hidden."""
    def _new_(cls, *args, **options):
        for argument in args:
            if _is_scalar_function_misuse(argument) and cls not in MATRIX_FUNCTIONS:
                _refuse_function_of_matrix(cls, argument)
        return _evaluate_with_matrices_hidden(original, cls, args, options)
    return classmethod(_new_)


#: SymPy functions whose evaluation rebuilds the tree of their argument with scalar constructors: ``Abs`` and
#: ``sign`` run ``signsimp`` over it, ``Max`` and ``Min`` ``factor_terms``.  Below a reduction (``ops.sum(z)``,
#: ``Trace(A)``, ``(x.T @ W @ x)[0, 0]``) that turned ``HadamardPower(z, 2)`` into a scalar ``Pow`` of the matrix
#: ``z``, or failed ("Mix of Matrix and Scalar symbols", "'Mul' object has no attribute 'shape'").
ARGUMENT_REBUILDING = (sympy.Abs, sympy.sign, sympy.Max, sympy.Min)


def _evaluate_with_matrices_hidden(original, cls, args, options):
    r"""``original(cls, *args, **options)``; for :data:`ARGUMENT_REBUILDING` functions each scalar with a matrix
    argument (a reduction) stands in as a symbol while SymPy evaluates, and is put back after, unevaluated:
    :math:`|{-2} \sum z| = 2 |\sum z|` with the matrix :math:`z` as it was written."""
    if not issubclass(cls, ARGUMENT_REBUILDING) or not options.get("evaluate", global_parameters.evaluate):
        return original(cls, *args, **options)
    hidden: dict = {}

    def below(node):
        if isinstance(node, MatrixExpr) or not isinstance(node, sympy.Basic):
            return ()
        if any(isinstance(argument, MatrixExpr) for argument in node.args):
            hidden[node] = sympy.Dummy(**({"extended_real": True} if node.is_extended_real else {}))
            return ()
        return node.args
    unique_nodes(args, below)
    if not hidden:
        return original(cls, *args, **options)
    result = original(cls, *substitute(list(args), hidden), **options)
    with evaluate(False):  # the stand-ins' places are SymPy's result already; nothing to evaluate again
        return substitute([result], {stand_in: node for node, stand_in in hidden.items()})[0]


def _guarded_min_max(original):
    """``sympy.Max(0, X @ W)`` (relu written as Max) is refused naming the elementwise spelling; SymPy raised
    "The argument 'X*W' is not comparable".  A reduction in an argument is hidden while SymPy evaluates."""
    def __new__(cls, *args, **assumptions):
        for argument in args:
            if _is_scalar_function_misuse(argument):
                name = cls.__name__
                raise ShapeError(
                    f"sympy.{name} of the matrix {named(argument)}: {name} compares scalars. For every entry write "
                    f"{'symopt.ops.relu(z) for Max(0, z), or ' if name == 'Max' else ''}"
                    f"z.applyfunc(lambda v: sympy.{name}(v, c)) with the bound c.")
        return _evaluate_with_matrices_hidden(original, cls, args, assumptions)
    return __new__


def _refuse_function_of_matrix(function, matrix):
    name = function.__name__
    written = f"{'symopt' if function.__module__.startswith('symopt') else 'sympy'}.{name}"
    from . import ops  # ops builds on the nodes this module guards
    op = name.lower() if callable(getattr(ops, name.lower(), None)) else None
    fix = (f"use symopt.ops.{op}(z) for the elementwise function" if op else
           f"symopt.ops has no {name}; for the elementwise function write z.applyfunc(sympy.{name})")
    raise ShapeError(
        f"{written} of the matrix {named(matrix)}: {name}({short(matrix)}) is not a scalar (a SymPy function "
        f"takes one) and has no value or gradient. For every entry, {fix} "
        "(reduce to a scalar first, e.g. symopt.ops.sum(z), if a scalar was meant).")


def _guarded_elementwise(original, operation: str, operand_first: bool):
    def method(self, other):
        if is_matrix(other) or _converts(other):
            left, right = (other, self) if operand_first else (self, other)
            check_elementwise(left, right, operation)
        return original(self, other)
    method.__name__ = original.__name__
    method.__doc__ = original.__doc__
    return method


def _converts(other) -> bool:
    """True for what SymPy would take as a scalar operand (a number or an expression)."""
    if isinstance(other, (sympy.Basic, int, float, np.ndarray)):
        return True
    return isinstance(other, np.number)



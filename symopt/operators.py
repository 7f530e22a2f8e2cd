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
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy
from sympy import HadamardPower, HadamardProduct, MatAdd, MatMul, OneMatrix
from sympy.core.function import Function
from sympy.functions.elementary.miscellaneous import MinMaxBase
from sympy.matrices import MatrixBase
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

from .errors import IndexingError, ShapeError, UnsupportedOperationError
from .matrix_arithmetic import SHALLOW_OPERATORS, shallow_product
from .matrix_maps import install as install_entrywise_maps
from .matrix_slices import index_text, install as count_slices_as_numpy
from .nodes import matmul
from .symbolic_numbers import guard_conversions
from .traversal import kept_bottom_up

__all__ = ["MatrixOperators", "guard_matrix_expressions", "guard_scalar_expressions", "check_product", "check_elementwise", "checked_product",
           "dimension", "matrix_shape", "shape_operands", "check_power", "index_text", "NUMPY_TO_OPS", "numpy_operator"]


def _is_matrix(expr) -> bool:
    return bool(getattr(expr, "is_Matrix", False))


def _shape(matrix) -> str:
    return "(" + ", ".join(str(d) for d in matrix.shape) + ")"


def _named(matrix) -> str:
    text = str(matrix)
    return f"{text if len(text) <= 40 else text[:37] + '...'} (shape {_shape(matrix)})"


#: Nodes whose rows and columns are those of one operand: ``(class, index of that operand)``.
_SAME_SHAPE_AS = ((MatAdd, 0), (HadamardProduct, 0), (ElementwiseApplyFunction, 1))

#: Where a node's shape, once found, is kept (in the node's ``__dict__``; a shape is a function of structure).
_SHAPE_KEY = "_symopt_shape"


def shape_operands(node) -> tuple:
    """The operands whose shapes give ``node``'s: the first and last factor of a product, the operand of a
    transpose, the first operand of a sum or elementwise node; ``()`` where ``node.shape`` is its own
    (a leaf, or a class with its own shape rule)."""
    if getattr(type(node), "shape", None) is not _ITERATIVE_SHAPE:
        return ()
    if isinstance(node, sympy.Transpose):
        return (node.arg,)
    if isinstance(node, MatMul):
        factors = [a for a in node.args if _is_matrix(a)]
        return (factors[0], factors[-1])
    if isinstance(node, HadamardPower):  # A∘² and SymPy's elementwise 2**A (a scalar base): the matrix operand
        return (next(a for a in node.args if _is_matrix(a)),)
    return (next(node.args[index] for cls, index in _SAME_SHAPE_AS if isinstance(node, cls)),)


def _shape_from(node, operand_shapes: tuple) -> tuple:
    if not operand_shapes:  # a leaf, or a node with its own shape rule
        return tuple(node.shape)
    if isinstance(node, sympy.Transpose):
        rows, cols = operand_shapes[0]
        return (cols, rows)
    if isinstance(node, MatMul):
        return (operand_shapes[0][0], operand_shapes[-1][1])
    return tuple(operand_shapes[0])


def matrix_shape(matrix) -> tuple:
    r"""``matrix.shape``, each node's shape found once from its operands' and kept on the node, without recursion.

    SymPy's ``shape`` asks every operand below for its shape, recursively and uncached, so asking each
    layer of a depth-:math:`d` network costs :math:`O(d^2)` and deep chains overflow the stack.  Here a
    node's shape is computed from the (kept) shapes of :func:`shape_operands`: asking a new layer
    visits only the nodes not asked before, :math:`O(1)` amortised per layer.
    """
    return kept_bottom_up(matrix, _SHAPE_KEY, shape_operands, _shape_from)


def dimension(matrix, axis: int):
    """``matrix.shape[axis]`` by :func:`matrix_shape` (no recursion, each node's shape found once)."""
    return matrix_shape(matrix)[axis]


#: ``shape`` of products, sums, elementwise maps and transposes by :func:`matrix_shape` (no recursion).
_ITERATIVE_SHAPE = property(matrix_shape)


def _refuse_foreign(operand, role: str, factor: bool = False) -> None:
    """Explicit matrices (except as a product's ``factor``, made immutable by :func:`checked_product`) and arrays
    inside a symbolic expression."""
    if isinstance(operand, MatrixBase) and not (factor and isinstance(operand, sympy.ImmutableMatrix)):
        raise UnsupportedOperationError(
            f"a sympy.Matrix {_short(operand)} is used as the {role} of a symbolic matrix expression, where a "
            "symopt.Variable (a parameter) or symopt.Placeholder (data) is expected: make it one symbol, e.g. "
            f"symopt.Variable('W', initial_value, shape={tuple(operand.shape)}).")
    if isinstance(operand, np.ndarray):
        raise UnsupportedOperationError(
            f"a NumPy array of shape {operand.shape} is used as the {role} of a symbolic matrix expression: make it "
            f"a symopt.Placeholder('X', {operand.shape}) and feed the array when evaluating, or a symopt.Variable "
            "if it is a parameter.")


def check_product(left, right) -> None:
    r"""``left @ right`` needs matrices with ``left.cols == right.rows``; the error names both shapes."""
    for operand, role in ((left, "left factor"), (right, "right factor")):
        _refuse_foreign(operand, role, factor=True)
    if not (_is_matrix(left) and _is_matrix(right)):
        scalar = right if _is_matrix(left) else left
        raise ShapeError(f"@ multiplies two matrices; given the scalar {_short(scalar)}. Scale with * instead.")
    inner_left, inner_right = dimension(left, 1), dimension(right, 0)
    if inner_left == inner_right:
        return
    batch = [d for d in (inner_left, inner_right) if isinstance(d, sympy.Symbol)]
    if tuple(left.shape) == tuple(right.shape):  # NumPy's Y * log(A) of the course: an entrywise product is meant
        hint = ("* and @ of matrices are the matrix product; for NumPy's entrywise product of two matrices of one "
                f"shape write symopt.ops.hadamard({_short(left)}, {_short(right)})")
    elif batch:
        hint = (f"the batch dimension {batch[0]} is the rows of the data, so the data comes first (X @ W, not W @ X), "
                "or transpose with .T")
    else:
        hint = "(a, b) @ (b, c) needs the same b: check the order of the factors or transpose one with .T"
    raise ShapeError(f"matrix product {_named(left)} @ {_named(right)}: inner dimensions {inner_left} and "
                     f"{inner_right} differ; {hint}.")


def checked_product(left, right):
    """``left @ right`` after :func:`check_product`; two operands that are not products themselves are
    joined directly (SymPy's constructor would ask each operand for its shape again, recursively).  An explicit
    ``sympy.Matrix`` factor (a rotation ``[[cos θ, -sin θ], [sin θ, cos θ]]`` of a parameter) stays one factor, an
    ``ImmutableMatrix``, not expanded entry by entry."""
    left, right = (sympy.ImmutableMatrix(f) if isinstance(f, MatrixBase) else f for f in (left, right))
    check_product(left, right)
    if isinstance(left, (MatMul, OneMatrix)) or isinstance(right, (MatMul, OneMatrix)):
        return matmul(left, right)
    return sympy.Basic.__new__(MatMul, left, right)


def check_power(matrix, exponent, positive: bool = False) -> None:
    r"""``matrix**exponent`` is SymPy's matrix power :math:`S S \cdots S`: it needs a square matrix and an integer
    exponent (``positive``: at least 1).  Anything else is refused with the elementwise form, which is what
    ``X**2`` on data usually means (NumPy's ``X**2`` squares every entry)."""
    rows, cols = matrix_shape(matrix)
    integer = isinstance(exponent, (int, np.integer)) or getattr(exponent, "is_Integer", False)
    if rows == cols and integer and (int(exponent) >= 1 or not positive):
        return
    wanted = "positive integer exponents (or -1, the inverse)" if positive else "integer exponents"
    given = f"shape {_shape(matrix)}" if rows != cols else f"the exponent {exponent}"
    symbol = isinstance(matrix, sympy.MatrixSymbol)
    base, name = (str(matrix), str(matrix)) if symbol else (f"({_short(matrix)})", "z")
    fix = f"symopt.ops.square({name})" if exponent == 2 else f"symopt.ops.power({name}, {exponent})"
    raise ShapeError(f"{base}**{exponent}: ** on a matrix is the matrix power S @ S @ ..., defined for square "
                     f"matrices and {wanted}; given {given}. For every entry raised to a power (NumPy's **) "
                     f"use {fix}.")


def check_elementwise(left, right, operation: str) -> None:
    """``left + right`` (or -) needs two matrices of one shape; scalars and vectors get the broadcasting fix."""
    for operand, role in ((left, f"left operand of {operation}"), (right, f"right operand of {operation}")):
        _refuse_foreign(operand, role)
    if _is_matrix(left) and _is_matrix(right):
        if left.shape == right.shape:
            return
        raise ShapeError(f"{_named(left)} {operation} {_named(right)}: the shapes differ. For a bias row (1, n) or "
                         "column (n, 1) added to every row or column, use symopt.ops.bias_add(z, b).")
    matrix, scalar = (left, right) if _is_matrix(left) else (right, left)
    raise ShapeError(
        f"{_short(left)} {operation} {_short(right)}: the scalar {_short(scalar)} meets the matrix {_named(matrix)}; "
        "SymPy has no implicit broadcasting. For a bias vector use symopt.ops.bias_add(z, b); for one number added "
        f"to every entry write {_short(scalar)} * sympy.OneMatrix(*z.shape).")


def _refuse_iteration(matrix):
    raise UnsupportedOperationError(
        f"iterating over the symbolic matrix {_named(matrix)} (builtin sum, list, a for loop) cannot work: its "
        "entries are not known until data is fed. Use symopt.ops.sum(z) (or ops.sum(z, axis=0)) instead.")


#: NumPy functions and the :mod:`symopt.ops` function that builds the same thing symbolically.
NUMPY_TO_OPS = {"sum": "sum", "mean": "mean", "exp": "exp", "log": "log", "sqrt": "sqrt", "tanh": "tanh",
                "square": "square", "absolute": "abs", "abs": "abs", "power": "power", "matmul": "matmul",
                "dot": "matmul", "transpose": "transpose"}

#: NumPy's arithmetic ufuncs and the operator methods (matrix first, matrix second) that build them in SymPy.
NUMPY_OPERATORS = {"add": ("__add__", "__radd__"), "subtract": ("__sub__", "__rsub__"),
                   "multiply": ("__mul__", "__rmul__"), "divide": ("__truediv__", "__rtruediv__"),
                   "true_divide": ("__truediv__", "__rtruediv__"), "matmul": ("__matmul__", "__rmatmul__")}


def numpy_operator(matrix, ufunc, method: str, inputs: tuple, kwargs: dict):
    """``numpy.float64(2.0) * W`` (NumPy's scalar on the left hands the product to NumPy) as ``2.0 * W``: an
    arithmetic ufunc of the matrix and a real NumPy scalar or array is the Python operator of the two, with its
    result or its typed error (an array: "make it a Placeholder"); any other NumPy function is refused."""
    operand = inputs[1] if len(inputs) == 2 and inputs[0] is matrix else inputs[0]
    plain = isinstance(operand, np.ndarray) or isinstance(operand, (np.integer, np.floating))
    if method != "__call__" or kwargs or len(inputs) != 2 or ufunc.__name__ not in NUMPY_OPERATORS or not plain:
        _refuse_numpy(matrix, "sum" if (ufunc.__name__, method) == ("add", "reduce") else ufunc.__name__)  # np.sum
    forward, reflected = NUMPY_OPERATORS[ufunc.__name__]
    return getattr(matrix, forward if inputs[0] is matrix else reflected)(operand)


def _matrix_ufunc(self, ufunc, method, *inputs, **kwargs):
    """NumPy's ufuncs of a matrix expression: :func:`numpy_operator`; an explicit matrix keeps NumPy's entrywise
    arithmetic on its entries (as for any SymPy expression)."""
    if isinstance(self, MatrixBase):
        return _scalar_ufunc(self, ufunc, method, *inputs, **kwargs)
    return numpy_operator(self, ufunc, method, inputs, kwargs)


def _refuse_numpy(matrix, function: str | None):
    """``function`` is the NumPy function's name, or None when NumPy only tried to convert the matrix."""
    if function is None:
        called, fix = "numpy (numpy.sum, numpy.asarray, ...)", "symopt.ops instead, e.g. symopt.ops.sum(z) for numpy.sum(z)"
    else:
        called = f"numpy.{function}"
        if function in NUMPY_TO_OPS:
            fix = f"symopt.ops instead, e.g. symopt.ops.{NUMPY_TO_OPS[function]}(z)"
        elif function == "multiply":
            fix = ("symopt.ops.hadamard(a, b) instead for the entrywise product of two matrices, or the operator * "
                   "with a real Python or NumPy number, e.g. 2.0 * z")
        elif function in NUMPY_OPERATORS:
            fix = "the operator and a real Python or NumPy number instead, e.g. 2.0 * z"
        else:
            fix = "symopt.ops instead, e.g. symopt.ops.exp(z) for numpy.exp(z)"
    raise UnsupportedOperationError(
        f"{called} of the symbolic matrix {_named(matrix)}: NumPy functions take numbers, and this matrix "
        f"has none until data is fed. Build the expression with {fix}, and evaluate it with symopt.evaluate or "
        "symopt.compile.")


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
        return checked_product(self, other)

    def __rmatmul__(self, other):
        return checked_product(other, self)

    def __mul__(self, other):
        if _is_matrix(other) or isinstance(other, (MatrixBase, np.ndarray)):
            return self.__matmul__(other)
        return MatrixExpr.__mul__(self, other)

    def __rmul__(self, other):  # SymPy sends ``expr @ W`` here too (its __matmul__ calls __rmul__)
        if _is_matrix(other) or isinstance(other, (MatrixBase, np.ndarray)):
            return self.__rmatmul__(other)
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
        return _iterate_entries(self)

    def __array__(self, dtype=object, copy=None):
        return _guarded_array(MatrixExpr.__array__)(self, dtype, copy)

    def __array_function__(self, function, types, args, kwargs):
        _refuse_numpy(self, function.__name__)


def _has_symbolic_dimension(matrix) -> bool:
    return any(not isinstance(d, (int, np.integer)) and not getattr(d, "is_Integer", False) for d in matrix.shape)


def guard_matrix_expressions() -> None:
    """Give every SymPy matrix expression the scalar-operand, iteration and NumPy checks (idempotent).

    Concrete-shape matrices keep SymPy's behaviour for iteration and NumPy conversion (their entries are
    finite); only expressions with a symbolic dimension, where SymPy would loop forever or fail deep
    inside, are refused.
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
    for name in ("__rpow__", "__rtruediv__", "__abs__"):  # SymPy: a bare NotImplementedError
        setattr(MatrixExpr, name, _refused_entrywise(getattr(MatrixExpr, name), name))
    MatrixExpr.__iter__ = _iterate_entries
    MatrixExpr.__array__ = _guarded_array(MatrixExpr.__array__)
    MatrixExpr.__array_ufunc__ = _matrix_ufunc  # numpy.float64(2.0) * (X @ W) as 2.0 * (X @ W)
    Function._new_ = _guarded_call(Function.__dict__["_new_"].__func__)
    MinMaxBase.__new__ = staticmethod(_guarded_min_max(MinMaxBase.__new__))
    for cls in (MatMul, MatAdd, HadamardProduct, HadamardPower, ElementwiseApplyFunction, sympy.Transpose):
        cls.shape = _ITERATIVE_SHAPE  # SymPy's asks every operand below, recursively: a deep network overflowed
    count_slices_as_numpy()  # A[::2, :] of 3 rows has 2 rows (SymPy 1.14 counted 1)
    install_entrywise_maps()  # Z.applyfunc(f) at shape (1, 1) too, and for symopt.leaky_relu
    MatrixExpr._symopt_guarded = True


def guard_scalar_expressions() -> None:
    """NumPy's functions of a SymPy scalar expression (``numpy.exp(-w)``) raise
    :class:`~symopt.errors.UnsupportedOperationError` naming the SymPy function to use, where NumPy's own error
    was "loop of ufunc does not support argument 0 of type Mul which has no callable exp method"; what NumPy
    computes on them (``numpy.add(w, 1)``, ``numpy.abs(w)``) is unchanged (idempotent)."""
    if getattr(sympy.Expr, "_symopt_guarded", False):
        return
    sympy.Expr.__array_ufunc__ = _scalar_ufunc
    guard_conversions()  # math.exp(w), float(w), max(w, 0): a symopt error naming what to write
    sympy.Expr._symopt_guarded = True


def _scalar_ufunc(self, ufunc, method, *inputs, **kwargs):
    operands = [np.asarray(item, dtype=object) if isinstance(item, sympy.Basic) else item for item in inputs]
    try:
        return getattr(ufunc, method)(*operands, **kwargs)
    except (TypeError, AttributeError):
        name = {"arctan": "atan", "arcsin": "asin", "arccos": "acos", "arctanh": "atanh", "absolute": "Abs",
                "maximum": "Max", "minimum": "Min"}.get(ufunc.__name__, ufunc.__name__)
        raise UnsupportedOperationError(
            f"numpy.{ufunc.__name__} of the symbolic {_short(self)}: NumPy functions take numbers, and this "
            f"expression has none until it is evaluated. Use sympy.{name}(...) (or symopt.relu, symopt.sigmoid, "
            "symopt.ops for matrices) to build the cost, and symopt.compile or symopt.evaluate for numbers.") from None


def _guarded_power(original):
    """``(X @ W)**2`` (a non-square matrix expression) is refused by :func:`check_power`; SymPy would build a
    ``MatPow`` that fails only when evaluated (NumPy's LinAlgError)."""
    def __pow__(self, exponent):
        if not isinstance(self, MatrixBase):  # explicit matrices keep SymPy's power
            check_power(self, exponent)
        return original(self, exponent)
    __pow__.__doc__ = original.__doc__
    return __pow__


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
        shown = _short(other[0]) if other else ""
        written, fix = (text.format(other=shown) for text in _ENTRYWISE_FIXES[name])
        raise ShapeError(f"{written} with the matrix z = {_named(self)}: SymPy has no entrywise {written} of a matrix "
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
    :data:`MATRIX_FUNCTIONS`."""
    def _new_(cls, *args, **options):
        for argument in args:
            if _is_scalar_function_misuse(argument) and cls not in MATRIX_FUNCTIONS:
                _refuse_function_of_matrix(cls, argument)
        try:
            return original(cls, *args, **options)
        except TypeError as error:
            # SymPy's evaluation (Abs and sign run signsimp over their argument) can rebuild a matrix inside a
            # scalar reduction such as ops.sum(...) as a scalar product; the call itself is well defined, so
            # it is kept unevaluated.
            if "Mix of Matrix and Scalar" not in str(error) or options.get("evaluate") is False:
                raise
            return original(cls, *args, **{**options, "evaluate": False})
    return classmethod(_new_)


def _guarded_min_max(original):
    """``sympy.Max(0, X @ W)`` (relu written as Max) is refused naming the elementwise spelling; SymPy raised
    "The argument 'X*W' is not comparable"."""
    def __new__(cls, *args, **assumptions):
        for argument in args:
            if _is_scalar_function_misuse(argument):
                name = cls.__name__
                raise ShapeError(
                    f"sympy.{name} of the matrix {_named(argument)}: {name} compares scalars. For every entry write "
                    f"{'symopt.ops.relu(z) for Max(0, z), or ' if name == 'Max' else ''}"
                    f"z.applyfunc(lambda v: sympy.{name}(v, c)) with the bound c.")
        return original(cls, *args, **assumptions)
    return __new__


def _refuse_function_of_matrix(function, matrix):
    name = function.__name__
    written = f"{'symopt' if function.__module__.startswith('symopt') else 'sympy'}.{name}"
    from . import ops  # ops builds on the nodes this module guards
    op = name.lower() if callable(getattr(ops, name.lower(), None)) else None
    fix = (f"use symopt.ops.{op}(z) for the elementwise function" if op else
           f"symopt.ops has no {name}; for the elementwise function write z.applyfunc(sympy.{name})")
    raise ShapeError(
        f"{written} of the matrix {_named(matrix)}: {name}({_short(matrix)}) is not a scalar (a SymPy function "
        f"takes one) and has no value or gradient. For every entry, {fix} "
        "(reduce to a scalar first, e.g. symopt.ops.sum(z), if a scalar was meant).")


def _guarded_elementwise(original, operation: str, operand_first: bool):
    def method(self, other):
        if _is_matrix(other) or _converts(other):
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


def _iterate_entries(self):
    if isinstance(self, MatrixBase):  # explicit matrices (ImmutableMatrix is also a MatrixExpr): flat entries
        return (self[k] for k in range(len(self)))
    if _has_symbolic_dimension(self):
        _refuse_iteration(self)
    rows, cols = (int(d) for d in self.shape)
    return (self[i, j] for i in range(rows) for j in range(cols))


def _guarded_array(original):
    def __array__(self, dtype=object, copy=None):
        if _has_symbolic_dimension(self):
            _refuse_numpy(self, None)
        return original(self, dtype, copy)
    return __array__


def _short(expr: Any, limit: int = 40) -> str:
    text = str(expr)
    return text if len(text) <= limit else text[:limit - 3] + "..."

r"""NumPy meeting symbolic expressions: what NumPy can compute is passed on, the rest refused with the fix.

``numpy.sum(X @ W)`` raised a TypeError from deep inside SymPy and ``sum(X @ W)`` iterated forever (SymPy cannot
tell that index :math:`k` is past :math:`m`); ``numpy.exp(-w)`` said "loop of ufunc does not support argument 0".
Here each is a symopt error naming the :mod:`symopt.ops` (or SymPy) function to write; NumPy's scalar on the
left of a matrix (``numpy.float64(2.0) * W``) is the Python operator of the two.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy.matrices import MatrixBase

from .errors import UnsupportedOperationError
from .matrix_checks import refuse_iteration
from .matrix_shapes import named, short
from .symbolic_numbers import guard_conversions

__all__ = ["NUMPY_TO_OPS", "NUMPY_OPERATORS", "numpy_operator", "matrix_ufunc", "refuse_numpy",
           "guard_scalar_expressions", "scalar_ufunc", "iterate_entries", "guarded_array", "has_symbolic_dimension"]


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
        refuse_numpy(matrix, "sum" if (ufunc.__name__, method) == ("add", "reduce") else ufunc.__name__)  # np.sum
    forward, reflected = NUMPY_OPERATORS[ufunc.__name__]
    return getattr(matrix, forward if inputs[0] is matrix else reflected)(operand)


def matrix_ufunc(self, ufunc, method, *inputs, **kwargs):
    """NumPy's ufuncs of a matrix expression: :func:`numpy_operator`; an explicit matrix keeps NumPy's entrywise
    arithmetic on its entries (as for any SymPy expression)."""
    if isinstance(self, MatrixBase):
        return scalar_ufunc(self, ufunc, method, *inputs, **kwargs)
    return numpy_operator(self, ufunc, method, inputs, kwargs)


def refuse_numpy(matrix, function: str | None):
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
        f"{called} of the symbolic matrix {named(matrix)}: NumPy functions take numbers, and this matrix "
        f"has none until data is fed. Build the expression with {fix}, and evaluate it with symopt.evaluate or "
        "symopt.compile.")


def guard_scalar_expressions() -> None:
    """NumPy's functions of a SymPy scalar expression (``numpy.exp(-w)``) raise
    :class:`~symopt.errors.UnsupportedOperationError` naming the SymPy function to use, where NumPy's own error
    was "loop of ufunc does not support argument 0 of type Mul which has no callable exp method"; what NumPy
    computes on them (``numpy.add(w, 1)``, ``numpy.abs(w)``) is unchanged (idempotent)."""
    if getattr(sympy.Expr, "_symopt_guarded", False):
        return
    sympy.Expr.__array_ufunc__ = scalar_ufunc
    guard_conversions()  # math.exp(w), float(w), max(w, 0): a symopt error naming what to write
    sympy.Expr._symopt_guarded = True


def scalar_ufunc(self, ufunc, method, *inputs, **kwargs):
    operands = [np.asarray(item, dtype=object) if isinstance(item, sympy.Basic) else item for item in inputs]
    try:
        return getattr(ufunc, method)(*operands, **kwargs)
    except (TypeError, AttributeError):
        name = {"arctan": "atan", "arcsin": "asin", "arccos": "acos", "arctanh": "atanh", "absolute": "Abs",
                "maximum": "Max", "minimum": "Min"}.get(ufunc.__name__, ufunc.__name__)
        raise UnsupportedOperationError(
            f"numpy.{ufunc.__name__} of the symbolic {short(self)}: NumPy functions take numbers, and this "
            f"expression has none until it is evaluated. Use sympy.{name}(...) (or symopt.relu, symopt.sigmoid, "
            "symopt.ops for matrices) to build the cost, and symopt.compile or symopt.evaluate for numbers.") from None


def iterate_entries(self):
    if isinstance(self, MatrixBase):  # explicit matrices (ImmutableMatrix is also a MatrixExpr): flat entries
        return (self[k] for k in range(len(self)))
    if has_symbolic_dimension(self):
        refuse_iteration(self)
    rows, cols = (int(d) for d in self.shape)
    return (self[i, j] for i in range(rows) for j in range(cols))


def guarded_array(original):
    def __array__(self, dtype=object, copy=None):
        if has_symbolic_dimension(self):
            refuse_numpy(self, None)
        return original(self, dtype, copy)
    return __array__


def has_symbolic_dimension(matrix) -> bool:
    return any(not isinstance(d, (int, np.integer)) and not getattr(d, "is_Integer", False) for d in matrix.shape)

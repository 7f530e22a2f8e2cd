r"""NumPy meeting symbolic expressions: what NumPy can compute is passed on, the rest refused with the fix.

``numpy.sum(X @ W)`` raised a TypeError from deep inside SymPy and ``sum(X @ W)`` iterated forever (SymPy cannot
tell that index :math:`k` is past :math:`m`); ``numpy.exp(-w)`` said "loop of ufunc does not support argument 0".
Here each is a symopt error naming the :mod:`symopt.ops` (or SymPy) function to write; NumPy's scalar on the
left of a matrix (``numpy.float64(2.0) * W``) is the Python operator of the two.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy import MatrixExpr
from sympy.matrices import MatrixBase
from sympy.matrices.expressions.matexpr import MatrixElement

from .errors import SymoptError, UnsupportedOperationError
from .matrix_checks import refuse_iteration
from .matrix_shapes import named, short
from .numpy_scalar_choices import scalar_array_function
from .symbolic_numbers import guard_conversions

__all__ = ["NUMPY_TO_OPS", "NUMPY_ADVICE", "NUMPY_OPERATORS", "UFUNC_METHODS", "OBJECT_LOOP_METHODS",
           "numpy_operator", "matrix_ufunc", "refuse_numpy", "matrix_array_function", "guard_numpy_functions",
           "guard_scalar_expressions", "MissingEntryMethodError", "scalar_ufunc", "iterate_entries", "guarded_array",
           "SHAPE_FUNCTIONS", "has_symbolic_dimension"]


#: NumPy functions and the :mod:`symopt.ops` function that builds the same thing symbolically.
NUMPY_TO_OPS = {"sum": "sum", "mean": "mean", "exp": "exp", "log": "log", "sqrt": "sqrt", "tanh": "tanh",
                "square": "square", "absolute": "abs", "abs": "abs", "power": "power", "transpose": "transpose"}

_LARGEST = ("No symopt.ops function takes the {0} entry (its gradient would reach one entry only): write the cost with "
            "symopt.ops.sum or symopt.ops.mean of the entries, or {1} as a smooth {2}")

#: NumPy functions of a matrix ``{z}`` that symopt spells otherwise, and what to write instead.
NUMPY_ADVICE = {
    "maximum": "Write symopt.ops.relu({z}) for numpy.maximum({z}, 0), symopt.ops.leaky_relu({z}, a) for "
               "numpy.maximum({z}, a*{z}), ({z}).applyfunc(lambda t: sympy.Max(t, c)) for another bound c",
    "minimum": "Write ({z}).applyfunc(lambda t: sympy.Min(t, c)) for numpy.minimum({z}, c)",
    "clip": "Write ({z}).applyfunc(lambda t: sympy.Min(sympy.Max(t, low), high)) for numpy.clip({z}, low, high)",
    "max": _LARGEST.format("largest", "symopt.ops.log(symopt.ops.sum(symopt.ops.exp({z})))", "maximum"),
    "amax": _LARGEST.format("largest", "symopt.ops.log(symopt.ops.sum(symopt.ops.exp({z})))", "maximum"),
    "min": _LARGEST.format("smallest", "-symopt.ops.log(symopt.ops.sum(symopt.ops.exp(-{z})))", "minimum"),
    "amin": _LARGEST.format("smallest", "-symopt.ops.log(symopt.ops.sum(symopt.ops.exp(-{z})))", "minimum"),
    "norm": "Write sympy.sqrt(symopt.ops.sum(symopt.ops.square({z}))) for the 2-norm of {z}, or "
            "symopt.ops.l2_penalty({z}) for a weight penalty",
    "outer": "Write the product of columns with the operator @: a @ b.T for numpy.outer(a, b) of two (n, 1) columns",
    "dot": "Write the operator @: X @ W for numpy.dot(X, W)",
    "matmul": "Write the operator @: X @ W for numpy.matmul(X, W)",
    "multiply": "Build the expression with symopt.ops.hadamard(a, b) instead for the entrywise product of two "
                "matrices, or the operator * with a real Python or NumPy number, e.g. 2.0 * z",
}

#: A ufunc's method as the NumPy function the user called (``numpy.max(z)`` is ``numpy.maximum.reduce(z)``).
UFUNC_METHODS = {("add", "reduce"): "sum", ("maximum", "reduce"): "max", ("minimum", "reduce"): "min",
                 ("multiply", "reduce"): "prod", ("add", "accumulate"): "cumsum"}

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
        refuse_numpy(matrix, UFUNC_METHODS.get((ufunc.__name__, method), ufunc.__name__))  # np.sum, np.max
    forward, reflected = NUMPY_OPERATORS[ufunc.__name__]
    return getattr(matrix, forward if inputs[0] is matrix else reflected)(operand)


def matrix_ufunc(self, ufunc, method, *inputs, **kwargs):
    """NumPy's ufuncs of a matrix expression: :func:`numpy_operator`; an explicit matrix keeps NumPy's entrywise
    arithmetic on its entries (as for any SymPy expression)."""
    if isinstance(self, MatrixBase):
        return scalar_ufunc(self, ufunc, method, *inputs, **kwargs)
    return numpy_operator(self, ufunc, method, inputs, kwargs)


def refuse_numpy(matrix, function, kwargs: dict | None = None):
    """``function`` is the NumPy function (or its name), or None when NumPy only tried to convert the matrix;
    ``kwargs`` its keyword arguments, of which ``axis=`` is kept in the advice."""
    axis = f", axis={kwargs['axis']!r}" if kwargs and kwargs.get("axis") is not None else ""
    if function is None:
        called, fix = "numpy (numpy.sum, numpy.asarray, ...)", ("Build the expression with symopt.ops instead, e.g. "
                                                                "symopt.ops.sum(z) for numpy.sum(z)")
    else:
        name = getattr(function, "__name__", function)
        called = f"{getattr(function, '__module__', None) or 'numpy'}.{name}"
        if name in NUMPY_TO_OPS:
            fix = (f"Build the expression with symopt.ops instead: symopt.ops.{NUMPY_TO_OPS[name]}({short(matrix)}"
                   f"{axis}) for {called}({short(matrix)}{axis})")
        elif name in NUMPY_ADVICE:
            fix = NUMPY_ADVICE[name].format(z=short(matrix))
        elif name in NUMPY_OPERATORS:
            fix = "Build the expression with the operator and a real Python or NumPy number instead, e.g. 2.0 * z"
        else:
            fix = (f"Build the expression with symopt.ops (it has no {called}: docs/functions.md lists what a cost "
                   "may hold), or with SymPy's functions entry by entry, z.applyfunc(lambda t: ...)")
    raise UnsupportedOperationError(
        f"{called} of the symbolic matrix {named(matrix)}: NumPy functions take numbers, and this matrix "
        f"has none until data is fed. {fix}; evaluate it with symopt.evaluate or symopt.compile.")


def matrix_array_function(self, function, types, args, kwargs):
    """``numpy.clip(X @ W, 0, 1)``: a NumPy function of a matrix expression with the batch size among its sizes is
    refused by its own name (its conversion to an array was refused as "numpy (numpy.sum, ...)"); any other
    matrix expression is converted as before, an array of its entries."""
    if any(getattr(kind, "__array_function__", None) not in (matrix_array_function, None) for kind in types
           if issubclass(kind, MatrixExpr)):
        return NotImplemented  # a symopt symbol among the arguments refuses by itself
    if function in SHAPE_FUNCTIONS:  # numpy.shape(X @ W) needs no numbers: (m, 1)
        return SHAPE_FUNCTIONS[function](self)
    if not isinstance(self, MatrixBase) and has_symbolic_dimension(self):
        refuse_numpy(self, function, kwargs)
    implementation = getattr(function, "_implementation", None)
    if implementation is None:  # numpy.array(..., like=M): NumPy's own TypeError
        return NotImplemented
    return implementation(*args, **kwargs)


#: NumPy functions that read a matrix's shape only, answered from its (possibly symbolic) shape.
SHAPE_FUNCTIONS = {np.shape: lambda m: tuple(m.shape), np.ndim: lambda m: len(m.shape)}


def guard_scalar_expressions() -> None:
    """NumPy's functions of a SymPy scalar expression (``numpy.exp(-w)``) raise
    :class:`~symopt.errors.UnsupportedOperationError` naming the SymPy function to use, where NumPy's own error
    was "loop of ufunc does not support argument 0 of type Mul which has no callable exp method"; what NumPy
    computes on them (``numpy.add(w, 1)``, ``numpy.abs(w)``) is unchanged (idempotent)."""
    if getattr(sympy.Expr, "_symopt_guarded", False):
        return
    sympy.Expr.__array_ufunc__ = scalar_ufunc
    sympy.Expr.__array_function__ = scalar_array_function
    sympy.logic.boolalg.Boolean.__array_function__ = scalar_array_function  # numpy.where(w > 0, 1.0, 0.0)
    guard_conversions()  # math.exp(w), float(w), max(w, 0): a symopt error naming what to write
    sympy.Expr._symopt_guarded = True


#: The methods NumPy's object loops call on each entry (``numpy.exp`` of an object array calls ``entry.exp()``), and
#: the SymPy spelling of each.
OBJECT_LOOP_METHODS = {
    "exp": "sympy.exp({v})", "log": "sympy.log({v})", "sqrt": "sympy.sqrt({v})", "cbrt": "sympy.cbrt({v})",
    "sin": "sympy.sin({v})", "cos": "sympy.cos({v})", "tan": "sympy.tan({v})", "arcsin": "sympy.asin({v})",
    "arccos": "sympy.acos({v})", "arctan": "sympy.atan({v})", "sinh": "sympy.sinh({v})", "cosh": "sympy.cosh({v})",
    "tanh": "sympy.tanh({v})", "arcsinh": "sympy.asinh({v})", "arccosh": "sympy.acosh({v})",
    "arctanh": "sympy.atanh({v})", "fabs": "sympy.Abs({v})", "exp2": "2**{v}", "expm1": "sympy.exp({v}) - 1",
    "log2": "sympy.log({v}, 2)", "log10": "sympy.log({v}, 10)", "log1p": "sympy.log(1 + {v})"}


def guard_numpy_functions() -> None:
    """NumPy's functions of an object array of SymPy expressions (``numpy.exp(numpy.array([w0, w1]))``,
    ``numpy.exp(numpy.asarray(W))``: NumPy calls each entry's ``exp`` method) and NumPy functions of a matrix
    expression with the batch size name the function called and what to write: the first as NumPy's TypeError caused
    by a :class:`MissingEntryMethodError` (SymPy's expressions gain no methods: ``hasattr(x, "exp")`` stays False),
    the second an :class:`~symopt.errors.UnsupportedOperationError` (idempotent; a method SymPy itself defines,
    such as ``Pow.exp``, the exponent, is left alone)."""
    if getattr(MatrixExpr, "_symopt_numpy_functions", False):
        return
    for method, spelling in OBJECT_LOOP_METHODS.items():
        if not hasattr(sympy.Expr, method):
            setattr(sympy.Expr, method, _RefusedEntryMethod(method, spelling))
    MatrixExpr.__array_function__ = matrix_array_function
    MatrixExpr._symopt_numpy_functions = True


class MissingEntryMethodError(SymoptError, AttributeError):
    """``x.exp()``: a SymPy expression has no such method; NumPy's object loops report it as the cause of theirs."""


class _RefusedEntryMethod:
    """An attribute that is absent (``hasattr`` is False, ``x.cos()`` an AttributeError) and whose error names the
    SymPy function to write, so that ``numpy.cos`` of an object array shows it as its cause."""

    def __init__(self, method: str, spelling: str):
        self.method, self.spelling = method, spelling

    def __get__(self, entry, owner=None):
        if entry is None:
            raise AttributeError(self.method)
        raise MissingEntryMethodError(_entry_method_message(entry, self.method, self.spelling))


def _entry_method_message(entry, method: str, spelling: str) -> str:
    text = short(entry)
    matrix = getattr(entry, "parent", None)
    if isinstance(entry, MatrixElement) and method in NUMPY_TO_OPS:
        whole = (f"or take symopt.ops.{method}({short(matrix)}) of the matrix itself (numpy.asarray({short(matrix)}) "
                 "is an array of its entries)")
    elif isinstance(entry, MatrixElement):
        whole = f"or ({short(matrix)}).applyfunc(lambda t: {spelling.format(v='t')}) for the whole matrix"
    else:
        whole = "or build the entries with SymPy's functions in the first place"
    return (f"{text} has no method {method}, which numpy.{method} of an object array (numpy.array([w0, w1]), "
            f"numpy.asarray(W)) calls on each entry: NumPy functions take numbers, and symbols have none until "
            f"evaluated. Write {spelling.format(v=text)} for each entry ([{spelling.format(v='v')} for v in params]), "
            f"{whole}.")


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

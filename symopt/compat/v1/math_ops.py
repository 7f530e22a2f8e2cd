"""TF1's math functions on :class:`~symopt.compat.v1.graph.Tensor`: add, multiply, square, exp, ...

Elementwise functions map a scalar SymPy function over matrices; binary ones reuse
the graph's broadcasting arithmetic.
"""

from __future__ import annotations

import sympy

from ... import functions
from ...calculus import adjoints
from ...nodes import elementwise
from ...reductions import AsFloat
from ...symbols import is_matrix
from . import dtypes
from .graph import Tensor, as_tensor

__all__ = ["add", "subtract", "multiply", "divide", "pow", "square", "sqrt", "exp", "log", "abs", "negative",
           "sigmoid", "tanh", "relu", "cast", "gradients"]


def add(x, y, name=None):
    return as_tensor(x) + y


def subtract(x, y, name=None):
    return as_tensor(x) - y


def multiply(x, y, name=None):
    return as_tensor(x) * y


def divide(x, y, name=None):
    return as_tensor(x) / y


def pow(x, y, name=None):  # noqa: A001
    return as_tensor(x) ** y


def negative(x, name=None):
    return -as_tensor(x)


def square(x, name=None):
    return as_tensor(x) ** 2


def _unary(function, name: str):
    def apply(x, name=None):
        x = as_tensor(x)
        expr = elementwise(function, x.expr) if is_matrix(x.expr) else function(x.expr)
        return Tensor(expr, x.shape, x.dtype, f"{apply.__name__}:0")
    apply.__name__ = name
    apply.__doc__ = f"Elementwise ``{name}``."
    return apply


sqrt = _unary(sympy.sqrt, "sqrt")
exp = _unary(sympy.exp, "exp")
log = _unary(sympy.log, "log")
abs = _unary(sympy.Abs, "abs")  # noqa: A001
sigmoid = _unary(functions.sigmoid, "sigmoid")
tanh = _unary(sympy.tanh, "tanh")
relu = _unary(functions.relu, "relu")


def cast(x, dtype, name=None) -> Tensor:
    """``tf.cast``.  Integers become floats of the program's dtype (an :class:`~symopt.reductions.AsFloat`
    node); booleans (``tf.equal``) are already 1.0 / 0.0 inside the program; floats keep their values."""
    x = as_tensor(x)
    dtype = dtypes.as_dtype(dtype)
    expr = x.expr
    if dtype.is_floating and x.dtype.name.startswith("int") and is_matrix(expr):
        expr = AsFloat(expr)
    return Tensor(expr, x.shape, dtype, f"{name or 'Cast'}:0")


def gradients(ys, xs, name="gradients"):
    """``tf.gradients``: the gradient of ``sum(ys)`` with respect to each of ``xs`` (``None`` if absent)."""
    from .train import _scalar
    ys = ys if isinstance(ys, (list, tuple)) else [ys]
    xs_list = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    cost = sympy.Add(*(_scalar(y) for y in ys))
    present = cost.free_symbols
    results = list(map(adjoints(cost, [x.expr for x in xs_list]).get, [x.expr for x in xs_list]))
    return [Tensor(g, x.shape, x.dtype, f"gradients/{x.name}") if x.expr in present else None
            for g, x in zip(results, xs_list)]

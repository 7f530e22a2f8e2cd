r"""NumPy's choosing functions of a SymPy scalar (``numpy.clip(w, 0, 1)``, ``numpy.where(w > 0, w, 0)``): where the
argument NumPy would compare now holds a symopt Variable or Placeholder, refused naming the call and the SymPy
expression that makes the same choice in the cost (probe69 P69-3); every other NumPy function, and these with
numbers in the compared argument (``numpy.where(mask, x, 0)`` builds an object array), run as NumPy runs them.

Installed as ``__array_function__`` of ``sympy.Expr`` and of SymPy's Booleans (a condition such as ``w > 0``): the
function's name is looked up first, so ``numpy.shape`` of any expression costs one dictionary lookup and walks
nothing (45a-12).
"""

from __future__ import annotations

import numpy as np
import sympy

from .errors import UnsupportedOperationError
from .matrix_shapes import short
from .symbol_kinds import is_symopt_symbol
from .traversal import unique_nodes

__all__ = ["CHOOSING_FUNCTIONS", "scalar_array_function", "holds_symopt_symbol"]


def holds_symopt_symbol(value) -> bool:
    """Whether ``value`` is a SymPy object with a symopt Variable or Placeholder in it (walked without recursion)."""
    return isinstance(value, sympy.Basic) and any(is_symopt_symbol(node) for node in unique_nodes([value]))


def _one_number(value) -> bool:
    return isinstance(value, (int, float, np.number, sympy.Basic)) and not isinstance(value, (bool, np.bool_))


def _clip_compared(a=None, a_min=None, a_max=None, *rest, **kwargs) -> tuple:
    return a, kwargs.get("min", a_min), kwargs.get("max", a_max)


def _clip_advice(a=None, a_min=None, a_max=None, *rest, **kwargs) -> str:
    """``write sympy.Min(sympy.Max(w, 0), 1)`` for ``numpy.clip(w, 0, 1)``; a bound left out stays out, and a bound
    that is not one number is named, never dropped (45a-6)."""
    _, low, high = _clip_compared(a, a_min, a_max, **kwargs)
    bounds = [bound for bound in (low, high) if bound is not None]
    if not all(_one_number(bound) for bound in bounds):
        return (f"clip with one number per bound: sympy.Min(sympy.Max({short(a)}, low), high), where the bounds given "
                f"({', '.join(short(bound) for bound in bounds)}) are not single numbers (an array bound makes an "
                "array, and a scalar cost is one number)")
    text = short(a)
    if low is not None:
        text = f"sympy.Max({text}, {short(low)})"
    if high is not None:
        text = f"sympy.Min({text}, {short(high)})"
    return f"write {text} for it"


def _where_compared(condition=None, *rest, **kwargs) -> tuple:
    return (condition,)


def _where_advice(condition=None, *rest, **kwargs) -> str:
    """``write sympy.Piecewise((w, w > 0), (0, True))`` for ``numpy.where(w > 0, w, 0)``; the one-argument form
    lists indices of nonzero entries, which no cost spells (45a-6)."""
    if len(rest) + len(kwargs) < 2:
        return (f"numpy.where({short(condition)}) with one argument lists the indices of nonzero entries, which a "
                "symbolic scalar has none of until it is evaluated")
    chosen, otherwise = (*rest, *kwargs.values())[:2]
    return f"write sympy.Piecewise(({short(chosen)}, {short(condition)}), ({short(otherwise)}, True)) for it"


#: NumPy functions that compare an argument now, by name: (the arguments compared, the advice from the call).
CHOOSING_FUNCTIONS = {"clip": (_clip_compared, _clip_advice), "where": (_where_compared, _where_advice)}


def scalar_array_function(self, function, types, args, kwargs):
    """``numpy.clip(w, 0, 1)``, ``numpy.where(w > 0, w, 0)`` with a symopt symbol in what NumPy compares: refused
    naming the function and its SymPy spelling ("the truth value (if, and/or, max, min)" was the message before);
    any other call runs as NumPy runs it."""
    rules = CHOOSING_FUNCTIONS.get(getattr(function, "__name__", ""))
    if rules is not None:
        compared, advice = rules
        if any(holds_symopt_symbol(value) for value in compared(*args, **kwargs)):
            shown = ", ".join([*map(short, args), *(f"{key}={short(value)}" for key, value in kwargs.items())])
            raise UnsupportedOperationError(
                f"numpy.{function.__name__}({shown}): NumPy compares numbers now, and a symopt Variable or "
                f"Placeholder has none until it is evaluated. Expected SymPy's functions in the cost: "
                f"{advice(*args, **kwargs)}, and symopt.compile or symopt.evaluate for numbers.")
    implementation = getattr(function, "_implementation", None)
    if implementation is None:  # numpy.array(..., like=w): NumPy's own TypeError
        return NotImplemented
    return implementation(*args, **kwargs)

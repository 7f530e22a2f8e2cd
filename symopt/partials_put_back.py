r"""A partial computed on dummies (:func:`~symopt.calculus.adjoints` differentiates ``f(t_1, ..., t_n)``, never the
deep arguments themselves) with the arguments put back in place of the dummies: :func:`put_back`."""

from __future__ import annotations

import sympy

from .derivatives import settled
from .traversal import contains

__all__ = ["put_back"]


def put_back(partial, back: dict):
    """``partial`` with the arguments ``back`` in place of the dummies; a mask (``Max``'s
    ``Piecewise((1, a₁ ≥ a₂), (0, True))``) is rebuilt unevaluated: SymPy's ``Piecewise.eval`` may never end deciding
    a comparison of deep arguments (``asinh(a)·eᵇ`` against ``atan(atan(...))``)."""
    if isinstance(partial, sympy.Piecewise):
        try:
            return _mask(partial, back, back)
        except TypeError:  # SymPy's "Invalid comparison of non-real I*pi" (probe49 P49-2)
            return _mask(partial, back, {dummy: _real_branches(argument) for dummy, argument in back.items()})
    return partial.xreplace(back)


def _mask(partial, values: dict, compared: dict):
    return sympy.Piecewise(*((e.xreplace(values), settled(c.xreplace(compared))) for e, c in partial.args),
                           evaluate=False)


def _real_branches(argument):
    r"""``argument`` for a mask's comparison, with each branch that SymPy folds to a value it knows is not real
    (``log(Piecewise((-1, v < 0), (w, True)))`` is :math:`i\pi` where :math:`v < 0`) written :math:`+\infty`.
    SymPy folds a ``Piecewise`` argument into the comparison and raises comparing :math:`i\pi`; there the function
    has no real value (the cost computes NaN), so which way the mask goes is immaterial."""
    if not contains(argument, sympy.Piecewise):
        return argument
    folded = sympy.piecewise_fold(argument)
    if not isinstance(folded, sympy.Piecewise):
        return argument
    return sympy.Piecewise(*((sympy.oo if e.is_extended_real is False else e, c)
                             for e, c in folded.args), evaluate=False)

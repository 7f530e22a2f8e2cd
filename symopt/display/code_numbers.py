r"""The generated code's gradient numbers at a point where the chain rule's products are not its.

A display finds :math:`\partial J/\partial w` step by step, as products of the adjoints and local slopes along the
graph.  At a regular point that is the code's number.  Where a value on the way is :math:`\pm\infty` or NaN (a pole,
:math:`\sqrt{0}` under a division), the products are not the code's arithmetic: a Piecewise's mask times a slope
that is infinite in the branch not taken is :math:`0\cdot\infty`, NaN, where the code selects the branch; a 0 times
a pole is 0 where the code's simplified derivative (``-(1/2)/w``) is :math:`-\infty`.  There the displays show the
derivative the code compiles (:func:`symopt.code_rules.code_gradients`' rules: :math:`\partial_p x^p` is 0 where
:math:`x^p` is), evaluated at the point with the code's IEEE rules
(:func:`~symopt.display.values.evaluate`: signed zeros, :math:`\log 0 = -\infty`, poles).
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from ..calculus import adjoints
from ..code_rules import differentiating_as_code
from ..errors import SymoptError
from ..symbols import is_matrix
from .values import evaluate, node_values

__all__ = ["singular", "pole_inside", "pole_on_the_way", "code_gradient_numbers"]


def singular(numbers) -> bool:
    """Whether one of ``numbers`` (SymPy numbers) is :math:`\\pm\\infty` or NaN."""
    return any(isinstance(n, sympy.Expr) and n.is_number and not n.is_Matrix
               and (n.is_finite is False or n.has(sympy.nan, sympy.zoo)) for n in numbers)


def pole_inside(steps, numbers: dict) -> tuple | None:
    r"""The first ``(step, node, value)`` of ``steps`` with a value inside the step that is :math:`\pm\infty` or NaN
    and that no number in ``numbers`` shows, since the step folds it in (``1/w = ∞`` in ``u = atan(1/w)`` at w = 0:
    ``u`` is finite, the code's slope is NaN); None where there is none."""
    for step in steps:
        values = node_values(step.expression, numbers)
        inner = next((node for node, number in values.items()
                      if node != step.expression and node not in numbers and singular([number])), None)
        if inner is not None:
            return step, inner, values[inner]
    return None


def pole_on_the_way(steps, numbers: dict) -> bool:
    r"""Whether a value on the way to the cost is :math:`\pm\infty` or NaN: a number in ``numbers`` (the steps'
    values and the slopes found so far) or a value inside a step (:func:`pole_inside`)."""
    return singular(numbers.values()) or pole_inside(steps, numbers) is not None


def code_gradient_numbers(cost, leaves, bound: dict, dtype: str = "float64") -> dict:
    """``{leaf: ∂cost/∂leaf at the point}`` for each scalar symbol and each matrix entry (``W[0, 0]``, from its
    matrix's derivative, as compile computes it: final48e 48e-2) in ``leaves``, the derivative symopt compiles
    evaluated with the code's rules in ``dtype``."""
    symbols = [leaf for leaf in leaves if isinstance(leaf, sympy.Symbol) and not is_matrix(leaf)]
    entries = [leaf for leaf in leaves if isinstance(leaf, MatrixElement)]
    matrices = list(dict.fromkeys(entry.parent for entry in entries))
    try:
        with differentiating_as_code():  # computed lazily (.text()), after derive's own context is gone
            derivatives = adjoints(cost, symbols + matrices)
    except SymoptError:
        return {}
    numbers = {symbol: evaluate(derivatives[symbol], bound, dtype) for symbol in symbols if symbol in derivatives}
    for entry in entries:
        if entry.parent in derivatives:
            whole = derivatives[entry.parent]
            whole = whole.as_explicit() if hasattr(whole, "as_explicit") else whole
            numbers[entry] = evaluate(whole[int(entry.i), int(entry.j)], bound, dtype)
    return numbers

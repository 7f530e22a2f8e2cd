r"""The numbers of a general matrix derivation at a point: every step and every adjoint, with NumPy.

``derive(cost, wrt, at={X: ..., W: ...})`` of a cost with matrix steps computes each line from the
line as shown: a forward step from the earlier steps' arrays (:math:`u_2 = W_2 u_1`), an adjoint
from its consumers' adjoints (:math:`du_1 = W_2^\top du_2`), each by one generated NumPy function
(:func:`symopt.compiler.compile_expressions`, cached).  Each parameter's gradient is then checked
against :func:`symopt.compile` of the whole cost; a disagreement raises, never a silent number.
Where the cost has no real value (NaN: ``log`` of a negative entry) no slope is shown either.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy import MatrixSymbol

from ..compiler import compile_expressions
from ..errors import UnsupportedOperationError
from ..symbols import BATCH, is_matrix
from .backward import adjoint_symbol
from .numbers import compiled_gradient

__all__ = ["line_arrays", "examples_in"]


def examples_in(arrays: dict) -> int | None:
    """The number of examples :math:`m`: the size of a dimension ``m`` of a bound matrix (None without one)."""
    for symbol, array in arrays.items():
        dimensions = symbol.shape if is_matrix(symbol) else ()
        for dimension, size in zip(dimensions, np.shape(array)):
            if dimension == BATCH:
                return int(size)
    return None


def _evaluate(expression, known: dict, carrier):
    """``expression`` at the ``known`` arrays; scalar steps and adjoints enter as plain real symbols, and
    ``carrier`` (a bound matrix with a dimension ``m``) binds the size of an all-ones matrix ``𝟙``."""
    if not is_matrix(expression) and sympy.sympify(expression).is_number:
        return np.float64(float(expression))
    read = sorted(set(expression.free_symbols) - {BATCH}, key=lambda s: (str(s), type(s).__name__))
    stand_ins = {symbol: sympy.Symbol(f"scalar_{index}", real=True) for index, symbol in enumerate(read)
                 if not isinstance(symbol, MatrixSymbol)}
    inputs = [stand_ins.get(symbol, symbol) for symbol in read]
    values = [known[symbol] for symbol in read]
    if carrier is not None and carrier not in read:
        inputs.append(carrier)
        values.append(known[carrier])
    function, _ = compile_expressions([expression.xreplace(stand_ins)], inputs, dtype="float64")
    with np.errstate(all="ignore"):
        return np.asarray(function(*values)[0], dtype=float)


def line_arrays(forward, backward, wrt, arrays: dict) -> dict:
    """``{step symbol or adjoint dx: array}`` of every line, each computed from the line as shown; the parameters'
    gradients checked against :func:`symopt.compile`."""
    known = dict(arrays)
    carrier = next((symbol for symbol in arrays if is_matrix(symbol)
                    and BATCH in sympy.Tuple(*symbol.shape).free_symbols), None)
    for step in forward.steps:
        known[step.symbol] = _evaluate(step.expression, known, carrier)
    if np.isnan(known[forward.output.symbol]):  # J has no real value here (log(-1)): no slope either, as for scalars
        known.update({adjoint_symbol(back.node): np.full(np.shape(known[back.node]), np.nan) for back in backward})
        return known
    known[adjoint_symbol(forward.output.symbol)] = np.float64(1.0)
    for back in backward:
        known[adjoint_symbol(back.node)] = _evaluate(back.compact, known, carrier)
    _, compiled = compiled_gradient(forward.cost, wrt, arrays, "float64")
    for symbol, expected in compiled.items():
        shown = known[adjoint_symbol(symbol)]
        if not np.allclose(shown, expected, rtol=1e-6, atol=1e-9, equal_nan=True):
            raise UnsupportedOperationError(
                f"the derivation's line for d{symbol} disagrees with symopt.grad at this point: "
                f"{np.ravel(shown)[:4]} vs {np.ravel(expected)[:4]}; derive without at= and report this cost")
    return known

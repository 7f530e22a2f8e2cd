r"""Which scalars of generated code are NumPy functions of sizes only (:func:`is_size_function`): the NumPy
printer writes them as ``float(...)``, a weak Python float, so a float32 program stays float32 (probe76 P76-2)."""

from __future__ import annotations

import sympy
from sympy.core.function import Application

from .functions import in_float
from .symbols import BatchSize, is_matrix

__all__ = ["is_size_function"]


def is_size_function(expr, size_symbols: frozenset) -> bool:
    r"""Whether ``expr`` is a function of sizes only (the batch size :math:`m` and ``size_symbols``) that NumPy
    computes as a ``numpy.float64`` or ``numpy.int64``: ``sqrt(m)``, ``log(m)``, :math:`\max(m, 2)`, a batch
    slice's ``ceiling(m/2)``, :math:`m^{-1/2}`; where ``1/m`` and ``m**2`` stay Python numbers.  Every applied
    function counts (SymPy's ``Max`` and ``Min`` are no ``Function``: probe 45d-1), but one computed in a stated
    precision (``in_float``: TF1's integers, ``10 // (m - 2)`` in float64) keeps its NumPy dtype, by which the
    session tells a division by zero (``inf``) from a value."""
    if not isinstance(expr, sympy.Expr) or expr.is_Atom or is_matrix(expr):
        return False
    symbols = expr.free_symbols
    if not symbols or not all(isinstance(s, BatchSize) or s in size_symbols for s in symbols):
        return False
    nodes = list(sympy.preorder_traversal(expr))
    if any(isinstance(n, in_float) for n in nodes):
        return False
    return any(isinstance(n, Application) or (isinstance(n, sympy.Pow) and not n.exp.is_Integer)
               for n in nodes)

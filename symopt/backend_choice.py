"""Which backend a program's code is printed for (``math`` for scalar float64 programs, else ``numpy``), and the
type a scalar input of a backend is converted to."""

from __future__ import annotations

import sympy

from .printers import printer_for
from .program import Program
from .symbols import is_matrix
from .traversal import unique_nodes

__all__ = ["choose_backend", "scalar_type"]


def choose_backend(program: Program, dtype: str) -> str:
    """``"math"`` for a scalar float64 program on scalar inputs (Python floats are fastest), else ``"numpy"``; a
    scalar that reduces a matrix inside one expression (``sum(exp(Matrix([2, 3])))*w``) needs NumPy too: ``math.exp``
    of an array raised (probe57 P57-1)."""
    scalar = program.is_scalar and dtype == "float64" and all(not is_matrix(s) for s in program.inputs)
    values = [e for _, e in program.assignments] + list(program.outputs)
    return "math" if scalar and not any(isinstance(node, (sympy.MatrixExpr, sympy.MatrixBase))
                                        for node in unique_nodes(values)) else "numpy"


def scalar_type(module: str, dtype: str):
    """The type a scalar input of backend ``module`` is converted to: ``float`` for ``math``, else the dtype's
    NumPy scalar type."""
    return printer_for(module).scalar_type(dtype)

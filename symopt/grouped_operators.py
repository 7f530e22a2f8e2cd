r"""The products ``@`` (and SymPy's ``*`` of two matrices) build where the user grouped the right operand,
``X @ (W @ v)``: checked as written, then joined with the group kept whole (:mod:`symopt.grouped_products`,
probe60 P60-5).  :mod:`symopt.operators` installs them.
"""

from __future__ import annotations

import sympy
from sympy import MatMul
from sympy.matrices import MatrixBase

from .grouped_products import GroupedProduct, grouped_operand
from .matrix_checks import check_product, checked_product
from .matrix_shapes import is_matrix
from .nodes import scale

__all__ = ["grouped_product", "keeping_groups"]


def grouped_product(left, right, operator: str = "@"):
    r"""``left @ right`` checked (:func:`checked_product`), a product on the right kept as the user grouped it:
    ``X @ (W @ v)`` multiplies ``W @ v`` first (:mod:`symopt.grouped_products`, probe60 P60-5)."""
    coefficient, grouped = grouped_operand(right)
    if grouped is not right:  # checked as written: (X @ V) * (X @ V) is told to write ops.square(X @ V)
        check_product(sympy.ImmutableMatrix(left) if isinstance(left, MatrixBase) else left, right, operator)
    product = checked_product(left, grouped, operator)
    return product if coefficient == 1 else scale(coefficient, product)


def keeping_groups(original):
    """SymPy's ``MatrixExpr.__matmul__`` (or ``__rmatmul__``, ``__mul__``, ``__rmul__``: SymPy's ``*`` of two
    matrices is their product) where a product on the right keeps the user's grouping (:func:`grouped_product`);
    other operands go to SymPy's."""
    right_first = original.__name__ in ("__rmatmul__", "__rmul__")
    operator = "@" if "matmul" in original.__name__ else "*"

    def method(self, other):
        left, right = (other, self) if right_first else (self, other)
        if is_matrix(left) and isinstance(right, MatMul) and not isinstance(right, GroupedProduct):
            return grouped_product(left, right, operator)
        return original(self, other)
    method.__name__, method.__doc__ = original.__name__, original.__doc__
    return method

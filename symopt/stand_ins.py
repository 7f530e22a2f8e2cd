r"""Stand-in symbols for the scalar subexpressions a reverse-mode rule sees.

A rule for :math:`f(a, b)` builds products such as :math:`\bar y\, \partial f/\partial a`; SymPy sorts
the factors of every product it builds, and comparing two nested functions costs their depth, so the
gradient of :math:`K` nested sigmoids cost :math:`O(K^3)`.  Applied to :math:`f(t_a, t_b)` with dummy
symbols for the dependent arguments, the rule builds shallow products; :meth:`StandIns.restore` puts the
arguments back once, at the end.
"""

from __future__ import annotations

import sympy
from sympy import Add, Mul, Pow
from sympy.core.function import Function

from .symbols import is_matrix

__all__ = ["StandIns"]


class StandIns:
    """Dummy symbols standing for the dependent scalar subexpressions a scalar rule sees."""

    def __init__(self, dependent: set, targets: set):
        self.dependent, self.targets = dependent, targets
        self.symbols: dict = {}
        self.originals: dict = {}

    def _for(self, node):
        if node not in self.dependent or node in self.targets or node.is_Atom or is_matrix(node):
            return node
        if node not in self.symbols:
            symbol = sympy.Dummy("t", real=True)
            self.symbols[node], self.originals[symbol] = symbol, node
        return self.symbols[node]

    def apply(self, rule, node, adjoint) -> list:
        """``rule(node, adjoint)`` on the shallow node; the original rule where that would lose a child."""
        if is_matrix(node) or not isinstance(node, (Add, Mul, Pow, Function)) or isinstance(node, sympy.Piecewise) \
                or any(is_matrix(arg) for arg in node.args):
            return rule(node, adjoint)
        arguments = [self._for(arg) for arg in node.args]
        # Unevaluated: SymPy would fold a user's unevaluated w*w into w**2 (and w + w into 2*w), which the
        # rule of the original class then reads wrongly
        shallow = node.func(*arguments, evaluate=False) if isinstance(node, (Add, Mul, Pow)) else node.func(*arguments)
        contributions = [(self.originals.get(child, child), value) for child, value in rule(shallow, adjoint)]
        if {arg for arg in node.args if arg in self.dependent} - {child for child, _ in contributions}:
            return rule(node, adjoint)  # SymPy rebuilt the shallow node differently
        return contributions

    def restore(self, expression):
        return expression.xreplace(self.originals) if self.originals else expression

r"""Which inputs and steps of a derivation ``grad`` differentiates through, for a ``Piecewise``'s pinned branches.

``grad`` gives a branch taken only where a differentiated quantity is at a point a NaN partial there
(:func:`~symopt.derivatives.pinned_branches`): :math:`J = \{5 \text{ if } w = 1;\ q \text{ otherwise}\}` with
:math:`q = (1 - w^5)/(1 - w)` has :math:`dJ/dw = \{\mathrm{nan} \text{ if } w = 1;\ dq/dw \text{ otherwise}\}`.
A derivation differentiates the step :math:`J` in :math:`q`, which holds no :math:`w`; it must still read
:math:`w` as differentiated, or it shows :math:`\partial J/\partial q = [w \ne 1]`, 0 at the pinned point where
``grad`` has NaN (probe73 P73-3).  The nodes here are ``grad``'s sweep's: they depend on a parameter through the
values the cost computes and the cost reads them the same way (a condition takes no gradient).
"""

from __future__ import annotations

import sympy
from sympy.functions.elementary.piecewise import ExprCondPair

from .steps import Forward

__all__ = ["differentiated_through", "varies_in"]


def differentiated_through(forward: Forward, wrt=None) -> set:
    """The inputs and step symbols of ``forward`` that depend on ``wrt`` (every input where None) and that the cost
    reads, both through values only (never through a ``Piecewise``'s condition)."""
    reads = {step.symbol: _values_read(step.expression, set(step.inputs)) for step in forward.steps}
    depends = {leaf: wrt is None or leaf in wrt for leaf in forward.leaves}
    for step in forward.steps:
        depends[step.symbol] = any(depends.get(symbol, False) for symbol in reads[step.symbol])
    reached = {forward.output.symbol}
    for step in reversed(forward.steps):
        if step.symbol in reached:
            reached |= reads[step.symbol]
    return {node for node in reached if depends.get(node, False)}


def varies_in(nodes: set):
    """Whether an expression (a ``Piecewise``'s condition) contains one of ``nodes``, for
    :func:`~symopt.forward_derivative.local_derivative`."""
    return lambda expression: any(part in nodes for part in sympy.preorder_traversal(expression))


def _values_read(expression, inputs: set) -> set:
    """The ``inputs`` that ``expression`` reads outside every ``Piecewise`` condition."""
    found, stack = set(), [expression]
    while stack:
        node = stack.pop()
        if node in inputs:
            found.add(node)
        elif isinstance(node, ExprCondPair):
            stack.append(node.expr)
        else:
            stack.extend(node.args)
    return found

r"""ReLU's derivative read from ReLU's output: :math:`H(z) = H(\mathrm{relu}(z))` for every :math:`z` (NaN
included: both are 0), so a program that computes :math:`a = \mathrm{relu}(z)` masks its backward pass with
``(a > 0)`` instead of ``(z > 0)``.  Then :math:`z` is read for the last time by :math:`a`, and the NumPy code
computes :math:`a` in :math:`z`'s array (``numpy.maximum(t1, 0, out=t1)``: one activation array per layer, not
two), as hand-written NumPy does."""

from __future__ import annotations

from .functions import relu, step
from .nodes import Elementwise, lambda_parts
from .traversal import hash_bottom_up, postorder, substitute

__all__ = ["masks_from_activations"]


def masks_from_activations(outputs: list) -> list:
    """``outputs`` with each :math:`H.(z)` replaced by :math:`H.(\\mathrm{relu}.(z))` where :math:`\\mathrm{relu}.(z)`
    is computed too."""
    nodes = postorder(outputs)
    elementwise = [node for node in nodes if isinstance(node, Elementwise)]
    if not any(_body_is(node, step) for node in elementwise):
        return list(outputs)
    hash_bottom_up(nodes)  # structural keys below, without deep recursion
    activations = {node.expr: node for node in elementwise if _body_is(node, relu)}
    masks = {node: Elementwise(node.function, activations[node.expr]) for node in elementwise
             if _body_is(node, step) and node.expr in activations}
    return substitute(outputs, masks)


def _body_is(node, function) -> bool:
    variable, body = lambda_parts(node.function)
    return isinstance(body, function) and body.args == (variable,)

r"""``tf.gradients``: :math:`\partial\,\sum y / \partial x` for variables, placeholders and intermediate tensors.

TF1 differentiates along the graph, and so does this module:

* ``x`` gets ``None`` exactly when no path from a ``y`` to ``x`` carries a gradient (TF1's rule); a path carries
  one when every tensor on it is floating point and no op on it is one TF1 gives no gradient
  (:data:`NO_GRADIENT`: ``stop_gradient``, ``floor``, ``round``, ...).  Comparisons, ``argmax`` and casts to
  integers are not floating point, so they stop the path too.
* a connected ``x`` whose symbolic gradient SymPy folded away (``0.0 * tf.nn.l2_loss(V)``, a product with a
  constant 0) gets zeros of its shape, as TF1 does.
* an intermediate ``x`` (a ``matmul``, a slice, logits) is replaced by a fresh placeholder :math:`T` in a rebuild
  of ``ys`` (:func:`~symopt.compat.v1.recording.rebuild`), so only the paths through ``x`` count (``x``'s own
  inputs are held constant); :math:`\partial\,\sum y/\partial T` is then evaluated at :math:`T = x`.
"""

from __future__ import annotations

import sympy

from ...calculus import adjoints
from ...errors import UnsupportedOperationError
from ...nodes import ElementSum
from ...symbols import Placeholder as CorePlaceholder, is_matrix
from .graph import Holder, Tensor, program_dtype, substituted_value
from .math_ops import differentiable_inputs
from .recording import reachable, rebuild

__all__ = ["gradients", "gradient_expressions", "loss_sum", "NO_GRADIENT", "carries_gradient"]

#: Ops TF1 registers without a gradient (``tf.gradients`` gives ``None`` through them): the recorded function's
#: name, or for :func:`~symopt.compat.v1.graph.binary` the operation it applies.
NO_GRADIENT = frozenset({"stop_gradient", "floor", "ceil", "round", "floordiv", "truncatediv"})

#: ``unconnected_gradients=`` values TF1 accepts.
_UNCONNECTED = ("none", "zero")


def carries_gradient(node) -> bool:
    """Whether a gradient flows through ``node`` to its inputs in TF1: a floating-point tensor not made by a
    :data:`NO_GRADIENT` op (an operation, a bool or an integer tensor carries none)."""
    dtype = getattr(node, "dtype", None)
    if not isinstance(node, Tensor) or dtype is None or not dtype.is_floating:
        return False
    if node.recipe is None:
        return True
    op, args, _ = node.recipe
    name = args[0] if getattr(op, "__name__", "") == "binary" and args else getattr(op, "__name__", "")
    return name not in NO_GRADIENT


def loss_sum(loss: Tensor):
    """TF1 differentiates (and minimizes) the sum of a non-scalar loss."""
    return ElementSum(loss.expr) if is_matrix(loss.expr) else loss.expr


def gradient_expressions(ys: list, xs: list) -> list:
    r"""For each tensor ``x`` of ``xs`` the expression of :math:`\partial \sum_i \mathrm{sum}(y_i)/\partial x`,
    or ``None`` where no path from ``ys`` to ``x`` carries a gradient (zeros of ``x``'s shape where there is a
    path but SymPy folded the dependence away)."""
    cost = sympy.Add(*map(loss_sum, ys))
    reached = reachable(ys, carries_gradient)
    # a tf.gradients result read by ys hides its inputs from the walk: SymPy's dependence decides there
    hidden = any(getattr(node.recipe[0], "substitutes_values", False) for node in reached.values()
                 if node.recipe is not None)
    present = differentiable_inputs([cost])
    connected = [x.dtype.is_floating and (id(x) in reached or hidden and _is_leaf(x) and x.expr in present)
                 for x in xs]
    leaves = [x.expr for x, linked in zip(xs, connected) if linked and _is_leaf(x) and x.expr in present]
    by_leaf = adjoints(cost, leaves) if leaves else {}
    results = []
    for x, linked in zip(xs, connected):
        if hidden and not _is_leaf(x):
            raise UnsupportedOperationError(f"tf.gradients with respect to the computed tensor {x.name} of a cost "
                                            "that reads another tf.gradients result is not supported yet by "
                                            "symopt.compat.v1; differentiate with respect to variables")
        gradient = (by_leaf.get(x.expr) if _is_leaf(x) else _through(ys, x)) if linked else None
        results.append(_or_zeros(gradient, x) if linked else None)
    return results


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False, gate_gradients=False,
              aggregation_method=None, stop_gradients=None, unconnected_gradients="none"):
    r"""``tf.gradients(ys, xs)``: for each ``x`` in ``xs``, :math:`\partial \sum_i \mathrm{sum}(y_i)/\partial x`
    with ``x``'s shape, or ``None`` where no path from ``ys`` to ``x`` carries a gradient (zeros instead with
    ``unconnected_gradients="zero"``).  ``x`` may be a variable, a placeholder or any tensor computed on the way
    (TF1's ``d loss / d logits``); only the paths through it count."""
    if grad_ys is not None or stop_gradients is not None:
        given = "grad_ys" if grad_ys is not None else "stop_gradients"
        raise UnsupportedOperationError(f"tf.gradients({given}=...) is not supported yet by symopt.compat.v1; "
                                        "multiply ys by the weights yourself, or wrap tensors in tf.stop_gradient")
    unconnected = getattr(unconnected_gradients, "value", unconnected_gradients)
    if unconnected not in _UNCONNECTED:
        raise ValueError(f"Unknown value for unconnected_gradients: {unconnected_gradients!r}; expected 'none' or "
                         "'zero'")
    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    if any(y.deferred for y in ys):
        raise UnsupportedOperationError("tf.gradients of a tensor computed from a placeholder without a shape is "
                                        "not supported yet by symopt.compat.v1; give the placeholder a shape")
    for x in xs:
        if not isinstance(x, Tensor) or x.deferred:
            raise UnsupportedOperationError(f"tf.gradients with respect to {x!r}: expected tensors of known shape "
                                            "(variables, placeholders or tensors computed from them)")
    tensors = []
    for x, gradient in zip(xs, gradient_expressions(ys, xs)):
        if gradient is None and unconnected == "none":
            tensors.append(None)
            continue
        tensor = Tensor(_or_zeros(gradient, x), x.shape, x.dtype, f"{name}/{x.op_name}_grad")
        tensor.recipe = (substituted_value, (Holder(tensor),), {})  # a fed tensor between ys and xs: its value
        tensors.append(tensor)  # is substituted, as in TF1
    return tensors


def _is_leaf(x: Tensor) -> bool:
    """A variable, placeholder or bound constant: a symbol the cost's expression reads directly."""
    return x.recipe is None and isinstance(x.expr, (sympy.Symbol, sympy.MatrixSymbol))


def _through(ys: list, x: Tensor):
    r"""The gradient of ``sum(ys)`` along the paths through the intermediate ``x``: ``ys`` rebuilt with ``x``
    replaced by a placeholder :math:`T`, differentiated with respect to :math:`T`, and :math:`T` put back."""
    graph = x.graph
    graph.rebuilding += 1
    try:
        symbol = CorePlaceholder(graph.unique_name(f"{x.op_name}/wrt", scoped=False), shape=tuple(x.shape),
                                 dtype=program_dtype(x.dtype))
        stand_in = Tensor(symbol, tuple(x.shape), x.dtype, x.op_name, exact_name=True)
        with graph.as_default():
            rebuilt = rebuild(ys, [(x, stand_in)])
    finally:
        graph.rebuilding -= 1
    cost = sympy.Add(*map(loss_sum, rebuilt))
    if symbol not in differentiable_inputs([cost]):
        return None
    return adjoints(cost, [symbol])[symbol].xreplace({symbol: x.expr})


def _or_zeros(gradient, x: Tensor):
    """``gradient``, or zeros of ``x``'s shape where SymPy folded it to a plain 0 (or it is absent)."""
    if gradient is not None and not (not is_matrix(gradient) and is_matrix(x.expr) and gradient == 0):
        return gradient
    return sympy.ZeroMatrix(*x.expr.shape) if is_matrix(x.expr) else sympy.Integer(0)

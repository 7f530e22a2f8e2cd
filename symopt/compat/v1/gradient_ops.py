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
* the tensors where the walk stops are held constant (:func:`symopt.functions.stop_gradient`) when differentiating
  through them would raise (``argmax``, ``equal``, ``round``), and always for ``stop_gradients=``; ``grad_ys``
  weights each ``y``, held constant.
"""

from __future__ import annotations

import sympy

from ... import functions
from ...errors import UnsupportedOperationError
from ...nodes import ElementSum, elementwise, hadamard, zero_like
from ...symbols import BATCH, is_matrix
from ...traversal import unique_nodes
from .broadcasting import lift
from .cond_gradients import branch_adjoints
from .constants import not_symbolic
from .graph import Holder, Tensor, as_tensor, substituted_value
from .math_ops import differentiable_inputs
from .optimizer_arguments import check_same_graph
from .recording import reachable, rebuild, recorded
from .stand_ins import stand_in_for
from .unknown_lengths import resized_reads

__all__ = ["AggregationMethod", "gradients", "gradient_expressions", "gradient_recipe", "loss_sum", "reached_by_gradient", "NO_GRADIENT", "carries_gradient",
           "gradient_when_fed"]

#: Ops TF1 registers without a gradient (``tf.gradients`` gives ``None`` through them): the recorded function's
#: name, or for :func:`~symopt.compat.v1.graph.binary` the operation it applies.
NO_GRADIENT = frozenset({"stop_gradient", "floor", "ceil", "round", "floordiv", "truncatediv", "one_hot",
                         "ones_like", "zeros_like"})  # TF1: NotDifferentiable("OnesLike"), ("ZerosLike")

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


def reached_by_gradient(ys: list, stop=()) -> dict:
    """The nodes (by id) a gradient of ``ys`` reaches before they are built (a deferred loss): the edges that carry
    none (``stop`` and ``stop_gradient``, ``round``, casts to integers, comparisons) are not followed, so a variable
    reached only through them has TF1's ``None`` gradient (probe77 P77-2)."""
    stopped = {id(t) for t in stop}
    return reachable(ys, lambda node: id(node) not in stopped and _may_carry_gradient(node))


def _may_carry_gradient(node) -> bool:
    """:func:`carries_gradient` of a node whose dtype may not be known until a run feeds it (a deferred tensor):
    only a :data:`NO_GRADIENT` op or a known dtype that is not a float stops the gradient."""
    dtype = getattr(node, "dtype", None)
    if dtype is not None and not dtype.is_floating:
        return False
    if dtype is None or getattr(node, "recipe", None) is None:
        return True
    return carries_gradient(node)


def loss_sum(loss: Tensor):
    """TF1 differentiates (and minimizes) the sum of a non-scalar loss."""
    return ElementSum(loss.expr) if is_matrix(loss.expr) else loss.expr


def _read_through(x, ys: list, reached: dict, stopped: set) -> bool:
    """Whether ``ys`` reads the variable whose ``v/read:0`` is ``x`` through ops built from it (TF1 reads it
    through ``v/read``; ``read_value()`` reads the variable itself, so a path through it alone does not count)."""
    variable = getattr(x, "read_of", None)
    if variable is None or id(variable) not in reached:
        return False
    return id(variable) in reachable(ys, lambda node: id(node) not in stopped and carries_gradient(node)
                                     and not getattr(node.recipe and node.recipe[0], "reads_ref", False))


def gradient_expressions(ys: list, xs: list, grad_ys: list | None = None, stop: tuple = ()) -> list:
    r"""For each tensor ``x`` of ``xs`` the expression of :math:`\partial \sum_i \mathrm{sum}(g_i \circ y_i)/\partial x`
    (:math:`g_i` = ``grad_ys[i]``, ones by default), or ``None`` where no path from ``ys`` to ``x`` carries a gradient
    (zeros of ``x``'s shape where there is a path but SymPy folded the dependence away).  The tensors in ``stop``
    pass no gradient to their inputs (TF1's ``stop_gradients``)."""
    resized = resized_reads(xs, ys)  # [None, k] read at [4, k]: the derivative is the resized placeholder's
    stopped = {id(t) for t in stop}
    reached = reachable(ys, lambda node: id(node) not in stopped and carries_gradient(node))
    # a tf.gradients result read by ys hides its inputs from the walk: SymPy's dependence decides there
    hidden = any(getattr(node.recipe[0], "substitutes_values", False) for node in reached.values()
                 if node.recipe is not None)
    connected = [x.dtype.is_floating and (id(x) in reached or index in resized) for index, x in enumerate(xs)]
    if any(getattr(x, "read_of", None) is not None for x in xs):
        connected = [c or _read_through(x, ys, reached, stopped) for c, x in zip(connected, xs)]
    xs = [resized.get(index, x) for index, x in enumerate(xs)]
    # the computed tensors where the walk stops are held constant, so the derivative never looks inside them (their
    # other paths still count, as in TF1): stop_gradients always; argmax, equal, round, ... only when differentiating
    # through them raises (floor, comparisons and integer casts have derivative 0 where they have one: the same)
    holds = [node for node in reached.values() if isinstance(node, Tensor) and node.recipe is not None
             and node.expr is not None and (id(node) in stopped or not carries_gradient(node))]
    forced = [node for node in holds if id(node) in stopped]
    try:
        return _expressions(ys, xs, grad_ys, connected, hidden, forced)
    except UnsupportedOperationError:
        if len(forced) == len(holds):
            raise
        return _expressions(ys, xs, grad_ys, connected, hidden, holds)


def _expressions(ys: list, xs: list, grad_ys, connected: list, hidden: bool, holds: list) -> list:
    """:func:`gradient_expressions` with the tensors of ``holds`` held constant."""
    cost = _cost(_rebuilt(ys, [], holds), grad_ys)
    present = differentiable_inputs([cost])
    linked_to = [linked or hidden and _is_leaf(x) and x.expr in present for x, linked in zip(xs, connected)]
    leaves = [x.expr for x, linked in zip(xs, linked_to) if linked and _is_leaf(x) and x.expr in present]
    by_leaf = branch_adjoints(cost, leaves, ys[0].graph) if leaves else {}
    results = []
    for x, linked in zip(xs, linked_to):
        if hidden and not _is_leaf(x):
            raise UnsupportedOperationError(f"tf.gradients with respect to the computed tensor {x.name} of a cost "
                                            "that reads another tf.gradients result is not supported yet by "
                                            "symopt.compat.v1; differentiate with respect to variables")
        gradient = (by_leaf.get(x.expr) if _is_leaf(x) else _through(ys, x, holds, grad_ys)) if linked else None
        results.append(_or_zeros(gradient, x) if linked else None)
    return results


class AggregationMethod:
    """``tf.AggregationMethod``: how TF1 adds the gradients of a tensor used several times (accepted by
    ``tf.gradients`` and ``minimize``; symopt's derivative is one expression, so none changes anything)."""

    ADD_N = DEFAULT = 0
    EXPERIMENTAL_TREE = 1
    EXPERIMENTAL_ACCUMULATE_N = 2


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False, gate_gradients=False,
              aggregation_method=None, stop_gradients=None, unconnected_gradients="none"):
    r"""``tf.gradients(ys, xs)``: for each ``x`` in ``xs``, :math:`\partial \sum_i \mathrm{sum}(y_i)/\partial x`
    with ``x``'s shape, or ``None`` where no path from ``ys`` to ``x`` carries a gradient (zeros instead with
    ``unconnected_gradients="zero"``).  ``x`` may be a variable, a placeholder or any tensor computed on the way
    (TF1's ``d loss / d logits``); only the paths through it count.  ``grad_ys`` weights each ``y`` (TF1's initial
    gradients, held constant); ``stop_gradients`` lists tensors whose inputs get no gradient through them."""
    unconnected = getattr(unconnected_gradients, "value", unconnected_gradients)
    if unconnected not in _UNCONNECTED:
        raise ValueError(f"Unknown value for unconnected_gradients: {unconnected_gradients!r}; expected 'none' or "
                         "'zero'")
    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    stop = [] if stop_gradients is None else \
        list(stop_gradients) if isinstance(stop_gradients, (list, tuple)) else [stop_gradients]
    for value in [*ys, *xs, *stop]:  # a symopt.Variable or SymPy expression of the symopt API (P83-6)
        not_symbolic(value, "tf.gradients")
    for x in [*xs, *stop]:
        if not isinstance(x, Tensor):
            raise UnsupportedOperationError(f"tf.gradients with respect to {x!r}: expected tensors (variables, "
                                            "placeholders or tensors computed from them)")
        if x.deferred and not getattr(x, "is_placeholder", False):
            raise UnsupportedOperationError(
                f"tf.gradients with respect to {x!r}, computed from a placeholder without a shape: expected tensors "
                "of known shape or placeholders; give that placeholder a shape, e.g. tf.placeholder(tf.float32, [])")
    check_same_graph([*ys, *xs, *stop])  # a variable kept from before tf.reset_default_graph() (probe32 P32-7)
    if any(t.deferred for t in [*ys, *xs]):  # a placeholder without a shape: built when a session feeds it
        linked = reached_by_gradient(ys, stop)
        return [gradient_when_fed(ys, x, grad_ys, tuple(stop), name=name)
                if (id(x) in linked and x.dtype.is_floating) or unconnected == "zero" else None for x in xs]  # an
        # integer x: no gradient flows to it, None as TF1's (probe70 P70-8)
    weights = _initial_gradients(ys, grad_ys)
    tensors = []
    for x, gradient in zip(xs, gradient_expressions(ys, xs, weights, tuple(stop))):
        if gradient is None and unconnected == "none":
            tensors.append(None)
            continue
        gradient = _or_zeros(gradient, x)
        tensor = Tensor(gradient, _gradient_shape(gradient, x), x.dtype, f"{name}/{x.op_name}_grad")
        tensor.recipe = gradient_recipe(tensor, ys, x, weights, tuple(stop))
        tensor.gradient_of = x  # a clip of it is noted (sparse_updates.note_clipped)
        tensor.op_type = "SymbolicGradient"  # TF1's ops of a gradient are one node here
        tensor.operands = (*ys, x)  # what a drawn graph shows it reads
        tensors.append(tensor)
    return tensors


@recorded
def gradient_when_fed(ys: list, x: Tensor, grad_ys, stop: tuple, name: str = "gradients"):
    """``tf.gradients(ys, [x])[0]`` of ``ys`` computed from a placeholder without a shape: a deferred tensor of
    ``x``'s shape, built when a session feeds the placeholder (zeros where the path turns out to carry none)."""
    (gradient,) = gradients(ys, [x], grad_ys, name=name, stop_gradients=list(stop), unconnected_gradients="zero")
    return gradient


gradient_when_fed.static_shape = lambda args, kwargs: tuple(args[1].shape) if args[1].shape.known_rank else None


def gradient_recipe(tensor: Tensor, ys: list, x: Tensor, weights: list | None = None, stop: tuple = ()) -> tuple:
    r"""The recipe of ``tensor``, the gradient of ``ys`` (weighted by ``weights``) with respect to ``x``: a run that
    feeds tensors between them computes it again with each fed tensor :math:`F` as an input, as TF1 does:
    :math:`\partial c/\partial x` with :math:`F` held at its fed value, plus the gradient :math:`\partial c/\partial F`
    (at the fed value) passed through :math:`F`'s own expression to ``x``, where :math:`F`'s expression is read as
    its fed value (TF1's gradient of a sigmoid reads the op's output: the fed value)."""
    def refresh(fed: list) -> Tensor:
        reached = reachable(ys, lambda node: True)
        fed = [(old, new) for old, new in fed if id(old) in reached]
        if not fed:
            return tensor
        rebuilt = _rebuilt(ys, fed, [])
        once = list({id(new): (old, new) for old, new in reversed(fed)}.values())  # v and v/read: one stand-in
        upstream = gradient_expressions(rebuilt, [new for _, new in once], weights, stop)
        passed = [(old, Tensor(g, tuple(old.shape), old.dtype, old.op_name, exact_name=True))
                  for (old, _), g in zip(once, upstream) if g is not None]
        outputs = {old.expr: new.expr for old, new in fed}  # TF1's gradients read outputs
        (gradient,) = gradient_expressions(rebuilt, [x], weights, stop)
        gradient = _or_zeros(gradient, x).xreplace(outputs)
        if passed:  # through the fed tensors' own ops, whose ReLU masks read the fed outputs (not another relu(u))
            (through,) = gradient_expressions([old for old, _ in passed], [x], [weight for _, weight in passed], stop)
            through = _or_zeros(through, x)
            gradient = gradient + through.xreplace({**outputs, **relu_masks(through, outputs)})
        return Tensor(gradient, tuple(tensor.shape), tensor.dtype, tensor.op_name, exact_name=True)
    tensor.differentiates = (list(ys), [x])  # what a run reads for it: control_dependencies, gradient_reads.py
    return substituted_value, (Holder(tensor, refresh),), {}


def relu_masks(gradient, outputs: dict) -> dict:
    r"""For each fed ReLU output :math:`h = \mathrm{relu}(u)` in ``outputs`` (its expression -> the fed value's), the
    masks :math:`H(u)` in ``gradient`` mapped to :math:`H(h_{fed})`: TF1's ``ReluGrad`` reads the op's output, so a fed
    activation chooses the mask (probe62 P62-10), where the mask read the unfed :math:`u`."""
    inputs = {_argument_of(expression, functions.relu): fed for expression, fed in outputs.items()}
    inputs.pop(None, None)
    if not inputs:
        return {}
    masks = {}
    for node in unique_nodes([gradient]):
        argument = _argument_of(node, functions.step)
        if argument is not None and argument in inputs:
            fed = inputs[argument]
            masks[node] = elementwise(functions.step, fed) if is_matrix(fed) else functions.step(fed)
    return masks


def _argument_of(expression, function):
    """``u`` of ``function(u)``, a scalar call or an entrywise one (``relu.(XW)``), else None."""
    if isinstance(expression, function):
        return expression.args[0]
    lambda_ = getattr(expression, "function", None)
    if isinstance(lambda_, sympy.Lambda) and isinstance(lambda_.expr, function) and \
            lambda_.expr.args[0] == lambda_.variables[0] and len(expression.args) == 2:
        return expression.args[1]
    return None


def _initial_gradients(ys: list, grad_ys) -> list | None:
    """``grad_ys`` as one tensor (or None: ones) per ``y``, each of its ``y``'s shape and dtype (TF1's checks)."""
    if grad_ys is None:
        return None
    given = list(grad_ys) if isinstance(grad_ys, (list, tuple)) else [grad_ys]
    if len(given) != len(ys):
        raise ValueError(f"Passed {len(given)} grad_ys for {len(ys)} ys")
    weights = []
    for y, weight in zip(ys, given):
        weight = None if weight is None else as_tensor(weight, None if isinstance(weight, Tensor) else y.dtype)
        if weight is not None and not y.shape.is_compatible_with(weight.shape):
            raise ValueError(f"Incompatible shapes between op input and calculated input gradient.  Forward "
                             f"operation: {y.op_name}.  Input index: 0. Original input shape: {y.shape}.  Calculated "
                             f"input gradient shape: {weight.shape}")
        if weight is not None and any(a is None and b is not None and b > 1 for a, b in
                                      zip(y.shape.as_list()[::-1], weight.shape.as_list()[::-1])):
            raise UnsupportedOperationError(
                f"tf.gradients(grad_ys=...) of shape {weight.shape} for {y.name} of shape {y.shape}: symopt.compat.v1 "
                "reads each None dimension as the batch size, which a fixed length cannot weight; give grad_ys that "
                "dimension (computed from the batch, e.g. tf.ones_like(y) * g, or a placeholder declared with None)")
        weights.append(weight)
    return weights


def _cost(ys: list, weights: list | None):
    r""":math:`\sum_i \mathrm{sum}(g_i \circ y_i)` with each weight :math:`g_i` held constant (ones where None)."""
    terms = []
    for index, y in enumerate(ys):
        weight = None if weights is None else weights[index]
        if weight is None:
            terms.append(loss_sum(y))
        elif weight.ndim == 0:
            terms.append(_held(weight.expr) * loss_sum(y))
        else:
            terms.append(ElementSum(hadamard(_held(lift(weight, tuple(y.shape.as_list()), (y,))), y.expr)))
    return sympy.Add(*terms)


def _held(expr):
    """``expr`` with no derivative (:func:`symopt.functions.stop_gradient`, entrywise on a matrix)."""
    if not getattr(expr, "free_symbols", None):
        return expr
    return elementwise(functions.stop_gradient, expr) if is_matrix(expr) else functions.stop_gradient(expr)


def _rebuilt(ys: list, replacements: list, holds: list) -> list:
    """``ys`` rebuilt with ``replacements`` (``(tensor, new)`` pairs) and each tensor of ``holds`` held constant
    (``ys`` themselves when there is nothing to replace)."""
    if not replacements and not holds:
        return ys
    graph = ys[0].graph
    graph.rebuilding += 1
    try:
        pairs = replacements + [(node, Tensor(_held(node.expr), tuple(node.shape), node.dtype, node.op_name,
                                              exact_name=True)) for node in holds]
        with graph.as_default():
            return rebuild(ys, pairs)
    finally:
        graph.rebuilding -= 1


def _is_leaf(x: Tensor) -> bool:
    """A variable, placeholder or bound constant: a symbol the cost's expression reads directly."""
    return x.recipe is None and isinstance(x.expr, (sympy.Symbol, sympy.MatrixSymbol))


def _through(ys: list, x: Tensor, holds: list, weights: list | None):
    r"""The gradient of the cost along the paths through the intermediate ``x``: ``ys`` rebuilt with ``x``
    replaced by a placeholder :math:`T`, differentiated with respect to :math:`T`, and :math:`T` put back."""
    graph = x.graph
    stand_in = stand_in_for(x, tuple(x.shape), "wrt")
    symbol = stand_in.expr
    cost = _cost(_rebuilt(ys, [(x, stand_in)], [node for node in holds if node is not x]), weights)
    if symbol not in differentiable_inputs([cost]):
        return None
    return branch_adjoints(cost, [symbol], graph)[symbol].xreplace({symbol: x.expr})


def _gradient_shape(gradient, x: Tensor) -> tuple:
    """``x``'s shape, or the gradient's known one where ``x``'s batch dimension was read at a known length (the
    resized placeholder of :func:`~symopt.compat.v1.unknown_lengths.resized_reads`: the fed value's shape)."""
    if None not in x.shape.as_list() or not is_matrix(gradient) or BATCH in gradient.shape:
        return x.shape
    rows, columns = (int(n) for n in gradient.shape)
    return (rows, columns) if x.ndim == 2 else (rows,)


def _or_zeros(gradient, x: Tensor):
    """``gradient``, or zeros of ``x``'s shape where SymPy folded it to a plain 0 (or it is absent)."""
    if gradient is not None and not (not is_matrix(gradient) and is_matrix(x.expr) and gradient == 0):
        return gradient
    return zero_like(x.expr)

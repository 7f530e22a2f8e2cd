r"""What TF1's gradient of a loss reads from the forward pass, so a run of a training step (or a fetched gradient)
runs exactly the ``tf.control_dependencies`` inputs that TF1 runs (b-probe B17).

TF1 builds the gradient as new ops that read some of the forward tensors: an op made inside ``with
tf.control_dependencies([update]):`` runs ``update`` first only when a run needs that op's output.  The gradient
starts from ones of the loss's static shape (it reads the loss only when that shape is not known), and each op's
gradient function reads what its rule needs, by the rule's kind:

=========== ================================================================ ===================================
kind        the gradient of the op reads                                      ops
=========== ================================================================ ===================================
``through`` nothing (shapes known when built): the op itself does not run    ``+ -``, ``tf.identity``, ``tf.Print``,
                                                                              sums, means, reshapes, casts
``others``  the other operands of the one on the path (all of them when       ``*``, ``tf.matmul``, ``/``
            several are)
``inputs``  its inputs                                                        ``tf.square``, ``tf.log``, ``abs``
``output``  the op's own output: it runs, with its control inputs             ``tf.sigmoid``, ``tf.exp``, ``relu``,
                                                                              softmax, cross-entropies; any other
=========== ================================================================ ===================================

A number among an op's operands is a constant TF1 makes with the op, inside the same block: reading it runs the
op's control inputs (``with tf.control_dependencies([inc]): loss = 3.0 * w`` runs ``inc`` with every step, while
``loss = tf.identity(loss0)`` under the block does not, in TF1 as here); so do the constants the gradients of
``transpose``, ``concat`` and ``tile`` read (their ``perm``, ``axis``, ``multiples``).
"""

from __future__ import annotations

import numpy as np

from .graph import Operation
from .recording import inputs_of, reachable

__all__ = ["gradient_reads"]

#: How each op's TF1 gradient reads the forward pass (by symopt's recorded op name, lower case); others: "output".
GRADIENT_READS = {
    **dict.fromkeys(("add", "sub", "negate", "identity", "print", "check_numerics", "reduce_sum", "reduce_mean",
                     "reshape", "transpose", "cast", "expand_dims", "squeeze", "addn", "add_n", "concat", "stack",
                     "strided_slice", "slice", "to_float", "to_double", "matrix_transpose", "tile"), "through"),
    **dict.fromkeys(("mul", "matmul", "truediv", "tensordot", "gather", "multiply", "divide"), "others"),
    **dict.fromkeys(("square", "log", "log1p", "abs", "softplus", "l2loss", "l2_loss", "leaky_relu", "leakyrelu",
                     "maximum", "minimum", "squared_difference", "sin", "cos", "softsign", "clip_by_value",
                     "sigmoid_cross_entropy_with_logits"), "inputs"),
}

#: Through-ops whose gradient reads the output's shape when it is not known when built (TF1's ``_MeanGrad``).
_OUTPUT_SHAPE = {"reduce_mean"}

#: Through-ops whose gradient reads a constant TF1 makes with the op (``_TransposeGrad`` its ``perm``,
#: ``_ConcatGradHelper`` its ``axis``, ``_TileGrad`` its ``multiples``): made inside a ``tf.control_dependencies``
#: block, reading it runs the block's control inputs (final33 F33-5).
_CONSTANT_OPERAND = {"transpose", "matrix_transpose", "concat", "tile"}


def _key(node) -> str:
    op = node.recipe[0]
    if op.__name__ == "binary":
        return str(node.recipe[1][0]).lower()
    return str(getattr(op, "tf_name", None) or op.__name__).lower()


def _operands(node) -> list:
    """The nodes ``node`` reads (an assignment as the variable after it, as a run reads it)."""
    return [item.as_input() if hasattr(item, "as_input") else item for item in inputs_of(node.recipe[1], node.recipe[2])]


def _has_literal(node) -> bool:
    """Whether a number or array is among the operands (``3.0 * w``): a constant TF1 makes with the op."""
    args = node.recipe[1][1:] if node.recipe[0].__name__ == "binary" else node.recipe[1]
    return any(isinstance(a, (int, float, np.number, np.ndarray)) and not isinstance(a, bool) for a in args[:2])


def _known(node) -> bool:
    shape = getattr(node, "shape", None)
    return shape is not None and shape.known_rank and shape.is_fully_defined()


def gradient_reads(ys: list, xs: list) -> list:
    """``[(node, as_control), ...]``: what TF1's gradient of ``sum(ys)`` with respect to ``xs`` reads, each computed
    as a fetch is (its inputs and their control inputs first); ``as_control`` marks an op's control input that a
    constant operand made with it brings in (see the module's table)."""
    targets = {id(x) for x in xs}
    on_path_memo: dict[int, bool] = {}

    def on_path(node) -> bool:
        found = on_path_memo.get(id(node))
        if found is None:
            reached = reachable([node], lambda n: id(n) not in targets)
            found = on_path_memo[id(node)] = any(key in reached for key in targets)
        return found

    reads: list = []
    stack = [y for y in ys if on_path(y)]
    reads += [(y, False) for y in stack if not _known(y)]  # ones of an unknown shape: TF1 reads the loss
    seen: set = set()
    while stack:
        node = stack.pop()
        if id(node) in seen or id(node) in targets or node.recipe is None or not hasattr(node, "shape"):
            continue
        seen.add(id(node))
        if _key(node) == "stop_gradient":  # no gradient passes: nothing below it is read
            continue
        kind = GRADIENT_READS.get(_key(node), "output")
        operands = _operands(node)
        path = [item for item in operands if on_path(item)]
        static = _known(node) and all(_known(item) for item in operands)
        if kind == "through" and not static:
            kind = "output" if _key(node) in _OUTPUT_SHAPE else "inputs"
        if kind == "others" and len(path) != 1:
            kind = "inputs"
        if kind == "output":
            reads.append((node, False))
            continue
        if kind == "through":
            if _key(node) in _CONSTANT_OPERAND:
                reads += [(control, True) for control in node.run_first]
            stack.extend(path)
            continue
        read = [item for item in operands if kind == "inputs" or item is not path[0]]
        reads += [(item, isinstance(item, Operation)) for item in read]  # an operation given as a tensor runs
        if _has_literal(node):
            reads += [(control, True) for control in node.run_first]
        if kind == "others":
            stack.append(path[0])
    return reads

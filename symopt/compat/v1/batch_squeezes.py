r"""TF1's ``tf.squeeze(x)`` of a tensor with a batch dimension, run on a batch of one row.

TF1 squeezes the dimensions of size 1 *when the graph runs*: ``tf.squeeze(logits)`` of shape ``[None, 1]`` is the
vector of the batch's predictions, and for a batch of one row a scalar (the batch dimension is squeezed too, so TF1's
static shape is unknown; the classic trap of predicting one example).  symopt's ``None`` dimensions are the one batch
size :math:`m` of the program, so its squeeze keeps them (:func:`mark` notes such a squeeze).  A run fed one row
rebuilds the fetched tensors computed from one (:func:`one_row_squeezes`): the squeeze becomes TF1's result, ``x``
without its batch dimensions (:func:`one_row`), and what reads it is replayed on that, with TF1's shapes (a scalar
plus a batch of one row is a batch of one row).  Training steps and gradients are not rebuilt: their numbers are
the same either way; a fetched tensor that computes with both a gradient and such a squeeze is refused at that run.
"""

from __future__ import annotations

from ...errors import UnsupportedOperationError
from .graph import Operation, Tensor
from .recording import rebuild, reachable
from .reshape_ops import reshape
from .tensor_shape import unknown_shape

__all__ = ["mark", "one_row", "one_row_squeezes"]


def mark(squeezed: Tensor, source: Tensor) -> Tensor:
    """Note that ``squeezed`` is ``tf.squeeze(source)`` (no axis) of a tensor with a batch dimension."""
    squeezed.squeezes_batch = source
    squeezed.graph.batch_squeezes = True
    return squeezed


def one_row(squeezed: Tensor) -> Tensor:
    """TF1's ``tf.squeeze(x)`` for a batch of one row: ``x`` with its batch dimensions dropped too."""
    source = squeezed.squeezes_batch
    dims = source.shape.as_list()
    row = source[tuple(0 if d is None else slice(None) for d in dims)]
    target = [d for d in dims if d not in (None, 1)]
    squeezed = row if row.shape.as_list() == target else reshape(row, target, name="Squeeze")
    squeezed.static_shape = unknown_shape()  # TF1's, when the graph was made (what the ops reading it check)
    return squeezed


def _passes(node) -> bool:
    return True


def _needs_one_row(leaf) -> bool:
    """Whether the fetched ``leaf`` computes with a squeeze of the batch; a typed error where it cannot be rebuilt
    (it also reads a gradient, or an operation's output, whose values a rebuild would not keep)."""
    if not isinstance(leaf, Tensor):
        return False
    reached = reachable([leaf], _passes).values()
    if not any(getattr(node, "squeezes_batch", None) is not None for node in reached):
        return False
    if any(isinstance(node, Operation) or getattr(node.recipe[0], "substitutes_values", False)
           for node in reached if node.recipe is not None):
        raise UnsupportedOperationError(
            f"sess.run of {leaf.name} on a batch of one row: it computes with tf.squeeze of a tensor with a batch "
            "dimension, which TF1 squeezes to a tensor without it for one row, and with a gradient or an "
            "operation's output, which symopt.compat.v1 does not rebuild that way; give the squeeze its axis "
            "(tf.squeeze(x, axis=1) keeps the batch) or feed more than one row")
    return True


def one_row_squeezes(graph, leaves: list) -> list:
    """``leaves`` (a run's fetches, specialised to its feed) for a run fed one row: those computed from a squeeze of
    the batch rebuilt on TF1's squeezed values; built once per fetch list."""
    key = ("one row", tuple(map(id, leaves)))
    entry = graph.specialized.get(key)
    if entry is None:
        chosen = [leaf for leaf in leaves if _needs_one_row(leaf)]
        squeezes = [node for node in reachable(chosen, _passes).values()
                    if getattr(node, "squeezes_batch", None) is not None]
        rebuilt = {}
        if chosen:
            graph.rebuilding += 1
            try:
                with graph.as_default():
                    pairs = [(node, one_row(node)) for node in squeezes]
                    rebuilt = dict(zip(map(id, chosen), rebuild(chosen, pairs)))
            finally:
                graph.rebuilding -= 1
        entry = (leaves, [rebuilt.get(id(leaf), leaf) for leaf in leaves])  # the leaves kept alive: ids stay theirs
        graph.specialized[key] = entry
    return entry[1]

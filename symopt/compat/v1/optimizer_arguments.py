"""The arguments of ``compute_gradients`` / ``apply_gradients`` / ``tf.gradients`` read as TF1 reads them: a
``var_list`` flattened (one variable, a dict, nested lists: TF1's ``nest.flatten``), every entry a variable to
update, and the loss and the tensors it is differentiated by of one graph, with TF1's errors when they are not."""

from __future__ import annotations

from collections.abc import Iterable, ValuesView

from ...errors import SymoptError
from .recording import reachable
from .tensors import Tensor
from .variables import Variable

__all__ = ["NotAVariableError", "OperatorNotAllowedInGraphError", "flat_var_list", "check_entries", "check_same_graph",
           "check_loss_dtype", "grads_and_vars_pairs", "check_updatable"]


class NotAVariableError(SymoptError, NotImplementedError):
    """TF1's ``NotImplementedError`` for an optimizer asked to update what is not a variable (a placeholder, a
    computed tensor, ``W.value()``): only variables hold values a step can change."""


class OperatorNotAllowedInGraphError(SymoptError, TypeError):
    """TF1's error for a tensor iterated while a graph is built (``opt.apply_gradients(gvs[0])``: one pair given
    where a list of pairs is expected)."""


_ADVICE = ("only variables can be trained: var_list (and the second entry of each (gradient, variable) pair) must "
           "hold tf.Variable objects, e.g. tf.trainable_variables(scope=...) or tf.get_collection("
           "tf.GraphKeys.TRAINABLE_VARIABLES, scope=...)")


def flat_var_list(var_list) -> list:
    """``var_list`` as TF1's ``nest.flatten`` gives it: one variable or tensor is a list of itself; a dict is its
    values in the order of its sorted keys; lists, tuples and a dict's ``values()`` are flattened to their leaves;
    another iterable (a set, a generator) is refused, naming ``list(...)``."""
    if isinstance(var_list, Tensor):
        return [var_list]
    if isinstance(var_list, dict):
        return [leaf for key in sorted(var_list) for leaf in flat_var_list(var_list[key])]
    if isinstance(var_list, (list, tuple, ValuesView)):  # weights.values(), as TF 2.21 takes it (final36 F36-2)
        return [leaf for item in var_list for leaf in flat_var_list(item)]
    if isinstance(var_list, Iterable) and not isinstance(var_list, (str, bytes)):
        raise NotAVariableError(f"var_list is a {type(var_list).__name__} (a set, generator, map or filter has no "
                                "order TF1 reads: TF1 fails on it with an AttributeError); pass a list, "
                                "var_list=list(...)")
    return [var_list]


def check_entries(var_list: list) -> None:
    """TF1's error for an entry of ``var_list`` that is neither a variable nor a tensor (a name, a number, None)."""
    for entry in var_list:
        if not isinstance(entry, Tensor):
            raise NotAVariableError(f"('Trying to optimize unsupported type ', {entry!r}): {_ADVICE}")


def _graph_text(tensor: Tensor) -> str:
    """How TF1's graph errors print a tensor: a variable as its ref tensor (``Tensor("W:0", ..., float32_ref)``)."""
    text = Tensor.__str__(tensor)
    return text[:-1] + "_ref)" if isinstance(tensor, Variable) else text


def check_same_graph(tensors: list) -> None:
    """TF1's ``ValueError`` when the tensors an op reads (a loss and the variables it is differentiated by) are not
    all of the first one's graph: a loss or variable kept from before ``tf.reset_default_graph()``."""
    tensors = [tensor for tensor in tensors if isinstance(tensor, Tensor)]
    for tensor in tensors[1:]:
        if tensor.graph is not tensors[0].graph:
            raise ValueError(f"{_graph_text(tensor)} must be from the same graph as {_graph_text(tensors[0])}. (One "
                             "of them is of another graph: one that tf.reset_default_graph() discarded, a notebook "
                             "cell run again, or another tf.Graph; build the loss and its variables in one graph)")


def grads_and_vars_pairs(grads_and_vars) -> list:
    """``apply_gradients``' argument as a list of ``(gradient, variable)`` pairs, with TF1's errors: none at all, or
    one pair given alone (``opt.apply_gradients(gvs[0])``: TF1 iterates the gradient tensor and refuses)."""
    pairs = list(grads_and_vars)
    if not pairs:
        raise ValueError("No variables provided.")
    for pair in pairs:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise OperatorNotAllowedInGraphError(
                f"apply_gradients expects a list of (gradient, variable) pairs; given an entry {pair!r} (TF1: "
                "iterating over a symbolic tf.Tensor is not allowed). One pair alone goes in a list: "
                "opt.apply_gradients([(gradient, variable)])")
    check_entries([variable for _, variable in pairs])
    return pairs


def check_updatable(pairs: list) -> None:
    """TF1's ``NotImplementedError`` when the update is built: one of ``pairs`` (those with a gradient) updates a
    tensor that is not a variable (a placeholder, a computed tensor, pairs written ``(variable, gradient)``)."""
    for _, target in pairs:
        if not isinstance(target, Variable):
            raise NotAVariableError(f"('Trying to update a Tensor ', {target!r}): {_ADVICE}")


#: The loss dtypes TF1's ``Optimizer`` takes (``Optimizer._valid_dtypes``), in the order its message lists them.
LOSS_DTYPES = ("float32", "float64", "float16", "bfloat16")


def check_loss_dtype(loss: Tensor) -> None:
    """TF1's ``ValueError`` of ``Optimizer.compute_gradients`` for a loss that is not a float, checked first, as TF1
    does; the advice names the integer variables it reads (the lecture's ``w = tf.Variable(0)``: make it
    ``tf.Variable(0.0)``), else the cast or comparison that made it an integer or a bool."""
    if loss.dtype.name in LOSS_DTYPES:
        return
    expected = ", ".join(f"tf.{name}" for name in LOSS_DTYPES)
    integers = [node.name for node in reachable([loss], lambda node: True).values()
                if isinstance(node, Variable) and not node.dtype.is_floating]
    advice = (f"make the variables it is computed from floats ({', '.join(integers)}), e.g. tf.Variable(0.0) or "
              "tf.Variable(0, dtype=tf.float32)" if integers else
              f"compute it in floats: a tf.cast to an integer, a comparison or an integer constant made it "
              f"{loss.dtype.name}; leave out that cast, or tf.cast(..., tf.float32) the loss's terms")
    raise ValueError(f"Invalid type tf.{loss.dtype.name} for {loss.name}, expected: [{expected}]. (An optimizer "
                     f"minimizes a float loss: {advice})")

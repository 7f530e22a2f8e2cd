"""A variable's initial value as TF1 computes it: from constants (:func:`constant_value`), from the initial values
of the variables it reads (``tf.Variable(v1 + 10)``) or from a random tensor's first draw (:func:`initial_array`),
and which variables and random tensors an initial value reads."""

from __future__ import annotations

import numpy as np

from ...compiler import compile_expressions, free_inputs
from ...errors import ShapeError
from .errors import InvalidArgumentError
from .feeds import to_tf
from .graph import Tensor, get_default_graph
from .init_ops import random_draw

__all__ = ["constant_value", "initial_array", "variables_read", "draws_randomly"]


def constant_value(tensor: Tensor):
    """Evaluate a tensor that reads no variable or placeholder (initial values)."""
    constants = get_default_graph().constants
    symbols = free_inputs([tensor.expr])
    unbound = [s for s in symbols if s not in constants]
    if unbound:
        raise ValueError(f"{tensor.name} depends on {unbound}; an initial value must be a constant")
    dtype = tensor.dtype.name if tensor.dtype.is_floating else "float64"
    function, _ = compile_expressions([tensor.expr], symbols, dtype=dtype)
    return to_tf(tensor, function(*(constants[s] for s in symbols))[0])


def draws_randomly(tensor: Tensor) -> bool:
    """Whether the tensor reads a random tensor of its graph (``tf.random_normal([2, 3]) * 0.1``): as an initial
    value it is drawn anew at every run of the variable's initializer."""
    draws = tensor.graph.random_draws
    return bool(draws) and any(symbol in draws for symbol in free_inputs([tensor.expr]))


def variables_read(tensor: Tensor) -> list:
    """The variables of the tensor's graph that its value reads."""
    inputs = set(free_inputs([tensor.expr]))
    return [variable for variable in tensor.graph.variables if variable.expr in inputs]


def initial_array(tensor: Tensor) -> np.ndarray:
    """The value of an initial-value tensor: constants, and other variables at their initial values.

    TF1 runs a variable's initializer after those of the variables its initial value reads
    (``tf.Variable(v1 + 10)`` reads ``v1.initialized_value()``), so the value is computed here from theirs, once,
    when the variable is created.  A placeholder cannot be fed at that time: it raises TF1's
    ``InvalidArgumentError``; a tensor of unknown shape raises TF1's ``ValueError``.
    """
    from .session import Session  # the session module builds on this one
    if tensor.deferred or not tensor.shape.is_fully_defined():
        raise ShapeError(f"initial_value must have a shape specified: {tensor}")
    graph = tensor.graph
    if tensor.expr in graph.random_draws:  # tf.Variable(tf.random_normal([784, 10])): its first draw
        return random_draw(graph, tensor.expr, 0)
    dependencies = variables_read(tensor)
    if not dependencies and not any(symbol in graph.placeholders or symbol in graph.random_draws
                                    for symbol in free_inputs([tensor.expr])):
        return constant_value(tensor)
    session = Session(graph=tensor.graph)
    for variable in dependencies:
        session.assign(variable, variable.start_value)
    try:
        (value,) = session.evaluate([tensor], {})
    except InvalidArgumentError as error:
        raise InvalidArgumentError(f"{error} (in the initial value {tensor.name}: symopt.compat.v1 computes an "
                                   "initial value when the variable is created, before anything can be fed; pass the "
                                   "array itself as the initial value, or set it with variable.load(array, session))"
                                   ) from None
    return np.asarray(value)

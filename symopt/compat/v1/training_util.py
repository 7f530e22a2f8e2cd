"""``tf.train``'s helpers around the optimizers: the global step, ``Coordinator`` and ``start_queue_runners``.

symopt has no input queues: data comes through ``feed_dict``, so ``start_queue_runners`` starts nothing
(it returns no threads); a ``Coordinator`` (:mod:`~symopt.compat.v1.coordinator`) coordinates the program's own
threads as TF1's does.
"""

from __future__ import annotations

from . import dtypes
from .coordinator import Coordinator
from .graph import get_default_graph

__all__ = ["get_global_step", "get_or_create_global_step", "create_global_step", "Coordinator",
           "start_queue_runners", "global_step"]

GLOBAL_STEP = "global_step"


def global_step(sess, global_step_tensor) -> int:
    """``tf.train.global_step(sess, global_step_tensor)``: the step's value in ``sess`` as a Python int."""
    return int(sess.run(global_step_tensor))


def get_global_step(graph=None):
    """The graph's global step, as TF1 finds it: the one variable of the ``GLOBAL_STEP`` collection (from
    ``get_or_create_global_step``), else the tensor named ``global_step:0`` (the tutorials' hand-made
    ``tf.Variable(0, name="global_step", trainable=False)``), else ``None``.  A step that is not an integer scalar
    is TF1's ``TypeError``."""
    graph = graph or get_default_graph()
    found = graph.get_collection(GLOBAL_STEP)
    if len(found) > 1:  # TF1 logs "Multiple tensors in global_step collection." and answers None
        return None
    if found:
        step = found[0]
    else:
        try:
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
    if not step.dtype.is_integer:
        suffix = "_ref" if hasattr(step, "initializer") else ""  # a variable's dtype, as TF1 prints it
        raise TypeError(f'Existing "global_step" does not have integer type: <dtype: \'{step.dtype.name}{suffix}\'>')
    if step.ndim != 0:
        raise TypeError(f'Existing "global_step" is not scalar: {tuple(step.shape.as_list())}')
    return step


def create_global_step(graph=None):
    """A new ``global_step`` variable: int64, 0, not trainable."""
    from .variables import Variable
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default():
        step = Variable(0, trainable=False, name="global_step", dtype=dtypes.int64, scoped=False)
    graph.add_to_collection(GLOBAL_STEP, step)
    return step


def get_or_create_global_step(graph=None):
    """``tf.train.get_or_create_global_step()``: the graph's global step, created at 0 the first time."""
    step = get_global_step(graph)  # never ``or``: a variable has no truth value (probe13 W16)
    return step if step is not None else create_global_step(graph)


def start_queue_runners(sess=None, coord=None, daemon=True, start=True, collection="queue_runners") -> list:
    """symopt has no input queues (data is fed with ``feed_dict``): starts nothing, returns no threads."""
    return []

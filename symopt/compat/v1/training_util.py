"""``tf.train``'s helpers around the optimizers: the global step, ``Coordinator`` and ``start_queue_runners``.

symopt has no input queues: data comes through ``feed_dict``, so ``start_queue_runners`` starts nothing
(it returns no threads) and a ``Coordinator`` only keeps the stop flag that TF1 loops test.
"""

from __future__ import annotations

from . import dtypes
from .graph import get_default_graph

__all__ = ["get_global_step", "get_or_create_global_step", "create_global_step", "Coordinator",
           "start_queue_runners", "global_step"]

GLOBAL_STEP = "global_step"


def global_step(sess, global_step_tensor) -> int:
    """``tf.train.global_step(sess, global_step_tensor)``: the step's value in ``sess`` as a Python int."""
    return int(sess.run(global_step_tensor))


def get_global_step(graph=None):
    """The graph's global step, as TF1 finds it: the one tensor of the ``global_step`` collection, else the tensor
    named ``global_step:0`` (a step made by hand, ``tf.Variable(0, name="global_step", trainable=False)``: probe13
    W15, where a second step that nothing increments was made), else ``None``."""
    graph = graph or get_default_graph()
    found = graph.get_collection(GLOBAL_STEP)
    if len(found) == 1:
        return found[0]
    if found:
        return None  # TF1 logs "Multiple tensors in global_step collection." and returns None
    try:
        step = graph.get_tensor_by_name("global_step:0")
    except KeyError:
        return None
    if not step.dtype.is_integer or step.shape != ():
        raise TypeError(f"Existing \"global_step\" does not have integer type: {step.dtype!r}" if not
                        step.dtype.is_integer else f"Existing \"global_step\" is not scalar: {step.shape}")
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
    step = get_global_step(graph)  # never its truth value: a tensor's is TF1's TypeError (probe13 W16)
    return step if step is not None else create_global_step(graph)


class Coordinator:
    """``tf.train.Coordinator``: a stop flag shared by a training loop and its (here: no) threads."""

    def __init__(self, clean_stop_exception_types=None):
        self._stop = False

    def should_stop(self) -> bool:
        return self._stop

    def request_stop(self, ex=None) -> None:
        self._stop = True
        if ex is not None:
            raise ex

    def clear_stop(self) -> None:
        self._stop = False

    def join(self, threads=None, stop_grace_period_secs=120, ignore_live_threads=False) -> None:
        """Nothing to wait for: symopt starts no queue-runner threads."""

    def wait_for_stop(self, timeout=None) -> bool:
        return self._stop

    def stop_on_exception(self):
        return _StopOnException(self)


class _StopOnException:
    def __init__(self, coordinator: Coordinator):
        self.coordinator = coordinator

    def __enter__(self):
        return self.coordinator

    def __exit__(self, kind, value, traceback):
        if kind is not None:
            self.coordinator.request_stop()
        return False


def start_queue_runners(sess=None, coord=None, daemon=True, start=True, collection="queue_runners") -> list:
    """symopt has no input queues (data is fed with ``feed_dict``): starts nothing, returns no threads."""
    return []

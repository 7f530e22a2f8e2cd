"""``tf.train.Saver``: variables and optimizer slots of a session in one ``.npz`` file, written atomically.

Variables are stored under their TF names (``Variable``, ``W1``, ...); each training
operation's slots under ``<n>/<slot>`` where ``n`` is the operation's creation index in the
graph, so a program that rebuilds the same graph restores the same optimizer state.
"""

from __future__ import annotations

import numpy as np

from ...checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from .errors import FailedPreconditionError, InvalidArgumentError
from .graph import get_default_graph

__all__ = ["Saver"]


class Saver:
    """``Saver(var_list=None)``: ``save(sess, save_path)`` and ``restore(sess, save_path)``."""

    def __init__(self, var_list=None, max_to_keep: int = 5):
        self.graph = get_default_graph()
        self.variables = list(var_list) if var_list is not None else list(self.graph.variables)

    def save(self, sess, save_path: str, global_step=None) -> str:
        """Write every variable's value and every started optimizer's slots; returns the path."""
        path = f"{save_path}-{int(global_step)}" if global_step is not None else str(save_path)
        missing = [v.op_name for v in self.variables if v.expr not in sess.values]
        if missing:
            raise FailedPreconditionError(f"Attempting to save uninitialized variables {missing}: "
                                          "run tf.global_variables_initializer() first")
        params = {v.op_name: np.asarray(sess.values[v.expr]).reshape(v.shape) for v in self.variables}
        slots, shared = {}, {}
        for index, step in enumerate(self.graph.train_steps):
            state = sess.optimizer_state.get(step)
            if state is None:
                continue
            for position, value in enumerate(state[0]):
                slots[f"{index}/{position}"] = np.asarray(value)
            for position, value in enumerate(state[1]):
                shared[f"{index}/{position}"] = np.asarray(value)
        save_checkpoint(path, Checkpoint(params, slots, shared))
        return path

    def restore(self, sess, save_path: str) -> None:
        """Set the variables (and optimizer slots) of ``sess`` from a file written by :meth:`save`."""
        stored = load_checkpoint(save_path)
        missing = [v.op_name for v in self.variables if v.op_name not in stored.params]
        if missing:
            raise InvalidArgumentError(f"{save_path} holds {sorted(stored.params)}; variables {missing} are not "
                                       "in it. Restore into the same graph that was saved.")
        values = {}
        for variable in self.variables:
            value = np.asarray(stored.params[variable.op_name], dtype=variable.dtype.name)
            if value.shape != variable.initial_value.shape:
                raise InvalidArgumentError(f"{variable.op_name}: saved shape {value.shape} does not match the "
                                           f"variable's {variable.initial_value.shape}")
            values[variable] = value
        states = {}
        for index, step in enumerate(self.graph.train_steps):
            slots = [stored.slots[k] for k in sorted((k for k in stored.slots if k.startswith(f"{index}/")),
                                                     key=lambda k: int(k.split("/")[1]))]
            shared = [np.float32(stored.shared[k]) for k in sorted(
                (k for k in stored.shared if k.startswith(f"{index}/")), key=lambda k: int(k.split("/")[1]))]
            if slots or shared:
                dtype = np.dtype(step.dtype)
                states[step] = ([np.asarray(v, dtype=dtype) if np.ndim(v) else dtype.type(v) for v in slots], shared)
        for variable, value in values.items():  # every check passed: change the session's state in one go
            sess.assign(variable, value)
        sess.optimizer_state.update(states)

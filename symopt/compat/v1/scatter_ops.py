r"""TF1's ``tf.scatter_update``, ``tf.scatter_add`` and ``tf.scatter_sub``: assignments to some rows of a variable.

``tf.scatter_add(ref, indices, updates)`` adds row :math:`i` of ``updates`` to row :math:`k_i` of ``ref``
(:math:`\text{ref}_{k_i} \mathrel{+}= u_i`; a repeated index adds each of its rows), ``scatter_sub`` subtracts, and
``scatter_update`` stores :math:`u_i` in row :math:`k_i` (of a repeated index, the last row, as TF1's CPU kernel
does).  ``updates`` has the shape ``indices.shape + ref.shape[1:]`` (or is a scalar, stored in every row picked).

Each is an assignment (:class:`~symopt.compat.v1.variables.Assignment`): running it changes the variable and returns
its new value; in a run with other updates, ``updates`` is computed at the start of the run when the indices are
Python numbers (as ``tf.assign``'s value), and added to (or stored in) the variable's value when the operation runs.
An index outside ``[0, rows)`` is TF1's ``InvalidArgumentError`` before anything is stored.  They have no gradient
(TF1's neither).
"""

from __future__ import annotations

import numpy as np

from ...errors import UnsupportedOperationError
from . import dtypes as _dtypes
from .errors import InvalidArgumentError
from .graph import Tensor, as_tensor
from .recording import recorded
from .tensor_shape import TensorShape, shape_text
from .read_snapshots import ref_behind
from .variables import Assignment, Variable

__all__ = ["scatter_update", "scatter_add", "scatter_sub"]

#: How each scatter op changes the picked rows of a copy of the variable's value: ``change(value, rows, updates)``.
SCATTER_RULES = {
    "ScatterUpdate": lambda value, rows, updates: value.__setitem__(rows, updates),  # a repeated row: the last
    "ScatterAdd": lambda value, rows, updates: np.add.at(value, rows, updates),
    "ScatterSub": lambda value, rows, updates: np.subtract.at(value, rows, updates),
}


def _checked_indices(indices, op: str):
    """``indices`` as a NumPy integer array when given as Python / NumPy numbers, else as an integer tensor."""
    if isinstance(indices, Tensor):
        if not indices.dtype.is_integer:
            raise TypeError(f"Value passed to parameter 'indices' has DataType {indices.dtype.name} not in list of "
                            f"allowed values: int32, int64 (in '{op}': cast the indices with tf.cast(ids, tf.int32))")
        return indices
    array = np.asarray(indices)
    if array.dtype.kind not in "iu":
        raise TypeError(f"Value passed to parameter 'indices' has DataType {_dtypes.infer_dtype(indices).name} not in "
                        f"list of allowed values: int32, int64 (in '{op}': give integer row numbers)")
    return array


def _scatter(op: str, ref, indices, updates, name) -> Assignment:
    """The assignment ``op`` (a key of :data:`SCATTER_RULES`) of ``updates`` at the rows ``indices`` of ``ref``."""
    ref = ref_behind(ref)  # rebuilt for a run that feeds its v/read:0: the ref itself
    if not isinstance(ref, Variable):
        raise TypeError(f"tf.{_PYTHON_NAMES[op]} needs a tf.Variable as ref (its rows are changed in place); given "
                        f"{type(ref).__name__} {getattr(ref, 'name', ref)!r}")
    if ref.ndim == 0:
        raise UnsupportedOperationError(f"tf.{_PYTHON_NAMES[op]} of the scalar variable {ref.name}: a scatter "
                                        "changes rows of a vector or a matrix; use tf.assign / tf.assign_add")
    indices = _checked_indices(indices, op)
    updates = as_tensor(updates, None if isinstance(updates, Tensor) else ref.dtype)
    if updates.dtype != ref.dtype:
        raise TypeError(f"Input 'updates' of '{op}' Op has type {updates.dtype.name} that does not match type "
                        f"{ref.dtype.name} of argument 'ref'.")
    index_shape = indices.shape if isinstance(indices, Tensor) else TensorShape(indices.shape)
    expected = TensorShape(tuple(index_shape) + tuple(ref.shape[1:]))
    if updates.ndim and not updates.shape.is_compatible_with(expected):
        raise ValueError(f"Shapes must be equal: updates of '{op}' have shape {shape_text(updates.shape)}, expected "
                         f"indices.shape + ref.shape[1:] = {shape_text(expected)} (or a scalar)")
    rows = int(ref.shape[0])
    change = SCATTER_RULES[op]

    def store(session, computed_updates, computed_indices):
        picked = np.asarray(computed_indices).astype(np.int64)
        outside = np.flatnonzero((picked < 0) | (picked >= rows))
        if outside.size:  # TF1's kernel: nothing stored
            at = int(outside[0])
            raise InvalidArgumentError(f"indices[{at}] = {int(picked.reshape(-1)[at])} is not in [0, {rows}) (in "
                                       f"{name or op}, a scatter into {ref.name})")
        (current,) = session.evaluate([ref], {})
        value = np.array(current, dtype=ref.dtype.name)  # a copy: the stored array is never changed in place
        change(value, picked, np.asarray(computed_updates, dtype=ref.dtype.name))
        return session.assign(ref, value)

    def run(session, feed):
        if isinstance(indices, Tensor):
            computed_updates, computed_indices = session.evaluate([updates, indices], feed)
        else:
            (computed_updates,), computed_indices = session.evaluate([updates], feed), indices
        return store(session, computed_updates, computed_indices)
    operation = Assignment(name or op, run, ref)
    if not isinstance(indices, Tensor) and updates.view_of is None:  # computed at the start of a run with other
        operation.early = (updates, lambda session, computed: store(session, computed, indices))  # updates
    return operation


#: The Python name of each scatter op (its error messages name it).
_PYTHON_NAMES = {"ScatterUpdate": "scatter_update", "ScatterAdd": "scatter_add", "ScatterSub": "scatter_sub"}


@recorded(returns="assignment")
def scatter_update(ref, indices, updates, use_locking=True, name=None) -> Assignment:
    """``tf.scatter_update(ref, indices, updates)``: store ``updates[i]`` in row ``indices[i]`` of the variable
    ``ref``; running it returns the variable's new value."""
    return _scatter("ScatterUpdate", ref, indices, updates, name)


@recorded(returns="assignment")
def scatter_add(ref, indices, updates, use_locking=False, name=None) -> Assignment:
    """``tf.scatter_add(ref, indices, updates)``: add ``updates[i]`` to row ``indices[i]`` of the variable ``ref``
    (a repeated index adds each); running it returns the variable's new value."""
    return _scatter("ScatterAdd", ref, indices, updates, name)


@recorded(returns="assignment")
def scatter_sub(ref, indices, updates, use_locking=False, name=None) -> Assignment:
    """``tf.scatter_sub(ref, indices, updates)``: subtract ``updates[i]`` from row ``indices[i]`` of the variable
    ``ref``; running it returns the variable's new value."""
    return _scatter("ScatterSub", ref, indices, updates, name)

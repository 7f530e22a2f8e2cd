"""A ref variable ``v`` and its read tensor ``v/read:0`` (``v.value()``) in a run that feeds one of them.

TF1 reads a ref variable through its one ``v/read`` Identity: ops built from ``v`` read ``v/read``, while an
assignment, ``read_value()`` and a fetch of ``v`` take the ref itself.  Feeding ``v`` changes both; feeding
``v/read:0`` changes only what reads through it.
"""

from __future__ import annotations

from .graph import Tensor
from .recording import recorded
from .variable_views import view

__all__ = ["converted", "snapshot_of", "ref_behind", "read_aliases", "read_ref", "link_fed_refs"]


@recorded
def read_ref(variable) -> Tensor:
    """A read of ``variable`` (``read_value()``, the value an ``AssignAdd`` adds to), recorded: a run that feeds
    the variable rebuilds it on the fed value, where a plain tensor of the variable's symbol kept reading the stored
    one; a run that feeds its ``v/read:0`` rebuilds it on the variable itself (TF1 reads the ref, not ``v/read``),
    or on the fed variable where the run feeds both (:func:`read_aliases`)."""
    fed_variable = getattr(variable, "ref_stand_in", None)
    variable = ref_behind(variable) if fed_variable is None else fed_variable
    return view(Tensor(variable.expr, variable.shape, variable.dtype, "read"), variable)


read_ref.reads_ref = True  # not a path to v/read:0 for tf.gradients (gradient_ops)


def converted(tensor):
    """What TF1's conversion of ``tensor`` to a tensor gives: a variable's ``v/read:0`` (TF1's ``_AsTensor``), so
    a feed of ``v/read:0`` reaches ``tf.convert_to_tensor(v)``, ``tf.cast(v, v.dtype)`` and ``tf.add_n([v])``
    (final43b F43b-3); any other tensor itself."""
    is_variable = getattr(tensor, "view_of", None) is tensor and hasattr(tensor, "snapshot")
    return tensor.snapshot if is_variable else tensor


def snapshot_of(tensor):
    """The variable whose ``v/read:0`` (:attr:`~.variables.Variable.snapshot`) ``tensor`` is, else None."""
    return getattr(tensor, "read_of", None)


def ref_behind(ref):
    """The variable whose fed ``v/read:0`` the stand-in ``ref`` replaces (an assignment or ``read_value()`` rebuilt
    for a run that feeds it: TF1's take the ref, not ``v/read``), else ``ref``."""
    variable = snapshot_of(getattr(ref, "stands_for", None))
    return ref if variable is None else variable


def read_aliases(key, is_variable: bool, fed: dict) -> list:
    """The nodes a feed of ``key`` (a variable where ``is_variable``) replaces: ``[v, v/read]`` for a variable or
    its ``v/read:0`` (symopt's ops read ``v`` itself, where TF1's read ``v/read``; what takes the ref is rebuilt on
    ``v`` again: :func:`ref_behind`, and a fetched ``v`` is kept by the session); ``[key]`` otherwise.  A run that
    feeds both (``fed``: the ids of the run's fed nodes) computes the ops from the ``v/read:0`` feed, as TF1
    (final42g F42g-6): the variable's feed replaces nothing itself; what takes the ref reads it
    (:func:`link_fed_refs`)."""
    variable = key if is_variable else snapshot_of(key)
    if variable is None:
        return [key]
    snapshot = variable.__dict__.get("_snapshot")
    if is_variable and snapshot is not None and id(snapshot) in fed:
        return []
    return [key] + [node for node in (variable, snapshot) if node is not None and node is not key]


def link_fed_refs(stand_ins: dict) -> None:
    """Give the stand-in of each fed ``v/read:0`` whose variable the run feeds too (``stand_ins``: by ``id`` of the
    fed node) that variable's stand-in as ``ref_stand_in``: ``read_value()``, which takes the ref, reads the
    variable's feed (TF1), where the ops that read ``v`` read the ``v/read:0`` feed (:func:`read_aliases`)."""
    for stand_in in stand_ins.values():
        variable = snapshot_of(stand_in.stands_for)
        if variable is not None and id(variable) in stand_ins:
            stand_in.ref_stand_in = stand_ins[id(variable)]

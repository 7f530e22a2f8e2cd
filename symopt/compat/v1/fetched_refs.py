"""A fetched assignment is TF1's reference to its variable (``Tensor("AssignAdd:0", dtype=float32_ref)``): TF1
reads it when the run returns, as it reads a fetched variable, so beside a later update of the same variable in
the run it gives the value at the end of the run, not the one between the updates (probe48 P48-3)::

    acc_op = acc.assign_add(g)                                   # add the gradient
    with tf.control_dependencies([acc_op]): apply = w.assign_sub(0.1 * acc)
    with tf.control_dependencies([apply]): zero = acc.assign(0.0)
    sess.run([acc_op, apply, zero])                              # acc_op fetches 0.0, the zeroed buffer (TF1)

Where the run's updates of that variable have no order between them (no ``tf.control_dependencies`` chain, no
input of one read by another), the end value depends on an order TF1 does not fix: symopt refuses the fetch.
Updates that only add (``assign_add``, ``assign_sub``) end at the same sum in either order and are read as such."""

from __future__ import annotations

from ...errors import UnsupportedOperationError
from .assignments import Assignment, ValueAfter
from .control_dependencies import ancestors
from .grouped_values import variables_updated_by, with_group_members
from .feeds import to_tf

__all__ = ["fetched_refs", "read_refs"]

_ADDING = ("AssignAdd", "AssignSub", "ScatterAdd", "ScatterSub")


def _updates(nodes: list) -> list:
    """The operations among ``nodes`` (groups opened) that update a variable: ``[(operation, variables)]``."""
    updates = [(node, {id(v) for v in variables_updated_by(node)}) for node in with_group_members(nodes)]
    return [(node, variables) for node, variables in updates if variables]


def _steps(node, variable) -> bool:
    """Whether ``node`` is a training step that increments ``variable`` as its ``global_step`` (an adding update:
    ``sess.run([gs.assign(100), train])`` has no order, final39c F39c-6)."""
    step = getattr(node, "global_step", None)
    return step is not None and getattr(node, "pairs", None) is not None and id(step) == id(variable)


def _is_ref(leaf) -> bool:
    """A plain assignment (``tf.assign``, ``assign_add``, ``assign_sub``, a scatter), not ``f`` of one."""
    return isinstance(leaf, Assignment) and not isinstance(leaf, ValueAfter)


def fetched_refs(leaves: list, steps: list) -> list:
    """The fetched assignments of ``leaves`` whose variable another operation of the run updates after them (the
    run's control inputs ``steps`` and fetched operations): ``[(position, assignment)]``, read when the run ends.
    Raises :class:`~symopt.errors.UnsupportedOperationError` where such an update has no order with the fetched
    one (and they do not all only add)."""
    positions = [i for i, leaf in enumerate(leaves) if _is_ref(leaf)]
    if not positions:
        return []
    updates = _updates([*leaves, *(node for kind, node in steps if kind == "run")])
    if len(updates) < 2:
        return []
    found = []
    for i in positions:
        leaf = leaves[i]
        others = [node for node, variables in updates if node is not leaf and id(leaf.ref) in variables]
        if not others:
            continue
        mine = ancestors(leaf)
        unordered = [node for node in others if id(node) not in mine and id(leaf) not in ancestors(node)
                     and (getattr(node, "pairs", None) is None or _steps(node, leaf.ref))]  # a trained variable
        # beside a training step: run_together refuses it; the step's global_step increment adds 1
        if unordered and not all(getattr(node, "type", None) in _ADDING or _steps(node, leaf.ref)
                                 for node in [leaf, *unordered]):
            names = ", ".join(getattr(node, "name", "?") for node in unordered)
            raise UnsupportedOperationError(
                f"Session.run: the fetched assignment {leaf.name} is read as its variable {leaf.ref.op_name} when the "
                f"run returns (TF1 fetches it as a reference), and the run also updates {leaf.ref.op_name} in "
                f"{names}, with no order between them: TF1 does not fix which runs last, so the fetched value is "
                "not fixed, and symopt.compat.v1 does not guess. Make one run after the other (with "
                f"tf.control_dependencies([{leaf.name.removesuffix(':0')}]): ...), or fetch {leaf.name} in a run of its own")
        if any(id(node) not in mine for node in others):  # an update that may run after it: read at the end
            found.append((i, leaf))
    return found


def read_refs(session, refs: list, values: list) -> list:
    """``values`` with each fetched assignment of ``refs`` (:func:`fetched_refs`) replaced by its variable's value
    now, at the end of the run."""
    values = list(values)
    for i, leaf in refs:
        if values[i] is not None:
            values[i] = to_tf(leaf.ref, session.values[leaf.ref.expr])
    return values

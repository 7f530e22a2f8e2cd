"""What a run reads before its control inputs: which ops were made inside a ``tf.control_dependencies`` block
(:func:`made_after`), what an op reads (:func:`reads`), and the assignments of a fetched ``tf.group`` whose values
TF1 computes before the run's control inputs update variables (:func:`grouped_assignments`; the session computes
them first, :mod:`~symopt.compat.v1.control_dependencies` the rest of the schedule)."""

from __future__ import annotations

from ...traversal import unique_nodes
from .graph import Tensor
from .recording import inputs_of
from .variable_views import passes_through

__all__ = ["made_after", "reads", "is_computed", "grouped_assignments", "assignments_after_steps"]


def made_after(nodes: list) -> dict:
    """``{id(node): whether it or anything it reads was made inside a tf.control_dependencies block}`` for
    ``nodes`` and what they read (each node visited once)."""
    after: dict[int, bool] = {}
    stack = [(node, False) for node in nodes]
    while stack:
        node, expanded = stack.pop()
        inputs = reads(node)
        if not expanded:
            if id(node) not in after:
                after[id(node)] = False  # visiting
                stack.append((node, True))
                stack.extend((item, False) for item in inputs if id(item) not in after)
            continue
        after[id(node)] = bool(node.run_first) or any(after.get(id(item), False) for item in inputs)
    return after


def reads(node) -> list:
    """What ``node`` reads: its recorded inputs, an assignment given where a tensor is expected as the variable
    after it (:meth:`~symopt.compat.v1.variables.Assignment.as_input`, whose assignment runs first)."""
    host = list(node.host[1]) if getattr(node, "host", None) is not None else []  # a summary's tensors
    if node.recipe is None:
        return host
    return host + [item.as_input() if hasattr(item, "as_input") else item
                   for item in inputs_of(node.recipe[1], node.recipe[2])]


def is_computed(node) -> bool:
    """A tensor the program computes (not a variable, placeholder or constant read as it is, nor a string): made
    by a recorded op, or a learning-rate schedule of a step variable (``tf.train.exponential_decay``)."""
    return isinstance(node, Tensor) and node.host is None and \
        (node.recipe is not None or getattr(node, "schedule", None) is not None)


def grouped_assignments(leaves: list, steps: list) -> list:
    """The assignments in fetched groups (``tf.group``), not run as control inputs, in a run whose ``steps`` update
    variables first, whose values TF1 computes from tensors computed once per run, before those updates
    (``sess.run([train_op, loss_ema.apply([loss])])`` with ``train_op`` made under ``control_dependencies([train])``
    averages the loss the step saw; so does ``tf.group(ema.apply([loss]))`` made inside the block: the loss, made
    outside, is computed before the step).  Left to run after the steps: an assignment whose value reads a step
    (:func:`_reads_a_step`), and one made inside a block whose value reads a variable a step updates other than
    through a tensor made outside every block (:func:`_grouped_after_steps`)."""
    return _grouped_by_time(leaves, steps)[0]


def _grouped_after_steps(leaves: list, steps: list) -> list:
    """The assignments in fetched groups made inside a ``tf.control_dependencies`` block whose value reads a variable
    the run's ``steps`` update: TF1 computes them after the steps, reading that variable after its update
    (``tf.group(ema.apply([w]))`` under ``control_dependencies([train])`` averages ``w`` after the step; the
    warm-up decay of ``ExponentialMovingAverage(0.9, num_updates=global_step)`` reads the incremented step), but
    what they read of tensors made outside every block is the value the run computed before the steps (the loss
    the step saw: :func:`~symopt.compat.v1.control_dependencies.computed_before` of these assignments; probe53
    P53-2)."""
    return _grouped_by_time(leaves, steps)[1]


def assignments_after_steps(leaves: list, steps: list) -> list:
    """The assignments a run computes after some of its ``steps`` whose tensors made outside every
    ``tf.control_dependencies`` block are still the values computed before the steps (TF1 computes such a tensor
    once per run, for the training step that needs it: ``ema.apply([loss])`` made under
    ``control_dependencies([train])`` averages the loss the step saw, fetched or run as a control input itself):
    :func:`_grouped_after_steps`, and the assignments run as control inputs (groups opened) made inside a block."""
    operations = with_group_members([node for kind, node in steps if kind == "run"])
    stored = [op for op in operations if getattr(op, "early", None) is not None and not op.deferred
              and op.recipe is not None]
    after = made_after(stored)
    return _grouped_after_steps(leaves, steps) + [op for op in stored if after[id(op)]]


def _grouped_by_time(leaves: list, steps: list) -> tuple[list, list]:
    """``(computed before the steps, computed after them but for their tensors made outside every block)``: the
    assignments of :func:`grouped_assignments` and :func:`_grouped_after_steps`."""
    stepped = {id(node) for _, node in steps}
    updated = _updated_variables([node for kind, node in steps if kind == "run"])
    before: dict = {}
    after: dict = {}
    stack = [(leaf, False) for leaf in leaves if getattr(leaf, "grouped", None) is not None]
    while stack:
        operation, inside = stack.pop()
        if id(operation) in stepped:
            continue
        inside = inside or bool(getattr(operation, "run_first", ()))
        members = getattr(operation, "grouped", None)
        if members is not None:
            stack.extend((member, inside) for member in members)
        elif getattr(operation, "early", None) is not None and not operation.deferred \
                and not _reads_a_step(operation.early[0], stepped):
            late = inside and _reads_updated(operation.early[0], updated)
            (after if late else before).setdefault(id(operation), operation)
    return list(before.values()), list(after.values())


def with_group_members(nodes: list) -> list:
    """``nodes`` and the members of their groups (``tf.group``'s ``grouped``, nested too), each once, last given
    first (the order the callers' stacks visited them)."""
    return unique_nodes(list(nodes)[::-1], lambda node: tuple(getattr(node, "grouped", None) or ())[::-1])


def variables_updated_by(operation) -> list:
    """The variables ``operation`` assigns (an assignment's ref) or trains (a training step's), and the global step a
    training step increments."""
    return [variable for variable in [getattr(operation, "ref", None), getattr(operation, "global_step", None),
                                      *(v for _, v in getattr(operation, "pairs", None) or ())]
            if variable is not None]


def _updated_variables(operations: list) -> set:
    """The ids of the variables ``operations`` (a run's control inputs, groups opened) assign or train (a training
    step's global step included)."""
    return {id(variable) for operation in with_group_members(operations)
            for variable in variables_updated_by(operation)}


def _reads_updated(tensor, updated: set) -> bool:
    """Whether ``tensor`` reads a variable of ``updated`` other than through a computed tensor made outside every
    ``tf.control_dependencies`` block (which a run computes before its control inputs)."""
    after = made_after([tensor])

    def step(node):
        if id(node) in updated or id(getattr(node, "view_of", None)) in updated:  # v, v.read_value()
            return True
        return [] if node is not tensor and is_computed(node) and not after.get(id(node), True) \
            and not passes_through(node) else reads(node)
    return _finds(tensor, step)


def _reads_a_step(tensor, stepped: set) -> bool:
    """Whether ``tensor`` reads the value of an assignment among a run's steps (``tf.assign(w, tf.assign_add(n, 1.0)
    * 3.0)`` reads ``n`` after its assignment): TF1 computes it after that step, never before the run's updates.
    Only what it reads counts, not the control inputs of a block it was made in."""
    def step(node):
        read = list(getattr(node, "reads_after", ()))  # the variable after an assignment (Assignment.as_input)
        read += inputs_of(node.recipe[1], node.recipe[2]) if node.recipe is not None else []
        return any(hasattr(item, "as_input") and (id(item) in stepped or id(item.assignment) in stepped)
                   for item in read) or read
    return _finds(tensor, step)


def _finds(root, step) -> bool:
    """Walk from ``root``, each node once: ``step(node)`` is True (found) or the nodes to visit next."""
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        following = step(node)
        if following is True:
            return True
        stack.extend(following)
    return False

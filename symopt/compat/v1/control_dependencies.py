r"""TF1's ``tf.control_dependencies``: what a run does before it computes its fetches.

Inside ``with tf.control_dependencies([a, b]):`` every tensor and operation created takes ``a`` and ``b`` as
*control inputs*: a run that needs it (a fetch, or anything a fetch is computed from) first runs ``a`` and ``b``
(each once, their own control inputs before them), as TF1 does::

    with tf.control_dependencies([update]):   # update = tf.assign_add(counter, 1)
        train = optimizer.minimize(loss)        # running train runs update, then the step
        value = tf.identity(v)                  # fetching value runs update first: v after it

A tensor among the control inputs is computed for its effects (a ``tf.Print`` in it prints).  The same walk
finds the ``tf.Print`` and ``tf.check_numerics`` tensors a run computes: each prints (checks) when the run computes
it.  A run does, in order (TF1's dependencies, one schedule of them):

1. compute the tensors made outside every block that feed a fetched tensor made inside one
   (:func:`computed_before`: ``tf.identity(loss)`` under ``control_dependencies([train])`` is the loss the step
   computed, before the update);
2. run the control inputs and the effects, inputs before what needs them (:func:`run_steps`,
   :func:`execute_steps`); a training step's loss is not computed for its own sake (TF1's gradients start from
   ones), so a print or check on top of the loss does not run;
3. compute the fetched tensors (a variable read inside a block is read after the update) and run the fetched
   operations not run yet (:func:`still_to_run`).

Nested scopes add up; ``tf.control_dependencies(None)`` clears them.
"""

from __future__ import annotations

import contextlib

import numpy as np

from ...errors import UnsupportedOperationError
from .gradient_reads import gradient_reads
from .graph import Operation, Tensor, get_default_graph, run_target
from .recording import inputs_of, reachable
from .grouped_values import (assignments_after_steps, grouped_assignments, is_computed, made_after, reads,
                             with_group_members)
from .run_together import run_operations
from .variable_views import partly_shows_variables, passes_through

__all__ = ["control_dependencies", "run_steps", "execute_steps", "marks_runs", "computed_before", "RunEffects",
           "as_fed", "with_tensors", "still_to_run", "read_by_steps", "reading_before", "grouped_assignments",
           "made_after", "rates_before", "variables_read_before", "hosts_before", "ancestors"]


def _checked_inputs(control_inputs) -> tuple:
    if control_inputs is None:
        return ()
    if isinstance(control_inputs, (Tensor, Operation)) or not isinstance(control_inputs, (list, tuple, set)):
        raise TypeError(f"tf.control_dependencies expects a list of operations or tensors; given "
                        f"{type(control_inputs).__name__} (wrap one op in a list: [op])")
    control_inputs = [run_target(item) for item in control_inputs]  # tensor.op: its tensor, an assignment's op
    for item in control_inputs:
        if not isinstance(item, (Tensor, Operation)):
            raise TypeError(f"Can not convert a {type(item).__name__} into a Tensor or Operation. (in "
                            "tf.control_dependencies: give the operations or tensors to run first)")
        if isinstance(item, Tensor) and item.graph is not get_default_graph():
            raise ValueError(f"{item} must be from the same graph as the ops created inside "
                             "tf.control_dependencies")
    return tuple(control_inputs)


def control_dependencies(control_inputs):
    """``with tf.control_dependencies([op, ...]):``: every tensor and operation created inside runs after the given
    operations (and tensors) when a session needs it; ``None`` clears the enclosing scopes' inputs.  A bad input
    is TF1's ``TypeError`` at once (before the ``with``)."""
    return _scope(_checked_inputs(control_inputs), control_inputs is None)


@contextlib.contextmanager
def _scope(added: tuple, clears: bool):
    graph = get_default_graph()
    outer = graph.control_scope
    inner = () if clears else outer + tuple(c for c in added if all(c is not o for o in outer))
    graph.control_scope = inner
    if inner:
        graph.has_run_steps = True
    try:
        yield
    finally:
        graph.control_scope = outer


def marks_runs(graph) -> None:
    """Note that ``graph`` has something a run must do before its fetches (a ``tf.Print``, a ``tf.check_numerics``)."""
    graph.has_run_steps = True


def _has_effect(node) -> bool:
    """Whether ``node`` does something when a run computes it (``tf.Print`` prints, ``tf.check_numerics`` checks):
    its op is marked ``has_run_effect`` and the node built by it carries the ``run_effect``."""
    return node.recipe is not None and getattr(node.recipe[0], "has_run_effect", False)


def _children(node, fed: frozenset = frozenset()) -> list:
    """``(child, as_control)``: the control inputs (run first), then the recorded inputs and a group's
    members.  A training step and a gradient (``tf.gradients``, ``compute_gradients``) do not compute the loss's
    own value, only what TF1's gradient reads of the forward pass (:func:`~.gradient_reads.gradient_reads`: a
    ``tf.Print`` on the loss does not print, a ``tf.identity(loss)`` made under ``control_dependencies`` does not
    run them, ``3.0 * w`` made there does).  A node whose ``id`` is in ``fed`` (fed this run) is no data child:
    TF1 prunes what only a fed tensor reads; a control edge to it still runs its op."""
    children = [(c, True) for c in getattr(node, "run_first", ())]
    differentiates = getattr(node, "differentiates", None)
    if differentiates is not None:
        return children + gradient_reads(*differentiates)
    if node.recipe is not None:
        loss = getattr(node, "loss", None) if getattr(node, "pairs", None) is not None else None
        # an operation given where a tensor is expected runs first, as TF1 runs an op's inputs; an assignment's
        # output (tf.sqrt(tf.assign(v, ...))) is the variable after it (Assignment.as_input: the assignment first)
        children += [(n.as_input(), False) if hasattr(n, "as_input") else (n, isinstance(n, Operation))
                     for n in inputs_of(node.recipe[1], node.recipe[2]) if n is not loss]  # its gradients say
    children += [(n, False) for n in getattr(node, "grouped", None) or ()]
    return [(child, control) for child, control in children if control or id(child) not in fed]


def run_steps(graph, leaves: list, fed: frozenset = frozenset()) -> list:
    """``[(kind, node), ...]`` for a run of ``leaves`` in ``graph``: ``("run", operation)`` for each control input
    operation, ``("effect", tensor)`` for each ``tf.Print`` or ``tf.check_numerics`` computed, inputs before what
    needs them (each once).  A fed tensor (its ``id`` in ``fed``) cuts the graph above it, as TF1 prunes it: its
    control inputs and what its default or expression reads do not run."""
    if not graph.__dict__.get("has_run_steps"):
        return []
    steps, listed, visited = [], set(), set()
    stack = [(leaf, False, False) for leaf in reversed(leaves)
             if isinstance(leaf, (Tensor, Operation)) and id(leaf) not in fed]
    while stack:
        node, expanded, as_control = stack.pop()
        if expanded:
            kind = "run" if as_control and isinstance(node, Operation) else "effect" if _has_effect(node) else None
            if kind is not None and (kind, id(node)) not in listed:
                listed.add((kind, id(node)))
                steps.append((kind, node))
            continue
        if (id(node), as_control) in visited:
            continue
        visited.add((id(node), as_control))
        stack.append((node, True, as_control))
        stack.extend((child, False, control) for child, control in reversed(_children(node, fed)))
    return steps


def computed_before(leaves: list) -> list:
    """The tensors a run computes *before* its control inputs: those made outside every
    ``tf.control_dependencies`` block (reading no control input) that feed a fetched tensor made inside one
    (``tf.identity(loss)`` under ``control_dependencies([train])``: TF1 computes ``loss`` for the training step,
    before the update, and the identity passes that value on), and the fetched ones made outside every block
    (``lr = 0.2 / tf.cast(step + 1, tf.float32)`` fetched beside a step that increments ``step`` first: TF1's
    ``lr`` reads the step before).  Variables and placeholders are read where they are used (``tf.identity(v)``
    inside the block reads ``v`` after the update; a fetched variable when the run ends), and so are the views of
    variables made outside (``tf.identity(w)``, ``tf.reshape(w, [-1])``, a ``tf.cond`` returning ``w``: TF1 passes
    the variable's buffer on, read after the update; a computed branch of such a cond is computed first; probe48
    P48-5, P48-4)."""
    reading = [leaf for leaf in leaves if isinstance(leaf, Tensor) or _is_assignment(leaf)]
    after = made_after(reading)
    boundary: dict[int, Tensor] = {}
    stack, seen = list(reading), set()
    while stack:
        node = stack.pop()
        if id(node) in seen or not (after[id(node)] or passes_through(node)):
            continue
        seen.add(id(node))
        inputs = reads(node)
        boundary.update((id(item), item) for item in inputs if not after[id(item)] and is_computed(item)
                        and not passes_through(item))
        stack.extend(item for item in inputs if after[id(item)] or passes_through(item))
    boundary.update((id(leaf), leaf) for leaf in reading if not after[id(leaf)] and is_computed(leaf)
                    and not passes_through(leaf))
    return list(boundary.values())


def _forwarded_before(leaves: list) -> list:
    """In a run with no control inputs that runs operations: the computed branches of the fetched ``tf.cond``
    outputs that show a variable in another branch (:func:`~.variable_views.partly_shows_variables`), computed
    before the operations; the cond is read after them (``sess.run([train, tf.cond(p, lambda: w, lambda: w * 2.0)])``
    gives ``w`` after the step where it takes that branch, as TF1 forwards the variable's buffer)."""
    mixed = [leaf for leaf in leaves if isinstance(leaf, Tensor) and partly_shows_variables(leaf)]
    if not mixed or not any(isinstance(leaf, Operation) for leaf in leaves):
        return []
    return computed_before(mixed)


def variables_read_before(leaves: list, steps: list) -> list:
    """The variables that the run's ``steps`` assign (``tf.assign`` and kin run as control inputs) and that the
    fetched ``leaves`` (tensors and operations, a training step's loss and gradients included) read only through
    ops made outside every ``tf.control_dependencies`` block: TF1's ops read them before the assignment, as the
    forward pass does (the stateful-RNN idiom ``with tf.control_dependencies([saved.assign(state)]): loss = ...``
    trains on the gradient of the loss it computed, from the old ``saved``; b-probe B17).  A variable fetched, or
    read by an op made inside a block, is read where the run reads it now (after)."""
    assigned = {id(node.ref): node.ref for kind, node in steps if kind == "run" and getattr(node, "ref", None)
                is not None}
    if not assigned:
        return []
    nodes = [leaf for leaf in leaves if isinstance(leaf, Tensor) or getattr(leaf, "pairs", None) is not None]
    after = made_after(nodes)
    before, late, seen, stack = set(), set(), set(), list(nodes)
    late.update(id(leaf.view_of) for leaf in nodes if getattr(leaf, "view_of", None) is not None)
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for item in reads(node):
            if id(item) in assigned:
                (late if after[id(node)] or passes_through(node) else before).add(id(item))
            elif isinstance(item, Tensor) and item.recipe is not None:  # assignments read when they run
                stack.append(item)
    return [assigned[key] for key in before - late]


def hosts_before(leaves: list) -> list:
    """The fetched tensors computed in Python (summaries: ``tf.summary.merge_all()``) made outside every
    ``tf.control_dependencies`` block, of a run with control inputs: TF1 computes them from the values before the
    control inputs' updates (``sess.run([step, merged])`` with ``step`` a ``no_op`` under
    ``control_dependencies([train])`` logs the loss the step saw; v-probe V9)."""
    hosts = [leaf for leaf in leaves if isinstance(leaf, Tensor) and leaf.host is not None]
    after = made_after(hosts) if hosts else {}
    return [leaf for leaf in hosts if not after[id(leaf)]]


def rates_before(leaves: list, steps: list) -> list:
    """The learning-rate tensors (made outside every ``tf.control_dependencies`` block) that TF1 computes from the
    values before the run's updates: in a run whose ``steps`` update variables first
    (``GradientDescentOptimizer(0.2 / tf.cast(step + 1, tf.float32))`` under ``control_dependencies([inc])`` trains
    with the step before ``inc``), and in a run of several training operations, whose rates are computed once,
    before any of them updates (``sess.run([d_train, g_train])`` with one ``global_step`` and a decayed rate: both
    train with the fetched rate, not the second with the rate after the first's increment; probe24 P24-14)."""
    run = [node for kind, node in steps if kind == "run"]
    operations = [operation for operation in with_group_members([*leaves, *run])
                  if hasattr(operation, "apply") and hasattr(operation, "learning_rate")]
    if not steps and len(operations) < 2:
        return []
    rates = [op.learning_rate for op in operations
             if isinstance(op.learning_rate, Tensor) and not op.learning_rate.deferred]
    after = made_after(rates)
    return list({id(rate): rate for rate in rates if not after[id(rate)] and is_computed(rate)}.values())


def _is_assignment(node) -> bool:
    """An operation that stores a computed value (``tf.assign`` of a tensor): what it stores is read like a fetch."""
    return isinstance(node, Operation) and getattr(node, "early", None) is not None and node.recipe is not None


def read_by_steps(leaves: list, steps: list) -> list:
    """The fetched tensors that a training step run as a control input reads on the way to its loss (the loss,
    the logits): TF1 computes each once per run, before the update, so the fetch sees that value."""
    losses = [node.loss for kind, node in steps if kind == "run" and getattr(node, "pairs", None) is not None
              and getattr(node, "loss", None) is not None]
    if not losses:
        return []
    reached = reachable(losses, lambda node: True)
    return [leaf for leaf in leaves if id(leaf) in reached and is_computed(leaf)]


def execute_steps(session, steps: list, specialized: list, feed: dict, store_late=None) -> dict:
    """Run ``steps`` (their nodes as the session specialised them: ``specialized``) with ``feed`` by symbol;
    ``{id(operation): outcome}`` of the operations run (a run runs each once: the fetches reuse these).
    ``store_late(operations, feed)``, called before each operation runs, stores the values of its assignments
    that read tensors computed before the steps (:meth:`RunEffects.after_steps`)."""
    done: dict = {}
    starting = [node for (kind, original), node in zip(steps, specialized) if kind == "run" and not
                original.run_first and getattr(node, "early", None) is not None and id(node) not in
                session.stored_before]
    if len(starting) > 1:  # assignments made outside every block store values computed from the run's start (TF1:
        # [saved_output.assign(output), saved_state.assign(state)] both from the old saved_output)
        values = session.evaluate([node.early[0] for node in starting], feed)
        session.stored_before.update(zip(map(id, starting), values))
    together = _training_together(steps, specialized)
    for (kind, original), node in zip(steps, specialized):
        if kind == "run":
            if id(node) not in done:
                if store_late is not None:
                    store_late([original], feed)
                done.update(run_operations(session, together.get(id(node), [node]), feed))
            continue
        effect = getattr(node, "run_effect", None)
        if effect is None:
            raise UnsupportedOperationError(f"{original.name}: a {original.op.type} whose input has no known shape "
                                            "could not be built; give the placeholder a shape")
        if all(session.truth(pred, feed) == taken for pred, taken in getattr(original, "branches", ())):
            effect.emit(session, original, feed)  # made in a tf.cond branch: only where the run takes it (TF1)
    return done


def ancestors(node) -> set:
    """The ids of the nodes ``node`` waits for in a run: its control inputs, recorded inputs and group members, and
    theirs."""
    found, stack = set(), [child for child, _ in _children(node)]
    while stack:
        item = stack.pop()
        if id(item) not in found:
            found.add(id(item))
            stack.extend(child for child, _ in _children(item))
    return found


def _training_together(steps: list, specialized: list) -> dict:
    """``{id(node): nodes}``: the training operations run as control inputs of one run with no order between them
    (``with tf.control_dependencies([d_train, g_train]): k_update = ...``, BEGAN) run together, each computing its
    gradients from the variables' values at the start, as in ``sess.run([d_train, g_train])`` (probe32 P32-9: they
    ran one after the other); they run where the last of them is listed, unless a step listed in between waits for
    one of them (then one by one, in the order TF1's dependencies give)."""
    positions = [i for i, (kind, original) in enumerate(steps) if kind == "run" and
                 hasattr(original, "apply") and hasattr(original, "parameters")]
    if len(positions) < 2:
        return {}
    waits = {i: ancestors(steps[i][1]) for i in range(positions[0], positions[-1] + 1)}
    members = {id(steps[i][1]) for i in positions}
    if any(waits[i] & members for i in range(positions[0], positions[-1] + 1)):
        return {}
    nodes = [specialized[i] for i in positions]
    return {id(specialized[positions[-1]]): nodes, **{id(node): [] for node in nodes[:-1]}}


class RunEffects:
    """A session's view of what its runs do before their fetches: for each fetch list (by ids; the lists are kept,
    so their ids stay theirs) the :func:`run_steps` and the tensors :func:`computed_before` them, found once; and
    how often each ``tf.Print`` printed (its ``first_n``)."""

    def __init__(self, graph):
        self.graph = graph
        self.found: dict = {}
        self.print_counts: dict = {}  # id(the program's tf.Print tensor) -> times printed
        self.refs: dict = {}  # fetch ids -> (the fetches, their fetched assignments read at the end: fetched_refs.py)

    def of(self, leaves: list, fed: tuple = ()) -> tuple[list, list]:
        """``(steps, tensors computed before them)`` of a run of ``leaves`` that feeds the tensors ``fed``."""
        entry = self._entry(leaves, fed)
        return entry[1], entry[2]

    def after_steps(self, leaves: list, fed: tuple = ()) -> list:
        """:func:`~.grouped_values.assignments_after_steps` of a run of ``leaves``: the tensors computed before
        the steps that those assignments read are among :meth:`of`'s."""
        return self._entry(leaves, fed)[3]

    def _entry(self, leaves: list, fed: tuple) -> tuple:
        fed_ids = frozenset(map(id, fed))
        key = (tuple(map(id, leaves)), fed_ids)
        entry = self.found.get(key)
        if entry is None:  # the entry keeps the fetches and fed tensors alive, so their ids stay theirs
            steps = run_steps(self.graph, leaves, fed_ids)
            late = assignments_after_steps(leaves, steps) if steps else []
            before = computed_before(leaves + late) if steps else _forwarded_before(leaves)
            before += [t for t in read_by_steps(leaves, steps) if all(t is not b for b in before)]
            entry = self.found[key] = (leaves, steps, before, late, tuple(fed))
        return entry


def as_fed(tensors: list, values: list) -> list:
    """``[(tensor, array), ...]``: computed values as a session's feed items (a ``tf.bool`` one as 1.0 / 0.0)."""
    arrays = [np.asarray(value) for value in values]
    return [(t, a.astype(np.float64) if a.dtype == np.bool_ else a) for t, a in zip(tensors, arrays)]


def reading_before(leaves: list, steps: list) -> list:
    """The ``leaves`` that read values computed before a run's control inputs (:func:`computed_before`): its
    tensors, and its assignments that are not themselves run as control inputs."""
    stepped = {id(node) for _, node in steps}
    return [leaf for leaf in leaves if isinstance(leaf, Tensor) or (_is_assignment(leaf) and id(leaf) not in stepped)]


def with_tensors(leaves: list, runnable: list, tensors: list, chosen: list | None = None) -> list:
    """``runnable`` (the specialised ``leaves``) with those of ``chosen`` (by default its tensors) replaced by
    ``tensors``, in order."""
    picked = {id(c) for c in chosen} if chosen is not None else None
    computed = iter(tensors)
    return [next(computed) if (isinstance(leaf, Tensor) if picked is None else id(leaf) in picked) else node
            for leaf, node in zip(leaves, runnable)]


def still_to_run(operations: list, done: dict) -> list:
    """``operations`` with groups opened (``tf.group``'s members), without those ``done`` already ran as control
    inputs of this run (TF1 runs each operation once per run)."""
    if not done:
        return operations
    found: dict = {}
    stack = list(reversed(operations))
    while stack:
        operation = stack.pop()
        members = getattr(operation, "grouped", None)
        if members is not None:
            stack.extend(reversed(members))
        elif id(operation) not in done:
            found.setdefault(id(operation), operation)
    return list(found.values())

"""The operations of one ``session.run`` (a fetch list, or ``tf.group``): each runs once, and when several training
operations run together (``sess.run([d_train, g_train])``, ``tf.group(ta, tb)``), every one computes its gradients
from the variables' values at the start of the run, as TF1 does in practice (both gradient computations read the
variables before either update), and the updates are stored when all have been computed.  The values that the
assignments of such a run store are computed at its start too (``_early_values``)."""

from __future__ import annotations

import numpy as np

from ...errors import UnsupportedOperationError
from .feeds import to_tf
from .assignments import Assignment
from .shared_state import SharedStarts
from .train_operation import TrainOperation

__all__ = ["run_operations"]


def _flattened(operations) -> list:
    """The operations, groups opened (``tf.group``'s ``grouped``), each once, in order."""
    found: dict = {}
    for operation in operations:
        inner = getattr(operation, "grouped", None)
        for item in (_flattened(inner) if inner is not None else [operation]):
            found.setdefault(id(item), item)
    return list(found.values())


def _is_training(operation) -> bool:
    return hasattr(operation, "apply") and hasattr(operation, "parameters")


def _check_assigned_while_trained(flat: list, training: list) -> None:
    """Refuse (before anything runs) a run that assigns a variable one of its training operations updates, with
    neither ordered after the other (WGAN's weight clipping fetched beside the critic's step,
    ``sess.run([d_train, d_loss, clip_d])``): TF1 runs the two in no fixed order, so the update is clipped, added
    to the clipped value or lost, and the loss reads either value, from run to run (probe32 P32-3: symopt lost the
    update every time)."""
    trained = {p: operation for operation in training for p in operation.parameters}
    for operation in flat:
        variable = getattr(operation, "ref", None)
        step = trained.get(getattr(variable, "expr", None))
        if step is None or _is_training(operation):
            continue
        name = getattr(operation, "op_name", operation.name)
        raise UnsupportedOperationError(
            f"{name} assigns {variable.op_name} in the run where {step.name} updates it: TF1 runs the two in no "
            "fixed order (the update may be clipped, added to the assigned value or lost, and a fetched loss may read "
            "either value), which symopt.compat.v1 does not guess. To assign after each update (WGAN's clipping), "
            f"make the assignment inside `with tf.control_dependencies([{step.name}]):`, so that it runs after the "
            f"step in every run, or run it on its own after the step (sess.run({step.name}, feed); sess.run({name}))")


def _early_values(session, flat: list, feed: dict) -> dict:
    """``{id(assignment): value}``: when a run has several updates (assignments, training operations), the values
    its assignments store are computed first, from the variables' values at the start of the run, as TF1 computes
    them (``[tf.assign(w, w - lr * gw), tf.assign(b, b - lr * gb)]``: one gradient computation feeds both; a loss
    recorded beside a training step is the loss the step saw)."""
    if sum(1 for op in flat if _is_training(op) or getattr(op, "early", None) is not None) < 2:
        return {}
    chosen = [op for op in flat if getattr(op, "early", None) is not None and op.runs_in(session, feed)]
    if not chosen:
        return {}
    values = session.evaluate([op.early[0] for op in chosen], feed)
    return {id(op): value for op, value in zip(chosen, values)}


def _execute(session, operation, feed: dict, early: dict):
    """Run ``operation``; an assignment whose value was computed early stores that value."""
    if id(operation) in early:
        return operation.early[1](session, early[id(operation)])
    return operation.execute(session, feed)


def run_operations(session, operations, feed: dict) -> dict:
    """Run ``operations`` in ``session`` with ``feed`` (by symbol); ``{id(operation): outcome}``.  A run that assigns
    one variable twice (``[tf.assign_add(a, 1.0), tf.assign_add(a, 1.0)]``) fetches each of those assignments as the
    variable's value when the run ends (TF1's ``assign`` returns the variable itself: ``[3.0, 3.0]``)."""
    flat = _flattened(operations)
    outcomes = _run(session, flat, feed)
    refs = [getattr(operation, "ref", None) for operation in flat]
    for operation, ref in zip(flat, refs):
        if ref is not None and outcomes.get(id(operation)) is not None and sum(r is ref for r in refs) > 1:
            outcomes[id(operation)] = to_tf(ref, session.values[ref.expr])
    return outcomes


def _run(session, flat: list, feed: dict) -> dict:
    early = _early_values(session, flat, feed)
    stored_before = getattr(session, "stored_before", None)  # computed before the run's control inputs
    if stored_before:
        early.update((id(op), stored_before[id(op)]) for op in flat if id(op) in stored_before
                     and op.runs_in(session, feed))  # made in a tf.cond branch not taken: not run
    training = [operation for operation in flat if _is_training(operation)]
    if training:
        _check_assigned_while_trained(flat, training)
    if len(training) < 2:
        outcomes, late = {}, []
        for operation in flat:
            outcomes[id(operation)] = _after_update(late, _execute, session, operation, feed, early)
        return _raised_late(late, outcomes)
    _check_projections(training)
    before = _snapshot(session, training, flat)
    try:
        return _run_together(session, flat, feed, early, training)
    except KeyboardInterrupt:  # Ctrl-C inside the run: nothing of it stays, as TF1's session.run is one C++ call,
        _restore(session, before)  # which Python interrupts only between runs (probe86 P86-4: the first ops' steps
        raise  # stayed); a step's error keeps the steps that ran before it, as TF1's ops that ran keep theirs


def _run_together(session, flat: list, feed: dict, early: dict, training: list) -> dict:
    """:func:`_run` of two or more training operations: each steps from the run's start, the updates added up."""
    values = session.values
    outcomes, updates, late = {}, {}, []
    shared = SharedStarts(session, [op for op in training if op.runs_in(session, feed)])  # Adam's beta powers
    try:
        for operation in flat:
            if not _is_training(operation) or not operation.runs_in(session, feed):
                outcomes[id(operation)] = _after_update(late, _execute, session, operation, feed, early)
                continue
            start = {p: values[p] for p in operation.parameters if p in values}
            for parameter, value in start.items():  # a NumPy step updates its arrays in place: give it copies
                if isinstance(value, np.ndarray):  # (scalars, JAX arrays: never changed in place)
                    values[parameter] = value.copy()
            shared.before(operation)
            try:
                outcomes[id(operation)] = _after_update(late, operation.execute, session, feed)
                shared.after(operation)
                for p in operation.parameters:
                    if p in values:  # one store of the longer list: an interrupt never leaves an empty one
                        updates[p] = [*updates.get(p, ()), (start[p], values[p])]
            finally:
                values.update(start)  # the next operation reads the values at the start of the run
    finally:
        values.update((p, _stored(values[p], changes)) for p, changes in updates.items() if changes)
        shared.finish()
    return _raised_late(late, outcomes)


def _after_update(late: list, run, *arguments):
    """``run(*arguments)``; an error raised after its update (a global step with no value: TF1's increment fails
    after the update it waits for) is noted in ``late`` and the run's other updates go on, as TF1 runs them."""
    try:
        return run(*arguments)
    except Exception as error:
        if not getattr(error, "after_update", False):
            raise
        late.append(error)
        return None


def _raised_late(late: list, outcomes: dict) -> dict:
    """``outcomes``, or the first error :func:`_after_update` noted, raised once every update of the run ran."""
    if late:
        raise late[0]
    return outcomes


def _snapshot(session, training: list, flat: list) -> tuple:
    """What a run of ``training`` (among the operations ``flat``) may change in ``session``: its values (a shallow
    copy: a step is given copies of the arrays it updates in place; only the values it writes where every operation
    is a training step or a plain assignment, not the whole session's: final47a2 47a2-3), and, for each key of the
    run's optimizer objects, its optimizer state and started state (``_ABSENT`` where it has none), as
    :func:`_kept_state` keeps them.  One pass, no comprehensions: it runs before every such run (final48a 47a3-3)."""
    values = session.values
    kept: dict | None = {}
    for operation in flat:
        if isinstance(operation, TrainOperation):
            for parameter in operation.parameters:
                kept[parameter] = values.get(parameter, _ABSENT)
            if operation.global_step is not None:
                kept[operation.global_step.expr] = values.get(operation.global_step.expr, _ABSENT)
        elif type(operation) is Assignment and not getattr(operation, "run_first", None):
            kept[operation.ref.expr] = values.get(operation.ref.expr, _ABSENT)
        else:  # another kind of operation (an EMA's apply, an assignment that reads another) may store more
            kept = None
            break
    optimizer_state, started_states = session.optimizer_state, session.started_states
    states = {}
    for operation in training:
        for key in operation.key.group:
            if key not in states:
                states[key] = (_kept_state(optimizer_state.get(key, _ABSENT)),
                               _kept_state(started_states.get(key, _ABSENT)))
    return (dict(values) if kept is None else kept), kept is None, states


#: A value or state the run's snapshot found missing (a global step with no value, a state not started yet):
#: removed again on a restore.
_ABSENT = object()


def _kept_state(state):
    """An optimizer state ``(slots, shared)`` (or ``_ABSENT``) as a rollback needs it: its NumPy slot arrays copied
    (the generated NumPy step updates those in place, ``m_w += ...``); the state itself where it has none (scalars,
    JAX arrays and the shared values are never changed in place: a step stores new ones; final48a 47a3-3: copying
    each ``numpy.float32`` slot made ``sess.run(tf.group(adam, momentum))`` slower)."""
    if state is _ABSENT:
        return state
    slots, shared = state
    for slot in slots:
        if isinstance(slot, np.ndarray):
            return [s.copy() if isinstance(s, np.ndarray) else s for s in slots], shared
    return state


def _restore(session, snapshot: tuple) -> None:
    """Put ``session`` back as :func:`_snapshot` found it (the dicts themselves kept: the session holds them)."""
    values, whole, states = snapshot
    if whole:
        session.values.clear()
    _put_back(session.values, values.items())
    _put_back(session.optimizer_state, ((key, kept[0]) for key, kept in states.items()))
    _put_back(session.started_states, ((key, kept[1]) for key, kept in states.items()))


def _put_back(found: dict, saved) -> None:
    """Store each ``(key, value)`` of ``saved`` in ``found``; remove the keys whose value is ``_ABSENT``."""
    for key, value in saved:
        if value is _ABSENT:
            found.pop(key, None)
        else:
            found[key] = value


def _check_projections(training: list) -> None:
    """Refuse (before anything runs) a run whose training operations update one variable with ``constraint=``
    twice or more: TF1 projects after each op's update, in an order of its own, where the updates symopt adds up
    from the run's start would count each projection's jump once per op (review6 R6-2)."""
    seen: dict = {}
    for operation in training:
        for variable, _ in getattr(operation, "projections", ()):
            if id(variable) in seen and seen[id(variable)] is not operation:
                raise UnsupportedOperationError(
                    f"{seen[id(variable)].name} and {operation.name} both train {variable.op_name}, which has a "
                    "constraint=: TF1 projects it after each update, in an order of its own, which symopt.compat.v1 "
                    "does not reproduce for two updates in one run; run the training operations one per "
                    "session.run (sess.run(train_a); sess.run(train_b))")
            seen[id(variable)] = operation


def _stored(current, changes: list):
    """A variable's value after the training operations of one run that updated it (``changes``: each one's
    ``(start, new)``): the one update, or all of them added up, as TF1's kernels update the variable in place
    (``sess.run([train_a, train_b])`` of a shared layer moves it by both tasks' steps, each from the run's start)."""
    (first_start, first_new), rest = changes[0], changes[1:]
    value = first_new if first_start is current else current + (first_new - first_start)
    for start, new in rest:
        value = value + (new - start)
    return value

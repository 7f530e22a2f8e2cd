r"""The state one optimizer object shares between its training operations (Adam's :math:`\beta_1^t`,
:math:`\beta_2^t`) when several of them run in one ``session.run``.

TF1 reads that state when the run starts: each ``ApplyAdam`` casts ``beta1_power`` as soon as the run begins,
long before any step's ``_finish`` multiplies it by :math:`\beta_1`.  So ``sess.run([train_d, train_g])`` with
one ``AdamOptimizer`` steps both at :math:`t`, and leaves :math:`\beta_1^{t+2}` (both finishes ran): TF 2.21's
``u`` after one such run is 2.9, the first Adam step of 0.1 from 3.0 (symopt ran them one after the other and
stepped the second at :math:`t + 1`: 2.9256).  :class:`SharedStarts` gives every operation of such a group the
start's state and leaves the group with the state advanced once per operation run.
"""

from __future__ import annotations

import sympy

from ...cache import CACHE
from ...compiler import compile_expressions
from .feeds import on_host

__all__ = ["SharedStarts"]


class SharedStarts:
    """For the training operations ``training`` of one run: the groups (one optimizer object, one dtype) that run
    two or more of them, and each group's shared state at the start of the run."""

    def __init__(self, session, training: list):
        counts: dict = {}
        for operation in training:
            if operation.compiled is not None and operation.compiled.optimizer.shared_slots():
                counts.setdefault(id(operation.key.group), []).append(operation)
        self.session = session
        self.groups = {group: operations for group, operations in counts.items() if len(operations) > 1}
        self.starts = {group: _current(session, operations[0]) for group, operations in self.groups.items()}
        self.run: dict = {group: 0 for group in self.groups}

    def before(self, operation) -> None:
        """Give ``operation`` its group's state at the start of the run."""
        group = id(operation.key.group)
        if group in self.groups:
            _put(self.session, operation, self.starts[group])

    def after(self, operation) -> None:
        """Count ``operation`` as run; after the last of its group, store the start's state advanced once per
        operation of the group that ran."""
        group = id(operation.key.group)
        if group not in self.groups:
            return
        self.run[group] += 1
        if self.run[group] == len(self.groups[group]):
            _put(self.session, operation, advanced(operation, self.starts[group], self.run[group]))

    def finish(self) -> None:
        """After the run (also one a step stopped): the groups whose operations did not all run get the state
        advanced for those that did."""
        for group, operations in self.groups.items():
            if 0 < self.run[group] < len(operations):
                _put(self.session, operations[0], advanced(operations[0], self.starts[group], self.run[group]))


def _current(session, operation) -> tuple:
    """The shared state ``operation`` would read now: its group's (a started key's), else the rule's initial."""
    states = session.optimizer_state
    for key in operation.key.group:
        if key in states:
            return tuple(states[key][1])
    return tuple(operation.compiled.initial_slots(())[1])


def _put(session, operation, shared: tuple) -> None:
    """Store ``shared`` as the state of every started key of ``operation``'s group."""
    states = session.optimizer_state
    for key in operation.key.group:
        if key in states:
            states[key] = (states[key][0], list(shared))


def advanced(operation, shared: tuple, times: int) -> tuple:
    r"""``shared`` after ``times`` steps of ``operation``'s optimizer rule (:math:`\beta_1^{t} \to \beta_1^{t+k}`),
    each the rule's own shared update in the step's dtype (TF1's float32 products, one per finish)."""
    rule, dtype = operation.compiled.optimizer, operation.key.dtype
    function, constants = CACHE.get_or_build(("shared update", rule.key(), dtype), lambda: _shared_update(rule, dtype))
    arguments = [operation.compiled.hyper[name] for name in constants]
    state = tuple(on_host(value) for value in shared)
    for _ in range(times):
        state = tuple(function(*state, *arguments))
    return state


def _shared_update(rule, dtype: str) -> tuple:
    """The generated function ``(shared..., constants...) -> shared`` of ``rule``'s shared update, and the names of
    the constants it reads (Adam's ``beta1_float32``), built once per rule and dtype."""
    symbols = {slot.name: sympy.Symbol(slot.name) for slot in rule.shared_slots()}
    updates = {target.name: expr for target, expr in rule.shared_update(symbols, rule.symbols())}
    outputs = [updates.get(name, symbol) for name, symbol in symbols.items()]
    constants = sorted(set().union(*(o.free_symbols for o in outputs)) - set(symbols.values()), key=str)
    function, _ = compile_expressions(outputs, [*symbols.values(), *constants], dtype=dtype, name="shared_update")
    return function, [symbol.name for symbol in constants]

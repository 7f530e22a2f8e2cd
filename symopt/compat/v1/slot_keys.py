r"""Where a session keeps a training operation's optimizer state, and what one optimizer object shares.

TF1's optimizer owns its state: one slot per variable and kind (``W/Adam``, ``W/Adam_1``), made at the first
``minimize`` that trains the variable and reused by every later one of the same optimizer object, and the state
of all its variables (``beta1_power``, ``beta2_power``).  A session stores each training operation's state under
its :class:`SlotKey` as ``(slots, shared)``: the slots of its parameters in order, ``width`` per parameter, then
the shared values.  The keys one optimizer object made for one dtype form a ``group``; a step of any of them
reads the group's current values of what they share and writes its new values into every started key, so they
stay one state, as TF1's.
"""

from __future__ import annotations

__all__ = ["SlotKey"]


class SlotKey:
    """Names one training operation's optimizer state in a session (shared by the programs a shape-less
    placeholder specialises it into); ``Saver`` saves the slots of each key in creation order.  ``parameters``:
    the symbols of the variables it trains, in the step's order; ``group``: the keys of its optimizer object."""

    def __init__(self, dtype: str, parameters: list, group: list | None = None):
        self.dtype = dtype
        self.parameters = list(parameters)
        self.group = group if group is not None else []
        self.group.append(self)

    def _started(self, states: dict):
        return [(key, states[key]) for key in self.group if key is not self and key in states]

    def group_state(self, states: dict, slots, shared) -> tuple[list, tuple]:
        """This key's ``(slots, shared)`` with the group's current values: the shared state, and the slots of
        each parameter another started key of the group also trains."""
        started = self._started(states)
        if not started:
            return slots, shared
        slots = list(slots)
        width = len(slots) // max(len(self.parameters), 1)
        for index, parameter in enumerate(self.parameters):
            for key, (their_slots, _) in started:
                if parameter in key.parameters:
                    at = key.parameters.index(parameter) * width
                    slots[index * width:(index + 1) * width] = their_slots[at:at + width]
                    break
        return slots, started[0][1][1]

    def share(self, states: dict, slots, shared) -> None:
        """Store this key's new ``slots`` (of the parameters each trains) and ``shared`` in every started key."""
        width = len(slots) // max(len(self.parameters), 1)
        for key, (their_slots, _) in self._started(states):
            their_slots = list(their_slots)
            for index, parameter in enumerate(self.parameters):
                if parameter in key.parameters:
                    at = key.parameters.index(parameter) * width
                    their_slots[at:at + width] = slots[index * width:(index + 1) * width]
            states[key] = (their_slots, shared)

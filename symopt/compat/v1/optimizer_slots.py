r"""TF1's optimizer slot variables: ``opt.get_slot(var, name)``, ``opt.get_slot_names()``, ``opt.variables()``.

symopt keeps an optimizer's state in the session (``Session.optimizer_state``, one entry per training operation:
the per-parameter slots, parameter-major, then the shared ones such as Adam's :math:`\beta_1^t, \beta_2^t`).  A
:class:`SlotVariable` is TF1's view of one piece of it, under TF1's name (``W/Adam:0``, ``W/Adam_1:0``,
``beta1_power:0``): running it reads the value; ``tf.variables_initializer(opt.variables())`` puts it back to its
initial value (zeros; Adagrad's ``initial_accumulator_value``; RMSProp's ``rms`` ones; :math:`\beta_1`,
:math:`\beta_2` for the beta powers), as TF1's initializers of the slot variables do.

TF1's slot names of symopt's slots (``RMSProp``'s ``ms`` is TF1's ``rms``), in the order TF1 creates them (which
fixes the ``_1``, ``_2`` suffixes of their variable names):

==========================  =====================================
optimizer                   TF1 slots
==========================  =====================================
Momentum                    ``momentum``
Adagrad, ProximalAdagrad    ``accumulator``
RMSProp                     ``rms``, ``mg`` (centered), ``momentum``
Adam                        ``m``, ``v``; shared ``beta1_power``, ``beta2_power``
Adadelta                    ``accum``, ``accum_update``
Ftrl                        ``accum``, ``linear``
==========================  =====================================
"""

from __future__ import annotations

import functools

import numpy as np

from ...errors import UnsupportedOperationError
from . import dtypes
from .errors import uninitialized
from ...symbols import Placeholder as CorePlaceholder
from .default_session import session_for
from .feeds import fed_value, internal, on_host, to_tf
from .default_graph import unnamed
from .graph import OpHandle, Operation, Tensor, constant, get_default_graph, program_dtype
from .initializer_ops import initializer_of
from .tensor_shape import TensorShape
from .variable_scope import slot_prefix

__all__ = ["fresh_state", "SlotVariable", "OptimizerSlots", "TF1_SLOT_NAMES"]

#: rule class name -> {symopt slot name: TF1 slot name} where they differ.
TF1_SLOT_NAMES = {"Momentum": {"accumulator": "momentum"}, "RMSProp": {"ms": "rms", "mom": "momentum"},
                  "Ftrl": {"accumulator": "accum"}}
#: TF1's names of a slot's initial constant by its value (others: ``Const``).
_INITIALIZER_NAMES = {0.0: "zeros", 1.0: "ones"}
#: rule class name -> TF1's creation order of its slots (others: symopt's order).
_TF1_ORDER = {"RMSProp": ("rms", "mg", "momentum")}


class SlotVariable(Operation):
    """One slot of one variable (``variable`` set), or one shared slot of the optimizer (``variable`` None):
    ``sess.run(slot)`` is its value; ``reset(session)`` sets it to its initial value."""

    def __init__(self, slots: "OptimizerSlots", index: int, variable, name: str):
        super().__init__(name, self._read, returns_value=True, type="VariableV2", exact_name=True)
        self.run_first = ()  # a read of a variable runs nothing, whatever tf.control_dependencies it was made in
        self.op_name, self.name = name, f"{name}:0"
        self.slots, self.index, self.variable = slots, index, variable
        rule = slots.rule
        slot = (rule.parameter_slots() if variable is not None else rule.shared_slots())[index]
        self.initial = slot.initial
        self.shared_initial = rule.shared_value(slot.initial, "float32") if variable is None else None

    trainable = False  # TF1: slots are global variables, never trainable ones
    #: ``Graph.get_operations()`` lists it as a variable's ops (``w/Adam``, ``w/Adam/Assign``, ``w/Adam/read``).
    lists_as_variable = True

    def __repr__(self) -> str:
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}_ref>"

    @property
    def op(self) -> OpHandle:
        """TF1's ``slot.op``: the ``VariableV2`` op, named without ``:0`` (``w/Adam``, ``beta1_power``)."""
        return OpHandle(self.op_name, "VariableV2", self)

    def get_shape(self):
        return self.shape

    def eval(self, feed_dict=None, session=None):
        """The slot's value in ``session`` or the default session."""
        return session_for(session).run(self, feed_dict=feed_dict)

    @property
    def shape(self):
        """The slot's shape: its variable's (a shared slot, Adam's beta power, is a scalar)."""
        return self.variable.shape if self.variable is not None else TensorShape(())

    @property
    def dtype(self):
        return self.variable.dtype if self.variable is not None else dtypes.float32

    @property
    def start_value(self) -> np.ndarray:
        """The value the slot starts from (TF1's ``initial_value``), as an array of its shape and dtype."""
        if self.variable is None:
            return np.asarray(self.shared_initial, dtype=np.float32)
        return np.full(self.variable.start_value.shape, self.initial, self.variable.dtype.name)

    @property
    def initial_op(self) -> str:
        """TF1's name of the constant the slot starts from (``W/Adam/Initializer/zeros``, Adagrad's
        ``W/Adagrad/Initializer/Const``, ``beta1_power/initial_value``)."""
        if self.variable is None:
            return f"{self.op_name}/initial_value"
        return f"{self.op_name}/Initializer/{_INITIALIZER_NAMES.get(float(self.initial), 'Const')}"

    @functools.cached_property
    def initial_value(self) -> Tensor:
        """The slot's initial value as a constant tensor (TF1's ``inputs[1]`` of ``W/Adam/Assign``), made once."""
        with self.graph.as_default(), unnamed():  # TF1's op, listed by get_operations as initial_op
            value = constant(self.start_value, dtype=self.dtype)
            return Tensor(value.expr, value.shape, self.dtype, self.initial_op, exact_name=True)

    @property
    def initializer(self) -> OpHandle:
        """TF1's ``W/Adam/Assign``: running it resets the slot, or sets a fed value of :attr:`initial_value`
        (initializer_ops.py)."""
        return initializer_of(self)

    def initialize(self, session, value=None) -> None:
        """Set the slot in ``session`` to ``value``, or to its initial value when ``value`` is None."""
        if value is None:
            self.reset(session)
            return
        session.initialized_slots.add(self.op_name)
        if next(self._states(session), None) is None:  # no step yet: start the state as the first step would
            self._start(session)
        self._put(session, np.float32(value), value,  # float32, as the step keeps the beta powers
                  lambda old: np.asarray(value, dtype=old.dtype).reshape(old.shape))

    def _start(self, session) -> None:
        """Start the optimizer state of this slot's training operations in ``session`` (as their first step would),
        so that a value can be set before any step; their first step still checks that each of their slots was
        initialized (final46a 46a-11: a fed ``m`` alone does not initialize ``v`` and the beta powers)."""
        for key in self.slots.keys:
            step = next((op for op in self.graph.operations if getattr(op, "key", None) is key
                         and hasattr(op, "pairs")), None)
            if step is None:
                continue
            for _, variable in step.pairs:
                if variable.expr not in session.values:
                    raise uninitialized(variable.expr, session)
            values = [session.values[variable.expr] for _, variable in step.pairs]
            session.started_states[key] = step.compiled.initial_slots(values) if step.compiled is not None else \
                fresh_state(self.slots.rule, values, key.dtype)  # a step of fed shapes, compiled when first run

    def _states(self, session):
        """``(key, position, (slots, shared))`` of each started training operation holding this slot."""
        width = len(self.slots.rule.parameter_slots())
        for key in self.slots.keys:
            state = session.optimizer_state.get(key) or session.started_states.get(key)
            if state is None:
                continue
            if self.variable is None:
                yield key, self.index, state
            elif any(v is self.variable for v in key.variables):
                position = next(i for i, v in enumerate(key.variables) if v is self.variable)
                yield key, position * width + self.index, state

    def as_input(self) -> Tensor:
        """The slot as the input of an op (``m * 2``, ``tf.reduce_sum(m)``, ``tf.summary.histogram("m", m)``,
        ``m / (tf.sqrt(v) + 1e-8)``): a tensor whose value is the slot's in the run's session (:meth:`value_in`),
        as TF1 reads a variable (probe13 W14).  Not differentiable: TF1 gives slots no gradient either."""
        tensor = self.__dict__.get("_input")
        if tensor is None:
            graph = get_default_graph()
            symbol = CorePlaceholder(self.op_name, shape=tuple(self.shape), dtype=program_dtype(self.dtype))
            graph.__dict__.setdefault("slot_reads", {})[symbol] = self  # the session's value of the symbol
            graph.rebuilding += 1  # the variable's own name, as TF1's read of it
            try:
                tensor = self._input = Tensor(symbol, tuple(self.shape), self.dtype, self.op_name, exact_name=True)
                tensor.reads_slot = self  # a feed of the slot is a feed of this tensor (feeding.py)
            finally:
                graph.rebuilding -= 1
        return tensor

    def read_tensor(self) -> Tensor:
        """TF1's ``<slot>/read:0`` (``w/Momentum/read:0``), found by name: the tensor ops built from the slot read,
        :meth:`as_input`'s symbol, as a node of its own: a feed of it reaches those ops, while a fetch of the slot
        and its optimizer's step take the slot itself, as TF1 (review F43b-2)."""
        tensor = self.__dict__.get("_read_alias")
        if tensor is None:
            source, graph = self.as_input(), get_default_graph()
            graph.rebuilding += 1  # no name of the program's counter: TF1 made it with the slot
            try:
                tensor = self._read_alias = Tensor(source.expr, source.shape, self.dtype, f"{self.op_name}/read",
                                                   exact_name=True)
                tensor.reads_slot_value = self  # fed: what the slot's readers compute from (feeding.py), not the slot
            finally:
                graph.rebuilding -= 1
        return tensor

    def value_in(self, session, feed: dict):
        """The slot's value in ``session`` as the session stores values (a column for a vector)."""
        return internal(np.asarray(self._read(session, feed)))

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """TF1's ``slot.assign(value)`` (and ``tf.assign(slot, value)``): refused, naming what works."""
        raise self._refusal("tf.assign")

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        raise self._refusal("tf.assign_add")

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        raise self._refusal("tf.assign_sub")

    def load(self, value, session=None):
        """TF1's ``slot.load(value, sess)``: refused as ``assign`` (final46a2 46a2-12: a bare AttributeError)."""
        raise self._refusal("Variable.load")

    def _refusal(self, op: str) -> UnsupportedOperationError:
        return UnsupportedOperationError(
            f"{op} to the optimizer slot {self.name} is not supported by symopt.compat.v1 (the optimizer's state "
            "lives in the session): read it as a tensor (m * 2, tf.reduce_sum(m), tf.summary.histogram), and put it "
            "back to its initial value with sess.run(tf.variables_initializer([slot])) (every slot: "
            "tf.variables_initializer(opt.variables()))")

    # Python's operators read the slot, as on a TF1 variable (``-m``, ``m[0]``, ``beta1_power * 2.0``)
    def __add__(self, other): return self.as_input() + other
    def __radd__(self, other): return other + self.as_input()
    def __sub__(self, other): return self.as_input() - other
    def __rsub__(self, other): return other - self.as_input()
    def __mul__(self, other): return self.as_input() * other
    def __rmul__(self, other): return other * self.as_input()
    def __truediv__(self, other): return self.as_input() / other
    def __rtruediv__(self, other): return other / self.as_input()
    def __pow__(self, other): return self.as_input() ** other
    def __rpow__(self, other): return other ** self.as_input()
    def __matmul__(self, other): return self.as_input() @ other
    def __rmatmul__(self, other): return other @ self.as_input()
    def __neg__(self): return -self.as_input()
    def __abs__(self): return abs(self.as_input())
    def __gt__(self, other): return self.as_input() > other
    def __lt__(self, other): return self.as_input() < other
    def __ge__(self, other): return self.as_input() >= other
    def __le__(self, other): return self.as_input() <= other
    def __getitem__(self, index): return self.as_input()[index]

    def _read(self, session, feed):
        fed = feed.get(self.__dict__["_input"].expr) if "_input" in self.__dict__ else None
        if fed is not None and any(getattr(key, "reads_slot", None) is self for key, _ in session.run_items):
            return fed_value(self, fed)  # a run that feeds the slot itself returns the fed value (TF1); one that
            # feeds only its read (w/Momentum/read:0) the stored one
        for _, position, (slots, shared) in self._states(session):
            return shared[position] if self.variable is None else to_tf(self.variable, on_host(slots[position]))
        if self.variable is None:
            return self.shared_initial
        if self.variable.expr not in session.values:
            raise uninitialized(self.variable.op_name, session)
        return to_tf(self.variable, np.full(self.variable.shape, self.initial, self.variable.dtype.name))

    def reset(self, session) -> None:
        """Put this slot back to its initial value in ``session`` (TF1: run its initializer)."""
        session.initialized_slots.add(self.op_name)
        # float32 for a shared slot, as the step keeps it (a NumPy value on JAX too)
        self._put(session, self.shared_initial, self.initial, lambda old: np.full_like(old, self.initial))

    def _put(self, session, shared_value, value, fill) -> None:
        """Write this slot into the state of each of its training operations in ``session``: ``shared_value`` for a
        shared slot (Adam's beta powers), ``fill(old)`` for a variable's slot array ``old`` (``value`` of ``old``'s
        type for a scalar one)."""
        for key, position, (slots, shared) in list(self._states(session)):
            states = session.optimizer_state if key in session.optimizer_state else session.started_states
            if self.variable is None:
                shared = list(shared)
                shared[position] = shared_value
            else:
                slots = list(slots)
                old = on_host(slots[position])
                slots[position] = fill(old) if np.ndim(old) else type(old)(value)
            states[key] = (slots, shared)


def fresh_state(rule, values: list, dtype: str) -> tuple:
    """The state ``rule`` starts from for parameter values ``values``, before its step is compiled (a training
    operation of a placeholder without a shape): each slot's initial value in its parameter's shape, and the shared
    slots; the first step adopts it into its own layouts (:meth:`~.train_operation.TrainOperation.apply`)."""
    slots = [np.full(np.shape(value), slot.initial, dtype=dtype) for value in values for slot in rule.parameter_slots()]
    return slots, [rule.shared_value(slot.initial, dtype) for slot in rule.shared_slots()]


class OptimizerSlots:
    """The slot variables of one optimizer object, made as its ``apply_gradients`` meets variables (TF1)."""

    def __init__(self, rule, optimizer_name: str):
        self.rule, self.optimizer_name = rule, optimizer_name
        self.keys: list = []  # the SlotKeys of this optimizer's training operations
        self.by_variable: dict = {}  # id(variable) -> {TF1 slot name: SlotVariable}
        self.shared: list = []  # the shared slots' SlotVariables (Adam's beta powers), made once

    def names(self) -> list:
        """TF1's slot names of this optimizer, in TF1's creation order."""
        kind = type(self.rule).__name__
        renamed = TF1_SLOT_NAMES.get(kind, {})
        names = [renamed.get(s.name, s.name) for s in self.rule.parameter_slots()]
        order = _TF1_ORDER.get(kind)
        return sorted(names, key=order.index) if order else names

    def register(self, key, variables: list) -> None:
        """Note a new training operation ``key`` on ``variables``; make the slot variables it adds."""
        key.variables = list(variables)
        key.width = len(self.rule.parameter_slots())  # slots per variable in the session's state
        self.keys.append(key)
        graph = get_default_graph()
        renamed = TF1_SLOT_NAMES.get(type(self.rule).__name__, {})
        positions = {renamed.get(s.name, s.name): i for i, s in enumerate(self.rule.parameter_slots())}
        prefix = slot_prefix()  # slots take the variable scope, not a name scope (TF1)
        made = []
        for variable in variables:
            if id(variable) in self.by_variable:
                continue
            self.by_variable[id(variable)] = {
                name: SlotVariable(self, positions[name], variable,
                                   graph.unique_name(f"{prefix}{variable.op_name}/{self.optimizer_name}",
                                                     scoped=False))
                for name in self.names()}
            made += self.by_variable[id(variable)].values()
        key.tf1_slots = [slot.op_name for v in variables for slot in self.by_variable[id(v)].values()]
        if not self.shared:
            self.shared = [SlotVariable(self, i, None, graph.unique_name(s.name))  # in the name scope (TF1)
                           for i, s in enumerate(self.rule.shared_slots()) if s.name.endswith("_power")]
            made = self.shared + made  # TF1 makes the beta powers first
        key.tf1_shared = [slot.op_name for slot in self.shared]
        key.shared_slots = self.shared  # an initializer covering key resets them for the whole group (46a2-1)
        # TF1's global variables: the slots after the variables made so far (tf.global_variables(), Saver of them)
        graph.__dict__.setdefault("slot_variables", []).extend((len(graph.variables), slot) for slot in made)

    def get_slot(self, variable, name: str):
        """``opt.get_slot(var, name)``: the slot variable, or None (TF1) for an unknown variable or name."""
        return self.by_variable.get(id(variable), {}).get(name)

    def variables(self) -> list:
        """``opt.variables()``: every slot and shared variable made so far, sorted by name as TF1 does."""
        made = [slot for slots in self.by_variable.values() for slot in slots.values()] + self.shared
        return sorted(made, key=lambda v: v.name)

"""A training step as a TF1 operation: :class:`TrainOperation` runs the fused step (cost, gradients, optimizer
update) that ``minimize`` / ``apply_gradients`` made, checks its inputs first and stores its results in the
session; :func:`step_loss` says which loss the step computes along."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ...compiler import free_inputs
from ...emit import scalar_type
from ...fused import compile_step
from ...jax_printer import jit
from ...jax_step import jax_step_for
from .errors import FailedPreconditionError, InvalidArgumentError, uninitialized
from .graph import Operation, get_default_graph
from .empty_batch import without_batch_sums
from .slot_keys import SlotKey
from .feeds import batch_carrier, on_host
from .gradient_ops import loss_sum
from .recording import reachable
from .constraints import projected
from .label_checks import LabelChecks
from .sparse_updates import CLIPPED_REPEATS, repeat_checks
from .float_step_checks import FloatStepChecks

if TYPE_CHECKING:
    from .train import Optimizer

__all__ = ["TrainOperation", "step_loss"]


def step_loss(loss, pairs: list):
    """The loss the step computes along (returned when ``[train, loss]`` is fetched), or None when it reads a
    placeholder the applied gradients do not: gradients accumulated in variables and applied later
    (``apply_gradients([(acc / n, W)])``) need no feed, as in TF1, which runs only what the update reads."""
    if loss is None or any(g.deferred for g, _ in pairs):
        return loss
    if loss.deferred:  # the gradients, of known shapes, read none of the shape-less placeholders (probe32 P32-3)
        return None if any(_shapeless_placeholder(node) for node in reachable([loss], _always).values()) else loss
    graph = get_default_graph()
    needed = set(free_inputs([g.expr for g, _ in pairs]))
    fed = [s for s in free_inputs([loss.expr]) if s in graph.placeholders and s not in needed]
    return None if fed else loss


def _shapeless_placeholder(node) -> bool:
    return getattr(node, "is_placeholder", False) and getattr(node, "deferred", False)


def _always(node) -> bool:
    return True


def check_slots_initialized(session, key: SlotKey) -> None:
    """TF1's ``FailedPreconditionError`` for the first step of a training operation ``key`` whose slot variables
    were made after the initializer ran and are not all initialized since (``tf.variables_initializer`` of some of
    them: TF1 names the first one left out).  A slot is initialized when its own initializer ran or one that set a
    training operation holding it, or a ``Saver.restore`` set such an operation's slots (final46a2 46a2-6): the
    beta powers of an earlier ``minimize`` of the same optimizer object, a variable's slots reused by a second
    ``minimize`` of it (final46a 46a-1, 46a-2)."""
    names = [*getattr(key, "tf1_shared", ()), *getattr(key, "tf1_slots", ())] or ["a slot"]
    initialized = session.initialized_slots.union(*(
        [*getattr(step, "tf1_shared", ()), *getattr(step, "tf1_slots", ())] for step in session.initialized_steps))
    missing = [name for name in names if name not in initialized]
    if missing:
        raise FailedPreconditionError(
            f"Attempting to use uninitialized value {missing[0]}: the optimizer's slots are made by minimize / "
            "apply_gradients; run tf.global_variables_initializer() after making the training operation (or "
            f"initialize every one of its slots: tf.variables_initializer(opt.variables()))")


def adopted(started, fresh: tuple) -> tuple:
    """The state a first step starts from: ``fresh`` (its own layouts and scalar types), holding the values of a
    state ``started`` before it (a fed slot initializer; of a step of fed shapes, in C order: final46a2 46a2-9)."""
    if started is None:
        return fresh
    slots = [_filled(new, old) for new, old in zip(fresh[0], started[0])]
    return slots, list(started[1])


def _filled(fresh, value):
    if isinstance(fresh, np.ndarray) and fresh.ndim:
        fresh[...] = on_host(value)
        return fresh
    return type(fresh)(on_host(value))


class TrainOperation(Operation):
    """Running it runs the fused step (cost, gradients, update) with the session's values and returns the cost
    before the update; the state changes only after the step succeeds.

    With a deferred loss (a shape-less placeholder upstream) the step is compiled when a session specialises
    the operation to the fed shapes; all specialisations share one optimizer state (``key``).
    """

    label_checks = None  # sparse cross-entropy labels to check before a step (label_checks.py), set by _compile
    distinct_checks = None  # per clipped gradient of a gathered variable: its ids must not repeat (repeat_checks)
    label_positions = None

    def __init__(self, optimizer: Optimizer, loss, pairs: list, global_step, key: SlotKey, name: str,
                 learning_rate=None, projections: tuple = ()):
        super().__init__(name, self._step, type="NoOp")
        self.optimizer, self.loss, self.pairs, self.global_step, self.key = optimizer, loss, pairs, global_step, key
        self.projections = projections  # (variable, its constraint's tensor) projected after each step (constraints.py)
        self.learning_rate = learning_rate if learning_rate is not None else optimizer.learning_rate_tensor
        gradients = [g for g, _ in pairs]
        self.recipe = (self._specialized, (loss, gradients, self.learning_rate), {})
        self.deferred = any(t is not None and t.deferred for t in (loss, self.learning_rate, *gradients))
        self.compiled = None if self.deferred else self._compile()

    def _check_data(self, session, data: list) -> None:
        """Before any update: TF1's InvalidArgumentError for a label out of range, and for a clipped gradient of a
        gathered variable, ids that repeat."""
        by_symbol = dict(zip(self.data, data))

        def value_of(symbol):
            return by_symbol[symbol] if symbol in by_symbol else session._value_of(symbol, {})
        if self.label_checks is not None:
            if self.label_positions is not None:
                self.label_checks.check_data(self.label_positions, data)
            else:
                self.label_checks.check(value_of)
        for checks in self.distinct_checks or ():
            checks.check_distinct(value_of, CLIPPED_REPEATS)

    def _specialized(self, loss, gradients, learning_rate) -> "TrainOperation":
        """This step rebuilt for a run's feeds; fed gradients (averaged in NumPy) need no feed of the loss's
        placeholders, as in TF1, whose update does not compute the loss (probe15 Y8)."""
        pairs = [(g, v) for g, (_, v) in zip(gradients, self.pairs)]
        return TrainOperation(self.optimizer, step_loss(loss, pairs), pairs, self.global_step, self.key, self.name,
                              learning_rate, self.projections)

    def _compile(self):
        cost = loss_sum(self.loss) if self.loss is not None else 0
        gradients = [g.expr for g, _ in self.pairs]
        self.parameters = [v.expr for _, v in self.pairs]
        self.data = [s for s in free_inputs(gradients + [cost]) if s not in self.parameters]
        carrier = batch_carrier([cost, *gradients], self.data, get_default_graph().batch_sources)
        self.data += [] if carrier is None else [carrier]  # tf.shape(X)[0] alone: the step takes X for its size
        compiled = compile_step(cost, self.parameters, self.optimizer.rule, self.data, dtype=self.key.dtype,
                                gradients=gradients)
        self.on_jax = (cost, self.parameters, self.optimizer.rule, self.data, gradients)  # tf.ConfigProto(backend="jax")
        self.hyper = compiled.hyper_arguments()
        # advance: may update its arguments in place; a constrained step computes new arrays, so that an interrupt
        # in its projection leaves the session's values and slots as they were (final46a 46a-7)
        self.numpy_step = compiled.step if self.projections else compiled.advance or compiled.step
        rule = self.optimizer.rule
        self.stateless = not (rule.parameter_slots() or rule.shared_slots())  # store: gradient descent's one store
        self.single = len(self.parameters) == 1 and self.global_step is None
        self.learning_rate_index = list(compiled.hyper).index("lr")
        self.label_checks = LabelChecks.of(get_default_graph(), [cost, *gradients])  # sparse xent: labels in range
        self.label_positions = self.label_checks.positions(self.data) if self.label_checks is not None else None
        self.distinct_checks = repeat_checks(get_default_graph(), [g for g, _ in self.pairs])
        return compiled

    def _hyper_now(self, session, feed) -> list:
        """The hyperparameters of this step: a learning rate that is a tensor (a schedule) is evaluated with the
        session's values before the update, in its own dtype, then cast to the variables' dtype (TF1: a float64
        rate trains a float64 variable with all its digits)."""
        tensor = self.learning_rate
        if tensor is None:
            return self.hyper
        value = session.rates_before.get(id(tensor))  # computed before the run's control inputs
        if value is None:
            (value,) = session.evaluate([tensor], feed)
        hyper = list(self.hyper)
        rate = np.dtype(tensor.dtype.name).type(value)
        hyper[self.learning_rate_index] = scalar_type(self.compiled.module, self.key.dtype)(rate)
        return hyper

    def _step(self, session, feed):
        value_of = session._value_of
        self.check_initialized(session)
        return self.apply(session, [value_of(s, feed) for s in self.data], feed)

    def check_initialized(self, session) -> None:
        """TF1's ``FailedPreconditionError`` when a trained variable has no value yet (before any feed is read)."""
        values = session.values
        for p in self.parameters:
            if p not in values:
                raise uninitialized(p, session)

    def uninitialized_step(self, session):
        """TF1's error for a global step with no value, with the local-variable advice where it is one (final46a3
        46a3-1: ``collections=[tf.GraphKeys.LOCAL_VARIABLES]``)."""
        step = self.global_step.expr
        local = any(variable.expr == step for variable in session.graph.get_collection("local_variables"))
        return uninitialized(step, session, "local" if local else "global")

    def apply(self, session, data: list, feed=None):
        """One fused step on the session's state with ``data`` (the values of ``self.data``, in order); returns the
        cost before the update.  ``feed`` (by symbol) is read only by a learning rate that is a tensor.

        On ``ConfigProto(backend="jax")`` the variables and slots stay JAX device arrays between runs (the jitted
        step's outputs are stored as they are); they become NumPy only when fetched."""
        values = session.values
        parameters = self.parameters
        try:
            params = [values[p] for p in parameters]
        except KeyError:
            self.check_initialized(session)
            raise
        key = self.key
        states = session.optimizer_state
        state = states.get(key)
        if state is None and key not in session.initialized_steps and any(self.compiled.initial_slots(params)):
            check_slots_initialized(session, key)
        slots, shared = state or adopted(session.started_states.get(key), self.compiled.initial_slots(params))
        grouped = len(key.group) > 1  # one optimizer object, several minimize ops: its slots and beta powers (TF1)
        if grouped:
            slots, shared = key.group_state(states, slots, shared)
        if self.label_checks is not None or self.distinct_checks is not None:
            self._check_data(session, data)
        if session.backend != "numpy":
            self.check_float_step(session, data, key.dtype)
        hyper = self.hyper if self.learning_rate is None else self._hyper_now(session, feed)
        # the NumPy session owns its arrays (assign copies): its step may update them in place
        step = self.numpy_step if session.backend == "numpy" else self.on_device(key.dtype)
        try:
            cost, new_params, new_slots, new_shared, done = step(*params, *slots, *shared, *hyper, *data)
            if done is None and self.compiled.module == "math":  # Python's math raised (log(-1.0), exp(800.0)) and
                # the step kept the values: TF1 computes IEEE nan / inf and updates, as the NumPy version does
                cost, new_params, new_slots, new_shared, _ = self.ieee_step()(*params, *slots, *shared, *hyper, *data)
        except (ZeroDivisionError, ValueError):  # 1/m of a mean over the batch, or NumPy's maximum of no rows (no
            # identity), raised before any update statement (the JAX step's while it is traced)
            if session._batch_size != 0:
                raise
            if session.backend != "numpy":  # the empty batch's step is NumPy's, on the host's values
                params, slots, shared = ([on_host(v) for v in part] for part in (params, slots, shared))
            empty = self.empty_batch_step()
            if empty is None:
                raise InvalidArgumentError(
                    f"{self.name}: an empty mini-batch was fed (0 examples), and this step's gradients read the "
                    "batch in a way symopt cannot reduce to TF1's sums over no examples; it changes nothing. Skip "
                    "empty batches, e.g. loop over range(0, n, batch_size)") from None
            feed = dict(zip(self.data, data))
            with np.errstate(invalid="ignore", divide="ignore"):  # the mean of no examples: nan, silently (TF1)
                (cost,) = session.evaluate([self.loss], feed) if self.loss is not None else (np.nan,)
            _, new_params, new_slots, new_shared, _ = empty.step(
                *params, *slots, *shared, *hyper, *(session._value_of(s, feed) for s in empty.data))
        if self.projections:  # TF1: v.assign(v.constraint(v)) after the update, stored with the step's results
            new_params = projected(session, self.projections, self.parameters, new_params)
        if state is None:  # a state started before the first step (a fed slot) is dropped once the step succeeded
            session.started_states.pop(key, None)  # (final46a2 46a2-9: popped before, a failed step lost it)
        self.store(session, new_params, new_slots, new_shared)
        return cost

    def store(self, session, new_params, new_slots, new_shared) -> None:
        """A finished step's results into the session (P83-7): the parameters' new values and the global step's
        increment are gathered first, then stored together with the optimizer's new state (shared with the other
        training operations of its optimizer object) by ``dict.update`` of ``session.values`` and
        ``session.optimizer_state`` inside one C call (``any(map(...))``: no Python bytecode between or inside them,
        the keys' hashes being those the new dicts hold).  This store is atomic; the step before it is not: the
        generated NumPy step updates matrix parameters and their slots in place (scalars and a constrained step's
        values are new objects), so an interrupt inside it can leave some matrices and slots stepped and the beta
        powers and global step not, where TF1's step runs whole in one C++ ``Session.run`` (final46a2 46a2-3).  A
        rule without slots (gradient descent) stores as before P83-7, one value at a time (the lecture's hot path;
        final46a 46a-3: building the dicts cost its w, b step 0.18 µs).

        A global step with no value is TF1's error *after* the store (final46a3 46a3-2): TF1's increment runs after
        the update (its control dependency), so the variables, slots and beta powers are stepped and the step is not
        counted.  (A learning rate that reads the global step fails before the update, when it is evaluated.)"""
        key = self.key
        counted = self.global_step is not None and self.global_step.expr in session.values
        if self.stateless:
            values = session.values
            if len(new_params) == 1:  # RunPlan.lean_run's hot path: one store, no loop
                values[self.parameters[0]] = new_params[0]
            else:
                for parameter, value in zip(self.parameters, new_params):
                    values[parameter] = value
            session.optimizer_state[key] = (new_slots, new_shared)  # empty: the state lean_run looks for
            if counted:
                symbol = self.global_step.expr
                values[symbol] = values[symbol] + 1
        else:
            self.store_together(session, new_params, new_slots, new_shared, counted)
        if self.global_step is not None and not counted:
            error = self.uninitialized_step(session)
            error.after_update = True  # the run's other updates still run (run_together: final47a 47a-2)
            raise error

    def store_together(self, session, new_params, new_slots, new_shared, counted: bool) -> None:
        """:meth:`store` of a rule with slots: the parameters' new values (and the global step's increment where
        ``counted``) and the optimizer's new state, by one C call."""
        key = self.key
        if len(key.group) > 1:
            states = self.group_states(session, new_slots, new_shared)
            states[key] = (new_slots, new_shared)
        else:
            states = {key: (new_slots, new_shared)}
        values = {self.parameters[0]: new_params[0]} if self.single else self.new_values(session, new_params, counted)
        any(map(dict.update, session.state_stores, (values, states)))  # one C call

    def new_values(self, session, new_params, counted: bool) -> dict:
        """The parameters' new values, and where ``counted`` ``minimize(..., global_step=step)``'s ``step`` plus one
        (a learning rate that is a tensor of the step was evaluated before the update, :meth:`_hyper_now`, as
        TF1's)."""
        values = dict(zip(self.parameters, new_params))
        if counted:
            symbol = self.global_step.expr
            values[symbol] = session.values[symbol] + 1
        return values

    def group_states(self, session, new_slots, new_shared) -> dict:
        """The new states of the other started training operations of this one's optimizer object: its new shared
        values, and its new slots of the parameters they also train."""
        states = session.optimizer_state
        group = {key: states[key] for key in self.key.group if key in states}
        self.key.share(group, new_slots, new_shared)
        return group

    def empty_batch_step(self):
        r"""The step TF1 takes on an empty mini-batch: every term of a gradient that reads the batch sums over no
        examples and is 0 (TF1 never multiplies the mean's :math:`1/m` into an empty sum), the other terms (a
        regularizer's) stay; the optimizer then updates as usual (Adam still moves by its momentum)."""
        if "empty" not in self.__dict__:
            gradients = [without_batch_sums(g.expr) for g, _ in self.pairs]
            data = [s for s in free_inputs([g for g in gradients if g is not None]) if s not in self.parameters]
            self.empty = None if None in gradients else compile_step(
                0, self.parameters, self.optimizer.rule, data, dtype=self.key.dtype, gradients=gradients)
        return self.empty

    def ieee_step(self):
        """The NumPy version of a scalar step compiled for Python's ``math`` (float64 scalars), built when a step
        first meets a value ``math`` refuses: its results are IEEE's, as TF1's kernels."""
        if "ieee" not in self.__dict__:
            cost, parameters, rule, data, gradients = self.on_jax
            self.ieee = compile_step(cost, parameters, rule, data, dtype=self.key.dtype, gradients=gradients,
                                     module="numpy").step
        return self.ieee

    def check_float_step(self, session, data: list, dtype: str) -> None:
        """Before a JAX step: a typed refusal where it would round an integer value past its float ``dtype``'s
        exact integers (``ids % n`` of ids past 2**24 in float32: :mod:`.float_step_checks`), never another row
        picked silently."""
        checks = self.__dict__.get("float_step_checks")
        if checks is None:
            cost, _, _, _, gradients = self.on_jax
            checks = self.float_step_checks = FloatStepChecks(self.graph, [cost, *gradients], dtype)
        if checks.function is not None:
            by_symbol = dict(zip(self.data, data))
            checks.check(lambda symbol: by_symbol[symbol] if symbol in by_symbol else session._value_of(symbol, {}))

    def on_device(self, dtype: str):
        """The jitted JAX step (device arrays in, device arrays out), built once per operation."""
        jitted = self.__dict__.get("jitted")
        if jitted is None:
            jitted = self.jitted = jit(jax_step_for(self.on_jax, dtype).step)
        return jitted

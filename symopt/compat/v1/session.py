"""``tf.Session``: runs fetches with a ``feed_dict``; holds the only mutable state (variable values).

Fetching tensors compiles them once (cached per fetch list and fed placeholders)
into one generated function; running a training operation calls its fused step.
A run's parts live beside it: its feed (feeding.py), its fetches' structure (fetch_structure.py), the programs
that compute fetched tensors (fetch_programs.py),
its random values (run_draws.py), a training loop's fast path (run_plan.py) and the default
session (default_session.py).
"""

from __future__ import annotations

import threading
from functools import partial

import numpy as np

from ...child_locks import lock_renewed_in_children
from ...float_errors import ignore_float_errors, restore_float_errors
from ...errors import UnsupportedOperationError
from ...jax_printer import check_backend, require_jax
from .uncopyable import NotCopied
from .batch_index import row_numbers_value
from .default_session import (DefaultContext, clear_default_sessions, default_sessions, get_default_session,
                              session_for)
from .errors import InvalidArgumentError, uninitialized
from .feeding import check_fed_updates, convert_feed, specialize
from .feeds import fed_value, internal, to_tf
from .fetch_programs import ProgramEvaluation
from .fetch_structure import check_graph, flatten_fetches, has_names, rebuild_fetches, resolve_names
from .graph import OpHandle, Operation, Tensor, get_default_graph, run_target
from .grouped_values import with_group_members
from .initial_values import constant_value
from .masks import row_selections
from .run_draws import RunDraws
from .run_plan import MISS, RunPlan
from .control_dependencies import (RunEffects, as_fed, execute_steps, grouped_assignments, hosts_before,
                                  rates_before, reading_before, still_to_run, variables_read_before, with_tensors)
from .run_together import run_operations
from .session_config import ConfigProto, DeviceAttributes, GPUOptions
from .sparse_updates import check_clipped_repeats, check_sparse_updates
from .tensor_shape import shape_text
from .unknown_lengths import resized_value, source_value
from .variable_collections import all_variables, global_variables, local_variables, trainable_variables
from .variable_initializers import (global_variables_initializer, initialize_all_variables, local_variables_initializer,
                                    variables_initializer)
from .fetched_refs import fetched_refs, read_refs
from .variable_views import reads_after_run
from .variables import Variable

# The names of default_session, initial_values (constant_value), session_config, variable_collections and
# variable_initializers are re-exported: programs and symopt.compat.v1's table of names import them from this module.
__all__ = ["Session", "InteractiveSession", "get_default_session", "session_for", "global_variables_initializer",
           "variables_initializer", "initialize_all_variables", "local_variables_initializer", "global_variables",
           "all_variables",
           "trainable_variables", "local_variables", "ConfigProto", "GPUOptions",
           "constant_value", "clear_default_sessions"]


class Session(NotCopied, ProgramEvaluation):
    """``tf.Session()``: ``run(fetches, feed_dict)``, a context manager, ``close()``."""

    def __init__(self, target: str = "", graph=None, config=None):
        self.graph = graph or get_default_graph()
        self.backend = check_backend(getattr(config, "backend", "numpy"))  # ConfigProto(backend="jax"): docs/scale.md
        if self.backend == "jax":
            require_jax()  # not installed: say so now, never run on NumPy instead (keeps NumPy's random state)
        self.values: dict = {}
        self.optimizer_state: dict = {}
        self.state_stores = (self.values, self.optimizer_state)  # a step's results go in both at once (TrainOperation.store)
        self.initialized_steps: set = set()  # training operations whose slots an initializer set (P83-1:
        self.initialized_slots: set = set()  # train_operation.check_slots_initialized), TF1 names of slots set alone
        self.started_states: dict = {}  # states a fed slot initializer started before their first step (46a-11)
        self._evaluators: dict = {}
        self._draws = RunDraws(self.graph)  # the random values, drawn once per run (run_draws.py)
        self._runs = 0  # counts run() calls: a random tensor is drawn once per run, however often the run reads it
        #: one run at a time: a run keeps its number, batch size and feed here (P58-4: threads sharing a session)
        self._run_lock = lock_renewed_in_children(self, "_run_lock", threading.RLock)
        self._batch_size = None
        self._closed = False
        self._plans: dict = {}  # fetch signature -> RunPlan (run_plan.py)
        self.effects = RunEffects(self.graph)  # control inputs and prints per fetch list, print counts
        self.checked_updates: set = set()  # ids of training operations checked for TF1's sparse updates
        self._repeat_checks: dict = {}  # fetch list -> checks of its clipped embedding gradients' ids (Y16)
        self.run_items: list = []  # the feed items of the run under way (a fetched slot: is it fed itself?)
        self._pruning: tuple = ()  # the fed tensors whose inputs the run under way does not run (TF1 prunes them)
        #: id(assignment) -> the value it stores, computed before the run's control inputs (grouped_assignments)
        self.stored_before: dict = {}
        #: id(learning-rate tensor) -> its value before the run's control inputs (rates_before)
        self.rates_before: dict = {}

    #: TF1's ``sess.sess_str``: the target, empty for an in-process session.
    sess_str = b""

    @property
    def graph_def(self):
        """TF1's ``sess.graph_def``: the session's graph as ``Graph.as_graph_def()``."""
        return self.graph.as_graph_def()

    def make_callable(self, fetches, feed_list=None, accept_options=False):
        """TF1's ``sess.make_callable(fetches, feed_list)``: a function whose positional arguments are the values of
        the tensors of ``feed_list``, in order, that runs ``fetches`` with them (``run``'s result)."""
        feeds = list(feed_list or [])

        def call(*values, **tracing):  # options= and run_metadata= go to run, as TF1's
            if len(values) > len(feeds):
                raise TypeError(f"this callable of {self!r} takes {len(feeds)} feed values (feed_list); given "
                                f"{len(values)}")
            return self.run(fetches, feed_dict=dict(zip(feeds, values)) or None, **tracing)
        return call

    def list_devices(self) -> list:
        """TF1's ``sess.list_devices()``: the one device symopt computes on (the CPU; a JAX session's arrays may live
        on JAX's default device)."""
        return [DeviceAttributes("/job:localhost/replica:0/task:0/device:CPU:0", "CPU")]

    def partial_run_setup(self, *arguments, **options):
        """TF1's partial runs (feeding part of a run's inputs, then the rest) are not supported: a typed error."""
        raise UnsupportedOperationError("Session.partial_run_setup / partial_run are not supported by "
                                        "symopt.compat.v1; run the fetches you need in one sess.run with every feed "
                                        "(or several runs, feeding the earlier results)")

    partial_run = partial_run_setup

    # -- context management
    def __enter__(self):
        default_sessions().append(self)
        self._enter_graph(always=True)
        return self

    def __exit__(self, *exc):
        stack = default_sessions()
        if stack and stack[-1] is self:
            stack.pop()
        self.close()

    def _enter_graph(self, always: bool = False) -> None:
        """Make the session's graph the default one (TF1's ``with tf.Session(graph=g):`` and
        ``InteractiveSession(graph=g)``: ops made inside, ``tf.global_variables_initializer()`` and ``Saver()``
        included, belong to ``g``) until :meth:`close`; nothing when it is the default already, unless ``always``
        (a ``with tf.Session()`` block holds its graph as the default, as TF1's does, so
        ``tf.reset_default_graph()`` inside it is TF1's AssertionError)."""
        if (always or self.graph is not get_default_graph()) and self.__dict__.get("_graph_scope") is None:
            self._graph_scope = self.graph.as_default()
            self._graph_scope.__enter__()

    def _leave_graph(self) -> None:
        scope = self.__dict__.pop("_graph_scope", None)
        if scope is not None:
            scope.__exit__(None, None, None)

    def as_default(self):
        return DefaultContext(self)

    def close(self) -> None:
        self._closed = True
        self._leave_graph()

    # -- feeding
    def _value_of(self, symbol, feed: dict):
        value = feed.get(symbol)
        if value is not None:  # fed values are arrays (never None)
            ndim = value.ndim
            return value if ndim == 2 else (value.reshape(-1, 1) if ndim == 1 else value[()])
        if symbol in self.values:
            return self.values[symbol]
        if symbol in self.graph.constants:
            return self.graph.constants[symbol]
        if symbol in self.graph.random_draws or symbol in self.graph.random_inputs:
            return self._draws.value(symbol, self._runs, self._batch_size)
        if symbol in self.graph.__dict__.get("row_numbers", ()):  # tf.range(tf.shape(x)[0]): 0 .. m-1
            return row_numbers_value(symbol, self._batch_size)
        slot = self.graph.__dict__.get("slot_reads", {}).get(symbol)
        if slot is not None:  # an optimizer slot read as a tensor (m * 2): its value now (optimizer_slots.py)
            return slot.value_in(self, feed)
        tensor = self.graph.placeholders.get(symbol)
        fed = source_value(tensor, feed) if getattr(tensor, "resizes", None) is not None else None
        if fed is not None:  # [None] meeting a known length, or the reverse (unknown_lengths.py)
            value = resized_value(tensor, fed, self._batch_size)
            return value.reshape(-1, 1) if value.ndim == 1 else value
        if tensor is not None:
            raise InvalidArgumentError(
                f"You must feed a value for placeholder tensor '{tensor.op_name}' with dtype "
                f"{tensor.dtype.tf_name} and shape {shape_text(tensor.shape)}")
        if symbol not in self.graph.variable_symbols:  # probe24 P24-12 (2)
            raise ValueError(f"{symbol} is not an element of this graph: a variable of another graph (one that "
                             "tf.reset_default_graph() discarded, a notebook cell run again, or another tf.Graph) is "
                             "read by what this run computes; build the model again after the reset, or make the "
                             "session in the graph that holds it")
        local = any(variable.expr == symbol for variable in self.graph.get_collection("local_variables"))
        raise uninitialized(symbol, self, "local" if local else "global")

    def random_value(self, symbol) -> np.ndarray:
        """This run's value of a random tensor of a fixed shape (``tf.random_normal([2])``): drawn at its first
        read in a run (:func:`~symopt.compat.v1.init_ops.random_draw`), the same for every later read in it."""
        return self._draws.value(symbol, self._runs, self._batch_size)

    # -- running
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Evaluate ``fetches`` (nested lists, tuples, dicts, namedtuples); operations give ``None``.

        Any tensor may be fed (its value replaces what the graph computes); a placeholder without a shape
        takes the fed shape.  The fetched tensors are computed by one generated function, and a training
        operation fetched with its own loss returns the loss its fused step computed (before the update).
        IEEE results (``log(0) = -inf``, ``0/0 = nan``) come silently, as in TF1: NumPy's floating-point
        warnings are off during the run, whatever ``np.seterr`` or ``-W error`` say.
        Threads sharing the session run one at a time, each with its own feed.
        """
        with self._run_lock:  # threads sharing the session (TF1's serving pattern) run one at a time
            quiet = ignore_float_errors()  # np.errstate(all="ignore") at a quarter of its cost (the lecture's hot path)
            self._runs += 1
            try:
                if self._closed:
                    raise RuntimeError("Attempted to use a closed Session.")
                if fetches is None:
                    raise TypeError("Fetch argument None has invalid type <class 'NoneType'>")
                kind = type(fetches)  # the plan's key: ids only (the training loop's hot path)
                signature = tuple(map(id, fetches)) if kind is list or kind is tuple else id(fetches)
                plan = self._plans.get(signature)
                if plan is None:
                    check_graph(self.graph, fetches)
                    plan = RunPlan.for_fetches(self, fetches)
                    if plan is not None:
                        self._plans[signature] = plan
                if plan is not None:
                    outcome = plan.run(self, fetches, feed_dict)
                    if outcome is not MISS:
                        return outcome
                return self._run(fetches, feed_dict)
            except np.linalg.LinAlgError:  # tf.matrix_inverse of a singular matrix (inverses.KernelInverse)
                raise InvalidArgumentError("Input is not invertible. (tf.matrix_inverse / tf.linalg.inv of a "
                                           "singular matrix, or its gradient)") from None
            finally:
                restore_float_errors(quiet)

    def _run(self, fetches, feed_dict):
        """The general path of :meth:`run` (no plan for these fetches, or the plan does not cover this feed)."""
        items = []
        if feed_dict:
            items, self._batch_size = convert_feed(self.graph, feed_dict)
        if has_names(fetches):
            fetches = resolve_names(fetches, self.graph)
        leaves = flatten_fetches(fetches)
        handles = [isinstance(leaf, OpHandle) for leaf in leaves]  # tensor.op: run for its effects, fetched as None
        leaves = [run_target(leaf) if handle else leaf for leaf, handle in zip(leaves, handles)]
        if self.graph.__dict__.get("mask_selections"):  # tf.boolean_mask of a fed or computed mask (masks.py)
            items = items + row_selections(self.graph, leaves, items,
                                           lambda mask: self.compute(*self._specialize([mask], items))[0])
        self.run_items = items  # what a tf.cond branch's operation reads its predicate from (truth)
        for leaf in leaves:
            if leaf is None:  # TF1 refuses it (a gradient tf.gradients gave as None: the variable is not connected)
                raise TypeError("Fetch argument None has invalid type <class 'NoneType'> (a None among the fetches: "
                                "tf.gradients gives None for a variable the loss does not read; leave it out, or "
                                "pass unconnected_gradients='zero' to tf.gradients)")
            if not isinstance(leaf, (Tensor, Operation)):
                raise TypeError(f"Fetch argument {leaf!r} has invalid type {type(leaf).__name__}, "
                                "must be a string or Tensor or Operation")
            check_graph(self.graph, leaf)
        # a fed tensor cuts what only it reads (TF1 prunes it), unless its op is fetched (t.op): that op runs
        ran = {id(leaf) for leaf, handle in zip(leaves, handles) if handle}
        self._pruning = fed_keys = tuple(key for key, _ in items if id(key) not in ran)
        steps, boundary = self.effects.of(leaves, fed_keys)  # control inputs and prints first (control_dependencies)
        refs = self._fetched_refs(leaves, steps)  # before anything runs: a refused fetch changes nothing
        executed = leaves + [node for _, node in steps]  # what the run executes, its control inputs too
        if any(isinstance(key, Variable) or getattr(key, "reads_slot", None) for key, _ in items):
            check_fed_updates(executed, items)
        before = [] if not boundary else as_fed(boundary, self.compute(*self._specialize(boundary, items)))
        runnable, feed = self._specialize(executed, items)
        check_clipped_repeats(self.graph, executed, self._repeat_checks,
                              lambda symbol: self._value_of(symbol, feed))  # a fetched clip of an embedding gradient
        read_before, hosts = {}, []
        # also a run of several training operations: one rate each, computed first (a walk only where the graph
        # has two or more)
        rates = rates_before(leaves, steps) if steps or len(self.graph.train_steps) > 1 else []
        if steps or rates:  # what TF1 computes before the control inputs' updates
            grouped, hosts = (grouped_assignments(leaves, steps), hosts_before(leaves)) if steps else ([], [])
            values = self.compute(*self._specialize([op.early[0] for op in grouped] + rates + hosts, items))
            self.stored_before = dict(zip(map(id, grouped), values))
            self.rates_before = dict(zip(map(id, rates), values[len(grouped):]))
            hosts = dict(zip(map(id, hosts), values[len(grouped) + len(rates):]))
        if steps:
            read_before = {v.expr: np.array(self.values[v.expr]) for v in variables_read_before(leaves, steps)
                           if v.expr in self.values and v.expr not in feed}
        fed = {id(key): (key, array) for key, array in items}
        fetched_fed = [i for i, leaf in enumerate(leaves) if id(leaf) in fed] if fed else ()
        if fetched_fed:  # TF1 returns the fed value itself (probe15 Y14): nothing to compute (a copy: the
            runnable = [None if i in fetched_fed else node for i, node in enumerate(runnable)]  # graph caches it)
        try:
            store_late = partial(self._store_after_steps, leaves, items + before) if before else None
            done = execute_steps(self, steps, runnable[len(leaves):], feed, store_late) if steps else {}
            values = self._run_fetches(leaves, runnable, {**feed, **read_before}, done, items, steps, before)
        finally:
            self.stored_before, self.rates_before = {}, {}
        if refs:  # fetched assignments beside a later update of their variable: TF1 reads them at the end
            values = read_refs(self, refs, values)
        for i in fetched_fed:
            values[i] = fed_value(*fed[id(leaves[i])])
        if hosts:  # summaries computed before the control inputs
            values = [hosts.get(id(leaf), value) for leaf, value in zip(leaves, values)]
        values = [None if handle else value for value, handle in zip(values, handles)]
        return rebuild_fetches(fetches, iter(values))

    def _fetched_refs(self, leaves: list, steps: list) -> list:
        """:func:`~symopt.compat.v1.fetched_refs.fetched_refs` of a fetch list, found once per list."""
        key = tuple(map(id, leaves))
        entry = self.effects.refs.get(key)
        if entry is None:
            entry = self.effects.refs[key] = (leaves, fetched_refs(leaves, steps))  # keeps the ids the fetches'
        return entry[1]

    def _run_fetches(self, leaves: list, runnable: list, feed: dict, done: dict, items: list, steps: list,
                     before: list) -> list:
        """The values of the fetched ``leaves`` (specialised: ``runnable``) after the run's control inputs ran."""
        if before:  # the fetched tensors and assignments take those values (the other operations run as above)
            chosen = reading_before(leaves, steps)
            tensors, computed = self._specialize(chosen, items + before)
            runnable = with_tensors(leaves, runnable, tensors, chosen)
            feed = {**feed, **computed}  # the operations read the stand-ins they were specialised with
            self._store_after_steps(leaves, items + before, leaves, feed)  # the fetched groups' assignments
        return self._execute(runnable[:len(leaves)], feed, done)

    def _store_after_steps(self, leaves: list, items: list, operations: list, feed: dict) -> None:
        """Store (in ``stored_before``) the values of the assignments among ``operations`` (groups opened) that a
        run of ``leaves`` computes after some of its steps, from ``feed`` (the variables now) and ``items`` (the
        tensors computed before the steps among them: :meth:`~.control_dependencies.RunEffects.after_steps`)."""
        members = {id(op) for op in with_group_members(operations)}
        late = [op for op in self.effects.after_steps(leaves, self._pruning)
                if id(op) in members and id(op) not in self.stored_before]
        if late:
            tensors, computed = self._specialize([op.early[0] for op in late], items)
            self.stored_before.update(zip(map(id, late), self.compute(tensors, {**feed, **computed})))

    def _specialize(self, leaves: list, items: list) -> tuple[list, dict]:
        """:func:`~symopt.compat.v1.feeding.specialize` in this session's graph, with the run's batch size."""
        return specialize(self.graph, leaves, items, self._batch_size)

    def _execute(self, leaves: list, feed: dict, done: dict) -> list:
        """Values of the (specialised) fetches: tensors before any operation runs, then operations in order;
        a train operation's own loss comes from its fused step.  A fetched variable (or a view of it, such as
        ``tf.identity(w)``) is read after the operations, as TF1 reads its ref variables when the run returns:
        ``sess.run([train, w, global_step])`` gives the updated ``w`` and step; ``w * 1.0`` is computed before.
        ``done``: the outcomes of operations already run as control inputs (not run again)."""
        # each operation runs once per run, however often it is fetched (TF1)
        operations = list({id(leaf): leaf for leaf in leaves if isinstance(leaf, Operation)}.values())
        losses = {id(op.loss): op for op in operations if getattr(op, "loss", None) is not None
                  and op.loss.ndim == 0}
        fused = {id(leaf) for leaf in leaves if id(leaf) in losses}
        tensors = [leaf for leaf in leaves if isinstance(leaf, Tensor) and id(leaf) not in fused]
        stored = {variable.expr for variable in self.graph.variables} if operations and tensors else ()
        late = [tensor for tensor in tensors if stored and reads_after_run(tensor, stored)]  # TF1's ref reads
        early = [tensor for tensor in tensors if not late or tensor not in late]
        results = dict(zip(map(id, early), self.compute(early, feed)))
        check_sparse_updates(self.graph, operations, self.checked_updates)  # before any operation runs
        outcomes = run_operations(self, still_to_run(operations, done), feed)  # several training operations: from
        outcomes.update(done)  # the start values
        for op in operations:
            outcome = outcomes.get(id(op))
            if op.returns_value:
                results[id(op)] = outcome
            elif id(op.loss if hasattr(op, "loss") else None) in fused:
                results[id(op.loss)] = to_tf(op.loss, outcome)
        if late:
            results.update(zip(map(id, late), self.evaluate(late, feed)))
        return [results.get(id(leaf)) if leaf is not None else None for leaf in leaves]

    @property
    def run_number(self) -> int:
        """How many ``run`` calls this session has begun: an operation runs once per run (``Operation.execute``)."""
        return self._runs

    def truth(self, pred: Tensor, feed: dict) -> bool:
        """The value of the boolean scalar ``pred`` (a ``tf.cond`` predicate, as built) in the run under way, whose
        ``feed`` is by symbol (a predicate read from a placeholder without a shape is specialised to the run's feed
        as the fetches were)."""
        runnable, fed = self._specialize([pred], self.run_items)
        (value,) = self.evaluate(runnable, {**feed, **fed})
        return bool(value)

    def assign(self, variable: Variable, value: np.ndarray):
        """Set ``variable`` to ``value`` (in its TF shape); returns the value as TF1's ``assign`` does."""
        self.values[variable.expr] = internal(np.array(value, dtype=variable.dtype.name))  # a copy: steps may update
        # the stored arrays in place, which must never reach the caller's array or the initial value
        return to_tf(variable, value)


class InteractiveSession(Session):
    """A session that installs itself as the default, for ``.eval()`` in notebooks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default_sessions().append(self)
        self._enter_graph()

    def close(self) -> None:
        stack = default_sessions()
        if self in stack:
            stack.remove(self)
        super().close()

"""``tf.Session``: runs fetches with a ``feed_dict``; holds the only mutable state (variable values).

Fetching tensors compiles them once (cached per fetch list and fed placeholders)
into one generated function; running a training operation calls its fused step.
A run's parts live beside it: its feed (feeding.py), its fetches' structure (fetch_structure.py),
its random values (run_draws.py), a training loop's fast path (run_plan.py) and the default
session (default_session.py).
"""

from __future__ import annotations

import numpy as np

from ...float_errors import ignore_float_errors, restore_float_errors
from ...compiler import compile_expressions, free_inputs
from ...errors import UnsupportedOperationError
from ...jax_printer import check_backend, require_jax
from .batch_index import row_numbers_value
from .default_session import (DefaultContext, clear_default_sessions, default_sessions, get_default_session,
                              session_for)
from .errors import InvalidArgumentError, uninitialized
from .feeding import check_fed_updates, convert_feed, specialize
from .feeds import batch_carrier, fed_value, internal, on_host, to_tf
from .fetch_structure import check_graph, flatten_fetches, has_names, rebuild_fetches, resolve_names
from .graph import OpHandle, Operation, Tensor, get_default_graph, run_target
from .initial_values import constant_value
from .label_checks import LabelChecks
from .masks import row_selections
from .run_draws import RunDraws
from .run_plan import MISS, RunPlan
from .control_dependencies import (RunEffects, as_fed, execute_steps, grouped_assignments, hosts_before,
                                  rates_before, reading_before, still_to_run, variables_read_before, with_tensors)
from .run_together import run_operations
from .session_config import ConfigProto, DeviceAttributes, GPUOptions
from .sparse_updates import check_clipped_repeats, check_sparse_updates
from .tensor_shape import shape_text
from .unknown_lengths import resized_value
from .variable_collections import all_variables, global_variables, local_variables, trainable_variables
from .variable_initializers import (global_variables_initializer, initialize_all_variables, local_variables_initializer,
                                    variables_initializer)
from .variable_views import reads_after_run
from .variables import Variable

# The names of default_session, initial_values (constant_value), session_config, variable_collections and
# variable_initializers are re-exported: programs and symopt.compat.v1's table of names import them from this module.
__all__ = ["Session", "InteractiveSession", "get_default_session", "session_for", "global_variables_initializer",
           "variables_initializer", "initialize_all_variables", "local_variables_initializer", "global_variables",
           "all_variables",
           "trainable_variables", "local_variables", "ConfigProto", "GPUOptions",
           "constant_value", "clear_default_sessions"]


class Session:
    """``tf.Session()``: ``run(fetches, feed_dict)``, a context manager, ``close()``."""

    def __init__(self, target: str = "", graph=None, config=None):
        self.graph = graph or get_default_graph()
        self.backend = check_backend(getattr(config, "backend", "numpy"))  # ConfigProto(backend="jax"): docs/scale.md
        if self.backend == "jax":
            require_jax()  # asked for JAX and it is not installed: say so now, never run on NumPy instead
        self.values: dict = {}
        self.optimizer_state: dict = {}
        #: Training operations whose slots an initializer set in this session (a step of another one, made after
        #: the initializer ran, reads uninitialized slots: TF1's FailedPreconditionError).
        self.initialized_steps: set = set()
        self._evaluators: dict = {}
        self._draws = RunDraws(self.graph)  # the random values, drawn once per run (run_draws.py)
        self._runs = 0  # counts run() calls: a random tensor is drawn once per run, however often the run reads it
        self._batch_size = None
        self._closed = False
        self._plans: dict = {}  # fetch signature -> RunPlan (run_plan.py)
        self.effects = RunEffects(self.graph)  # control inputs and prints per fetch list, print counts
        self.checked_updates: set = set()  # ids of training operations checked for TF1's sparse updates
        self._repeat_checks: dict = {}  # fetch list -> checks of its clipped embedding gradients' ids (Y16)
        self._run_items: list = []  # the feed items of the run under way
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
        default_sessions.append(self)
        self._enter_graph()
        return self

    def __exit__(self, *exc):
        if default_sessions and default_sessions[-1] is self:
            default_sessions.pop()
        self.close()

    def _enter_graph(self) -> None:
        """Make the session's graph the default one (TF1's ``with tf.Session(graph=g):`` and
        ``InteractiveSession(graph=g)``: ops made inside, ``tf.global_variables_initializer()`` and ``Saver()``
        included, belong to ``g``) until :meth:`close`; nothing when it is the default already."""
        if self.graph is not get_default_graph() and self.__dict__.get("_graph_scope") is None:
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
        source = getattr(tensor, "resizes", None)  # [None] meeting a known length (unknown_lengths.py)
        if source is not None and feed.get(source.expr) is not None:
            value = resized_value(tensor, feed[source.expr])
            return value.reshape(-1, 1) if value.ndim == 1 else value
        if tensor is not None:
            raise InvalidArgumentError(
                f"You must feed a value for placeholder tensor '{tensor.op_name}' with dtype "
                f"{tensor.dtype.tf_name} and shape {shape_text(tensor.shape)}")
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
        """
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
        self._run_items = items  # what a tf.cond branch's operation reads its predicate from (truth)
        for leaf in leaves:
            if not isinstance(leaf, (Tensor, Operation)) and leaf is not None:
                raise TypeError(f"Fetch argument {leaf!r} has invalid type {type(leaf).__name__}, "
                                "must be a string or Tensor or Operation")
            check_graph(self.graph, leaf)
        steps, boundary = self.effects.of(leaves)  # control inputs and prints first (control_dependencies.py)
        if any(isinstance(key, Variable) for key, _ in items):  # what the run executes, its control inputs too
            check_fed_updates(leaves + [node for _, node in steps], items)
        before = [] if not boundary else as_fed(boundary, self.compute(*self._specialize(boundary, items)))
        runnable, feed = self._specialize(leaves + [node for _, node in steps], items)
        check_clipped_repeats(self.graph, leaves + [node for _, node in steps], self._repeat_checks,
                              lambda symbol: self._value_of(symbol, feed))  # a fetched clip of an embedding gradient
        read_before, hosts = {}, []
        if steps:  # what TF1 computes before the control inputs' updates
            grouped, rates, hosts = grouped_assignments(leaves, steps), rates_before(leaves, steps), hosts_before(leaves)
            values = self.compute(*self._specialize([op.early[0] for op in grouped] + rates + hosts, items))
            self.stored_before = dict(zip(map(id, grouped), values))
            self.rates_before = dict(zip(map(id, rates), values[len(grouped):]))
            hosts = dict(zip(map(id, hosts), values[len(grouped) + len(rates):]))
            read_before = {v.expr: np.array(self.values[v.expr]) for v in variables_read_before(leaves, steps)
                           if v.expr in self.values and v.expr not in feed}
        fed = {id(key): (key, array) for key, array in items}
        fetched_fed = [i for i, leaf in enumerate(leaves) if id(leaf) in fed] if fed else ()
        if fetched_fed:  # TF1 returns the fed value itself (probe15 Y14): nothing to compute (a copy: the
            runnable = [None if i in fetched_fed else node for i, node in enumerate(runnable)]  # graph caches it)
        try:
            done = execute_steps(self, steps, runnable[len(leaves):], feed) if steps else {}
            values = self._run_fetches(leaves, runnable, {**feed, **read_before}, done, items, steps, before)
        finally:
            self.stored_before, self.rates_before = {}, {}
        for i in fetched_fed:
            values[i] = fed_value(*fed[id(leaves[i])])
        if hosts:  # summaries computed before the control inputs
            values = [hosts.get(id(leaf), value) for leaf, value in zip(leaves, values)]
        values = [None if handle else value for value, handle in zip(values, handles)]
        return rebuild_fetches(fetches, iter(values))

    def _run_fetches(self, leaves: list, runnable: list, feed: dict, done: dict, items: list, steps: list,
                     before: list) -> list:
        """The values of the fetched ``leaves`` (specialised: ``runnable``) after the run's control inputs ran."""
        if before:  # the fetched tensors and assignments take those values (the other operations run as above)
            chosen = reading_before(leaves, steps)
            tensors, computed = self._specialize(chosen, items + before)
            runnable = with_tensors(leaves, runnable, tensors, chosen)
            feed = {**feed, **computed}  # the operations read the stand-ins they were specialised with
        return self._execute(runnable[:len(leaves)], feed, done)

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

    def truth(self, pred: Tensor, feed: dict) -> bool:
        """The value of the boolean scalar ``pred`` (a ``tf.cond`` predicate, as built) in the run under way, whose
        ``feed`` is by symbol (a predicate read from a placeholder without a shape is specialised to the run's feed
        as the fetches were)."""
        runnable, fed = self._specialize([pred], self._run_items)
        (value,) = self.evaluate(runnable, {**feed, **fed})
        return bool(value)

    def compute(self, tensors: list, feed: dict) -> list:
        """The values of ``tensors`` (specialised), strings computed in Python included, with ``feed`` by symbol."""
        hosts, computed = _host_order(tensors)
        results = dict(zip(map(id, computed), self.evaluate(computed, feed))) if computed else {}
        for tensor in hosts:
            function, inputs = tensor.host
            results[id(tensor)] = function(*(results[id(i)] for i in inputs))
        return [results[id(tensor)] for tensor in tensors]

    def evaluate(self, tensors: list, feed: dict) -> list:
        """The values of ``tensors`` (already specialised) with ``feed`` by symbol, by one generated function."""
        key = tuple(id(t) for t in tensors)
        entry = self._evaluators.get(key)
        if entry is None and len(tensors) > 1:
            groups = _dtype_groups(tensors)
            entry = self._evaluators[key] = (tensors, groups, None, None, None) if len(groups) > 1 else None
        if entry is not None and entry[2] is None:  # fetches of several dtypes: each group in its own program
            results = {}
            for group in entry[1]:
                results.update(zip(group, self.evaluate([tensors[i] for i in group], feed)))
            return [results[i] for i in range(len(tensors))]
        if entry is None or (entry[3] is not None and entry[3] not in feed):
            symbols = free_inputs([t.expr for t in tensors])
            carrier = batch_carrier([t.expr for t in tensors], symbols,  # a fed placeholder first
                                    [*sorted(feed, key=str), *self.graph.batch_sources])
            symbols = symbols if carrier is None else [*symbols, carrier]
            dtype = _program_dtype(tensors, symbols)
            function, _ = compile_expressions([t.expr for t in tensors], symbols, dtype=dtype,  # TF1's rounding:
                                              values=[not hasattr(t, "gradient_of") for t in tensors])  # backward
            entry = (tensors, symbols, function, carrier, LabelChecks.of(self.graph, [t.expr for t in tensors]))
            self._evaluators[key] = entry
        tensors, symbols, function, _, label_checks = entry
        if label_checks is not None:  # sparse xent labels out of range: TF1's InvalidArgumentError
            label_checks.check(lambda s: self._value_of(s, feed))
        values = [self._value_of(s, feed) for s in symbols]
        if self.backend != "numpy":  # device arrays (variables, slots) are fetched: NumPy code reads host values
            values = [on_host(v) for v in values]
        outputs = function(*values)
        return [to_tf(t, v) for t, v in zip(tensors, outputs)]

    def assign(self, variable: Variable, value: np.ndarray):
        """Set ``variable`` to ``value`` (in its TF shape); returns the value as TF1's ``assign`` does."""
        self.values[variable.expr] = internal(np.array(value, dtype=variable.dtype.name))  # a copy: steps may update
        # the stored arrays in place, which must never reach the caller's array or the initial value
        return to_tf(variable, value)


def _host_order(tensors: list) -> tuple[list, list]:
    """Tensors computed in Python (``host``), inputs first, and the program tensors they and ``tensors`` need."""
    hosts, computed, seen = [], [], set()

    def visit(tensor):
        if id(tensor) in seen:
            return
        seen.add(id(tensor))
        if tensor.host is None:
            computed.append(tensor)
            return
        for item in tensor.host[1]:
            visit(item)
        hosts.append(tensor)
    for tensor in tensors:
        visit(tensor)
    return hosts, computed


class InteractiveSession(Session):
    """A session that installs itself as the default, for ``.eval()`` in notebooks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default_sessions.append(self)
        self._enter_graph()

    def close(self) -> None:
        if self in default_sessions:
            default_sessions.remove(self)
        super().close()


def _dtype_groups(tensors: list) -> list:
    """The positions of ``tensors`` grouped by the float dtype each is computed in alone (:func:`_program_dtype`):
    a run that fetches a float64 tensor beside a float32 one computes each as it would alone, as TF1 does (a
    float64 program's numbers were printed as float32 literals there: ``tf.zeros([2], tf.float64) + 1/3`` gave
    ``0.3333333432674408``, probe13 W19)."""
    groups: dict = {}
    for position, tensor in enumerate(tensors):
        dtype = _program_dtype([tensor], free_inputs([tensor.expr]))
        groups.setdefault(dtype, []).append(position)
    return list(groups.values())


def _program_dtype(tensors: list, symbols: list) -> str:
    """The float dtype fetched tensors are computed in: theirs, else the one their inputs declare."""
    declared = [t.dtype.name for t in tensors if t.dtype.is_floating]
    if not declared:
        declared = [getattr(s, "dtype", "float64") for s in symbols]
    return "float32" if "float32" in declared else "float64"

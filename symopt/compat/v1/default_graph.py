"""The TF1 graph as a container: ``Graph`` (op names, variables, collections, name scopes, the programs a
session specialises), the default graph, ``name_scope`` and ``Graph.as_graph_def()``'s ``GraphDef``."""

from __future__ import annotations

import contextlib
import re
import threading

from ...errors import ConfigurationError, UnsupportedOperationError
from .uncopyable import NotCopied
from .building_state import BuildingState, PerThread
from .errors import missing_attributes
from .graph_defs import GraphDef, NodeDef
from .graph_keys import GraphKeys
from .scope_names import check_scope_name

__all__ = ["Graph", "GraphDef", "NodeDef", "GraphKeys", "get_default_graph", "reset_default_graph", "name_scope",
           "get_collection", "add_to_collection", "unnamed"]


class Graph(NotCopied):
    """Holds what was created since the last ``reset_default_graph``: variables, placeholders,
    constant arrays (bound to their symbols at run time), ``get_variable``'s store and scopes, the random seed,
    the op names taken, and the specialised programs of shape-less placeholders."""

    scopes = PerThread()
    name_scopes = PerThread()
    control_scope = PerThread()
    cond_stack = PerThread()
    rebuilding = PerThread()
    helper_scope = PerThread()

    def __init__(self):
        self.building = BuildingState()  # this thread's scopes: the attributes above read it
        self.variables: list[Variable] = []  # the global variables (tf.global_variables)
        self.variable_symbols: set = set()  # every variable made in this graph, of any collections
        self.placeholders: dict = {}
        self.train_steps: list = []  # optimizer slot keys, in creation order (their slots are saved by Saver)
        self.constants: dict = {}
        self.batch_sources: list = []  # placeholders whose batch size tf.shape read (feeds.batch_carrier)
        self.sparse_labels: dict = {}  # one-hot node of sparse xent labels -> op name (label_checks.py)
        self.random_inputs: dict = {}  # symbol -> seed: uniform noise drawn at every run (dropout)
        self.random_draws: dict = {}  # symbol -> (distribution, shape, dtype): tf.random_normal ... (init_ops)
        self.variable_store: dict = {}
        self.collection_items: dict[str, list] = {}  # name -> items (tf.add_to_collection)
        self.operations: list = []
        self.nodes: list = []  # tensors and operations in creation order (not the session's rebuilt ones)
        self.specialized: dict = {}
        self.seed: int | None = None
        self.random_ops = 0
        self._names: dict[str, int] = {}

    def unique_name(self, base: str, scoped: bool = True, new_op: bool = True) -> str:
        """``base``, ``base_1``, ... in the current name scope (TF1's ``Graph.unique_name``: case-insensitive, names
        taken skipped); while a session rebuilds a graph, from a separate series, so the program's names stay TF1's."""
        if new_op:  # a name scope's name is no op: a finalized graph takes it
            self.check_not_finalized()
        if not self.rebuilding:
            self.check_name(base, scoped)
        if base.endswith("/"):  # TF1: a scope's own name (name=scope, "loss/"), used as is, not made unique
            if not self.rebuilding:
                return base[:-1]
            base, scoped = base[:-1], False
        base = self._scoped(base, scoped)
        key = base.lower()  # TF1 counts names case-insensitively: add, Add_1, add_2
        count = self._names.get(key, 0)
        self._names[key] = count + 1
        if count == 0:
            return base
        composed = f"{key}_{count}"
        while composed in self._names:  # a name the program gave explicitly (add_1) is not reused
            count += 1
            composed = f"{key}_{count}"
        self._names[composed] = 1
        return f"{base}_{count}"

    def check_name(self, name: str, scoped: bool = True) -> None:
        """TF1's ``ValueError`` for a name it refuses for an op or scope made now (``scoped``: in the name scope)."""
        check_scope_name(name, root=not (scoped and self.name_scopes and self.name_scopes[-1]))

    def _scoped(self, base: str, scoped: bool) -> str:
        """``base`` inside the current name scope (where ``scoped``), in the rebuilt series while rebuilding."""
        if scoped and self.name_scopes and self.name_scopes[-1]:  # "" : tf.name_scope(None), the top level
            base = f"{self.name_scopes[-1]}/{base}"
        return f"{base}/rebuilt" if self.rebuilding else base

    @contextlib.contextmanager
    def name_used_on_failure(self, base: str | None, scoped: bool = True):
        """Build an op named ``base`` inside the block; if the build raises without having taken that name, take it
        (TF1 enters an op's name scope before it checks its inputs: after a failed ``tf.matmul(a, b)`` the next
        product is ``MatMul_1``, after a refused ``tf.Variable(..., name="v")`` the next variable ``v_1``).  Nothing
        is taken for a scope's own name (``"loss/"``) or while a session rebuilds the graph."""
        if base is None or base.endswith("/") or self.rebuilding:
            yield
            return
        key = self._scoped(base, scoped).lower()
        before = self._names.get(key)
        try:
            yield
        except Exception:
            if self._names.get(key) == before and not self.rebuilding:
                with contextlib.suppress(ConfigurationError):  # a name TF1 refuses is not taken: the op's own
                    self.unique_name(base, scoped, new_op=False)  # error stands (tf.einsum('...ij,jk->...ik'))
            raise

    @contextlib.contextmanager
    def as_default(self):
        """``with graph.as_default():`` makes this graph the default one inside the block, in this thread (TF1's
        stack of default graphs is one per thread; the graph outside every block is the process's)."""
        stack = _nested()
        stack.append(self)
        try:
            yield self
        finally:  # the entering thread's stack, even when another thread closes it (a session's graph)
            del stack[len(stack) - 1 - stack[::-1].index(self)]

    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        """``with graph.control_dependencies([op, ...]):``: :func:`tf.control_dependencies` in this graph."""
        from .control_dependencies import control_dependencies
        with self.as_default(), control_dependencies(control_inputs):
            yield

    def add_to_collection(self, name: str, value) -> None:
        self.collection_items.setdefault(name, []).append(value)

    def get_collection_ref(self, name: str) -> list:
        """The collection ``name`` itself, which the caller may change (TF1's ``get_collection_ref``); the variable
        collections are computed from the graph's variables, so they are refused here (use ``get_collection``)."""
        if name in ("variables", "global_variables", "trainable_variables"):
            raise UnsupportedOperationError(f"Graph.get_collection_ref({name!r}): symopt.compat.v1 computes the "
                                            "variable collections from the graph's variables; read them with "
                                            "get_collection (a copy) and make variables with tf.Variable")
        return self.collection_items.setdefault(name, [])

    def get_collection(self, name: str, scope=None) -> list:
        """The collection ``name`` (a copy); with ``scope``, only the items whose ``name`` the regular expression
        ``scope`` matches at its start (TF1's ``re.match``: ``"discriminator"`` keeps ``discriminator/d:0``;
        items without a name are left out)."""
        if name == "trainable_variables":
            items = [v for v in self.variables if v.trainable]
        elif name in ("variables", "global_variables"):
            items = self.global_variables()
        else:
            items = list(self.collection_items.get(name, []))
        if scope is None:
            return items
        pattern = re.compile(scope)
        return [item for item in items if isinstance(getattr(item, "name", None), str) and pattern.match(item.name)]

    def global_variables(self) -> list:
        """The variables and the optimizers' slot variables (Adam's ``beta1_power``, ``w/Adam``, ...), in the order
        TF1 makes them: each optimizer's after the variables made before its ``minimize``."""
        slots = self.__dict__.get("slot_variables", [])
        items, at = [], 0
        for index, variable in enumerate(self.variables):
            while at < len(slots) and slots[at][0] <= index:
                items.append(slots[at][1])
                at += 1
            items.append(variable)
        return items + [slot for _, slot in slots[at:]]

    def get_operations(self) -> list:
        """The graph's operations in creation order, TF1's names and types as far as symopt has them: a variable is
        its ``x/initial_value`` (a ``tf.Variable`` of a value), ``x``, ``x/Assign`` and ``x/read``; a tensor is the
        op that computes it (``tensor.op``, with ``outputs`` and ``values()``); an operation is itself."""
        return [op for _, _, _, op in self.op_entries()]

    def op_entries(self) -> list:
        """``(name, type, input names, operation)`` of every op created in the graph, in creation order (the
        session's rebuilt ones left out): :func:`~symopt.compat.v1.op_entries.op_entries`."""
        from .op_entries import op_entries
        return op_entries(self)

    def get_tensor_by_name(self, name: str):
        """The tensor named ``name`` (``"loss:0"``), as TF1's ``Graph.get_tensor_by_name``."""
        for node in self.nodes:
            if getattr(node, "op_name", None) is not None and node.name == name:
                return getattr(node, "output_of", node)  # f(tf.assign_add(c, 1.0)): the node that runs both
        for variable in self.global_variables() + self.get_collection("local_variables"):  # W/initial_value:0,
            initial = getattr(variable, "initial_op", None)  # W/Adam/Initializer/zeros:0: what v/Assign reads
            if initial is not None and name == f"{initial}:0":
                return variable.initial_value
            if name == f"{variable.op_name}/read:0" and hasattr(variable, "snapshot"):  # what ops read it through
                return variable.snapshot
            if name == f"{variable.op_name}/read:0" and hasattr(variable, "read_tensor"):  # an optimizer slot's
                with self.as_default():  # read: a node of its own, as TF1's (review F43b-2)
                    return variable.read_tensor()
        op_name = name.split(':')[0]
        try:
            outputs = max(len(self.get_operation_by_name(op_name).outputs),
                          sum(getattr(node, "op_name", None) == op_name for node in self.nodes))  # unstack's un:i
        except KeyError:
            raise KeyError(f"The name '{name}' refers to a Tensor which does not exist. The operation, "
                           f"'{op_name}', does not exist in the graph.") from None
        advice = f" (Fetch the operation by its name, '{op_name}'.)" if not outputs else ""
        raise KeyError(f"The name '{name}' refers to a Tensor which does not exist. The operation, '{op_name}', "
                       f"exists but only has {outputs} outputs.{advice}")

    def get_operation_by_name(self, name: str):
        """The operation named ``name`` (``"train"``; ``"loss"``: the op computing ``loss:0``, ``"w/read"``), one of
        :meth:`get_operations`."""
        try:
            return self._runnable_operation(name)
        except KeyError:
            for entry_name, _, _, op in self.op_entries():
                if entry_name == name:
                    return op
            raise

    def _runnable_operation(self, name: str):
        for node in self.operations:
            if node.op.name == name:  # an assignment's op (Assign), which a run fetches as None
                return node.op
        raise KeyError(f"The name '{name}' refers to an Operation not in the graph.")

    @property
    def collections(self) -> list:
        """TF1's ``g.collections``: the names of the graph's collections."""
        return self.get_all_collection_keys()

    def as_graph_element(self, obj):
        """A tensor for ``"name:0"``, an operation ``Session.run`` runs for ``"name"`` (``"train"``); a tensor or
        operation of this graph itself (TF1's ``ValueError`` for one of another graph)."""
        if not isinstance(obj, str):
            if getattr(obj, "graph", None) is not self:
                raise ValueError(f"{type(obj).__name__} {obj!r} is not an element of this graph.")
            return obj
        return self.get_tensor_by_name(obj) if ":" in obj else self.get_operation_by_name(obj)

    def node_list(self) -> list:
        """``(name, type, input names)`` of every op created in the graph (TensorBoard's view)."""
        return [(name, op, inputs) for name, op, inputs, _ in self.op_entries()]

    def as_graph_def(self, add_shapes: bool = False) -> "GraphDef":
        """The graph's ops as ``node`` entries with TF1's ``name``, ``op`` and ``input`` fields."""
        return GraphDef([NodeDef(name, op, inputs) for name, op, inputs in self.node_list()])

    def finalize(self) -> None:
        """TF1's ``graph.finalize()``: the graph is read-only from now on; a new op is TF1's ``RuntimeError`` (the
        guard against a training loop that grows the graph at every step)."""
        self.finalized = True

    #: TF1's ``graph.finalized``: whether :meth:`finalize` was called.
    finalized = False

    def check_not_finalized(self) -> None:
        """TF1's ``RuntimeError`` for an op added to a finalized graph (a session's own rebuilds are no new ops)."""
        if self.finalized and not self.rebuilding:
            raise RuntimeError("Graph is finalized and cannot be modified. (graph.finalize() was called: build every "
                               "op, initializer and saver before it, e.g. update = tf.assign_add(w, 1.0) outside the "
                               "training loop, and run that op in the loop)")

    def device(self, device_name_or_function):
        """TF1's ``g.device("/cpu:0")``: placement, accepted and ignored as ``tf.device``'s."""
        return contextlib.nullcontext()

    def colocate_with(self, op, ignore_existing: bool = False):
        """TF1's ``g.colocate_with(op)``: placement, accepted and ignored."""
        return contextlib.nullcontext()

    @contextlib.contextmanager
    def name_scope(self, name):
        """TF1's ``g.name_scope(name)``: ``tf.name_scope(name)`` in this graph (the default graph inside the block)."""
        with self.as_default(), name_scope(name) as scope:
            yield scope

    def gradient_override_map(self, op_type_map):
        """TF1's gradient overrides are not supported: a typed error naming the straight-through rewrite."""
        raise UnsupportedOperationError(
            f"g.gradient_override_map({op_type_map!r}) is not supported by symopt.compat.v1: every op keeps its own "
            "gradient rule; for the straight-through estimator write x + tf.stop_gradient(tf.round(x) - x) (the "
            "value of tf.round(x), the gradient of x)")

    __getattr__ = missing_attributes("tf.Graph")

    def get_all_collection_keys(self) -> list:
        """TF1's names of the graph's non-empty collections (the variable collections included)."""
        keys = [key for key, items in self.collection_items.items() if items]
        if self.variables:
            keys += ["variables"] + (["trainable_variables"] if any(v.trainable for v in self.variables) else [])
        return sorted(set(keys))

    def is_feedable(self, tensor) -> bool:
        """TF1's ``graph.is_feedable``: every tensor may be fed in symopt (a computed one too)."""
        return True

    def is_default(self) -> bool:
        return get_default_graph() is self


_local = threading.local()  # this thread's default graph and open ``as_default`` blocks (TF1's are per thread)


def _nested() -> list:
    """The graphs made default by this thread's ``with graph.as_default():`` blocks now open, innermost last."""
    stack = getattr(_local, "graphs", None)
    if stack is None:
        stack = _local.graphs = []
    return stack


def get_default_graph() -> Graph:
    """The graph of this thread's innermost ``as_default`` block, else this thread's default graph (made on first
    use: as in TF1, a new thread does not see the graph another thread built outside a block)."""
    stack = _nested()
    if stack:
        return stack[-1]
    graph = getattr(_local, "default", None)
    if graph is None:
        graph = _local.default = Graph()
    return graph


def reset_default_graph() -> None:
    """Start a new, empty default graph for this thread; inside a ``with graph.as_default():`` block TF1's
    ``AssertionError``, before anything changes (the block's graph would silently stop being the default)."""
    if _nested():
        raise AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared "
                             "graph, exit the nesting and create a new graph.")
    _local.default = Graph()


class name_scope:  # noqa: N801 - TF1's name
    """``with tf.name_scope("layer1"):`` prefixes the names of the ops created inside with ``layer1/``."""

    def __init__(self, name, default_name=None, values=None):
        self.name = default_name if name is None else name

    def __enter__(self) -> str:
        """The scope's name with a ``/``: made unique inside the current scope; a name ending in ``/`` (a scope
        captured with ``as scope``, re-entered) is that scope itself; ``None`` (or ``""``) is the top level, as
        TF1's ``Graph.name_scope``."""
        graph = get_default_graph()
        scope = graph.unique_name(self.name, new_op=False) if self.name else ""
        graph.name_scopes.append(scope)
        self._graph = graph
        return f"{scope}/" if scope else ""

    def __exit__(self, *exc):
        self._graph.name_scopes.pop()


@contextlib.contextmanager
def unnamed():
    """Build the intermediate tensors of one TF1 op inside the block: they take names from a separate series and are
    not listed among the graph's ops, so the program's names stay TF1's (``tf.maximum`` builds comparisons, casts and
    sums; TF1's one ``Maximum`` op takes none of the names ``Equal``, ``Cast``, ``add``).  Made while the program
    builds (not while a session rebuilds it), they take the enclosing ``tf.control_dependencies`` block's inputs as
    the op does (``graph.helper_scope``): ``tf.clip_by_norm(w)`` inside the block reads ``w`` after them (P84-3)."""
    graph = get_default_graph()
    outer = graph.helper_scope
    if not graph.rebuilding:
        graph.helper_scope = graph.control_scope
    graph.rebuilding += 1
    try:
        yield
    finally:
        graph.rebuilding -= 1
        graph.helper_scope = outer


def get_collection(key: str, scope=None) -> list:
    """``tf.get_collection(key)``: the default graph's collection ``key`` (a copy)."""
    return get_default_graph().get_collection(key, scope)


def add_to_collection(name: str, value) -> None:
    """``tf.add_to_collection(name, value)``."""
    get_default_graph().add_to_collection(name, value)

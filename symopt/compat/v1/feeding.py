"""A run's feed: ``feed_dict`` converted to ``(tensor, array)`` items (keys by name, values in the tensor's dtype,
one batch size), a fed variable that the run updates refused, and fetches specialised to stand-ins of the fed
shapes (a fed computed tensor, a placeholder without a shape)."""

from __future__ import annotations

import numpy as np

from .batch_squeezes import one_row_squeezes
from ...errors import ShapeError, SymoptError, UnsupportedOperationError
from .errors import InvalidArgumentError
from .feeds import batch_shape, checked_batch
from .graph import Operation, Tensor
from .initial_values import variables_read
from .placeholders import stand_in
from .read_snapshots import link_fed_refs, read_aliases
from .recording import inputs_of, reachable, rebuild
from .run_plan import program_array
from .variables import Variable

__all__ = ["convert_feed", "check_fed_updates", "specialize"]


def convert_feed(graph, feed_dict) -> tuple[list, int | None]:
    """``[(tensor, array), ...]``: each fed value as an array of its tensor's dtype, shapes checked; and the run's
    batch size (``None`` without a batch dimension)."""
    items = []
    batch = None
    for key, value in _flat_items(feed_dict.items()):
        if isinstance(key, str):
            key = _tensor_named(graph, key)
        if isinstance(key, Operation) and getattr(key, "ref", None) is not None:  # tf.assign's result (P62-5)
            raise UnsupportedOperationError(
                f"Feeding {key.name}, the result of an assignment to {key.ref.op_name}, is not supported by "
                "symopt.compat.v1 (TF1 would use the fed value in place of the assignment's output and not run "
                f"it); feed a tensor computed from it instead, e.g. tf.identity({key.op_name}), or feed "
                f"{key.ref.op_name} itself in a run that does not run the assignment")
        if isinstance(key, Operation) and hasattr(key, "value_tensor") and hasattr(key, "assignment"):
            raise _computed_after_assignment(key)  # f(tf.assign_add(c, 1.0)): final42g F42g-2
        if hasattr(key, "value_in"):  # an optimizer slot (optimizer_slots.SlotVariable): its read, as TF1 feeds a
            with graph.as_default():  # variable (final42e F42e-7)
                key = key.as_input()
        if not isinstance(key, Tensor):
            raise TypeError(f"The name {key!r} cannot be interpreted as a Tensor: feed_dict keys must be tensors")
        if key.graph is not graph:  # a placeholder kept from before tf.reset_default_graph() (probe15 Y11)
            text = Tensor.__str__(key)[:-1] + ("_ref)" if isinstance(key, Variable) else ")")  # a variable: its ref
            raise TypeError(f"Cannot interpret feed_dict key as Tensor: Tensor {text} is not an element of this graph.")
        array = program_array(key, value)
        if not key.deferred and array.shape != key.shape:  # a mistake, or a None (batch) dimension
            batch = checked_batch(batch, key, array)
        elif key.deferred and key.shape.known_rank:  # [None, None]: m examples of any number of columns
            batch = checked_batch(batch, key, array)
        items.append((key, array))
    return items, (batch[1] if batch is not None else None)


def _computed_after_assignment(key) -> UnsupportedOperationError:
    """The refusal of a feed of ``key``, a tensor computed from an assignment's output (``tf.assign_add(c, 1.0) *
    2.0``: symopt runs it as the assignment followed by its computation, one node), which TF1 feeds."""
    assignment = key.assignment
    return UnsupportedOperationError(
        f"Feeding {key.name}, computed from the output of the assignment {assignment.op_name} to "
        f"{assignment.ref.op_name}, is not supported by symopt.compat.v1 (TF1 would use the fed value in place of "
        f"{key.name} and not run the assignment for it); compute it from tf.identity of the assignment, e.g. "
        f"tf.identity(tf.assign_add(...)) * 2.0, and feed that tensor")


def _flat_items(pairs):
    """The feed's ``(key, value)`` pairs with each key that is a (nested) tuple of tensors paired entry by entry
    with its value, a sequence of the same structure (TF1's ``nest.flatten_dict_items``: the RNN loop that feeds
    the fetched state back, ``{state: st}`` with ``state = (c0, h0)``)."""
    for key, value in pairs:
        if not isinstance(key, tuple):
            yield key, value
            continue
        if not isinstance(value, (tuple, list)) and not (isinstance(value, np.ndarray) and value.ndim):
            raise ValueError(f"Could not flatten dictionary: key {key} is a sequence but its corresponding value "
                             f"{value!r} is not. (feed a tuple of values for a tuple of tensors)")
        if len(value) != len(key):
            raise ValueError(f"Could not flatten dictionary. Key had {len(key)} elements, but value had "
                             f"{len(value)} elements. Key: {list(key)}, value: {value!r}.")
        yield from _flat_items(zip(key, value))


def _tensor_named(graph, name: str) -> Tensor:
    """The feed key ``"x:0"`` as its tensor (TF1's ``TypeError`` for anything else)."""
    try:
        if ":" not in name:
            raise KeyError(f"tensor names look like '{name}:0'")
        return graph.get_tensor_by_name(name)
    except KeyError as error:
        raise TypeError(f"Cannot interpret feed_dict key as Tensor: the name {name!r} cannot be interpreted as "
                        f"a Tensor ({error.args[0]})") from None


def check_fed_updates(leaves: list, items: list) -> None:
    """TF1's ``InvalidArgumentError`` for a run that feeds a variable one of its operations updates (a training
    step's variables and global step, an assignment's ref: it needs the variable itself, not a value), or one that
    the initial value of a variable it initializes reads (TF1 guards that read with ``IsVariableInitialized``, which
    needs the variable itself: review5 R5-4), before anything runs."""
    fed = {key.expr: key for key, _ in items if isinstance(key, Variable)}
    fed_slots = {id(key.reads_slot): key.reads_slot for key, _ in items if getattr(key, "reads_slot", None)}
    cut = {id(key) for key, _ in items}  # what a fed tensor is computed from does not run (TF1 prunes it)
    stack = [node for node in reachable(leaves, lambda node: id(node) not in cut).values()
             if isinstance(node, Operation)]  # and the assignments computed tensors read: f(tf.assign_add(c, 1.0))
    initialized = []
    while stack:
        operation = stack.pop()
        stack.extend(getattr(operation, "grouped", None) or ())
        stack.extend(op for op in getattr(operation, "run_first", ()) if isinstance(op, Operation))
        assignment = getattr(operation, "assignment", None)  # f(z) of an assignment z runs z (review F43b-15)
        if isinstance(assignment, Operation) and assignment is not operation:
            stack.append(assignment)
        # a training step writes its variables and the global step it increments (review4 Q5), an assignment its
        # ref, an initializer its variables
        if fed_slots:
            _check_slot_updates(operation, fed_slots)
        initializes = getattr(operation, "initializes", ())
        initialized.extend(initializes)
        written = [*getattr(operation, "parameters", ()),
                   *(node.expr for node in (getattr(operation, "ref", None), getattr(operation, "global_step", None),
                                            *initializes) if node is not None)]
        set_by = {node.expr for node in initializes}
        for symbol in written:
            if symbol in fed:
                node = f"{fed[symbol].op_name}/Assign" if symbol in set_by else \
                    getattr(operation, "op_name", operation.name)  # TF1's names: v/Assign, AssignAdd (not :0)
                dtype = fed[symbol].dtype.tf_name  # TF1's spelling: float, not float32 (review F43b-14)
                raise InvalidArgumentError(
                    f"Input 0 of node {node} was passed {dtype} from {fed[symbol].name} "
                    f"incompatible with expected {dtype}_ref (the run updates {fed[symbol].name}: "
                    "feed it in a run that only reads it, or set it with variable.load(value, sess))")
    for node in initialized:
        _check_initial_reads(node, fed)


def _check_slot_updates(operation, fed_slots: dict) -> None:
    """TF1's ``InvalidArgumentError`` for a run that feeds an optimizer slot (``fed_slots``, by id) that
    ``operation`` updates: a training step of its optimizer, or the slot's initializer (TF1's ``w/Momentum/Assign``);
    both need the slot variable itself, not a value."""
    for slot in fed_slots.values():
        if getattr(operation, "resets_slot", None) is slot:
            node = f"Input 0 of node {slot.op_name}/Assign"
        elif getattr(operation, "key", None) in slot.slots.keys and _updates(operation, slot):
            node = f"An input of node {operation.name}"
        else:
            continue
        dtype = slot.dtype.tf_name
        raise InvalidArgumentError(
            f"{node} was passed {dtype} from {slot.name} incompatible with expected {dtype}_ref (the run updates "
            f"the optimizer slot {slot.name}: feed it in a run that only reads it)")


def _updates(operation, slot) -> bool:
    """Whether the training step ``operation`` of ``slot``'s optimizer updates ``slot``: a variable's slot only in
    a step that trains the variable (one optimizer minimizing two losses: the other loss's step leaves it alone, as
    TF1's: review F43b-11), a shared one (Adam's ``beta1_power``) in each."""
    return slot.variable is None or slot.variable.expr in getattr(operation, "parameters", ())


def _check_initial_reads(node, fed: dict) -> None:
    """TF1's error for a run that initializes ``node`` while it feeds a variable ``node``'s initial value reads
    (``tf.Variable(V + 1.0)``, ``tf.Variable(V.initialized_value() * 2)``); TF1 names the guard of that read,
    ``W/IsVariableInitialized``, ``_1``, ... in the order the initial value reads the variables."""
    value = getattr(node, "initial_value", None)
    if not fed or getattr(value, "expr", None) is None:
        return
    for position, variable in enumerate(_variables_read(value, node)):
        if variable.expr in fed:
            dtype = variable.dtype.tf_name
            raise InvalidArgumentError(
                f"Input 0 of node {node.op_name}/IsVariableInitialized{f'_{position}' if position else ''} was "
                f"passed {dtype} from _arg_{variable.op_name}_0_0:0 incompatible with expected {dtype}_ref. (The "
                f"initial value of {node.op_name} reads {variable.op_name}, which this run feeds: TF1 reads it "
                f"through a guard that needs the variable itself. Initialize {node.op_name} in a run that does not "
                f"feed {variable.op_name}, or assign it the value you want: tf.assign({node.op_name}, ...))")


def _variables_read(value: Tensor, node) -> list:
    """The variables (other than ``node``) that the tensor ``value`` reads (:func:`~.initial_values.variables_read`),
    in TF1's order of its guards: those met depth first along the recorded inputs, first input first; then the
    others its expression holds, in the graph's order."""
    read = {id(variable): variable for variable in variables_read(value) if variable is not node}
    ordered, seen, stack = {}, set(), [value]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, Variable):
            if id(item) in read:
                ordered[id(item)] = item
            continue
        recipe = getattr(item, "recipe", None)
        if recipe is not None:
            stack.extend(reversed(inputs_of(recipe[1], recipe[2])))
    return [*ordered.values(), *(variable for key, variable in read.items() if key not in ordered)]


def specialize(graph, leaves: list, items: list, batch_size: int | None) -> tuple[list, dict]:
    """The fetches with every fed non-placeholder (or shape-less placeholder) replaced by a stand-in of the
    fed shape, rebuilt once per feed signature; and the feed by symbol.  A run fed one row also squeezes the
    batch where TF1 does (:func:`~symopt.compat.v1.batch_squeezes.one_row_squeezes`)."""
    runnable, feed = _with_stand_ins(graph, leaves, items, batch_size)
    if batch_size == 1 and graph.__dict__.get("batch_squeezes"):
        runnable = one_row_squeezes(graph, runnable)
    return runnable, feed


def _with_stand_ins(graph, leaves: list, items: list, batch_size: int | None) -> tuple[list, dict]:
    """:func:`specialize`'s stand-ins of fed tensors."""
    rebuilt = [(key, array) for key, array in items  # a fed slot's read: its symbol takes the value (session)
               if not (getattr(key, "is_placeholder", False) or getattr(key, "reads_slot", None)
                       or getattr(key, "reads_slot_value", None)) or key.deferred]
    if not rebuilt and not any(getattr(leaf, "deferred", False) for leaf in leaves):
        return leaves, {key.expr: array for key, array in items}
    shapes = {id(key): _stand_in_shape(key, array, batch_size) for key, array in rebuilt}
    signature = (tuple(map(id, leaves)),
                 tuple((id(key), _fixed_sizes(array.shape, shapes[id(key)]), shapes[id(key)]) for key, array in rebuilt))
    entry = graph.specialized.get(signature)
    if entry is None:
        stand_ins = {id(key): _fed_stand_in(key, array, shapes[id(key)]) for key, array in rebuilt}
        link_fed_refs(stand_ins)
        graph.rebuilding += 1
        try:
            with graph.as_default():
                pairs = [(node, stand_ins[id(key)]) for key, _ in rebuilt
                         for node in read_aliases(key, isinstance(key, Variable), stand_ins)]
                entry = (_kept_variables(leaves, rebuild(leaves, pairs), items), stand_ins)
        except (ValueError, UnsupportedOperationError) as error:  # an op built again on the fed shapes refuses
            fed = ", ".join(f"{key.name} fed shape {array.shape}" for key, array in rebuilt)  # them: TF1's run-time
            clash = _rows_clash(rebuilt, batch_size)  # error class (probe63 P63-2, P63-4)
            if clash is not None and isinstance(error, UnsupportedOperationError):  # not an op's own dimensions
                raise InvalidArgumentError(f"Incompatible shapes: {clash} ({fed})") from None
            if isinstance(error, SymoptError) and not isinstance(error, ShapeError):  # typed already
                raise
            raise InvalidArgumentError(f"{error} ({fed}: feed values of shapes that fit the ops that read them)") \
                from None
        finally:
            graph.rebuilding -= 1
        graph.specialized[signature] = entry
    runnable, stand_ins = entry
    feed = {key.expr: array for key, array in items if id(key) not in stand_ins}
    feed.update((stand_ins[id(key)].expr, array) for key, array in rebuilt)
    return runnable, feed


def _fixed_sizes(fed: tuple, stand_in: tuple) -> tuple:
    """The fed shape as the rebuilt program depends on it: a dimension the stand-in leaves unknown (the batch size
    m) is None, so every batch size shares one program (probe65 P65-2: one rebuild per size, kept without bound)."""
    if len(fed) != len(stand_in):
        return fed
    return tuple(None if declared is None else size for size, declared in zip(fed, stand_in))


def _kept_variables(leaves: list, runnable: list, items: list) -> list:
    """``runnable`` with each fetched variable that the run does not feed itself as it is: a fed ``v/read:0``
    replaces what ops read through it, not the variable (TF1's ``sess.run(v)`` reads the ref)."""
    fed = {id(key) for key, _ in items}
    return [leaf if isinstance(leaf, Variable) and id(leaf) not in fed else new for leaf, new in zip(leaves, runnable)]


def _fed_stand_in(key: Tensor, array, shape: tuple) -> Tensor:
    """:func:`~.placeholders.stand_in` of ``key`` for a fed ``array``; a value of a rank symopt's tensors lack (3
    and more) is an ``UnsupportedOperationError`` naming the fed tensor."""
    try:
        return stand_in(key, shape)
    except ShapeError:
        raise UnsupportedOperationError(
            f"{key.name} was fed a value of shape {array.shape} (rank {array.ndim}); symopt.compat.v1's tensors have "
            "rank 0, 1 or 2: reshape the value, or feed it in slices of rank 2") from None


def _rows_clash(rebuilt: list, batch_size: int | None) -> str | None:
    """The words for a placeholder without a shape fed another number of rows than the run's batch size (a slicing
    slip: ``{x: X, y: Y[:5]}``), which TF1 reports as incompatible shapes; None when there is none."""
    for key, array in rebuilt:
        if batch_size is not None and key.deferred and not key.shape.known_rank and array.ndim in (1, 2) \
                and array.shape[0] not in (1, batch_size):
            return (f"{key.name} was fed {array.shape[0]} rows where the run's batch has {batch_size}; feed as "
                    "many rows as the other fed examples")
    return None


def _stand_in_shape(key: Tensor, array, batch_size: int | None) -> tuple:
    """The shape of the stand-in for a fed ``key``: a placeholder without a shape fed as many rows as the run's
    batch size (``y = tf.placeholder(tf.float32)`` beside ``x`` of shape ``[None, k]``) takes the batch
    dimension, as TF1 broadcasts them; one fed a row of that many columns takes it second (``[1, None]``,
    beside ``tf.matmul(w, tf.transpose(x))``: examples as columns); otherwise
    :func:`~symopt.compat.v1.feeds.batch_shape`."""
    if getattr(key, "selects_rows", None) is not None:  # a boolean_mask's selection: the kept rows' numbers
        return array.shape
    if key.deferred and not key.shape.known_rank and array.ndim in (1, 2) and batch_size is not None:
        if array.shape[0] == batch_size:
            return (None, *array.shape[1:])
        if array.ndim == 2 and array.shape[1] == batch_size:
            return (array.shape[0], None)
    return batch_shape(key, array)

"""``Session.run``'s fast path: a training loop's fetches resolved once into plain keys.

The loop calls ``sess.run(train_op, feed)`` or ``_, c = sess.run([train_op, loss], feed)`` thousands of times
with the same fetches and feed keys.  A :class:`RunPlan` is built at the first such call: it holds the training
operation, where its loss sits in the fetch list, and for each fed placeholder (found by ``id``, a plain ``int``;
the plan keeps the placeholder alive, so an equal ``id`` is the same object) its position among the fused step's
data arguments, its dtype and shape.  A call then checks each fed value exactly as the general path does (dtype
conversion, TF1's shape errors, one batch size) and calls the fused step: no SymPy expression is hashed, nothing
is flattened, rebuilt or looked up by symbol.

A training loop's usual feed (arrays of the placeholders' own dtype, of their fixed shape or of one batch size m
for their ``None`` dimensions, a plain NumPy step whose optimizer state exists) takes a leaner path still,
:meth:`RunPlan.lean_run`: it compares each array's dtype and shape with its placeholder's, reads the parameters
and the optimizer state, calls the step and stores its results, nothing else (probe72 P72-8: ``[None, n]`` feeds
took the general path, about 10 µs more per run).  Whatever it does not cover it hands to :meth:`RunPlan.general_run` before changing anything.

Fetches a plan does not cover (other tensors, several training operations, a learning rate that is a tensor, a
deferred operation) and feeds it cannot place (a computed tensor fed in place of its value, a name, a shape-less
placeholder) go the general way, with the same results.
"""

from __future__ import annotations

from operator import itemgetter

import numpy as np

from .feeds import checked_batch, fed_array, to_tf
from .graph import Tensor
from .sparse_updates import check_sparse_updates

__all__ = ["RunPlan", "MISS", "program_array", "lean_batch_size"]

#: What a plan returns when the general path must run this call instead.
MISS = object()

_EMPTY: dict = {}


def program_array(key: Tensor, value) -> np.ndarray:
    """A fed value as the program reads it: :func:`~symopt.compat.v1.feeds.fed_array`, a ``tf.bool`` one as 1.0 /
    0.0 (the program computes with booleans as numbers: ``tf.cond(is_training, ...)``)."""
    array = fed_array(key, value)
    return array.astype(np.float64) if array.dtype == np.bool_ else array


class RunPlan:
    """The plan of one fetch signature (``Session.run`` keys plans by the ``id`` of a single fetch, or the tuple of
    ids of a list's or tuple's items; a list and a tuple of the same items share it, the plan returns the caller's
    type): one fetch structure of one training operation (and optionally its scalar loss).

    ``specs`` maps ``id(placeholder)`` to ``(placeholder, position in the step's data or -1, dtype, shape, rank,
    fixed)`` (``fixed``: the shape has no ``None`` dimension); ``lean_specs`` holds what :meth:`lean_run` reads of
    the step's placeholders, fixed or batched; ``template`` is the step's data list with constants filled in; ``late`` lists the data positions read
    from the session at every call (variables the step reads but does not train, random inputs).
    """

    def __init__(self, session, fetches, operation):
        self.operation = operation
        self.leaves = tuple(fetches) if type(fetches) in (list, tuple) else None  # keeps the fetched objects alive
        self.loss_at = -1 if self.leaves is None else next(
            (i for i, leaf in enumerate(self.leaves) if leaf is not None and leaf is operation.loss), -1)
        graph = session.graph
        self.positions = {symbol: i for i, symbol in enumerate(operation.data)}
        self.template = [None] * len(operation.data)
        self.late, self.required = [], 0
        for position, symbol in enumerate(operation.data):
            if symbol in graph.placeholders:
                self.required += 1
            elif symbol in graph.constants:
                self.template[position] = graph.constants[symbol]
            else:
                self.late.append((position, symbol))
        self.specs: dict = {}
        dtype = operation.loss.dtype.name if self.loss_at >= 0 else None
        self.loss_type = np.dtype(dtype).type if dtype is not None and session.backend == "numpy" else None
        # the lean path: a NumPy step with no checks of its data, reading nothing from the session but its state
        lean = session.backend == "numpy" and operation.compiled.module == "numpy" and not self.late \
            and len(operation.parameters) > 0 \
            and operation.label_checks is None and operation.distinct_checks is None and not operation.projections
        self.run = self.lean_run if lean else self.general_run
        parameters = operation.parameters
        #: the lean path's read of the parameters' values (the value itself for one parameter, else a tuple)
        self.read = itemgetter(*parameters) if parameters else None
        self.single = len(parameters) == 1
        #: ``id(placeholder)`` -> ``(position, dtype, shape, rank, batched)`` of the placeholders of a non-bool
        #: dtype the step reads: ``batched`` whether the shape has ``None`` dimensions (each the batch size m)
        self.lean_specs: dict = {}

    @classmethod
    def for_fetches(cls, session, fetches):
        """The plan of ``fetches`` when it is a training operation alone, or a flat list or tuple of one training
        operation and its own scalar loss; otherwise ``None``."""
        leaves = list(fetches) if type(fetches) in (list, tuple) else [fetches]
        operations = [leaf for leaf in leaves if leaf is not None and not isinstance(leaf, Tensor)]
        if len(operations) != 1 or not hasattr(operations[0], "apply"):
            return None
        operation = operations[0]
        if operation.deferred or operation.learning_rate is not None or operation.branches \
                or session.effects.of(leaves)[0]:
            return None  # run_steps: control inputs or prints run first; a tf.cond branch's step (the general path)
        loss = operation.loss
        for leaf in leaves:
            if leaf is None:
                return None  # TF1's TypeError (the general path raises it)
            if leaf is operation:
                continue
            if leaf is not loss or loss.ndim != 0 or leaves.count(leaf) != 1:
                return None
        if leaves.count(operation) != 1:
            return None
        check_sparse_updates(session.graph, [operation], session.checked_updates)
        return cls(session, fetches, operation)

    def spec_of(self, key):
        """The spec of a feed key, or ``None`` when the general path must place it (only placeholders of known rank
        are planned)."""
        if not (isinstance(key, Tensor) and getattr(key, "is_placeholder", False)) or key.deferred \
                or key.dtype.name == "string" or key.graph is not self.operation.graph:  # another graph's: TypeError
            return None
        shape = tuple(key.shape.as_list())  # plain ints: compared with each fed array's shape
        # a tf.bool placeholder's spec has no dtype: every fed value goes through program_array (bool, then 1.0 /
        # 0.0), so a float64 array fed to it is its truth values, never its numbers
        dtype = None if key.dtype.name == "bool" else np.dtype(key.dtype.name)
        spec = (key, self.positions.get(key.expr, -1), dtype, shape, len(shape), None not in shape)
        self.specs[id(key)] = spec
        if spec[1] >= 0 and dtype is not None:
            self.lean_specs[id(key)] = (spec[1], spec[2], shape, spec[4], not spec[5])
        return spec

    def lean_run(self, session, fetches, feed_dict):
        """:meth:`general_run` for a feed of exactly the step's placeholders, each an array of its dtype and shape
        (a ``None`` dimension: the one batch size m > 0 every batched placeholder is fed, as TF1's checks and
        :func:`~symopt.compat.v1.feeds.checked_batch` let pass), once the optimizer's state exists: the same step on
        the same arrays, the same results stored by
        :meth:`~symopt.compat.v1.train_operation.TrainOperation.store` as the general path stores them.  Anything
        else (another shape, an empty batch, a placeholder whose shape ``set_shape`` refined) goes to
        :meth:`general_run`, which raises TF1's errors.  (Each statement here is on the lecture's hot path: the
        parameters are read with one ``itemgetter`` call.)"""
        operation = self.operation
        key = operation.key
        states = session.optimizer_state
        state = states.get(key)
        feeds = feed_dict or _EMPTY
        if state is None or len(feeds) != self.required or len(key.group) != 1:
            return self.general_run(session, fetches, feed_dict)
        data = self.template.copy()
        lean_specs = self.lean_specs
        batch = None
        for placeholder, value in feeds.items():
            spec = lean_specs.get(id(placeholder))
            if spec is None or type(value) is not np.ndarray or value.dtype is not spec[1]:
                return self.general_run(session, fetches, feed_dict)
            if spec[4]:  # a [None, n] placeholder
                batch = lean_batch_size(spec[2], value.shape, batch)
                if batch is None or getattr(placeholder, "refined_shape", None) is not None:
                    return self.general_run(session, fetches, feed_dict)
            elif value.shape != spec[2]:
                return self.general_run(session, fetches, feed_dict)
            data[spec[0]] = value if spec[3] == 2 else (value.reshape(-1, 1) if spec[3] == 1 else value[()])
        values = session.values
        try:
            params = self.read(values)
        except KeyError:  # not initialized: the general path raises TF1's error
            return self.general_run(session, fetches, feed_dict)
        slots, shared = state
        session._batch_size = batch
        cost, new_params, new_slots, new_shared, _ = operation.numpy_step(
            *((params,) if self.single else params), *slots, *shared, *operation.hyper, *data)
        operation.store(session, new_params, new_slots, new_shared)
        return None if self.leaves is None else self.results(fetches, cost)

    def general_run(self, session, fetches, feed_dict):
        """Run the step with ``feed_dict``; the fetched values in the caller's structure, or :data:`MISS`."""
        data = self.template.copy()
        hits = 0
        batch = None
        if feed_dict:
            specs = self.specs
            for key, value in feed_dict.items():
                spec = specs.get(id(key))
                if spec is None:
                    spec = self.spec_of(key)
                    if spec is None:
                        return MISS
                key, position, dtype, shape, rank, fixed = spec
                if type(value) is not np.ndarray or value.dtype is not dtype:
                    value = program_array(key, value)
                if value.shape != shape:
                    batch = checked_batch(None if fixed else batch, key, value)  # fixed: raises TF1's ValueError
                if position >= 0:
                    data[position] = value if rank == 2 else (value.reshape(-1, 1) if rank == 1 else value[()])
                    hits += 1
        if hits != self.required:
            return MISS  # an unfed placeholder: the general path raises TF1's error, in TF1's order
        session._batch_size = None if batch is None else batch[1]
        for position, symbol in self.late:
            data[position] = session._value_of(symbol, _EMPTY)
        cost = self.operation.apply(session, data)
        return None if self.leaves is None else self.results(fetches, cost)

    def results(self, fetches, cost):
        """The fetched values in the caller's list or tuple: ``None`` for the operation, the cost for the loss."""
        results = [None] * len(self.leaves)
        if self.loss_at >= 0:
            results[self.loss_at] = self.loss_type(cost) if self.loss_type is not None else \
                to_tf(self.operation.loss, cost)
        return results if type(fetches) is list else tuple(results)


def lean_batch_size(declared: list, shape: tuple, batch: int | None) -> int | None:
    """The batch size m of an array of ``shape`` fed to a placeholder of shape ``declared`` (``None``: m) when it fits,
    agrees with ``batch`` (the m of the run's other placeholders, or ``None``) and is not 0 (an empty batch: the
    general path's own step); otherwise ``None``, and the general path's
    :func:`~symopt.compat.v1.feeds.checked_shape` and :func:`~symopt.compat.v1.feeds.checked_batch` (the rule this
    mirrors, without TF1's messages) decide."""
    if len(shape) != len(declared):
        return None
    for size, given in zip(declared, shape):
        if size is None:
            if batch is None:
                batch = given
            elif given != batch:
                return None
        elif size != given:
            return None
    return batch or None

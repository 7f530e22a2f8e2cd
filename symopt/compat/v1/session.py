"""``tf.Session``: runs fetches with a ``feed_dict``; holds the only mutable state (variable values).

Fetching tensors compiles them once (cached per fetch list and fed placeholders)
into one generated function; running a training operation calls its fused step.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ...compiler import compile_expressions, free_inputs
from .errors import FailedPreconditionError, InvalidArgumentError
from .graph import Operation, Tensor, Variable, get_default_graph

__all__ = ["Session", "InteractiveSession", "get_default_session", "global_variables_initializer",
           "variables_initializer", "constant_value"]

_default_sessions: list = []


def get_default_session():
    if not _default_sessions:
        raise ValueError("Cannot evaluate tensor using `eval()`: No default session is registered. "
                         "Use `with sess.as_default()` or pass an explicit session to `eval(session=sess)`")
    return _default_sessions[-1]


def _flatten(fetches) -> list:
    if isinstance(fetches, Mapping):
        return [leaf for value in fetches.values() for leaf in _flatten(value)]
    if isinstance(fetches, (list, tuple)):
        return [leaf for value in fetches for leaf in _flatten(value)]
    return [fetches]


def _rebuild(fetches, values):
    if isinstance(fetches, Mapping):
        return type(fetches)((k, _rebuild(v, values)) for k, v in fetches.items())
    if isinstance(fetches, tuple) and hasattr(fetches, "_fields"):
        return type(fetches)(*(_rebuild(v, values) for v in fetches))
    if isinstance(fetches, (list, tuple)):
        return type(fetches)(_rebuild(v, values) for v in fetches)
    return next(values)


def _tf_shape_text(shape) -> str:
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


class Session:
    """``tf.Session()``: ``run(fetches, feed_dict)``, a context manager, ``close()``."""

    def __init__(self, target: str = "", graph=None, config=None):
        self.graph = graph or get_default_graph()
        self.values: dict = {}
        self.optimizer_state: dict = {}
        self._evaluators: dict = {}
        self._closed = False

    # -- context management
    def __enter__(self):
        _default_sessions.append(self)
        return self

    def __exit__(self, *exc):
        if _default_sessions and _default_sessions[-1] is self:
            _default_sessions.pop()
        self.close()

    def as_default(self):
        return _DefaultContext(self)

    def close(self) -> None:
        self._closed = True

    # -- feeding
    def _convert_feed(self, feed_dict) -> dict:
        converted = {}
        batch = None
        for key, value in feed_dict.items():
            if not isinstance(key, Tensor):
                raise TypeError(f"The name {key!r} cannot be interpreted as a Tensor: feed_dict keys must be tensors")
            array = np.asarray(value, dtype=key.dtype.name)
            if array.shape != key.shape:  # a mistake, or a None (batch) dimension
                batch = _checked_batch(batch, key, array)
            converted[key.expr] = array
        return converted

    def _value_of(self, symbol, feed: dict):
        if symbol in feed:
            value = feed[symbol]
            return value.reshape(-1, 1) if value.ndim == 1 else (value[()] if value.ndim == 0 else value)
        if symbol in self.values:
            return self.values[symbol]
        if symbol in self.graph.constants:
            return self.graph.constants[symbol]
        tensor = self.graph.placeholders.get(symbol)
        if tensor is not None:
            raise InvalidArgumentError(
                f"You must feed a value for placeholder tensor '{tensor.op_name}' with dtype "
                f"{tensor.dtype.tf_name} and shape {_tf_shape_text(tensor.shape)}")
        raise FailedPreconditionError(f"Attempting to use uninitialized value {symbol}: "
                                      "run tf.global_variables_initializer() first")

    # -- running
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Evaluate ``fetches`` (nested lists, tuples, dicts, namedtuples); operations give ``None``."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        feed = self._convert_feed(feed_dict) if feed_dict else {}
        if type(fetches) is Operation:  # the training loop's fast path
            fetches._run(self, feed)
            return None
        leaves = _flatten(fetches)
        tensors = [leaf for leaf in leaves if isinstance(leaf, Tensor)]
        results = dict(zip(map(id, tensors), self._evaluate(tensors, feed))) if tensors else {}
        for leaf in leaves:
            if isinstance(leaf, Operation):
                leaf._run(self, feed)
            elif not isinstance(leaf, Tensor) and leaf is not None:
                raise TypeError(f"Fetch argument {leaf!r} has invalid type {type(leaf).__name__}, "
                                "must be a string or Tensor or Operation")
        values = iter(results.get(id(leaf)) if isinstance(leaf, Tensor) else None for leaf in leaves)
        return _rebuild(fetches, values)

    def _evaluate(self, tensors: list, feed: dict) -> list:
        key = tuple(id(t) for t in tensors)
        entry = self._evaluators.get(key)
        if entry is None:
            symbols = free_inputs([t.expr for t in tensors])
            dtype = _program_dtype(tensors, symbols)
            function, _ = compile_expressions([t.expr for t in tensors], symbols, dtype=dtype)
            entry = (tensors, symbols, function)
            self._evaluators[key] = entry
        tensors, symbols, function = entry
        values = [self._value_of(s, feed) for s in symbols]
        outputs = function(*values)
        return [_to_tf(t, v) for t, v in zip(tensors, outputs)]

    def _assign(self, variable: Variable, value: np.ndarray) -> None:
        self.values[variable.expr] = _internal(value)


def _checked_batch(batch, key: Tensor, array: np.ndarray):
    """Check a fed array's shape against the placeholder's (TF1's message); return ``(tensor, m)``.

    Every ``None`` dimension is symopt's one batch size m, so fed arrays must agree on it.
    """
    if len(array.shape) != len(key.shape) or any(d is not None and d != a for d, a in zip(key.shape, array.shape)):
        shape = "(" + ", ".join("?" if d is None else str(d) for d in key.shape) + \
                ("," if len(key.shape) == 1 else "") + ")"
        raise ValueError(f"Cannot feed value of shape {array.shape} for Tensor {key.name}, which has shape {shape}")
    for declared, size in zip(key.shape, array.shape):
        if declared is not None:
            continue
        if batch is not None and batch[1] != size:
            raise InvalidArgumentError(
                f"Incompatible batch sizes: {batch[0].name} was fed {batch[1]} examples and {key.name} {size}; every "
                "None dimension is the batch size m, so feed arrays with the same number of examples")
        batch = (key, size)
    return batch


class _DefaultContext:
    def __init__(self, session):
        self.session = session

    def __enter__(self):
        _default_sessions.append(self.session)
        return self.session

    def __exit__(self, *exc):
        _default_sessions.remove(self.session)


class InteractiveSession(Session):
    """A session that installs itself as the default, for ``.eval()`` in notebooks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _default_sessions.append(self)

    def close(self) -> None:
        if self in _default_sessions:
            _default_sessions.remove(self)
        super().close()


def _internal(value: np.ndarray):
    """Session storage: 0-d → NumPy scalar; rank 1 → column; rank 2 as is."""
    if value.ndim == 0:
        return value[()]
    return value.reshape(-1, 1) if value.ndim == 1 else value


def _to_tf(tensor: Tensor, value):
    """A computed value in the tensor's TF shape and dtype (a NumPy scalar for rank 0)."""
    array = np.asarray(value, dtype=tensor.dtype.name)
    if tensor.shape == ():
        return array.reshape(())[()]
    return np.array(array.reshape(-1) if len(tensor.shape) == 1 else array)


def _program_dtype(tensors: list, symbols: list) -> str:
    """The float dtype fetched tensors are computed in: theirs, else the one their inputs declare."""
    declared = [t.dtype.name for t in tensors if t.dtype.is_floating]
    if not declared:
        declared = [getattr(s, "dtype", "float64") for s in symbols]
    return "float32" if "float32" in declared else "float64"


def constant_value(tensor: Tensor):
    """Evaluate a tensor that reads no variable or placeholder (initial values)."""
    constants = get_default_graph().constants
    symbols = free_inputs([tensor.expr])
    unbound = [s for s in symbols if s not in constants]
    if unbound:
        raise ValueError(f"{tensor.name} depends on {unbound}; an initial value must be a constant")
    dtype = tensor.dtype.name if tensor.dtype.is_floating else "float64"
    function, _ = compile_expressions([tensor.expr], symbols, dtype=dtype)
    return _to_tf(tensor, function(*(constants[s] for s in symbols))[0])


def _initialize(variables):
    def run(session, feed):
        for variable in variables:
            session._assign(variable, variable.initial_value)
    return run


def global_variables_initializer() -> Operation:
    """An operation that sets every variable of the default graph to its initial value."""
    return Operation("init", _initialize(list(get_default_graph().variables)))


def variables_initializer(var_list) -> Operation:
    return Operation("init", _initialize(list(var_list)))

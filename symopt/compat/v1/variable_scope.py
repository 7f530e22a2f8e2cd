"""``tf.get_variable`` and ``tf.variable_scope``: named variables, shared only when asked.

``get_variable("W", shape, initializer=...)`` creates ``W`` once; asking again for the
same name raises TF1's ``ValueError`` unless the enclosing ``variable_scope`` has
``reuse=True`` (the variable must exist) or ``reuse=tf.AUTO_REUSE`` (created if missing).
The store and the scope stack belong to the default graph.
"""

from __future__ import annotations

import numbers

import numpy as np

from ...errors import ConfigurationError, UnsupportedOperationError
from . import dtypes
from .constants import not_symbolic
from .errors import missing_attributes, rank_above_2
from .graph import Tensor, get_default_graph, name_scope, shape_text
from .scope_names import check_scope_name
from .variables import Variable, initial_array, packed
from .init_ops import (TFInitializer, glorot_uniform_initializer, random_normal_initializer,
                       truncated_normal_initializer, variance_scaling_initializer, zeros_initializer)
from .regularizers import checked_regularizer, regularize

__all__ = ["get_variable", "variable_scope", "AUTO_REUSE", "get_variable_scope", "unique_scope_name", "slot_prefix"]


class _ReuseMode:
    def __repr__(self) -> str:
        return "_ReuseMode.AUTO_REUSE"  # TF1's enum member


#: ``reuse=tf.AUTO_REUSE``: return the variable if it exists, create it otherwise.
AUTO_REUSE = _ReuseMode()


class VariableScope:
    """One level of ``tf.variable_scope``: its name, reuse mode (``False`` unless set, as TF1) and defaults;
    ``original_name_scope`` is the name scope it opened (``"foo/"``; ``""`` for the root), where TF1 code puts ops
    back with ``tf.name_scope(scope.original_name_scope)``.  Attributes TF1 has and symopt does not are typed
    refusals (:class:`~symopt.compat.v1.errors.UnsupportedNameError`)."""

    partitioner = custom_getter = constraint = None  # TF1's when none is set (variable_scope refuses them)

    def __init__(self, name: str, reuse=False, initializer=None, dtype=None, regularizer=None,
                 original_name_scope: str = "", caching_device=None, use_resource=None):
        self.name, self.reuse, self.initializer, self.declared_dtype = name, reuse, initializer, dtype
        self.regularizer = regularizer  # get_variable's default regularizer inside the scope
        self.original_name_scope = original_name_scope
        self.caching_device, self.use_resource = caching_device, use_resource

    @property
    def dtype(self) -> dtypes.DType:
        """The dtype of the variables ``get_variable`` makes without one (TF1's default ``tf.float32``)."""
        return self.declared_dtype or dtypes.float32

    def __repr__(self) -> str:
        return f"<tf.VariableScope {self.name!r} reuse={self.reuse!r}>"

    def reuse_variables(self) -> None:
        """From now on inside this scope, ``get_variable`` returns existing variables (``reuse=True``)."""
        self.reuse = True

    def set_initializer(self, initializer) -> None:
        self.initializer = initializer

    def set_dtype(self, dtype) -> None:
        self.declared_dtype = dtypes.as_dtype(dtype)

    def set_regularizer(self, regularizer) -> None:
        self.regularizer = checked_regularizer(regularizer)

    def get_collection(self, name: str) -> list:
        """TF1's ``scope.get_collection(key)``: the items of the collection under this scope's name."""
        return get_default_graph().get_collection(name, self.name or None)

    def trainable_variables(self) -> list:
        return self.get_collection("trainable_variables")

    def global_variables(self) -> list:
        return self.get_collection("variables")

    __getattr__ = missing_attributes("tf.VariableScope")


def get_variable_scope() -> VariableScope:
    """The innermost scope (the root scope, named ``""``, outside any ``with tf.variable_scope``: one per graph and
    thread, so ``tf.get_variable_scope().reuse_variables()`` at the top level holds for the rest of what this thread
    builds in the graph, as TF1)."""
    graph = get_default_graph()
    if graph.scopes:
        return graph.scopes[-1]
    if graph.building.root_scope is None:  # reuse False, dtype float32 until set
        graph.building.root_scope = VariableScope("")
    return graph.building.root_scope


def slot_prefix() -> str:
    """What TF1's slot creator puts before ``primary/name`` of a slot (an optimizer's ``w/Adam``, an
    ``ExponentialMovingAverage`` shadow): the variable scope's name and ``/`` (no name scope's), so a slot of
    ``bn/u`` made inside ``tf.variable_scope("bn")`` is ``bn/bn/u/Adam``; empty at the top level."""
    scope = get_variable_scope().name
    return f"{scope}/" if scope else ""


def _current_name_scope() -> str:
    """The name scope ops are made in now, as TF1 writes it (``"outer/"``; ``""`` at the top level)."""
    scopes = get_default_graph().name_scopes
    return f"{scopes[-1]}/" if scopes and scopes[-1] else ""


def _scope_counts(graph) -> dict:
    """How often each variable scope's full name was entered since its enclosing scope was last left (TF1's
    ``_VariableScopeStore.variable_scopes_count``)."""
    return graph.building.variable_scope_counts


def unique_scope_name(default_name: str) -> str:
    """``default_name`` made unique among the variable scopes entered in the current one (``dense``, ``dense_1``,
    ...), as TF1's ``variable_scope(None, default_name=...)`` and its unnamed layers: counted per enclosing scope,
    and counted afresh once the enclosing scope is left (a second ``with tf.variable_scope("target")`` numbers its
    layers from ``dense`` again)."""
    counts = _scope_counts(get_default_graph())
    outer = get_variable_scope().name
    prefix = f"{outer}/{default_name}" if outer else default_name
    if not counts.get(prefix):
        return default_name
    index = 1
    while counts.get(f"{prefix}_{index}"):
        index += 1
    return f"{default_name}_{index}"


class variable_scope:  # noqa: N801 - TF1's name
    """``with tf.variable_scope("layer1", reuse=None, initializer=None, dtype=None):`` prefixes names with
    ``layer1/``; ``reuse`` is inherited by inner scopes once set.  ``tf.variable_scope(None, default_name="block")``
    is ``block``, then ``block_1``, ... (:func:`unique_scope_name`); a captured scope re-entered
    (``with tf.variable_scope(scope):``) is that scope, wherever it is entered."""

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None, regularizer=None,
                 caching_device=None, partitioner=None, custom_getter=None, reuse=None, dtype=None,
                 use_resource=None, constraint=None, auxiliary_name_scope=True):
        if name_or_scope is None and default_name is None:
            raise TypeError("If default_name is None then name_or_scope is required")
        if name_or_scope is None and reuse is True:
            raise ValueError("reuse=True cannot be used without a name_or_scope")
        for argument, value in (("partitioner", partitioner), ("custom_getter", custom_getter),
                                ("constraint", constraint)):
            if value is not None:  # get_variable refuses them too: never a scope that ignores them silently
                raise UnsupportedOperationError(f"tf.variable_scope({argument}=...) is not supported by "
                                                "symopt.compat.v1; leave it out")
        self.name_or_scope, self.default_name = name_or_scope, default_name
        self.reuse, self.initializer, self.dtype = reuse, initializer, dtype
        self.regularizer = checked_regularizer(regularizer) or getattr(name_or_scope, "regularizer", None)
        self.caching_device, self.use_resource = caching_device, use_resource
        self.auxiliary_name_scope = auxiliary_name_scope

    def __enter__(self) -> VariableScope:
        graph = get_default_graph()
        outer = get_variable_scope()
        reuse = self.reuse if outer.reuse in (None, False) else outer.reuse
        captured = self.name_or_scope if isinstance(self.name_or_scope, VariableScope) else None
        if captured is not None and not self.reuse and outer.reuse in (None, False):
            reuse = captured.reuse  # TF1: a captured scope re-entered keeps its reuse (s.reuse_variables() after)
        if captured is not None:  # TF1: the captured scope itself, not nested
            name = captured.name
            names = name.split("/")[-1]  # TF1's name scope: a new one named by its last part
        else:  # "" (tf.variable_scope("", reuse=True): the root's variables by full name) names no scope of its own
            short = unique_scope_name(self.default_name) if self.name_or_scope is None else self.name_or_scope
            name = f"{outer.name}/{short}" if outer.name else short
            names = self.default_name if self.name_or_scope is None else self.name_or_scope  # made unique
        # ops inside: "<scope>/..."; TF1 opens no name scope for "", and its original_name_scope is ""
        self._names = name_scope(names) if self.auxiliary_name_scope and names != "" else None
        opened = self._names.__enter__() if self._names is not None else None
        if captured is not None:
            original = captured.original_name_scope
        else:
            original = opened if opened is not None else "" if names == "" else _current_name_scope()
        defaults = captured if captured is not None else outer  # TF1: a captured scope keeps its own (F44b-4)
        scope = VariableScope(name, reuse if reuse is not None else False, self.initializer or defaults.initializer,
                              self.dtype or defaults.declared_dtype, self.regularizer or defaults.regularizer,
                              original, self.caching_device or defaults.caching_device, self.use_resource)
        counts = _scope_counts(graph)
        counts[name] = counts.get(name, 0) + 1
        graph.scopes.append(scope)
        self._graph, self._scope = graph, scope
        return scope

    def __exit__(self, *exc):
        if self._names is not None:
            self._names.__exit__(*exc)
        self._graph.scopes.pop()
        counts, inside = _scope_counts(self._graph), f"{self._scope.name}/"
        for name in counts:  # TF1's close_variable_subscopes: scopes inside it are counted afresh
            if name.startswith(inside):
                counts[name] = 0


def _check_shape(name: str, shape, initializer) -> None:
    """TF1's ``ValueError`` for a shape given with a constant initializer, or a shape not fully defined, raised
    before it opens the variable's name scope (the name stays free: review final44b F44b-8)."""
    if isinstance(initializer, Tensor) or not callable(initializer):
        if shape is not None:
            raise ValueError("If initializer is a constant, do not specify shape.")
    elif shape is None or any(d is None for d in shape):
        shown = "<unknown>" if shape is None else shape_text(shape)
        raise ValueError(f"Shape of a new variable ({name}) must be fully defined, but instead was {shown}.")


def _initial_value(name: str, shape, dtype: dtypes.DType, initializer):
    """The initial value: an array, or a random initializer's tensor; a constant initializer fixes the shape
    itself (the shape checked by :func:`_check_shape`)."""
    if isinstance(initializer, Tensor) or not callable(initializer):
        value = initial_array(initializer) if isinstance(initializer, Tensor) else np.asarray(initializer)
        if value.dtype == object:  # a SymPy expression or number: TF1's conversion failure (46b-6)
            not_symbolic(initializer, "tf.get_variable", numbers_too=True)
        return np.asarray(value, dtype=dtype.name)
    if len(shape) > 2:  # before an initializer draws (a conv filter [4, 4, 3, 8]: probe25 P25-5)
        raise rank_above_2(f"tf.get_variable {name} of shape {list(shape)}")
    if isinstance(initializer, TFInitializer):
        if dtype.is_integer:
            _check_integer_initializer(initializer, shape, dtype)
        if initializer.random_op is not None:  # TF1's random op: drawn anew at each run of the initializer
            return initializer.initial_tensor(shape, dtype, name)
        return initializer.draw(shape, dtype)
    value = initializer(tuple(shape), dtype.name)
    return initial_array(value) if isinstance(value, Tensor) else np.asarray(value, dtype=dtype.name)


def _check_integer_initializer(initializer, shape, dtype: dtypes.DType) -> None:
    """TF1's ``TypeError`` for an integer variable whose initializer gives floats (Glorot, normal, truncated normal,
    variance scaling; a constant that is not a whole number), never a silent truncation toward zero."""
    if isinstance(initializer, (random_normal_initializer, truncated_normal_initializer,
                                variance_scaling_initializer)):
        given = "floats"  # nothing drawn: the graph's random state stays as it was
    else:
        values = np.ravel(np.asarray(getattr(initializer, "value", 0), dtype=np.float64))
        fractional = values[values != np.round(values)]
        if not fractional.size:
            return
        given = f"{float(fractional[0])!r} of type 'float'"
    raise TypeError(f"Expected {dtype.name}, but got {given}. ({type(initializer).__name__} gives floats: create the "
                    "variable with a float dtype, or give integers)")


def get_variable(name: str, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
                 collections=None, caching_device=None, partitioner=None, validate_shape=True, use_resource=None,
                 custom_getter=None, constraint=None, synchronization=None, aggregation=None) -> Variable:
    """``tf.get_variable``: a new variable named ``scope/name`` (default initializer: Glorot uniform, zeros for
    integers), or the existing one when the scope reuses variables.  A new variable's ``regularizer`` (or the
    scope's) penalty is added to ``tf.GraphKeys.REGULARIZATION_LOSSES`` (:func:`~.regularizers.regularize`)."""
    for argument, value in (("partitioner", partitioner), ("custom_getter", custom_getter)):
        if value is not None:
            raise UnsupportedOperationError(f"get_variable({name!r}): {argument}= is not supported by symopt.compat.v1; "
                                            "leave it out")
    checked_regularizer(regularizer)
    graph = get_default_graph()
    scope = get_variable_scope()
    full_name = f"{scope.name}/{name}" if scope.name else name
    check_scope_name(full_name, root=True)  # TF1 opens the variable's full name as a root scope (F44e-12)
    shape = None if shape is None else tuple(None if d is None else int(d) for d in
                                             ([shape] if isinstance(shape, numbers.Integral) else shape))
    existing = graph.variable_store.get(full_name)
    if existing is not None:
        if scope.reuse in (None, False):
            raise ValueError(f"Variable {full_name} already exists, disallowed. Did you mean to set reuse=True or "
                             "reuse=tf.AUTO_REUSE in VarScope?")
        if shape is not None and tuple(shape) != existing.shape:
            raise ValueError(f"Trying to share variable {full_name}, but specified shape {shape_text(shape)} and "
                             f"found shape {shape_text(existing.shape)}.")
        specified = dtypes.as_dtype(dtype if dtype is not None else scope.dtype)  # TF1: omitted is the scope's
        if specified != existing.dtype:  # float32 unless set, also for an int32 counter made from 0 (probe70 P70-2)
            raise ConfigurationError(
                f"Trying to share variable {full_name}, but specified dtype {specified.name} and found dtype "
                f"{existing.dtype.name}. (give the variable's dtype, tf.get_variable({name!r}, "
                f"dtype=tf.{existing.dtype.name}), or the scope's, tf.variable_scope(..., dtype=tf.{existing.dtype.name}))")
        return existing
    if scope.reuse is True:
        raise ValueError(f"Variable {full_name} does not exist, or was not created with tf.get_variable(). "
                         "Did you mean to set reuse=tf.AUTO_REUSE in VarScope?")
    initializer = packed(initializer, None if dtype is None else dtypes.as_dtype(dtype))  # [a, b]: tf.stack'd
    constant = initializer is not None and (isinstance(initializer, Tensor) or not callable(initializer))
    if dtype is not None and constant:  # TF1 converts the value alone, then compares (probe28 P28-8)
        given = initializer.dtype if isinstance(initializer, Tensor) else dtypes.infer_dtype(initializer)
        if given != dtypes.as_dtype(dtype):
            raise ValueError(f"Initializer type '{given}' and explicit dtype '{dtypes.as_dtype(dtype)}' don't match. "
                             f"(tf.get_variable {full_name}: give a value of that dtype, "
                             f"np.asarray(value, np.{dtypes.as_dtype(dtype).name}), or leave dtype out)")
    if dtype is None and scope.declared_dtype is None and constant:  # TF1: a value's own dtype (0: int32, float64 arrays)
        dtype = initializer.dtype if isinstance(initializer, Tensor) else dtypes.infer_dtype(initializer)
    dtype = dtypes.as_dtype(dtype or scope.dtype)
    if initializer is None:
        initializer = scope.initializer or (glorot_uniform_initializer() if dtype.is_floating else zeros_initializer())
    if isinstance(initializer, type):  # TF1 instantiates a class: initializer=tf.zeros_initializer, as books write it
        initializer = initializer()
    _check_shape(full_name, shape, initializer)
    with graph.name_used_on_failure(full_name, scoped=False):  # TF1 has opened the variable's scope: a refused
        value = _initial_value(full_name, shape, dtype, initializer)  # initializer uses the name up (F43b-4)
    variable = Variable(value, trainable=True if trainable is None else trainable, name=full_name, dtype=dtype,
                        collections=collections, constraint=constraint, scoped=False)
    constant_op = getattr(initializer, "constant_op", None) if isinstance(initializer, TFInitializer) else None
    variable.initial_op = None if constant_op is None else f"{full_name}/Initializer/{constant_op}"  # TF1's b/Initializer
    # /zeros (P84-6); a random initializer's tensor has its own name (initial_tensor)
    graph.variable_store[full_name] = variable
    regularize(variable, regularizer if regularizer is not None else scope.regularizer)
    return variable

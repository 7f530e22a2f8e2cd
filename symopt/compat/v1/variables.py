"""TF1's variables: ``tf.Variable`` (with ``assign``, ``initializer``, ``load``) and ``tf.assign``,
``tf.assign_add``, ``tf.assign_sub``.

The names of assignments.py, initial_values.py, placeholders.py and variable_views.py are re-exported
(``tf.placeholder``, ``Assignment`` and ``view`` used to live here); the dtype and shape refusals are
variable_checks.py's.
"""

from __future__ import annotations

import numpy as np
import sympy

from ...errors import UnsupportedOperationError
from ...symbols import Variable as CoreVariable
from . import dtypes as _dtypes
from .assignments import Assignment, ValueAfter
from .constants import check_number, not_symbolic
from .default_graph import name_scope, unnamed
from .default_session import session_for
from .graph import (OpHandle, Operation, Tensor, as_tensor, constant, get_default_graph, holds_tensors,
                    program_dtype)
from .errors import InvalidArgumentError, NoneValueError, missing_attributes, rank_above_2
from .initializer_ops import initializer_of
from .initial_values import draws_randomly, initial_array, variables_read
from .placeholders import placeholder, stand_in
from .read_snapshots import read_ref, ref_behind
from .recording import recorded
from .tensor_shape import TensorShape
from .variable_checks import check_delta_shape, check_initial_dtype, refuse_shape_change
from .variable_collections import join_collections
from .variable_views import reads_after_run, view

__all__ = ["Variable", "assign", "assign_add", "assign_sub", "placeholder", "stand_in", "Assignment", "ValueAfter",
           "initial_array", "variables_read", "draws_randomly", "view", "reads_after_run"]


class Variable(Tensor):
    """``tf.Variable(initial_value, trainable=True, name=None, dtype=None)``; the dtype is inferred as TF1
    does (a Python float gives float32, a float64 NumPy array float64)."""

    #: The initial value as a tensor when it reads other variables (``tf.Variable(v1 + 10)``) or random tensors
    #: (``tf.Variable(tf.random_normal([2, 3]))``, drawn anew at each run of the initializer), else None.
    initial_tensor = None
    op_type = "VariableV2"  # TF1's ``v.op.type``, whatever the variable's name

    @property
    def view_of(self) -> "Variable":
        """A variable is a view of its own storage (see :func:`view`)."""
        return self

    def __init__(self, initial_value=None, trainable: bool = True, name: str | None = None, dtype=None,
                 shape=None, validate_shape=True, collections=None, caching_device=None, variable_def=None,
                 expected_shape=None, import_scope=None, constraint=None, use_resource=None, synchronization=None,
                 aggregation=None, *, scoped: bool = True):
        # caching_device, expected_shape, import_scope, use_resource, synchronization, aggregation: placement and
        # distribution details that change no value
        if variable_def is not None:
            raise UnsupportedOperationError("tf.Variable(variable_def=...) (a VariableDef protocol buffer) is not "
                                            "supported by symopt.compat.v1; create the variable from its value")
        graph = get_default_graph()
        if collections is not None and "variables" not in collections and trainable:
            raise UnsupportedOperationError(
                f"tf.Variable {name or 'Variable'}: a trainable variable outside GLOBAL_VARIABLES (collections="
                f"{list(collections)}) is not supported yet by symopt.compat.v1; pass trainable=False (a local counter "
                "or total) or keep tf.GraphKeys.GLOBAL_VARIABLES in collections")
        if constraint is not None and not callable(constraint):  # checked before the name is taken, as in TF1
            raise ValueError("The `constraint` argument must be a callable.")  # TF1's words
        if initial_value is None:  # before the name, as TF1's check: the next tf.Variable(name="q") is q (F43b-7)
            raise ValueError("initial_value must be specified.")
        with graph.name_used_on_failure(name or "Variable", scoped):  # a refused initial value uses the name up
            inferred = None
            if callable(initial_value) and not isinstance(initial_value, Tensor):
                initial_value = initial_value()
            initial_value = packed(initial_value, dtype)
            if dtype is not None:
                check_initial_dtype(initial_value, _dtypes.as_dtype(dtype))
            given_tensor = isinstance(initial_value, Tensor)
            self._initial_value = initial_value if given_tensor else None  # TF1's initial_value: the tensor given
            if isinstance(initial_value, Tensor):
                inferred = initial_value.dtype
                self.initial_tensor = initial_value if variables_read(initial_value) or draws_randomly(initial_value) \
                    else None
                initial_value = initial_array(initial_value)
            if initial_value is None:
                raise ValueError("initial_value must be specified.")
            array = np.asarray(initial_value)
            if array.dtype == object:  # a SymPy expression or number: TF1's conversion failure (46b-6)
                not_symbolic(initial_value, "tf.Variable", numbers_too=True)
            dtype = _dtypes.as_dtype(dtype) if dtype is not None else (inferred or _dtypes.infer_dtype(initial_value))
            value = array.astype(dtype.name)
            if value.ndim > 2:
                raise rank_above_2(f"tf.Variable of shape {value.shape}")
            name = graph.unique_name(name or "Variable", scoped=scoped)
        if dtype.is_floating:
            # the core's starting point must be finite (symopt.minimize); TF1 starts from inf / nan as given
            # (best_loss = tf.Variable(np.inf): probe15 Y10), which the session does from start_value
            finite = value if np.isfinite(value).all() else np.where(np.isfinite(value), value, 0).astype(value.dtype)
            symbol = CoreVariable(name, finite, shape=value.shape, dtype=program_dtype(dtype), trainable=trainable)
        else:
            symbol = sympy.Symbol(name) if value.ndim == 0 else sympy.MatrixSymbol(name, *(value.shape + (1,))[:2])
        super().__init__(symbol, value.shape, dtype, name, exact_name=True)
        self.start_value = value  # the array the initializer assigns (initial_value_in: also of other variables)
        self.trainable = trainable
        #: TF1's ``v.constraint``: a function its optimizers apply after each update (constraints.py), or None.
        self.constraint = constraint
        #: TF1's op of a value given as a number or an array (``x/initial_value``), else None (a tensor's own ops).
        self.initial_op = None if given_tensor else f"{name}/initial_value"
        graph.variables.append(self)
        graph.variable_symbols.add(self.expr)
        if collections is not None:
            join_collections(self, graph, list(collections))


    def __repr__(self) -> str:
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}_ref>"

    __getattr__ = missing_attributes("tf.Variable")  # v.to_proto(): a typed error naming it

    __str__ = __repr__

    @property
    def initializer(self) -> OpHandle:
        """The operation that sets this variable to its initial value: TF1's one op ``v/Assign`` (``inputs`` ``[v,
        v/initial_value]``; a run that feeds ``v.initial_value`` sets the fed value): initializer_ops.py."""
        return initializer_of(self)

    def initialize(self, session, value=None) -> None:
        """Set this variable in ``session`` to ``value``, or to its initial value when ``value`` is None."""
        session.assign(self, self.initial_value_in(session) if value is None else value)

    @property
    def initial_value(self) -> Tensor:
        """TF1's ``v.initial_value``: the tensor the variable was made from, or for a number or an array a constant
        named ``v/initial_value`` (``sess.run(v.initial_value)`` needs no initializer)."""
        if self._initial_value is None:
            graph = self.graph
            graph.rebuilding += 1  # TF1's op, already listed by get_operations (initial_op)
            try:
                with graph.as_default():
                    value = constant(self.start_value, dtype=self.dtype)
                    self._initial_value = Tensor(value.expr, value.shape, self.dtype, self.initial_op or
                                                 f"{self.op_name}/initial_value", exact_name=True)
            finally:
                graph.rebuilding -= 1
        return self._initial_value

    def initial_value_in(self, session) -> np.ndarray:
        """The value this variable's initializer assigns in ``session``.  An initial value that reads other
        variables reads each as TF1's ``initialized_value()`` does: its value in ``session`` when it is
        initialized there, else its own initial value (so ``tf.Variable(v1 + 10)`` follows ``v1.assign``)."""
        if self.initial_tensor is None:
            return self.start_value
        if self.initial_tensor.expr in self.graph.random_draws:  # tf.Variable(tf.random_normal([784, 10])): each
            return np.asarray(session.random_value(self.initial_tensor.expr)).reshape(self.start_value.shape) \
                .astype(self.dtype.name)  # initializer run draws anew, as TF1's
        bound = {variable.expr: np.asarray(variable.initial_value_in(session))
                 for variable in variables_read(self.initial_tensor) if variable.expr not in session.values}
        (value,) = session.evaluate([self.initial_tensor], bound)
        return np.asarray(value, dtype=self.dtype.name)

    def initialized_value(self) -> Tensor:
        """This variable's value, to initialize another variable from it: a variable whose initial value reads it
        starts from its value in the session when it is initialized there, else from its initial value (TF1's
        ``cond(is_initialized(v), v, v.initial_value)``).  Fetched on its own, it needs ``v`` initialized."""
        return view(Tensor(self.expr, self.shape, self.dtype, f"{self.op_name}/initialized_value"), self)

    def value(self) -> Tensor:
        """TF1's ``v.value()``: the tensor ``v/read:0`` that ops read the variable through (:attr:`snapshot`)."""
        return self.snapshot

    @property
    def snapshot(self) -> Tensor:
        """TF1's ``w/read:0``, the tensor ops read the variable through (``op.inputs``): its value, made once."""
        found = self.__dict__.get("_snapshot")
        if found is None:
            self.graph.rebuilding += 1  # listed by Graph.get_operations as the variable's own x/read already
            try:
                found = self._snapshot = view(Tensor(self.expr, self.shape, self.dtype, f"{self.op_name}/read",
                                                     exact_name=True), self)
            finally:
                self.graph.rebuilding -= 1
            found.op_type = "Identity"
            found.read_of = self  # what recording.reachable follows it to
            found._op = OpHandle(found.op_name, "Identity", found, [self])  # TF1's w/read: reads w, gives w/read:0
        return found

    def read_value(self) -> Tensor:
        """TF1's ``read_value()``: a new read of the variable (``read:0``), which takes the control inputs of an
        enclosing ``tf.control_dependencies`` block, so that fetching it runs them first and reads after them; a
        run that feeds the variable reads the fed value (probe13 W11), as ``tf.identity(v)`` does."""
        return read_ref(self)

    def load(self, value, session=None) -> None:
        """Set the value in ``session`` (or the default session) at once; a value of another shape is TF1's
        ``ValueError``, raised before anything is stored."""
        array = np.asarray(value, dtype=self.dtype.name)
        if array.shape != self.start_value.shape:
            raise ValueError(f"Cannot feed value of shape {array.shape} for Tensor {self.name}, which has shape "
                             f"{self.start_value.shape}")
        session_for(session, "load").assign(self, array)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """An operation that sets this variable to ``value`` (a number, an array or a tensor); running it
        returns the new value (with ``read_value=False`` it is TF1's ``assign.op``, which a run fetches as None)."""
        return _read_or_op(assign(self, value, name=name), read_value)

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        return _read_or_op(_assign_by(self, delta, 1, name), read_value)

    def count_up_to(self, limit: int) -> Operation:
        """TF1's ``count_up_to``: running it adds one to this integer variable and returns the value before; at
        ``limit`` it raises ``OutOfRangeError`` and changes nothing."""
        from .errors import OutOfRangeError
        if not self.dtype.is_integer:
            raise TypeError(f"count_up_to needs an int32 or int64 variable; {self.name} is {self.dtype.name}")

        def run(session, feed):
            (value,) = session.evaluate([self], {})
            if value >= limit:
                raise OutOfRangeError(f"Reached limit of {limit}")
            session.assign(self, value + 1)
            return value
        return Operation("CountUpTo", run, returns_value=True, type="CountUpTo")

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        return _read_or_op(_assign_by(self, delta, -1, name), read_value)


def _read_or_op(assignment, read_value: bool):
    """TF1's ``Variable.assign(..., read_value=False)``: the assignment's op, not its value."""
    return assignment if read_value else assignment.op


def _assign_by(ref: "Variable", delta, sign: int, name: str | None) -> "Assignment":
    """TF1's ``AssignAdd`` (``sign`` 1) or ``AssignSub`` (-1) of ``delta`` to ``ref``, named as TF1 names it: the op
    ``AssignAdd`` and, for a number, its constant ``AssignAdd/value``; the sum it stores is computed without a name
    of the program's (TF1 adds in place: no ``add`` op)."""
    op_type = "AssignAdd" if sign > 0 else "AssignSub"
    if delta is None:  # tf.gradients' None of an unused variable (probe13 W1): TF1 refuses it, never a NaN
        raise NoneValueError(delta, "value")
    delta = packed(delta, ref.dtype)
    with get_default_graph().name_used_on_failure(name or op_type):  # TF1 checks the shapes inside the op (F43b-4)
        check_delta_shape(ref, delta, op_type)
    with name_scope(name or op_type) as scope:
        if not isinstance(delta, Tensor) and not hasattr(delta, "as_input"):
            delta = as_tensor(delta, ref.dtype, "value")
        with unnamed():
            current = read_ref(ref)  # the ref itself, also in a run that feeds v/read:0 (TF1 adds in place)
            updated = current + delta if sign > 0 else current - delta
    operation = assign(ref, updated, name=scope[:-1], exact_name=True, op_type=op_type)
    operation.operands = (ref, delta)  # TF1's inputs: the variable and the delta (AssignAdd/value), not a sum
    return _adding(operation, ref, delta, sign)


def _adding(operation: "Assignment", ref: "Variable", delta, sign: int) -> "Assignment":
    """``operation`` (``ref = ref ± delta``) noted as TF1's in-place ``AssignAdd`` / ``AssignSub``: in a run with other
    updates (:mod:`~symopt.compat.v1.run_together`) ``delta`` is computed at the start and added to the value ``ref``
    has when the operation runs, so two of them in one run both count."""
    if not isinstance(operation, Assignment) or not isinstance(delta, (Tensor, int, float, np.number, np.ndarray)):
        return operation
    if getattr(delta, "view_of", None) is not None:  # a variable as it is: its buffer is read when this runs (TF1:
        operation.early = None  # [tf.assign_add(a, c), tf.assign_add(c, a)] adds the new a to c)
        return operation
    delta = delta if isinstance(delta, Tensor) else as_tensor(np.asarray(delta, dtype=ref.dtype.name))
    if tuple(delta.shape) != tuple(ref.shape) or delta.dtype != ref.dtype:
        return operation  # broadcast or cast: the whole new value is computed at the start instead

    def store(session, computed):
        (current,) = session.evaluate([ref], {})
        return session.assign(ref, np.asarray(current + sign * np.asarray(computed, dtype=ref.dtype.name),
                                              dtype=ref.dtype.name))
    operation.early = (delta, store)
    return operation


def packed(value, dtype):
    """A list holding tensors (``tf.Variable([a, b])``, ``tf.assign(v, [a, b])``) as the tensor TF1 packs it into
    (``tf.stack``); anything else as it is."""
    return as_tensor(value, dtype) if isinstance(value, (list, tuple)) and holds_tensors(value) else value


def _check_assigned_dtype(ref, value, *ignored, **ignored_keywords) -> None:
    """TF1's ``TypeError`` for an assignment of another dtype (never a cast: float64 into float32, int64 into
    int32), also when the value reads a placeholder without a shape (probe70 P70-8)."""
    ref = ref_behind(ref)
    dtype = getattr(value, "dtype", None)
    if isinstance(ref, Variable) and isinstance(value, Tensor) and dtype != ref.dtype:
        raise TypeError(f"Input 'value' of 'Assign' Op has type {dtype.name} that does not match type "
                        f"{ref.dtype.name} of argument 'ref'. (tf.assign to {ref.name}: tf.cast the value first)")


@recorded(returns="assignment")
def assign(ref: Variable, value, validate_shape=None, use_locking=None, name=None, *, exact_name: bool = False,
           op_type: str = "Assign") -> "Assignment":
    """``tf.assign(ref, value)``: an operation that sets the variable ``ref`` to ``value``.  ``exact_name``: ``name``
    is already unique (a name scope's own); ``op_type``: TF1's op type (``AssignAdd`` stores a sum)."""
    ref = ref_behind(ref)
    if not isinstance(ref, Variable):
        if hasattr(ref, "value_in"):  # an optimizer slot (optimizer_slots.SlotVariable): its typed refusal
            return ref.assign(value)
        raise TypeError(f"tf.assign needs a tf.Variable as ref; given {type(ref).__name__}")
    if value is None:  # np.asarray(None, float32) is NaN: TF1 refuses it (probe13 W1)
        raise NoneValueError(value, "value")
    if hasattr(value, "as_input"):  # another assignment's output (tf.assign(u, tf.assign(v, 5.0) + 1.0)): the
        value = value.as_input()  # variable after it, which a run of this assignment runs first (TF1, v-probe V13)
    value = packed(value, ref.dtype)
    if isinstance(value, Tensor):
        _check_assigned_dtype(ref, value)
        shape = tuple(ref.shape)
        if tuple(value.shape) != shape and None not in value.shape:
            refuse_shape_change(ref, value.shape, validate_shape)

        def store(session, computed):
            computed = np.asarray(computed, dtype=ref.dtype.name)
            if computed.size != int(np.prod(shape)):  # a [None] value fed another length: TF1's error, nothing stored
                raise InvalidArgumentError(f"Assign requires shapes of both tensors to match. lhs shape= "
                                           f"{ref.shape.as_list()} rhs shape= {list(computed.shape)} ({ref.name})")
            return session.assign(ref, computed.reshape(shape))

        def run(session, feed):
            (computed,) = session.evaluate([value], feed)
            return store(session, computed)
        operation = Assignment(name or "Assign", run, ref, op_type=op_type, exact_name=exact_name)
        if value.view_of is None:  # a variable read as it is (a swap) is read when the assignment runs, as in TF1
            operation.early = (value, store)  # computed at the start of a run with other updates (run_together.py)
        return operation
    check_number(value, ref.dtype, f" passed to parameter 'value' of op '{op_type}'")  # "1.5": TF1's TypeError
    if ref.dtype.is_integer and not isinstance(value, (np.ndarray, np.generic)) and np.asarray(value).dtype.kind == "f":
        raise TypeError(f"Expected {ref.dtype.name}, got {value!r} of type '{type(value).__name__}' instead. "
                        f"(tf.assign to the {ref.dtype.name} variable {ref.name}: give integers, or cast)")
    target = np.asarray(value, dtype=ref.dtype.name)
    if target.shape != tuple(ref.shape):
        refuse_shape_change(ref, TensorShape(target.shape), validate_shape)

    def run(session, feed):
        return session.assign(ref, target)
    if exact_name:
        return Assignment(name, run, ref, op_type=op_type, exact_name=True)
    with name_scope(name or "Assign") as scope:  # TF1 lists the value as the constant Assign/value
        value = constant(target, dtype=ref.dtype, name="value")
    operation = Assignment(scope[:-1], run, ref, op_type=op_type, exact_name=True)
    operation.operands = (ref, value)
    return operation



def assign_add(ref: Variable, value, use_locking=None, name=None) -> Operation:
    """``tf.assign_add(ref, value)``: ``ref = ref + value``."""
    return ref.assign_add(value, name=name)


def count_up_to(ref: Variable, limit: int, name=None) -> Operation:
    """``tf.count_up_to(ref, limit)``: ``ref.count_up_to(limit)`` (TF1's function form; probe48 P48-7)."""
    if not isinstance(ref, Variable):
        raise TypeError(f"tf.count_up_to expects a tf.Variable (an integer counter); given {ref!r}")
    return ref.count_up_to(limit)


def assign_sub(ref: Variable, value, use_locking=None, name=None) -> Operation:
    """``tf.assign_sub(ref, value)``: ``ref = ref - value``."""
    return ref.assign_sub(value, name=name)


assign.check_when_deferred = _check_assigned_dtype

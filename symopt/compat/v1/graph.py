r"""TF1's graph: tensors that wrap SymPy expressions, variables, placeholders, operations.

A :class:`Tensor` holds a SymPy expression and a TF shape.  Rank-0 tensors are
scalar expressions; rank-1 ``(n,)`` tensors are ``(n, 1)`` matrix expressions;
rank-2 are matrices.  Arithmetic broadcasts the way TF does, producing explicit
SymPy matrix expressions (all-ones products), so symopt's calculus and code
generator serve TF1 programs unchanged.  A placeholder without a shape, and every
op that reads one, is *deferred* (see :mod:`~symopt.compat.v1.recording`): its
expression is built by the session once the fed shapes are known.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable

import numpy as np
import sympy

from ...errors import UnsupportedOperationError
from ...nodes import matmul as matmul_expr, scale, transpose
from ...symbols import Placeholder as CorePlaceholder
from . import dtypes as _dtypes
from .broadcasting import (SCALAR_OPS, broadcast_matrix, broadcast_shape, elementwise_op, exact_exponent, in_floats,
                           lift, matrix_of)
from .default_graph import Graph, get_default_graph, name_scope, reset_default_graph, unnamed
from .default_session import session_for
from .errors import DTypeMismatchError, InvalidArgumentError, NoneValueError, StaticShapeError, missing_attributes
from .tensor_fill import filled
from .floor_mod import floor_mod_of, floor_mod_of_matrix, floor_mod_value
from .wide_integer_ops import past_float64, wide_integer_value
from .folding import real_scalar
from .kernel_functions import uncancelled
from .recording import inputs_of, recorded, substitute
from .tensor_shape import TensorShape, dimension_value, shape_text, unknown_shape
from .unknown_lengths import fixed_lengths

__all__ = ["Graph", "Tensor", "Operation", "get_default_graph", "reset_default_graph", "as_tensor", "constant",
           "bound_constant", "matmul", "shape_text", "broadcast_shape", "broadcast_matrix", "matrix_of", "name_scope",
           "binary", "negate", "convert_pair", "program_dtype", "shape_tuple", "TensorShape", "substituted_value",
           "declared_shape", "Holder", "OpHandle", "run_target"]


def shape_tuple(shape) -> tuple:
    if shape is None:
        return ()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    if isinstance(shape, Tensor) or any(isinstance(d, Tensor) for d in shape):
        raise UnsupportedOperationError(f"a shape given as tensors ({shape!r}) is not supported here by "
                                        "symopt.compat.v1 (tf.zeros, tf.ones, tf.fill and tf.reshape take "
                                        "tf.shape(x)[0]); pass Python ints, or None for the batch dimension")
    return tuple(None if d is None else int(d) for d in shape)


#: TF1's op types of the ops whose default name is not their type (``a * b`` is ``mul``, of type ``Mul``).
OP_TYPES = {"mul": "Mul", "add": "AddV2", "sub": "Sub", "truediv": "RealDiv", "floordiv": "FloorDiv",
            "mod": "FloorMod", "pow": "Pow", "concat": "ConcatV2", "transpose": "Transpose"}


class OpHandle:
    """``tensor.op``: the operation that produces a tensor (its ``name``, ``type`` and ``outputs``); ``runs``: what
    running it by itself runs, where that is not its output (a variable's ``v/Assign``)."""

    runs = None

    def __init__(self, name: str, type: str, output=None, inputs=None):  # noqa: A002 - TF1's name
        self.name, self.type = name, type
        self.outputs = [] if output is None else [output]
        self._inputs = inputs  # given where the output's recipe does not say them (a variable's x/read)

    def values(self) -> tuple:
        """The tensors this operation computes (TF1's ``op.values()``)."""
        return tuple(self.outputs)

    @property
    def inputs(self) -> list:
        """The tensors the op reads (TF1's ``op.inputs``): a binary op's number as its constant (``pow/y:0``), a
        variable as its ``w/read:0`` (an assignment's own variable as itself, TF1's ref input)."""
        from .recording import inputs_of
        if self._inputs is not None:
            return list(self._inputs)
        output = self.outputs[0] if self.outputs else None
        recipe = output.recipe if output is not None else None
        found = getattr(output, "operands", None) or (inputs_of(*recipe[1:]) if recipe is not None else [])
        ref = getattr(output, "ref", None)
        return [i.snapshot if getattr(i, "view_of", None) is i and i is not ref and hasattr(i, "snapshot") else i
                for i in found if isinstance(i, Tensor)]

    def run(self, feed_dict=None, session=None) -> None:
        """TF1's ``op.run()``: run the operation (compute its tensor for its effects) in ``session`` or the default
        session."""
        session_for(session, "run").run(self, feed_dict=feed_dict)

    @property
    def graph(self):
        return self.outputs[0].graph if self.outputs else get_default_graph()

    def get_attr(self, name: str):
        """TF1's NodeDef attributes (``op.get_attr("transpose_a")``) are not kept: a typed error."""
        raise UnsupportedOperationError(f"{self.name}.get_attr({name!r}) is not supported by symopt.compat.v1: its "
                                        "ops keep no NodeDef attributes; read the argument where the op was made")

    __getattr__ = missing_attributes("tf.Operation")

    def __repr__(self) -> str:
        return f"<tf.Operation '{self.name}' type={self.type}>"


def run_target(item):
    """What running ``item`` runs: for a ``tensor.op`` (:class:`OpHandle`) its tensor, or the assignment of
    ``tf.assign(...).op``, or what the handle ``runs`` (a variable's ``v/Assign``); anything else as it is."""
    if isinstance(item, OpHandle):
        if item.runs is not None:  # a variable's own "v/Assign"
            return item.runs
        if not item.outputs:
            raise UnsupportedOperationError(f"running the operation {item.name!r} ({item.type}) by itself is not "
                                            "supported by symopt.compat.v1; run the tensor or operation that uses it")
        return item.outputs[0]
    return item


def declared_shape(tensor: "Tensor") -> TensorShape:
    """TF1's static shape of ``tensor``, known when the graph was made: for a copy a session rebuilt with fed
    shapes (a placeholder without a shape, what is computed from it) the original's, which may be unknown."""
    return tensor.shape if tensor.static_shape is None else tensor.static_shape


class Tensor:
    """A SymPy expression with a TF shape and dtype; ``name`` is made unique in the graph (``Const``,
    ``Const_1``, ...).  A deferred tensor (``expr`` None) has an unknown shape until a session feeds it."""

    __array_priority__ = 100
    recipe = None
    deferred = False
    host = None  # (function, input tensors): a value computed in Python from the program's results (strings)
    picked = None  # a slice's rows and columns of its base matrix (slicing.Picked)
    op_type = None  # TF1's op type where the name does not say it (StridedSlice)
    view_of = None  # the variable whose storage this tensor shows unchanged (variables.view)
    control_inputs = ()  # what a run runs before computing it (tf.control_dependencies)
    static_shape = None  # a copy rebuilt for a run (fed shapes): TF1's static shape, the original's (declared)

    def __init__(self, expr, shape, dtype: _dtypes.DType, name: str | None = None, *, exact_name: bool = False):
        self.expr = expr
        self.shape = unknown_shape() if shape is None else TensorShape(shape)
        self.dtype = dtype
        base = (name or "Tensor").removesuffix(":0")
        op_name = base if exact_name else get_default_graph().unique_name(base)
        self.op_name = op_name
        self.name = f"{op_name}:0"
        self.graph = get_default_graph()
        if not self.graph.rebuilding:
            self.graph.nodes.append(self)
            if self.graph.__dict__.get("control_scope") and self.view_of is not self:  # inside
                self.control_inputs = self.graph.control_scope  # tf.control_dependencies, not a variable (TF1 makes
                # variables outside the block: reading one runs nothing first)

    # -- display (TF1's)
    def __repr__(self) -> str:
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def __str__(self) -> str:
        shape = f", shape={self.shape}" if self.shape.known_rank else ""
        return f'Tensor("{self.name}"{shape}, dtype={self.dtype.name})'

    @property
    def op(self) -> OpHandle:
        named = getattr(self.recipe[0], "tf_name", None) if self.recipe is not None else None
        default = DEFERRED_NAMES.get(getattr(self.recipe[0], "__name__", "")) if named is None and \
            self.recipe is not None and self.recipe[2].get("name") else None  # tf.matmul(.., name="pred"): MatMul
        base = (default or self.op_name).rsplit("/", 1)[-1].split("_")[0]
        return OpHandle(self.op_name, self.op_type or named or OP_TYPES.get(base.lower(), base), self)

    def get_shape(self) -> TensorShape:
        return self.shape

    #: TF1's device placement string: empty, as TF1's for an op placed by no ``tf.device`` (symopt runs on the CPU).
    device = ""
    #: TF1's index of the tensor among its op's outputs (symopt's ops have one).
    value_index = 0

    def consumers(self) -> list:
        """TF1's ``tensor.consumers()``: the graph's ops (as :meth:`Graph.get_operations` lists them) that read
        this tensor, in creation order."""
        from .recording import inputs_of
        return [node.op for node in self.graph.nodes if node.recipe is not None
                and any(i is self for i in inputs_of(*node.recipe[1:]))]

    def set_shape(self, shape) -> None:
        """Check ``shape`` against the known one; a deferred tensor of unknown shape takes it (TF1's static shape)."""
        shape = shape if isinstance(shape, TensorShape) else TensorShape(shape_tuple(shape))
        if not self.shape.is_compatible_with(shape):
            raise ValueError(f"Shapes {self.shape} and {shape} are incompatible")
        if self.deferred and not self.shape.known_rank:
            self.shape = shape

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def eval(self, feed_dict=None, session=None):
        """Evaluate in ``session`` or the default session."""
        return session_for(session).run(self, feed_dict=feed_dict)

    # -- deferred tensors (see recording.py)
    def make_deferred(self, op: Callable, args: tuple, kwargs: dict, returns: str, inputs: list):
        """The stand-in result of ``op(*args, **kwargs)`` while an input's shape is unknown.  When every deferred
        input has a known static shape (``set_shape``), the op is first built on placeholders of those shapes to
        learn the result's static shape and dtype, as TF1's shape inference does."""
        name = kwargs.get("name") or (args[0] if args and isinstance(args[0], str) else
                                      getattr(op, "tf_name", None) or DEFERRED_NAMES.get(op.__name__, op.__name__))
        if returns == "operation":
            result = Operation(name, _deferred_run)
        else:
            shape, dtype, known = _inferred(op, args, kwargs, inputs)
            result = Tensor(None, shape, dtype, name)
            result.dtype_known = known
        result.deferred = True
        result.recipe = (op, args, kwargs)
        return result

    def unresolved(self):
        raise InvalidArgumentError(f"You must feed a value for placeholder tensor '{self.op_name}' with dtype "
                                   f"{self.dtype.tf_name}")

    # -- arithmetic
    def __add__(self, other): return binary("add", self, other)
    def __radd__(self, other): return binary("add", other, self)
    def __sub__(self, other): return binary("sub", self, other)
    def __rsub__(self, other): return binary("sub", other, self)
    def __mul__(self, other): return binary("mul", self, other)
    def __rmul__(self, other): return binary("mul", other, self)
    def __truediv__(self, other): return binary("truediv", self, other)
    def __rtruediv__(self, other): return binary("truediv", other, self)
    def __floordiv__(self, other): return binary("floordiv", self, other)
    def __rfloordiv__(self, other): return binary("floordiv", other, self)
    def __mod__(self, other): return binary("floormod", self, other, name="mod")
    def __rmod__(self, other): return binary("floormod", other, self, name="mod")
    def __pow__(self, other): return binary("pow", self, other)
    def __rpow__(self, other): return binary("pow", other, self)
    def __neg__(self): return negate(self)
    def __gt__(self, other): return _comparison("greater")(self, other)
    def __lt__(self, other): return _comparison("less")(self, other)
    def __ge__(self, other): return _comparison("greater_equal")(self, other)
    def __le__(self, other): return _comparison("less_equal")(self, other)
    def __matmul__(self, other): return matmul(self, other)
    def __rmatmul__(self, other): return matmul(other, self)
    def __and__(self, other): return _comparison("logical_and")(self, other)
    def __rand__(self, other): return _comparison("logical_and")(other, self)
    def __or__(self, other): return _comparison("logical_or")(self, other)
    def __ror__(self, other): return _comparison("logical_or")(other, self)
    def __xor__(self, other): return _comparison("logical_xor")(self, other)
    def __rxor__(self, other): return _comparison("logical_xor")(other, self)
    def __invert__(self): return _comparison("logical_not")(self)
    def __abs__(self): return _comparison("abs")(self)

    def adopt(self, original: "Tensor") -> None:
        """A copy rebuilt for a run keeps the original's static shape (:func:`declared_shape`)."""
        if self.static_shape is None:
            self.static_shape = declared_shape(original)

    def __getitem__(self, index):
        from .slicing import strided_slice  # slicing builds on this module
        return strided_slice(self, index)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Only a variable is assigned (:class:`~symopt.compat.v1.variables.Variable` overrides this); TF1 also
        assigns a slice of one (``W[0].assign(...)``), which symopt does not."""
        raise UnsupportedOperationError(
            f"{self.name}.assign(...): only a tf.Variable can be assigned in symopt.compat.v1 (TF1's sliced "
            "assignment, W[0].assign(...), is not supported yet); assign the whole variable, e.g. "
            "tf.assign(W, new_value)")

    __hash__ = object.__hash__  # identity, as __eq__; C-level, so building a feed_dict costs no Python call

    def __eq__(self, other):  # TF1: identity comparison on tensors
        return self is other

    def __bool__(self):
        raise TypeError("Using a `tf.Tensor` as a Python `bool` is not allowed. Use `if t is not None:` instead of "
                        "`if t:` to test if a tensor is defined, and use TensorFlow ops such as tf.cond to execute "
                        "subgraphs conditioned on the value of a tensor.")

    def __iter__(self):
        if self.deferred or not self.shape or dimension_value(self.shape[0]) is None:
            raise TypeError("Tensor objects are only iterable when eager execution is enabled. To iterate over "
                            "this tensor use tf.map_fn.")
        return iter([self[i] for i in range(self.shape[0])])


#: TF1's op names of the functions whose Python names differ (what a deferred tensor prints).
DEFERRED_NAMES = {
    "matmul": "MatMul", "reduce_sum": "Sum", "reduce_mean": "Mean", "reduce_max": "Max", "reduce_min": "Min",
    "cast": "Cast", "reshape": "Reshape", "softmax": "Softmax", "log_softmax": "LogSoftmax", "argmax": "ArgMax",
    "argmin": "ArgMin", "equal": "Equal", "identity": "Identity", "bias_add": "BiasAdd", "leaky_relu": "LeakyRelu",
    "l2_loss": "L2Loss", "greater": "Greater", "less": "Less", "greater_equal": "GreaterEqual",
    "less_equal": "LessEqual", "not_equal": "NotEqual", "maximum": "Maximum", "minimum": "Minimum",
    "negate": "Neg", "round": "Round", "tensordot": "Tensordot", "shape": "Shape", "size": "Size", "concat": "concat",
    "where": "Select", "transpose": "transpose",
    "softmax_cross_entropy_with_logits": "softmax_cross_entropy_with_logits",
    "sigmoid_cross_entropy_with_logits": "logistic_loss",
}


#: Probe shapes for a deferred input of unknown rank, tried in turn to learn a result's dtype (``tf.argmax(y, 1)``
#: of a shape-less ``y`` builds on a matrix only).
_RANK_PROBES = ((), (1,), (1, 1))


def _inferred(op: Callable, args: tuple, kwargs: dict, inputs: list) -> tuple:
    """``(static shape or None, dtype, whether the dtype is known)`` of a deferred op's result, from building it
    on probe placeholders (else the dtype is a guess: a named dtype, the op's ``result_dtype``, its first input's)."""
    from .recording import substitute
    deferred = [n for n in inputs if n.deferred]
    named = [a for a in (*args, *kwargs.values()) if isinstance(a, _dtypes.DType)]  # tf.cast(x, tf.int32)
    source = kwargs.get(getattr(op, "dtype_from", None))  # the argument whose dtype the result has (xent: logits)
    declared = named[0] if named else getattr(op, "result_dtype", None) or getattr(source, "dtype", None)
    guess = (declared or next((n.dtype for n in inputs if isinstance(n, Tensor)), _dtypes.float32), declared is not None)
    graph = get_default_graph()
    strict = all(getattr(n, "dtype_known", True) for n in deferred)  # a guessed input's mismatch is no error
    if not all(isinstance(n, Tensor) and n.shape.known_rank for n in deferred):
        static_shape = getattr(op, "static_shape", None)  # a full reduction is a scalar whatever its input's shape
        shape = static_shape(args, kwargs) if static_shape else None
        if not all(isinstance(n, Tensor) for n in deferred):
            return shape, *guess
        for probe_shape in _RANK_PROBES:  # the inputs' dtypes checked, the result's learnt, on the first that builds
            probes = {id(n): _probe(n, graph, tuple(n.shape) if n.shape.known_rank else probe_shape) for n in deferred}
            built = _built(op, substitute(args, probes), substitute(kwargs, probes), graph, strict)
            if built is not None:
                return shape, built[1], True
        return shape, *guess
    probes = {id(n): _probe(n, graph, tuple(n.shape)) for n in deferred}
    built = _built(op, substitute(args, probes), substitute(kwargs, probes), graph, strict, exact=True)
    if built is None and any(None in tuple(n.shape)[1:] for n in deferred):
        built = _built_with_sizes(op, args, kwargs, inputs, graph, strict)
    return (*built, True) if built is not None else (None, *guess)


def _built_with_sizes(op: Callable, args: tuple, kwargs: dict, inputs: list, graph: Graph, strict: bool):
    """``(shape, dtype)`` of ``op`` of a deferred input with unknown dimensions past the first (``[None, None]``),
    built with those dimensions set to each size the other inputs have (``tf.matmul(X, W)`` of a ``(5, 3)`` ``W``
    builds with 5 alone: ``(?, 3)``, as TF1's shape inference says), or None; a dimension of the result that differs
    from one size to another (``X + 1.0`` builds with every size) is unknown."""
    deferred = [n for n in inputs if n.deferred]
    sizes = sorted({d for n in inputs if isinstance(n, Tensor) and not n.deferred and n.shape.known_rank
                    for d in n.shape.as_list() if d is not None and d > 1} | {2, 3})
    results = []
    for size in sizes:  # 2 and 3 too: an op that takes any size gives results that differ
        probes = {id(n): _probe(n, graph, (n.shape.as_list()[0], *(size if d is None else d
                                                                      for d in n.shape.as_list()[1:])))
                  for n in deferred}
        built = _built(op, substitute(args, probes), substitute(kwargs, probes), graph, strict)
        if built is not None and built[0].known_rank:
            results.append((size, built[0].as_list(), built[1]))
    if not results or len({len(shape) for _, shape, _ in results}) > 1:
        return None
    shape = [d if all(other[i] == d for _, other, _ in results) else None for i, d in enumerate(results[0][1])]
    return TensorShape(shape), results[0][2]


def _built(op: Callable, args: tuple, kwargs: dict, graph: Graph, strict: bool, exact: bool = False) -> tuple | None:
    """``(shape, dtype)`` of ``op`` built on probes, or None; inputs of different dtypes raise TF1's ``TypeError``
    (:class:`DTypeMismatchError`) here, when the op is made, whatever the probes' shapes (``strict``: every
    deferred input's dtype is known, not guessed), and with ``exact`` probes (of the inputs' static shapes) static
    shapes that do not match raise TF1's ``ValueError`` (:class:`StaticShapeError`)."""
    graph.rebuilding += 1
    try:
        result = op(*args, **kwargs)
        return (result.shape, result.dtype) if isinstance(result, Tensor) else None
    except DTypeMismatchError:
        if strict:
            raise
        return None
    except StaticShapeError:
        if exact:
            raise
        return None
    except Exception:  # noqa: BLE001 - shape inference is best effort: the session builds the real op later
        return None
    finally:
        graph.rebuilding -= 1


def _probe(tensor: Tensor, graph: Graph, shape: tuple) -> Tensor:
    """A placeholder of ``shape`` and ``tensor``'s dtype (for shape and dtype inference only: not one of the graph's
    ops, so ``get_operations`` lists a placeholder without a shape once, probe11 U3)."""
    symbol = CorePlaceholder(graph.unique_name(f"{tensor.op_name}/probe", scoped=False), shape=shape,
                             dtype=program_dtype(tensor.dtype) if tensor.dtype.is_floating else "float64")
    with unnamed():
        return Tensor(symbol, shape, tensor.dtype, tensor.op_name, exact_name=True)


def substituted_value(holder: "Holder", changed: list) -> Tensor:
    """The held tensor for a run that feeds tensors between its inputs: a gradient made with ``refresh`` is
    computed again with the fed tensors as inputs (TF1's: the gradient passes through a fed tensor to its inputs,
    at the fed value); otherwise the values of replaced tensors are substituted into its expression."""
    fed = [(old, new) for old, new in changed if getattr(new, "stands_for", None) is old and old.expr is not None]
    if fed and holder.refresh is not None:
        return holder.refresh(fed)
    original = holder.value
    mapping = {old.expr: new.expr for old, new in changed
               if isinstance(old, Tensor) and old.expr is not None and new.expr is not None and old is not new}
    expr = original.expr.xreplace(mapping) if mapping else original.expr
    if expr is original.expr:
        return original
    return Tensor(expr, original.shape, original.dtype, original.op_name)


substituted_value.substitutes_values = True


class Holder:
    """Wraps a value in a recipe so that rebuilding does not visit it; ``refresh(fed)``, where given, makes the
    value again for a run that feeds the tensors of ``fed`` (``(tensor, stand-in)`` pairs)."""

    def __init__(self, value, refresh: Callable | None = None):
        self.value = value
        self.refresh = refresh


def _comparison(name: str) -> Callable:
    """``tf.greater`` & co., the logical ops and ``tf.abs`` (their modules build on this one, so they are looked up
    when first used)."""
    from . import comparison_ops, math_ops
    return getattr(comparison_ops, name, None) or getattr(math_ops, name)


def _deferred_run(session, feed):
    raise AssertionError("a deferred operation is rebuilt by the session before it runs")


def program_dtype(dtype: _dtypes.DType) -> str:
    """float16 tensors are computed in float32 (and rounded when fetched)."""
    return "float32" if dtype.name == "float16" else dtype.name


class Operation:
    """Something ``Session.run`` executes for its effect; fetching it returns ``None`` (an assignment returns
    the new value, as TF1's ``assign`` does)."""

    recipe = None
    deferred = False
    device = ""  # TF1's placement string (no tf.device: empty)
    control_inputs = ()  # what a run runs before this one (tf.control_dependencies)
    branches = ()  # ((pred, taken), ...): made inside tf.cond branches, it runs only where each is taken

    def __init__(self, name: str, run: Callable[[Any, dict], Any], returns_value: bool = False, type: str = "NoOp",  # noqa: A002
                 *, exact_name: bool = False):
        graph = get_default_graph()
        graph.check_not_finalized()
        self.name = name if exact_name else graph.unique_name(name)
        self.type = type
        self._run = run
        self.returns_value = returns_value
        self.graph = graph
        graph.operations.append(self)
        if not graph.rebuilding:
            graph.nodes.append(self)
            if graph.__dict__.get("control_scope"):  # inside tf.control_dependencies (control_dependencies.py)
                self.control_inputs = graph.control_scope

    @property
    def op(self) -> "Operation":
        return self

    def execute(self, session, feed: dict):
        """Run the operation's effect in ``session`` with ``feed`` by symbol (what ``Session.run`` does), unless it
        was made inside a ``tf.cond`` branch that this run does not take (then nothing, and ``None``)."""
        return self._run(session, feed) if self.runs_in(session, feed) else None

    def runs_in(self, session, feed: dict) -> bool:
        """Whether a run with ``feed`` (by symbol) takes every ``tf.cond`` branch this operation was made in
        (TF1 runs a branch's operations only when that branch is taken)."""
        return all(session.truth(pred, feed) == taken for pred, taken in self.branches)

    @property
    def outputs(self) -> list:
        """TF1's ``op.outputs``: an operation that returns a value (an assignment) is its own output; others none."""
        return [self] if self.returns_value else []

    def values(self) -> tuple:
        return tuple(self.outputs)

    @property
    def inputs(self) -> list:
        """TF1's ``op.inputs``: the tensors this operation was built from (none for a group or a no-op, whose
        operations are control inputs)."""
        from .recording import inputs_of
        return [i for i in inputs_of(*self.recipe[1:]) if isinstance(i, Tensor)] if self.recipe is not None else []

    def adopt(self, original: "Operation") -> None:
        """A copy rebuilt for a run (a session specialising its fetches) keeps the original's ``tf.cond`` branches."""
        self.branches = original.branches

    def run(self, feed_dict=None, session=None):
        session_for(session, "run").run(self, feed_dict=feed_dict)

    def control_input_names(self) -> list:
        """TF1's ``^name`` inputs of a ``NoOp`` (a group, ``tf.no_op``): the ``tf.control_dependencies`` block's, then
        a group's members, in order, each once; a training step's then name what it reads (its loss and gradients,
        where TF1 names its update ops, which symopt does not make), so a drawn graph stays connected."""
        items = getattr(self, "node_inputs", None)
        items = [*(self.control_inputs if items is None else items),
                 *(i for i in (inputs_of(*self.recipe[1:]) if self.recipe is not None else []) if isinstance(i, Tensor))]
        return [f"^{name}" for name in dict.fromkeys(getattr(i, "op_name", None) or i.name for i in items)]

    def __repr__(self) -> str:
        return f"<tf.Operation '{self.name}' type={self.type}>"

    def __str__(self) -> str:
        """TF1's text of the op's NodeDef for a ``NoOp`` (``name: "group_deps"``, ``op: "NoOp"``, ``input: "^Assign"``);
        the repr for others, whose NodeDef attributes symopt does not keep."""
        if self.type != "NoOp":
            return repr(self)
        from .default_graph import NodeDef
        return str(NodeDef(self.name, self.type, self.control_input_names()))


#: Arrays with more entries than this are bound to a symbol at run time instead of being
#: written out as an explicit SymPy matrix (which is slow to build and to print).
EXPLICIT_CONSTANT_ENTRIES = 64


def constant(value, dtype=None, shape=None, name: str | None = None, verify_shape=False) -> Tensor:
    """``tf.constant``: numbers become exact SymPy numbers, small arrays explicit matrices,
    larger arrays a symbol the session binds to the array (see :func:`bound_constant`).
    The dtype is TF1's: Python ints int32, floats float32; NumPy arrays keep theirs; strings are bytes."""
    if isinstance(value, Tensor):
        raise TypeError("tf.constant needs a Python or NumPy value; given a Tensor (use tf.identity)")
    if value is None or (isinstance(value, (list, tuple)) and any(item is None for item in value)):
        raise NoneValueError(value, name)
    dtype = _dtypes.as_dtype(dtype) if dtype is not None else _dtypes.infer_dtype(value)
    if dtype != _dtypes.string and np.asarray(value).dtype.kind in "USOc":  # probe13 W8: x * "2", Decimal, 1j
        raise DTypeMismatchError(f"Expected {dtype.name}, got {value!r} of type '{type(value).__name__}' instead. "
                                 "(a string, Decimal or complex number is no number of a TF1 tensor: convert it "
                                 "with float(...))")
    if dtype.is_integer and not isinstance(value, (np.ndarray, np.generic)) and np.asarray(value).dtype.kind == "f":
        # TF1: a Python float for an integer dtype is a TypeError, 2.0 too (a NumPy float array is truncated)
        raise DTypeMismatchError(f"Expected {dtype.name}, got {value!r} of type '{type(value).__name__}' instead.")
    if dtype == _dtypes.string:
        return _string_constant(value, name)
    array = _converted(value, dtype)
    if shape is not None:
        array = filled(array, shape_tuple(shape), dtype.name, verify_shape)  # TF1's rule: [1, 2] for [4]: 1 2 2 2
    if array.ndim > 2:
        raise UnsupportedOperationError(f"tf.constant of shape {array.shape}: only ranks 0, 1 and 2 are supported "
                                        "by symopt.compat.v1")
    if array.ndim == 0 and not _negative_zeros(array):
        result = Tensor(sympy.Float(float(array), precision=64) if array.dtype.kind == "f" else sympy.Integer(int(array)),
                        (), dtype, name or "Const")
    elif array.size > EXPLICIT_CONSTANT_ENTRIES or past_float64(array) or _wide_integers(array) \
            or _negative_zeros(array):
        result = bound_constant(array, dtype, name or "Const")  # its own dtype: int64 / uint64 always, so
        # x + tf.constant([1, 2], tf.int64) adds in int64; -0.0, which a SymPy number cannot hold (a run's fetches
        # that compute in different float dtypes get a program each: Session.evaluate, probe13 W19)
    else:
        matrix = array.reshape(array.shape[0], -1) if array.ndim == 2 else array.reshape(-1, 1)
        if matrix.dtype.kind == "b":  # tf.bool is 1 / 0 inside the program (a SymPy matrix holds numbers, not booleans)
            matrix = matrix.astype(np.int64)
        result = Tensor(sympy.ImmutableMatrix(matrix.tolist()), array.shape, dtype, name or "Const")
    result.op_type = "Const"  # whatever its name (tf.constant(1.0, name="c"), add/y)
    return result


def _negative_zeros(array: np.ndarray) -> bool:
    """Whether the float ``array`` holds a -0.0, which a SymPy number cannot (``tf.constant(-0.0)`` is bound as an
    array, so ``tf.Print`` writes TF1's ``-0`` and ``1 / -0.0`` is ``-inf``: probe13 W20)."""
    return array.dtype.kind == "f" and bool(np.any((array == 0) & np.signbit(array)))


def _wide_integers(array: np.ndarray) -> bool:
    """Whether ``array`` is of int64 or uint64: bound as an array of that dtype, so ``x + tf.constant([1, 2],
    tf.int64)`` adds in int64 (review3 R2; an explicit matrix prints as float64)."""
    return array.dtype.kind in "iu" and array.dtype.itemsize == 8


def _converted(value, dtype: _dtypes.DType) -> np.ndarray:
    """``value`` as an array of ``dtype``; a Python int outside an integer dtype's range wraps around, two's
    complement, as TF1 converts it (``tf.constant(300, tf.uint8)`` is 44, ``x + 2**40`` of an int32 ``x`` adds 0),
    where NumPy raises ``OverflowError``."""
    try:
        return np.asarray(value, dtype=dtype.name)
    except OverflowError:
        if not dtype.is_integer:
            raise
        return np.asarray(value).astype(dtype.name)


def _string_constant(value, name) -> Tensor:
    """A string constant: running it returns ``bytes`` (``b'Hello'``), as TF1 does."""
    encoded = value.encode() if isinstance(value, str) else value
    if not isinstance(encoded, bytes):
        raise UnsupportedOperationError(f"tf.constant({value!r}): only a single string is supported as a string "
                                        "tensor by symopt.compat.v1")
    tensor = Tensor(None, (), _dtypes.string, name or "Const")
    tensor.host = (lambda: encoded, [])
    return tensor


def bound_constant(array: np.ndarray, dtype: _dtypes.DType, name: str) -> Tensor:
    """A constant array as a symbol of the default graph; sessions bind the array to it when they run."""
    graph = get_default_graph()
    op_name = graph.unique_name(name)
    array = np.array(array, dtype=dtype.name)
    symbol = CorePlaceholder(op_name, shape=array.shape, dtype=program_dtype(dtype) if dtype.is_floating
                             else "float64")
    graph.constants[symbol] = array.reshape(-1, 1) if array.ndim == 1 else array
    return Tensor(symbol, array.shape, dtype, op_name, exact_name=True)


def as_tensor(value, dtype=None, name: str | None = None) -> Tensor:
    """A tensor as is; a Python or NumPy value as a constant of ``dtype`` named ``name`` (default ``Const``; TF1's
    conversion: a Python float for an integer dtype is a TypeError, even an integral one such as ``2.0``)."""
    if isinstance(value, Tensor):
        if dtype is not None and _dtypes.as_dtype(dtype) != value.dtype:
            raise ValueError(f"Tensor conversion requested dtype {_dtypes.as_dtype(dtype).name} for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return value
    if hasattr(value, "as_input"):  # an assignment's output (tf.assign): the variable after it
        return as_tensor(value.as_input(), dtype, name)
    if isinstance(value, (list, tuple)) and _holds_tensors(value):  # TF1 packs it: tf.reduce_mean([loss1, loss2])
        from .concat_ops import stack  # the joining ops build on this module
        return stack([as_tensor(item, dtype if dtype is not None else _packed_dtype(value)) for item in value],
                     name="packed")
    return constant(value, dtype=dtype, name=name)


def _holds_tensors(value) -> bool:
    """Whether a list or tuple holds a tensor (or an assignment), at any depth."""
    return any(isinstance(item, Tensor) or hasattr(item, "as_input") or
               (isinstance(item, (list, tuple)) and _holds_tensors(item)) for item in value)


def _packed_dtype(value):
    """The dtype of the first tensor in a list (its numbers take it, as TF1's packing converts them)."""
    for item in value:
        if isinstance(item, Tensor) or hasattr(item, "as_input"):
            return item.dtype
        if isinstance(item, (list, tuple)) and _holds_tensors(item):
            return _packed_dtype(item)
    return None


def convert_pair(left, right, op: str, names: tuple = (None, None)) -> tuple[Tensor, Tensor]:
    """Both operands of a binary op as tensors of one dtype, as TF1 converts them: a Python or NumPy value
    takes the other operand's dtype (a constant named ``names[0]`` / ``names[1]``, else ``Const``); two tensors of
    different dtypes are a TypeError."""
    if isinstance(left, Tensor) and isinstance(right, Tensor):
        if left.graph is not right.graph:
            raise ValueError(f"{right} must be from the same graph as {left} (in '{op}'): build both in one "
                             "tf.Graph (with graph.as_default():)")
        if left.dtype != right.dtype:
            raise DTypeMismatchError(f"Input 'y' of '{op}' Op has type {right.dtype.name} that does not match type "
                            f"{left.dtype.name} of argument 'x'.")
        return left, right
    if isinstance(right, Tensor):
        return as_tensor(left, right.dtype, names[0]), right
    left = as_tensor(left, name=names[0])
    return left, as_tensor(right, left.dtype, names[1])


#: TF1's op type of each binary op (its error messages name it).
_OP_TYPES = {"add": "Add", "sub": "Sub", "mul": "Mul", "truediv": "RealDiv", "floordiv": "FloorDiv",
             "truncatediv": "TruncateDiv", "floormod": "FloorMod", "pow": "Pow"}
#: Ops that divide by their right operand (a constant zero divisor is bound at run time, where NumPy gives inf/nan).
_DIVISIONS = ("truediv", "floordiv", "truncatediv", "floormod")
#: TF1's true division of integers is floating point: small ints to float32, int32 and int64 to float64.
_TRUEDIV_RESULT = {"int8": _dtypes.float32, "uint8": _dtypes.float32, "int16": _dtypes.float32,
                   "uint16": _dtypes.float32, "int32": _dtypes.float64, "int64": _dtypes.float64}


@recorded
def binary(op: str, left, right, name: str | None = None) -> Tensor:
    """The broadcasting binary op ``op`` (a key of ``SCALAR_OPS``) with TF1's dtype rules: true division of
    integers is floating point; ``floordiv``/``truncatediv`` round the quotient (integers stay integers).  A number
    operand is a constant of the op's own name scope, as in TF1 (``x + 1.0`` makes ``add/y`` and ``add``), so it
    takes none of the program's ``Const`` names."""
    with name_scope(name or op) as scope:
        left, right = convert_pair(left, right, _OP_TYPES[op], names=("x", "y"))
        expr, shape, dtype = _binary_value(op, left, right, name)
    result = Tensor(expr, shape, dtype, scope[:-1], exact_name=True)
    result.operands = (left, right)  # its NodeDef's inputs, a number's constant included (mul/y)
    return result


def _binary_value(op: str, left: Tensor, right: Tensor, name: str | None) -> tuple:
    """``(expression, shape, dtype)`` of :func:`binary`'s op on two tensors of one dtype."""
    left, right = fixed_lengths(left, right, _OP_TYPES[op])  # [None] times [2]: TF1's static shape [2]
    dtype = left.dtype
    if op == "pow" and dtype.is_integer and _has_negative(right.expr):  # TF1's kernel refuses (never 2 ** -1 = 0)
        raise InvalidArgumentError(f"Integers to negative integer powers are not allowed ('{name or 'pow'}' of "
                                   f"{left.name} and {right.name}: cast the base to a float first)")
    if op == "truediv" and dtype.is_integer:
        dtype = _TRUEDIV_RESULT[dtype.name]
    if dtype == _dtypes.string:
        raise UnsupportedOperationError(f"'{op}' on string tensors is not supported yet by symopt.compat.v1")
    shape = broadcast_shape(left.shape, right.shape)
    wide = wide_integer_value(op, left, right, shape)  # int64 past 2**53
    if wide is not None:
        return wide, shape, dtype
    if op in _DIVISIONS and isinstance(right.expr, sympy.Number) and right.expr.is_zero \
            and not isinstance(left.expr, sympy.Number) and dtype.is_floating:
        right = bound_constant(np.asarray(float(right.expr)), right.dtype, right.op_name)  # x / 0.0: IEEE at run time
    if op in _DIVISIONS and left.dtype.is_integer and not isinstance(right.expr, sympy.Number):
        bits = 32 if dtype.name == "float32" else 64  # integers divided by integer tensors: in floats, exactly
        left, right = in_floats(left, bits), in_floats(right, bits)  # same shapes
    if op == "floormod" and dtype.is_floating:  # TF1's exact float remainder (floor_mod.py)
        if shape == ():
            return floor_mod_value(left.expr, right.expr, program_dtype(dtype)), (), dtype
        if right.ndim == 0:
            return floor_mod_of(lift(left, shape), right.expr), shape, dtype
        left_matrix = lift(left, shape)
        return floor_mod_of_matrix(left.expr if left_matrix is None else left_matrix, lift(right, shape)), shape, dtype
    if shape == ():
        exponent = exact_exponent(right.expr) if op == "pow" else right.expr
        build = SCALAR_OPS[op] if not dtype.is_floating else partial(uncancelled, SCALAR_OPS[op])  # IEEE: P15
        return real_scalar(build, (left.expr, exponent), program_dtype(dtype)), (), dtype
    a, b = lift(left, shape), lift(right, shape)
    a_scalar = left.expr if a is None else None
    b_scalar = right.expr if b is None else None
    return elementwise_op(op, a, b, a_scalar, b_scalar, shape), shape, dtype


def _has_negative(expr) -> bool:
    """Whether a constant exponent (a number or an explicit matrix) holds a negative entry."""
    entries = list(expr) if isinstance(expr, sympy.ImmutableMatrix) else [expr]
    return any(e.is_number and e.is_negative for e in entries)


@recorded
def negate(x, name: str | None = None) -> Tensor:
    """``-x`` (TF1's ``Neg``)."""
    x = as_tensor(x)
    return Tensor(-x.expr if x.ndim == 0 else scale(-1, x.expr), x.shape, x.dtype, name or "Neg")


@recorded
def matmul(a, b, transpose_a: bool = False, transpose_b: bool = False, name: str | None = None) -> Tensor:
    """``tf.matmul``: the product of two rank-2 tensors, either one transposed first."""
    a, b = convert_pair(a, b, "MatMul")
    op = name or "MatMul"
    if a.ndim != 2 or b.ndim != 2:
        rank = a.ndim if a.ndim != 2 else b.ndim
        raise ValueError(f"Shape must be rank 2 but is rank {rank} for '{op}' (op: 'MatMul') with input shapes: "
                         f"{shape_text(a.shape)}, {shape_text(b.shape)}.")
    left, left_shape = (transpose(a.expr), a.shape[::-1]) if transpose_a else (a.expr, a.shape)
    right, right_shape = (transpose(b.expr), b.shape[::-1]) if transpose_b else (b.expr, b.shape)
    inner_left, inner_right = dimension_value(left_shape[1]), dimension_value(right_shape[0])
    if inner_left is not None and inner_right is not None and inner_left != inner_right:
        raise ValueError(f"Dimensions must be equal, but are {inner_left} and {inner_right} for '{op}' (op: 'MatMul') "
                         f"with input shapes: {shape_text(a.shape)}, {shape_text(b.shape)}.")
    if (inner_left is None) != (inner_right is None):
        raise ValueError(f"the inner dimensions of '{op}' must both be known or both be the batch size; given "
                         f"input shapes {shape_text(a.shape)}, {shape_text(b.shape)}")
    if a.dtype != b.dtype:
        raise DTypeMismatchError(f"Input 'b' of 'MatMul' Op has type {b.dtype.name} that does not match type {a.dtype.name} "
                        f"of argument 'a'. Cast one of them with tf.cast.")
    return Tensor(matmul_expr(left, right), (left_shape[0], right_shape[1]), a.dtype, op)

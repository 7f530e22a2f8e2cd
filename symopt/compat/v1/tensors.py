r"""TF1's tensor: a SymPy expression with a TF shape, a dtype and a name unique in its graph, and ``tensor.op``.

A :class:`Tensor` holds a SymPy expression and a TF shape.  Rank-0 tensors are
scalar expressions; rank-1 ``(n,)`` tensors are ``(n, 1)`` matrix expressions;
rank-2 are matrices.  Its Python operators are the ops built on this module
(:func:`~symopt.compat.v1.graph.binary` and the comparisons), looked up when first used.
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np

from ...errors import UnsupportedOperationError
from .uncopyable import NotCopied
from . import dtypes as _dtypes
from .default_graph import get_default_graph
from .default_session import session_for
from .errors import InvalidArgumentError, missing_attributes
from .op_names import TF1_OP_NAMES
from .recording import inputs_of
from .tensor_shape import TensorShape, dimension_value, incompatible_text, unknown_shape

__all__ = ["Tensor", "OpHandle", "not_iterable", "shape_tuple", "declared_shape", "listed", "OP_TYPES"]


def listed(value):
    """A NumPy array given where TF1 takes a list (a shape, axes, a perm, multiples, paddings, split sizes) as that
    list, as TF1 converts it (``tf.reshape(x, np.array([3, 2]))``); anything else as it is."""
    return value.tolist() if isinstance(value, np.ndarray) and value.ndim else value


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


def _filled_type(tensor) -> str:
    """TF1's ``tf.zeros`` / ``tf.ones``: a ``Const`` of at most 1000 known entries, else a ``Fill``."""
    count = tensor.shape.num_elements()
    return "Const" if count is not None and count <= 1000 else "Fill"


#: TF1's op types of the ops whose default name (without its ``_1``, ``_2``) is not their type: a type, or a
#: function of the tensor where it depends on its dtype or shape (probe22 H5).
NAMED_TYPES = {
    "div": lambda t: "RealDiv" if t.dtype.is_floating else "FloorDiv",
    "zeros": _filled_type, "ones": _filled_type, "ones_like": "Fill",
    "zeros_like": lambda t: "Const" if t.shape.is_fully_defined() else "ZerosLike",
    "one_hot": "OneHot", "range": "Range", "random_normal": "AddV2", "truncated_normal": "AddV2",
    "ReduceLogSumExp": "AddV2", "Slice": "Slice", "logistic_loss": "AddV2", "dropout": "SelectV2",
    "softmax_cross_entropy_with_logits": "Reshape", "l2_normalize": "Mul",
}


class OpHandle(NotCopied):
    """``tensor.op``: the operation that produces a tensor (its ``name``, ``type`` and ``outputs``); ``runs``: what
    running it by itself runs, where that is not its output (a variable's ``v/Assign``)."""

    runs = None
    tf1_kind = "Operation"

    def __init__(self, name: str, type: str, output=None, inputs=None):  # noqa: A002 - TF1's name
        self.name, self.type = name, type
        self.outputs = [] if output is None else [output]
        self._inputs = inputs  # given where the output's recipe does not say them (a variable's x/read)

    def values(self) -> tuple:
        """The tensors this operation computes (TF1's ``op.values()``)."""
        return tuple(self.outputs)

    def _identity(self) -> tuple:
        return self.name, id(self.outputs[0].graph) if self.outputs else None

    def __eq__(self, other):
        """TF1 has one operation object per op: two handles of one op (``y.op``, ``graph.get_operations()``'s,
        ``get_operation_by_name``'s) are equal, so a walk of the graph with a visited set sees each op once."""
        return isinstance(other, OpHandle) and self._identity() == other._identity()

    def __hash__(self):
        return hash(self.name)

    @property
    def inputs(self) -> list:
        """The tensors the op reads (TF1's ``op.inputs``): a binary op's number as its constant (``pow/y:0``), a
        variable as its ``w/read:0`` (an assignment's own variable as itself, TF1's ref input)."""
        if self._inputs is not None:
            return list(self._inputs)
        output = self.outputs[0] if self.outputs else None
        recipe = output.recipe if output is not None else None
        found = getattr(output, "operands", None) or (inputs_of(*recipe[1:]) if recipe is not None else [])
        ref = getattr(output, "ref", None)
        return [i.snapshot if getattr(i, "view_of", None) is i and i is not ref and hasattr(i, "snapshot") else i
                for i in found if isinstance(i, Tensor)]

    @property
    def control_inputs(self) -> list:
        """TF1's ``op.control_inputs`` of a tensor's op: its ``tf.control_dependencies`` block's operations, each
        once, less those it already reads (``tf.identity(loss)`` lists no ``loss``); none when it reads a tensor made
        in the same block, which waits for them already (TF1's rule); none outside a block."""
        output = self.outputs[0] if self.outputs else None
        block = getattr(output, "run_first", ())
        inputs = self.inputs
        if not block or any(getattr(i, "run_first", None) is block for i in inputs):
            return []
        read = {i.op.name for i in inputs}
        operations = [item if isinstance(item, OpHandle) else item.op for item in block]
        return [op for op in {op.name: op for op in operations}.values() if op.name not in read]

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


def declared_shape(tensor: "Tensor") -> TensorShape:
    """TF1's static shape of ``tensor``, known when the graph was made: for a copy a session rebuilt with fed
    shapes (a placeholder without a shape, what is computed from it) the original's, which may be unknown."""
    return tensor.shape if tensor.static_shape is None else tensor.static_shape


class Tensor(NotCopied):
    """A SymPy expression with a TF shape and dtype; ``name`` is made unique in the graph (``Const``,
    ``Const_1``, ...).  A deferred tensor (``expr`` None) has an unknown shape until a session feeds it."""

    __array_priority__ = 100
    recipe = None
    deferred = False

    def __copy__(self):
        """The tensor itself: TF1's ``copy.copy`` of a tensor (or variable) is a shallow copy naming the same graph
        node (final40c F40c-14); ``deepcopy`` and ``pickle`` are refused, as TF1 refuses them."""
        return self
    host = None  # (function, input tensors): a value computed in Python from the program's results (strings)
    picked = None  # a slice's rows and columns of its base matrix (slicing.Picked)
    op_type = None  # TF1's op type where the name does not say it (StridedSlice)
    constant_sum = None  # (sign, tensor, number) of an add / sub of a number (constant_push_down.py)
    view_of = None  # the variable whose storage this tensor shows unchanged (variables.view)
    run_first = ()  # what a run runs before computing it (tf.control_dependencies)
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
            if self.graph.cond_stack:  # a tf.Print / check made in tf.cond branches: runs only where taken
                self.branches = self.graph.cond_stack
            if self.graph.control_scope and self.view_of is not self:  # inside
                self.run_first = self.graph.control_scope  # tf.control_dependencies, not a variable (TF1 makes
                # variables outside the block: reading one runs nothing first)
        elif self.graph.helper_scope and self.view_of is not self:  # an intermediate tensor of an op made inside
            self.run_first = self.graph.helper_scope  # the block (default_graph.unnamed) waits as the op does

    # -- display (TF1's)
    def __repr__(self) -> str:
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def __str__(self) -> str:
        shape = f", shape={self.shape}" if self.shape.known_rank else ""
        return f'Tensor("{self.name}"{shape}, dtype={self.dtype.name})'

    @property
    def op(self) -> OpHandle:
        """TF1's ``tensor.op``: the operation that computes it, one object per tensor (``y.op is y.op``)."""
        handle = self.__dict__.get("_op")
        if handle is None or handle.name != self.op_name:
            handle = self._op = self._made_op()
        return handle

    def _made_op(self) -> OpHandle:
        named = getattr(self.recipe[0], "tf_name", None) if self.recipe is not None else None
        default = TF1_OP_NAMES.get(getattr(self.recipe[0], "__name__", "")) if named is None and \
            self.recipe is not None and self.recipe[2].get("name") else None  # tf.matmul(.., name="pred"): MatMul
        last = (default or self.op_name).rsplit("/", 1)[-1]
        base = last.split("_")[0]
        by_name = NAMED_TYPES.get(re.sub(r"_\d+$", "", last)) if default is None else None
        if by_name is not None and (self.op_type in (None, "Const")):  # range, linspace: constants TF1 computes
            return OpHandle(self.op_name, by_name if isinstance(by_name, str) else by_name(self), self)
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
        return [node.op for node in self.graph.nodes if node.recipe is not None
                and any(i is self for i in inputs_of(*node.recipe[1:]))]

    def set_shape(self, shape) -> None:
        """Check ``shape`` against the known one (TF1's ``ValueError``); a deferred tensor (its shape comes with the
        feed) takes the merged shape.  A tensor built with a ``None`` (batch) dimension keeps it, since its
        expressions read the batch size m, but a feed of it is checked against the refined shape, as TF1's."""
        shape = shape if isinstance(shape, TensorShape) else TensorShape(shape_tuple(shape))
        if not self.shape.is_compatible_with(shape):
            raise ValueError(incompatible_text(self.shape, shape))
        merged = self.shape.merge_with(shape)
        if self.deferred:
            self.shape = merged
        elif merged.as_list() != self.shape.as_list():
            self.refined_shape = tuple(merged.as_list())  # feeds.checked_shape

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def eval(self, feed_dict=None, session=None):
        """Evaluate in ``session`` or the default session."""
        return session_for(session).run(self, feed_dict=feed_dict)

    # -- deferred tensors (see recording.py)
    def make_deferred(self, op: Callable, args: tuple, kwargs: dict, returns: str, inputs: list):
        """The stand-in result of ``op(*args, **kwargs)`` while an input's shape is unknown
        (:func:`~symopt.compat.v1.deferred_results.deferred_result`)."""
        from .deferred_results import deferred_result  # that module builds on this one
        return deferred_result(op, args, kwargs, returns, inputs)

    def unresolved(self):
        raise InvalidArgumentError(f"You must feed a value for placeholder tensor '{self.op_name}' with dtype "
                                   f"{self.dtype.tf_name}")

    # -- arithmetic
    def __add__(self, other): return _arithmetic("binary")("add", self, other)
    def __radd__(self, other): return _arithmetic("binary")("add", other, self)
    def __sub__(self, other): return _arithmetic("binary")("sub", self, other)
    def __rsub__(self, other): return _arithmetic("binary")("sub", other, self)
    def __mul__(self, other): return _arithmetic("binary")("mul", self, other)
    def __rmul__(self, other): return _arithmetic("binary")("mul", other, self)
    def __truediv__(self, other): return _arithmetic("binary")("truediv", self, other)
    def __rtruediv__(self, other): return _arithmetic("binary")("truediv", other, self)
    def __floordiv__(self, other): return _arithmetic("binary")("floordiv", self, other)
    def __rfloordiv__(self, other): return _arithmetic("binary")("floordiv", other, self)
    def __mod__(self, other): return _arithmetic("binary")("floormod", self, other, name="mod")
    def __rmod__(self, other): return _arithmetic("binary")("floormod", other, self, name="mod")
    def __pow__(self, other): return _arithmetic("binary")("pow", self, other)
    def __rpow__(self, other): return _arithmetic("binary")("pow", other, self)
    def __neg__(self): return _arithmetic("negate")(self)
    def __gt__(self, other): return _comparison("greater")(self, other)
    def __lt__(self, other): return _comparison("less")(self, other)
    def __ge__(self, other): return _comparison("greater_equal")(self, other)
    def __le__(self, other): return _comparison("less_equal")(self, other)
    def __matmul__(self, other): return _arithmetic("matmul")(self, other)
    def __rmatmul__(self, other): return _arithmetic("matmul")(other, self)
    def __and__(self, other): return _logical("logical_and", "&", self, other)
    def __rand__(self, other): return _logical("logical_and", "&", other, self)
    def __or__(self, other): return _logical("logical_or", "|", self, other)
    def __ror__(self, other): return _logical("logical_or", "|", other, self)
    def __xor__(self, other): return _logical("logical_xor", "^", self, other)
    def __rxor__(self, other): return _logical("logical_xor", "^", other, self)
    def __invert__(self): return _logical("logical_not", "~", self)
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

    def __array__(self, dtype=None, copy=None):
        """TF1's refusal of a NumPy function given a tensor (``np.dot(x, W)`` for ``tf.matmul``, ``np.sum`` for
        ``tf.reduce_sum``): NumPy would otherwise hold the tensor as one object and compute something else silently
        (``np.dot`` a broadcast product, ``np.sum`` the tensor itself).  ``ndarray * tensor`` still builds the
        tensor's product (NumPy defers to it, ``__array_priority__``)."""
        raise NotImplementedError(f"Cannot convert a symbolic tf.Tensor ({self.name}) to a numpy array. This error may "
                                  "indicate that you're trying to pass a Tensor to a NumPy call, which is not "
                                  "supported. Use the TF op (tf.matmul, tf.reduce_sum, tf.argmax, ...), or compute "
                                  "the value with sess.run first")

    def __contains__(self, item):
        raise TypeError(f"argument of type 'Tensor' is not iterable ({item!r} in {self.name}): compare in the graph, "
                        "e.g. tf.reduce_any(tf.equal(t, value)), or test the value sess.run returns")

    def __iter__(self):
        if self.deferred or not self.shape or dimension_value(self.shape[0]) is None:
            raise not_iterable(f"the tensor {self.name}", None if self.deferred else self.shape)
        return iter([self[i] for i in range(self.shape[0])])


def not_iterable(name: str, shape) -> UnsupportedOperationError:
    """TF1's ``TypeError`` for iterating over a graph tensor (a typed symopt error, a ``TypeError`` too) whose first
    dimension is not known (``shape``: its static shape, ``None`` where even its rank is unknown): a scalar has none
    to iterate over; another tensor is iterated with its length given (``tf.unstack(t, num=n)``)."""
    rank = getattr(shape, "rank", None) if shape is not None else None
    if rank == 0:
        return UnsupportedOperationError(
            f"Tensor objects are only iterable when eager execution is enabled. ({name} is a scalar: it "
            "has no first dimension to iterate over; use it as a tensor, e.g. in tf.equal(x % 2, 0), not as a "
            "sequence)")
    return UnsupportedOperationError(
        f"Tensor objects are only iterable when eager execution is enabled. To iterate over this tensor use "
        f"tf.map_fn. (symopt.compat.v1 has no tf.map_fn; the first dimension of {name.removeprefix('the ')} is not known when the graph "
        "is built: iterate with its length given, tf.unstack(t, num=n), or use the vectorised op)")



def _comparison(name: str) -> Callable:
    """``tf.greater`` & co., the logical ops and ``tf.abs`` (their modules build on this one, so they are looked up
    when first used)."""
    from . import comparison_ops, math_ops
    return getattr(comparison_ops, name, None) or getattr(math_ops, name)


def _logical(name: str, symbol: str, *operands):
    """Python's ``&``, ``|``, ``^``, ``~``: TF1's logical ops of ``tf.bool`` tensors; of integers TF's bitwise ops,
    which symopt.compat.v1 does not have (a typed refusal that says what to write instead)."""
    integers = [o for o in operands if getattr(getattr(o, "dtype", None), "is_integer", False)]
    if integers:
        raise UnsupportedOperationError(
            f"{symbol} of the {integers[0].dtype.name} tensor {integers[0].name}: TF makes it a bitwise op "
            "(tf.bitwise), which symopt.compat.v1 does not support; for k & 1 (is k odd) write "
            "tf.equal(tf.math.floormod(k, 2), 1), or compare to get tf.bool tensors and use & | ^ ~ on those")
    return _comparison(name)(*operands)


def _arithmetic(name: str) -> Callable:
    """``binary``, ``negate`` and ``matmul`` (:mod:`~symopt.compat.v1.graph` builds them on this module, so they are
    looked up when first used)."""
    from . import graph
    return getattr(graph, name)

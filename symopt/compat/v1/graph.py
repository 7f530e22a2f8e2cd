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

import contextlib
import itertools
from typing import Any, Callable

import numpy as np
import sympy
from sympy import OneMatrix

from ...errors import UnsupportedOperationError
from ...nodes import elementwise, hadamard, matadd, matmul as matmul_expr, power, scale, transpose
from ...symbols import BATCH, Placeholder as CorePlaceholder
from . import dtypes as _dtypes
from .errors import InvalidArgumentError
from .recording import recorded
from .tensor_shape import TensorShape, shape_text, unknown_shape

__all__ = ["Graph", "Tensor", "Operation", "get_default_graph", "reset_default_graph", "as_tensor", "constant",
           "bound_constant", "matmul", "shape_text", "broadcast_shape", "broadcast_matrix", "matrix_of", "name_scope",
           "binary", "negate", "convert_pair", "program_dtype", "shape_tuple", "TensorShape"]


class Graph:
    """Holds what was created since the last ``reset_default_graph``: variables, placeholders,
    constant arrays (bound to their symbols at run time), ``get_variable``'s store and scopes, the random seed,
    the op names taken, and the specialised programs of shape-less placeholders."""

    def __init__(self):
        self.variables: list[Variable] = []
        self.placeholders: dict = {}
        self.train_steps: list = []  # optimizer slot keys, in creation order (their slots are saved by Saver)
        self.constants: dict = {}
        self.random_inputs: dict = {}  # symbol -> seed: uniform noise drawn at every run (dropout)
        self.variable_store: dict = {}
        self.scopes: list = []
        self.name_scopes: list[str] = []
        self.collections: dict[str, list] = {}
        self.operations: list = []
        self.nodes: list = []  # tensors and operations in creation order (not the session's rebuilt ones)
        self.specialized: dict = {}
        self.seed: int | None = None
        self.random_ops = 0
        self.rebuilding = 0
        self._names: dict[str, int] = {}

    def unique_name(self, base: str, scoped: bool = True) -> str:
        """``base``, ``base_1``, ... inside the current name scope (TF1's op names); while a session rebuilds
        a graph, names come from a separate series so the program's own names stay TF1's."""
        if scoped and self.name_scopes:
            base = f"{self.name_scopes[-1]}/{base}"
        if self.rebuilding:
            base = f"{base}/rebuilt"
        count = self._names.get(base, 0)
        self._names[base] = count + 1
        return base if count == 0 else f"{base}_{count}"

    @contextlib.contextmanager
    def as_default(self):
        """``with graph.as_default():`` makes this graph the default one inside the block."""
        global _default_graph
        previous, _default_graph = _default_graph, self
        try:
            yield self
        finally:
            _default_graph = previous

    def add_to_collection(self, name: str, value) -> None:
        self.collections.setdefault(name, []).append(value)

    def get_collection(self, name: str, scope=None) -> list:
        if name == "trainable_variables":
            return [v for v in self.variables if v.trainable]
        if name in ("variables", "global_variables"):
            return list(self.variables)
        return list(self.collections.get(name, []))

    def get_operations(self) -> list:
        return list(self.operations)

    def node_list(self) -> list:
        """``(name, type, input names)`` of every tensor and operation created in the graph (TensorBoard's view)."""
        from .recording import inputs_of
        listed = []
        for node in self.nodes:
            inputs = inputs_of(*node.recipe[1:]) if node.recipe is not None else []
            name = node.op_name if isinstance(node, Tensor) else node.name
            listed.append((name, node.op.type, [getattr(i, "op_name", getattr(i, "name", "")) for i in inputs]))
        return listed

    def as_graph_def(self, add_shapes: bool = False) -> "GraphDef":
        """A summary of the graph's ops (TF1's protocol buffer is not reproduced: ``node`` lists the op names)."""
        return GraphDef([op.name for op in self.operations])

    def finalize(self) -> None:
        """Accepted for compatibility; symopt's graphs need no freezing."""

    def is_default(self) -> bool:
        return _default_graph is self


class GraphDef:
    """What ``Graph.as_graph_def()`` returns: the names of the graph's ops, in creation order."""

    def __init__(self, node: list):
        self.node = node

    def __repr__(self) -> str:
        return "".join(f'node {{\n  name: "{name}"\n}}\n' for name in self.node)


_default_graph = Graph()


def get_default_graph() -> Graph:
    return _default_graph


def reset_default_graph() -> None:
    """Start a new, empty default graph."""
    global _default_graph
    _default_graph = Graph()


class name_scope:  # noqa: N801 - TF1's name
    """``with tf.name_scope("layer1"):`` prefixes the names of the ops created inside with ``layer1/``."""

    def __init__(self, name, default_name=None, values=None):
        self.name = name or default_name

    def __enter__(self) -> str:
        graph = get_default_graph()
        scope = graph.unique_name(self.name) if self.name else ""
        graph.name_scopes.append(scope)
        self._graph = graph
        return f"{scope}/" if scope else ""

    def __exit__(self, *exc):
        self._graph.name_scopes.pop()


def shape_tuple(shape) -> tuple:
    if shape is None:
        return ()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(None if d is None else int(d) for d in shape)


def _dim(d):
    return BATCH if d is None else sympy.Integer(d)


class OpHandle:
    """``tensor.op``: the operation that produces a tensor (its ``name`` and ``type``)."""

    def __init__(self, name: str, type: str):  # noqa: A002 - TF1's name
        self.name, self.type = name, type

    def __repr__(self) -> str:
        return f"<tf.Operation '{self.name}' type={self.type}>"


class Tensor:
    """A SymPy expression with a TF shape and dtype; ``name`` is made unique in the graph (``Const``,
    ``Const_1``, ...).  A deferred tensor (``expr`` None) has an unknown shape until a session feeds it."""

    __array_priority__ = 100
    recipe = None
    deferred = False
    host = None  # (function, input tensors): a value computed in Python from the program's results (strings)

    def __init__(self, expr, shape, dtype: _dtypes.DType, name: str | None = None, *, exact_name: bool = False):
        self.expr = expr
        self.shape = unknown_shape() if shape is None else TensorShape(shape)
        self.dtype = dtype
        base = (name or "Tensor").removesuffix(":0")
        op_name = base if exact_name else get_default_graph().unique_name(base)
        self.op_name = op_name
        self.name = f"{op_name}:0"
        self.graph = get_default_graph()
        self._row_of = None
        if not self.graph.rebuilding:
            self.graph.nodes.append(self)

    # -- display (TF1's)
    def __repr__(self) -> str:
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def __str__(self) -> str:
        shape = f", shape={self.shape}" if self.shape.known_rank else ""
        return f'Tensor("{self.name}"{shape}, dtype={self.dtype.name})'

    @property
    def op(self) -> OpHandle:
        return OpHandle(self.op_name, self.op_name.rsplit("/", 1)[-1].split("_")[0])

    def get_shape(self) -> TensorShape:
        return self.shape

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
        from .session import get_default_session
        session = session or get_default_session()
        return session.run(self, feed_dict=feed_dict)

    # -- deferred tensors (see recording.py)
    def make_deferred(self, op: Callable, args: tuple, kwargs: dict, returns: str, inputs: list):
        """The stand-in result of ``op(*args, **kwargs)`` while an input's shape is unknown.  When every deferred
        input has a known static shape (``set_shape``), the op is first built on placeholders of those shapes to
        learn the result's static shape and dtype, as TF1's shape inference does."""
        name = args[0] if args and isinstance(args[0], str) else op.__name__
        if returns == "operation":
            result = Operation(name, _deferred_run)
        else:
            shape, dtype = _inferred(op, args, kwargs, inputs)
            result = Tensor(None, shape, dtype, name)
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
    def __pow__(self, other): return binary("pow", self, other)
    def __rpow__(self, other): return binary("pow", other, self)
    def __neg__(self): return negate(self)
    def __matmul__(self, other): return matmul(self, other)
    def __rmatmul__(self, other): return matmul(other, self)

    def __getitem__(self, index):
        return _index(self, index)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):  # TF1: identity comparison on tensors
        return self is other

    def __bool__(self):
        raise TypeError("Using a `tf.Tensor` as a Python `bool` is not allowed. Use `if t is not None:` instead of "
                        "`if t:` to test if a tensor is defined, and use TensorFlow ops such as tf.cond to execute "
                        "subgraphs conditioned on the value of a tensor.")

    def __iter__(self):
        if self.deferred or not self.shape or self.shape[0] is None:
            raise TypeError("Tensor objects are only iterable when eager execution is enabled. To iterate over "
                            "this tensor use tf.map_fn.")
        return iter([self[i] for i in range(self.shape[0])])


def _inferred(op: Callable, args: tuple, kwargs: dict, inputs: list) -> tuple:
    """``(static shape or None, dtype)`` of a deferred op's result, from building it on probe placeholders."""
    from .recording import substitute
    deferred = [n for n in inputs if n.deferred]
    guess = next((n.dtype for n in inputs if isinstance(n, Tensor)), _dtypes.float32)
    if not all(isinstance(n, Tensor) and n.shape.known_rank for n in deferred):
        return None, guess
    graph = get_default_graph()
    graph.rebuilding += 1
    try:
        probes = {id(n): _probe(n, graph) for n in deferred}
        result = op(*substitute(args, probes), **substitute(kwargs, probes))
        return (result.shape, result.dtype) if isinstance(result, Tensor) else (None, guess)
    except Exception:  # noqa: BLE001 - shape inference is best effort: the session builds the real op later
        return None, guess
    finally:
        graph.rebuilding -= 1


def _probe(tensor: Tensor, graph: Graph) -> Tensor:
    """A placeholder of ``tensor``'s static shape and dtype (for shape inference only)."""
    symbol = CorePlaceholder(graph.unique_name(f"{tensor.op_name}/probe", scoped=False), shape=tuple(tensor.shape),
                             dtype=program_dtype(tensor.dtype) if tensor.dtype.is_floating else "float64")
    return Tensor(symbol, tuple(tensor.shape), tensor.dtype, tensor.op_name, exact_name=True)


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

    def __init__(self, name: str, run: Callable[[Any, dict], Any], returns_value: bool = False, type: str = "NoOp"):  # noqa: A002
        graph = get_default_graph()
        self.name = graph.unique_name(name)
        self.type = type
        self._run = run
        self.returns_value = returns_value
        graph.operations.append(self)
        if not graph.rebuilding:
            graph.nodes.append(self)

    @property
    def op(self) -> "Operation":
        return self

    def run(self, feed_dict=None, session=None):
        from .session import get_default_session
        (session or get_default_session()).run(self, feed_dict=feed_dict)

    def __repr__(self) -> str:
        return f"<tf.Operation '{self.name}' type={self.type}>"


#: Arrays with more entries than this are bound to a symbol at run time instead of being
#: written out as an explicit SymPy matrix (which is slow to build and to print).
EXPLICIT_CONSTANT_ENTRIES = 64


def constant(value, dtype=None, shape=None, name: str | None = None, verify_shape=False) -> Tensor:
    """``tf.constant``: numbers become exact SymPy numbers, small arrays explicit matrices,
    larger arrays a symbol the session binds to the array (see :func:`bound_constant`).
    The dtype is TF1's: Python ints int32, floats float32; NumPy arrays keep theirs; strings are bytes."""
    if isinstance(value, Tensor):
        raise TypeError("tf.constant needs a Python or NumPy value; given a Tensor (use tf.identity)")
    dtype = _dtypes.as_dtype(dtype) if dtype is not None else _dtypes.infer_dtype(value)
    if dtype == _dtypes.string:
        return _string_constant(value, name)
    array = np.asarray(value, dtype=dtype.name)
    if shape is not None:
        array = np.broadcast_to(array, shape_tuple(shape))
    if array.ndim == 0:
        return Tensor(sympy.Float(float(array)) if array.dtype.kind == "f" else sympy.Integer(int(array)),
                      (), dtype, name or "Const")
    if array.ndim > 2:
        raise UnsupportedOperationError(f"tf.constant of shape {array.shape}: only ranks 0, 1 and 2 are supported "
                                        "by symopt.compat.v1")
    if array.size > EXPLICIT_CONSTANT_ENTRIES:
        return bound_constant(array, dtype, name or "Const")
    matrix = array.reshape(array.shape[0], -1) if array.ndim == 2 else array.reshape(-1, 1)
    return Tensor(sympy.ImmutableMatrix(matrix.tolist()), array.shape, dtype, name or "Const")


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


def as_tensor(value, dtype=None) -> Tensor:
    """A tensor as is; a Python or NumPy value as a constant of ``dtype`` (TF1's conversion: a Python float
    for an integer dtype is a TypeError)."""
    if isinstance(value, Tensor):
        if dtype is not None and _dtypes.as_dtype(dtype) != value.dtype:
            raise ValueError(f"Tensor conversion requested dtype {_dtypes.as_dtype(dtype).name} for Tensor with "
                             f"dtype {value.dtype.name}: {value!r}")
        return value
    if dtype is not None:
        dtype = _dtypes.as_dtype(dtype)
        if dtype.is_integer and not isinstance(value, (np.ndarray, np.generic)):
            array = np.asarray(value)
            if array.dtype.kind == "f" and not np.all(np.mod(array, 1) == 0):
                raise TypeError(f"Expected {dtype.name}, got {value!r} of type '{type(value).__name__}' instead.")
    return constant(value, dtype=dtype)


def convert_pair(left, right, op: str) -> tuple[Tensor, Tensor]:
    """Both operands of a binary op as tensors of one dtype, as TF1 converts them: a Python or NumPy value
    takes the other operand's dtype; two tensors of different dtypes are a TypeError."""
    if isinstance(left, Tensor) and isinstance(right, Tensor):
        if left.dtype != right.dtype:
            raise TypeError(f"Input 'y' of '{op}' Op has type {right.dtype.name} that does not match type "
                            f"{left.dtype.name} of argument 'x'.")
        return left, right
    if isinstance(right, Tensor):
        return as_tensor(left, right.dtype), right
    left = as_tensor(left)
    return left, as_tensor(right, left.dtype)


# ---------------------------------------------------------------- broadcasting

def broadcast_shape(a: tuple, b: tuple) -> tuple:
    """The shape TF broadcasting gives two shapes (ValueError when they do not broadcast)."""
    result = []
    for x, y in itertools.zip_longest(reversed(a), reversed(b), fillvalue=1):
        if x == 1:
            result.append(y)
        elif y == 1 or x == y:
            result.append(x)
        else:
            raise ValueError(f"Dimensions must be equal, but are {x} and {y} for shapes {a} and {b}")
    return tuple(reversed(result))


def _as_2d(tensor: Tensor):
    """The tensor as a 2-D expression with TF's alignment (a rank-1 tensor is a row)."""
    if tensor.ndim == 1:
        return transpose(tensor.expr)
    return tensor.expr


def _lift(tensor: Tensor, shape: tuple):
    """Broadcast ``tensor`` to the (rank ≥ 1) ``shape``, as a matrix in symopt's layout."""
    if len(shape) == 1:
        rows, cols = _dim(shape[0]), sympy.Integer(1)
        expr = tensor.expr
        if tensor.ndim == 0:
            return None
        return expr if expr.shape == (rows, cols) else matmul_expr(OneMatrix(rows, 1), expr)
    rows, cols = _dim(shape[0]), _dim(shape[1])
    if tensor.ndim == 0:
        return None
    expr = _as_2d(tensor)
    if expr.shape[0] != rows:
        expr = matmul_expr(OneMatrix(rows, 1), expr)
    if expr.shape[1] != cols:
        expr = matmul_expr(expr, OneMatrix(1, cols))
    return expr


def broadcast_matrix(tensor: Tensor, shape: tuple):
    """``tensor`` broadcast to the rank-1 or rank-2 ``shape``, as a matrix in symopt's layout."""
    lifted = _lift(tensor, shape)
    return lifted if lifted is not None else scale(tensor.expr, OneMatrix(*_matrix_dims(shape)))


def matrix_of(tensor: Tensor):
    """The tensor's matrix in symopt's layout; a scalar becomes a 1 x 1 matrix."""
    return tensor.expr if tensor.ndim else scale(tensor.expr, OneMatrix(1, 1))


def _truncate(q):
    return sympy.sign(q) * sympy.floor(sympy.Abs(q))


#: Scalar rules of the binary ops, and what each does to the quotient/result afterwards.
_SCALAR_OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "truediv": lambda a, b: a / b,
    "floordiv": lambda a, b: sympy.floor(a / b),
    "truncatediv": lambda a, b: _truncate(a / b),
    "floormod": lambda a, b: a - sympy.floor(a / b) * b,
    "pow": lambda a, b: a ** b,
}
#: TF1's op type of each binary op (its error messages name it).
_OP_TYPES = {"add": "Add", "sub": "Sub", "mul": "Mul", "truediv": "RealDiv", "floordiv": "FloorDiv",
             "truncatediv": "TruncateDiv", "floormod": "FloorMod", "pow": "Pow"}
#: TF1's true division of integers is floating point: small ints to float32, int32 and int64 to float64.
_TRUEDIV_RESULT = {"int8": _dtypes.float32, "uint8": _dtypes.float32, "int16": _dtypes.float32,
                   "uint16": _dtypes.float32, "int32": _dtypes.float64, "int64": _dtypes.float64}


def _filled_matrix(scalar, shape):
    return scale(scalar, OneMatrix(*_matrix_dims(shape)))


def _elementwise(op: str, a, b, a_scalar, b_scalar, shape):
    """The broadcast op on matrices; ``a``/``b`` are None where that operand is the scalar ``a_scalar``/``b_scalar``."""
    if op == "mul":
        if a_scalar is not None:
            return scale(a_scalar, b)
        if b_scalar is not None:
            return scale(b_scalar, a)
        return hadamard(a, b)
    if op in ("truediv", "floordiv", "truncatediv", "floormod"):
        if b_scalar is not None:
            quotient = scale(1 / b_scalar, a)
        else:
            quotient = hadamard(a if a is not None else _filled_matrix(a_scalar, shape), power(b, -1))
        if op == "floordiv":
            return elementwise(sympy.floor, quotient)
        if op == "truncatediv":
            return elementwise(_truncate, quotient)
        if op == "floormod":
            a = a if a is not None else _filled_matrix(a_scalar, shape)
            floored = elementwise(sympy.floor, quotient)
            return matadd(a, scale(-1, scale(b_scalar, floored) if b_scalar is not None else hadamard(floored, b)))
        return quotient
    if op == "pow":
        if b_scalar is None:
            raise UnsupportedOperationError("tf.pow with a tensor exponent is not supported yet by "
                                            "symopt.compat.v1; use a number as the exponent")
        return power(a, b_scalar)
    a = a if a is not None else _filled_matrix(a_scalar, shape)
    b = b if b is not None else _filled_matrix(b_scalar, shape)
    return matadd(a, b) if op == "add" else matadd(a, scale(-1, b))


def _matrix_dims(shape):
    if len(shape) == 1:
        return _dim(shape[0]), sympy.Integer(1)
    return _dim(shape[0]), _dim(shape[1])


@recorded
def binary(op: str, left, right, name: str | None = None) -> Tensor:
    """The broadcasting binary op ``op`` (a key of ``_SCALAR_OPS``) with TF1's dtype rules: true division of
    integers is floating point; ``floordiv``/``truncatediv`` round the quotient (integers stay integers)."""
    left, right = convert_pair(left, right, _OP_TYPES[op])
    dtype = left.dtype
    if op == "truediv" and dtype.is_integer:
        dtype = _TRUEDIV_RESULT[dtype.name]
    if dtype == _dtypes.string:
        raise UnsupportedOperationError(f"'{op}' on string tensors is not supported yet by symopt.compat.v1")
    shape = broadcast_shape(left.shape, right.shape)
    if shape == ():
        return Tensor(_SCALAR_OPS[op](left.expr, right.expr), (), dtype, name or op)
    a, b = _lift(left, shape), _lift(right, shape)
    a_scalar = left.expr if a is None else None
    b_scalar = right.expr if b is None else None
    return Tensor(_elementwise(op, a, b, a_scalar, b_scalar, shape), shape, dtype, name or op)


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
    inner_left, inner_right = left_shape[1], right_shape[0]
    if inner_left is not None and inner_right is not None and inner_left != inner_right:
        raise ValueError(f"Dimensions must be equal, but are {inner_left} and {inner_right} for '{op}' (op: 'MatMul') "
                         f"with input shapes: {shape_text(a.shape)}, {shape_text(b.shape)}.")
    if (inner_left is None) != (inner_right is None):
        raise ValueError(f"the inner dimensions of '{op}' must both be known or both be the batch size; given "
                         f"input shapes {shape_text(a.shape)}, {shape_text(b.shape)}")
    if a.dtype != b.dtype:
        raise TypeError(f"Input 'b' of 'MatMul' Op has type {b.dtype.name} that does not match type {a.dtype.name} "
                        f"of argument 'a'. Cast one of them with tf.cast.")
    return Tensor(matmul_expr(left, right), (left_shape[0], right_shape[1]), a.dtype, op)


@recorded
def _index(tensor: Tensor, index) -> Tensor:
    """``x[i]`` and ``x[i][j]`` with integer indices, as in the lecture's ``x[0][0]``."""
    if isinstance(index, tuple):
        result = tensor
        for i in index:
            result = _index(result, i)
        return result
    if not isinstance(index, (int, np.integer)):
        raise TypeError(f"only integer indices are supported; given {index!r}")
    size = tensor.shape[0] if tensor.shape else None
    if tensor.ndim == 0:
        raise ValueError("Index out of range: a scalar tensor has no elements")
    if size is not None and not -size <= index < size:
        raise ValueError(f"slice index {index} of dimension 0 out of bounds for shape {tensor.shape}")
    index = int(index) % size if size is not None else int(index)
    if tensor.ndim == 2:
        base = tensor.expr
        row = Tensor(transpose(base[index:index + 1, :]), tensor.shape[1:], tensor.dtype,
                     "strided_slice:0")
        row._row_of = (base, index)
        return row
    if tensor._row_of is not None:
        base, row = tensor._row_of
        return Tensor(base[row, index], (), tensor.dtype, "strided_slice:0")
    return Tensor(tensor.expr[index, 0], (), tensor.dtype, "strided_slice:0")

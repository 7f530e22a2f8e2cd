r"""TF1's graph: tensors that wrap SymPy expressions, variables, placeholders, operations.

A :class:`Tensor` holds a SymPy expression and a TF shape.  Rank-0 tensors are
scalar expressions; rank-1 ``(n,)`` tensors are ``(n, 1)`` matrix expressions;
rank-2 are matrices.  Arithmetic broadcasts the way TF does, producing explicit
SymPy matrix expressions (all-ones products), so symopt's calculus and code
generator serve TF1 programs unchanged.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable

import numpy as np
import sympy
from sympy import OneMatrix

from ...nodes import hadamard, matadd, matmul as matmul_expr, power, scale, transpose
from ...symbols import BATCH, Placeholder as CorePlaceholder, Variable as CoreVariable
from . import dtypes as _dtypes

__all__ = ["Graph", "Tensor", "Variable", "Operation", "get_default_graph", "reset_default_graph",
           "as_tensor", "placeholder", "constant", "bound_constant", "matmul", "shape_text",
           "broadcast_shape", "broadcast_matrix", "matrix_of"]


class Graph:
    """Holds what was created since the last ``reset_default_graph``: variables, placeholders,
    constant arrays (bound to their symbols at run time), ``get_variable``'s store and scopes, the random seed."""

    def __init__(self):
        self.variables: list[Variable] = []
        self.placeholders: dict = {}
        self.train_steps: list = []  # optimizer steps, in creation order (their slots are saved by Saver)
        self.constants: dict = {}
        self.variable_store: dict = {}
        self.scopes: list = []
        self.seed: int | None = None
        self.random_ops = 0
        self._names: dict[str, int] = {}

    def unique_name(self, base: str) -> str:
        count = self._names.get(base, 0)
        self._names[base] = count + 1
        return base if count == 0 else f"{base}_{count}"


_default_graph = Graph()


def get_default_graph() -> Graph:
    return _default_graph


def reset_default_graph() -> None:
    """Start a new, empty default graph."""
    global _default_graph
    _default_graph = Graph()


def _shape_tuple(shape) -> tuple:
    if shape is None:
        return ()
    if isinstance(shape, (int, np.integer)):
        return (int(shape),)
    return tuple(None if d is None else int(d) for d in shape)


def _dim(d):
    return BATCH if d is None else sympy.Integer(d)


class Tensor:
    """A SymPy expression with a TF shape and dtype."""

    __array_priority__ = 100

    def __init__(self, expr, shape: tuple, dtype: _dtypes.DType, name: str | None = None):
        self.expr = expr
        self.shape = tuple(shape)
        self.dtype = dtype
        self.name = name or "Tensor"
        self._row_of = None

    # -- display
    def __repr__(self) -> str:
        shape = "(" + ", ".join("?" if d is None else str(d) for d in self.shape) + ("," if len(self.shape) == 1 else "") + ")"
        return f"<tf.Tensor '{self.name}' shape={shape} dtype={self.dtype.name}: {self.expr}>"

    def get_shape(self):
        return self.shape

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def eval(self, feed_dict=None, session=None):
        """Evaluate in ``session`` or the default session."""
        from .session import get_default_session
        session = session or get_default_session()
        return session.run(self, feed_dict=feed_dict)

    # -- arithmetic
    def __add__(self, other): return _binary("add", self, other)
    def __radd__(self, other): return _binary("add", other, self)
    def __sub__(self, other): return _binary("sub", self, other)
    def __rsub__(self, other): return _binary("sub", other, self)
    def __mul__(self, other): return _binary("mul", self, other)
    def __rmul__(self, other): return _binary("mul", other, self)
    def __truediv__(self, other): return _binary("div", self, other)
    def __rtruediv__(self, other): return _binary("div", other, self)
    def __pow__(self, other): return _binary("pow", self, other)
    def __rpow__(self, other): return _binary("pow", other, self)
    def __neg__(self): return _binary("mul", -1, self)
    def __matmul__(self, other): return matmul(self, other)
    def __rmatmul__(self, other): return matmul(other, self)

    def __getitem__(self, index):
        return _index(self, index)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):  # TF1: identity comparison on tensors
        return self is other


class Variable(Tensor):
    """``tf.Variable(initial_value, dtype=None, name=None, trainable=True)``."""

    def __init__(self, initial_value=None, trainable: bool = True, name: str | None = None, dtype=None,
                 shape=None):
        graph = get_default_graph()
        if isinstance(initial_value, Tensor):
            from .session import constant_value
            initial_value = constant_value(initial_value)
        if callable(initial_value):
            initial_value = initial_value()
        value = np.asarray(initial_value)
        dtype = _dtypes.as_dtype(dtype if dtype is not None else
                                 ("float32" if value.dtype.kind == "f" else value.dtype))
        value = value.astype(dtype.name)
        name = graph.unique_name(name or "Variable")
        if dtype.is_floating:
            symbol = CoreVariable(name, value, shape=value.shape, dtype=dtype.name, trainable=trainable)
        else:
            symbol = sympy.Symbol(name) if value.ndim == 0 else sympy.MatrixSymbol(name, *(value.shape + (1,))[:2])
        super().__init__(symbol, value.shape, dtype, f"{name}:0")
        self.op_name = name
        self.initial_value = value
        self.trainable = trainable
        graph.variables.append(self)

    def __repr__(self) -> str:
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype.name}>"

    def assign(self, value):
        """An operation that sets this variable to a constant value."""
        target = np.asarray(value, dtype=self.dtype.name)
        return Operation(f"{self.op_name}/Assign", lambda session, feed: session._assign(self, target))


class Operation:
    """Something ``Session.run`` executes for its effect; fetching it returns ``None``."""

    def __init__(self, name: str, run: Callable[[Any, dict], None]):
        self.name = name
        self._run = run

    def run(self, feed_dict=None, session=None):
        from .session import get_default_session
        (session or get_default_session()).run(self, feed_dict=feed_dict)

    def __repr__(self) -> str:
        return f"<tf.Operation '{self.name}'>"


def placeholder(dtype, shape=None, name: str | None = None) -> Tensor:
    """``tf.placeholder(dtype, shape, name)``; ``None`` dims are the batch size."""
    dtype = _dtypes.as_dtype(dtype)
    shape = _shape_tuple(shape)
    op_name = get_default_graph().unique_name(name or "Placeholder")
    symbol = CorePlaceholder(op_name, shape=shape, dtype=dtype.name if dtype.is_floating else "float64")
    tensor = Tensor(symbol, shape, dtype, f"{op_name}:0")
    tensor.is_placeholder = True
    tensor.op_name = op_name
    get_default_graph().placeholders[symbol] = tensor
    return tensor


#: Arrays with more entries than this are bound to a symbol at run time instead of being
#: written out as an explicit SymPy matrix (which is slow to build and to print).
EXPLICIT_CONSTANT_ENTRIES = 64


def constant(value, dtype=None, shape=None, name: str | None = None) -> Tensor:
    """``tf.constant``: numbers become exact SymPy numbers, small arrays explicit matrices,
    larger arrays a symbol the session binds to the array (see :func:`bound_constant`)."""
    array = np.asarray(value, dtype=None if dtype is None else _dtypes.as_dtype(dtype).name)
    if shape is not None:
        array = np.broadcast_to(array, _shape_tuple(shape))
    dtype = _dtypes.as_dtype(dtype if dtype is not None else ("float32" if array.dtype.kind == "f" else array.dtype))
    if array.ndim == 0:
        return Tensor(sympy.Float(float(array)) if array.dtype.kind == "f" else sympy.Integer(int(array)),
                      (), dtype, name or "Const:0")
    if array.ndim > 2:
        raise ValueError(f"only tensors of rank 0, 1 and 2 are supported; given shape {array.shape}")
    if array.size > EXPLICIT_CONSTANT_ENTRIES:
        return bound_constant(array, dtype, name or "Const")
    matrix = array.reshape(array.shape[0], -1) if array.ndim == 2 else array.reshape(-1, 1)
    return Tensor(sympy.ImmutableMatrix(matrix.tolist()), array.shape, dtype, name or "Const:0")


def bound_constant(array: np.ndarray, dtype: _dtypes.DType, name: str) -> Tensor:
    """A constant array as a symbol of the default graph; sessions bind the array to it when they run."""
    graph = get_default_graph()
    op_name = graph.unique_name(name)
    array = np.array(array, dtype=dtype.name)
    symbol = CorePlaceholder(op_name, shape=array.shape, dtype=dtype.name if dtype.is_floating else "float64")
    graph.constants[symbol] = array.reshape(-1, 1) if array.ndim == 1 else array
    return Tensor(symbol, array.shape, dtype, f"{op_name}:0")


def as_tensor(value) -> Tensor:
    if isinstance(value, Tensor):
        return value
    return constant(value, dtype=None if not isinstance(value, float) else "float32")


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


_SCALAR_OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: a ** b,
}


def _elementwise(op: str, a, b, a_scalar, b_scalar, shape):
    rows, cols = _matrix_dims(shape)
    if op == "mul":
        if a_scalar:
            return scale(a_scalar, b)
        if b_scalar:
            return scale(b_scalar, a)
        return hadamard(a, b)
    if op == "div":
        if b_scalar:
            return scale(1 / b_scalar, a)
        return hadamard(a if a is not None else scale(a_scalar, OneMatrix(rows, cols)), power(b, -1))
    if op == "pow":
        if b_scalar is None:
            raise NotImplementedError("a tensor exponent is not supported; use a number")
        return power(a, b_scalar)
    a = a if a is not None else scale(a_scalar, OneMatrix(rows, cols))
    b = b if b is not None else scale(b_scalar, OneMatrix(rows, cols))
    return matadd(a, b) if op == "add" else matadd(a, scale(-1, b))


def _matrix_dims(shape):
    if len(shape) == 1:
        return _dim(shape[0]), sympy.Integer(1)
    return _dim(shape[0]), _dim(shape[1])


def _binary(op: str, left, right) -> Tensor:
    left, right = as_tensor(left), as_tensor(right)
    dtype = left.dtype if left.dtype.is_floating or not right.dtype.is_floating else right.dtype
    shape = broadcast_shape(left.shape, right.shape)
    if shape == ():
        return Tensor(_SCALAR_OPS[op](left.expr, right.expr), (), dtype, f"{op}:0")
    a, b = _lift(left, shape), _lift(right, shape)
    a_scalar = left.expr if a is None else None
    b_scalar = right.expr if b is None else None
    return Tensor(_elementwise(op, a, b, a_scalar, b_scalar, shape), shape, dtype, f"{op}:0")


def shape_text(shape) -> str:
    """A shape as TF1's messages write it: ``[?,3]``."""
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


def matmul(a, b, transpose_a: bool = False, transpose_b: bool = False, name: str | None = None) -> Tensor:
    """``tf.matmul``: the product of two rank-2 tensors, either one transposed first."""
    a, b = as_tensor(a), as_tensor(b)
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
    dtype = a.dtype if a.dtype == b.dtype else _promote(a.dtype, b.dtype, op)
    return Tensor(matmul_expr(left, right), (left_shape[0], right_shape[1]), dtype, f"{op}:0")


def _promote(a: _dtypes.DType, b: _dtypes.DType, op: str) -> _dtypes.DType:
    if a.is_floating and b.is_floating:
        raise TypeError(f"Input 'b' of '{op}' Op has type {b.name} that does not match type {a.name} of "
                        f"argument 'a'. Cast one of them with tf.cast.")
    return a if a.is_floating else b


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

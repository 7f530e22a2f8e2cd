r"""Symbols that carry what the optimizer needs to know.

* :class:`Variable` — a parameter to optimize, with an initial value and a dtype.
* :class:`Placeholder` — data bound at run time (TF1's ``feed_dict``); a ``None``
  in its shape is the batch dimension, the course's :math:`m`.

Scalars are SymPy ``Symbol`` subclasses and shaped ones ``MatrixSymbol``
subclasses, so they work everywhere SymPy expressions do.  Each one is equal
only to itself, even when two share a name (a notebook cell run twice makes a new
symbol, and expressions built before keep the old one).
"""

from __future__ import annotations

import itertools
import os
import secrets
import weakref

from typing import Any, Sequence

import numpy as np
import sympy
from sympy.core.symbol import Str

from . import requirements  # noqa: F401 - NumPy >= 2 and SymPy >= 1.14, checked before operators extends SymPy
from .compat_hints import expression_advice
from .errors import ConfigurationError, ShapeError
from .matrix_diff_guard import guard_scalar_by_matrix_derivatives
from .matrix_shapes import is_matrix
from .numpy_guards import guard_numpy_functions
from .same_name_causes import assumption_cause, given_assumptions
from .symbol_names import check_symbol_name
from .operators import MatrixOperators, guard_matrix_expressions, guard_scalar_expressions
from .logic_operators import guard_logic_operators
from .xor_operator import guard_xor
from .value_checks import DTYPES, canonical_dtype, initial_array, not_real_numbers, shape_tuple

__all__ = ["Variable", "Placeholder", "BATCH", "DTYPES", "shape_of", "is_matrix", "is_batched", "canonical_dtype",
           "not_real_numbers", "symbolic", "required_symbolic", "creation_order", "declared_value", "made_in_other_processes",
           "why_two_symbols"]

guard_matrix_expressions()  # X @ W + 1, sum(X @ W), numpy.sum(X @ W): symopt errors, not SymPy's hang
guard_scalar_expressions()  # numpy.exp(-w): a symopt error naming sympy.exp
guard_numpy_functions()  # numpy.exp(numpy.array([w0, w1])), numpy.clip(w, 0, 1): symopt errors naming the fix
guard_xor()  # w ^ 2: a symopt error naming w**2, not Python's bare TypeError
guard_logic_operators()  # (a > 0) ^ w, a & w, ~w: a symopt number is no truth value
guard_scalar_by_matrix_derivatives()  # sympy.diff(ops.mean(...), W): a symopt error naming symopt.grad, not 0

class BatchSize(sympy.Symbol):
    """The number of examples, printed ``m``: equal only to itself, so a user's own
    ``sympy.Symbol("m", integer=True, positive=True)`` (a count, a hyperparameter) is data of its own, fed or
    missing as any other symbol, never silently the batch size (probe8 R7)."""

    def _hashable_content(self):
        return super()._hashable_content() + ("the batch size",)


#: The batch dimension: every ``None`` in a placeholder's shape becomes this symbol.
BATCH = BatchSize("m", integer=True, positive=True)


def _dimension(size: int | None, name: str) -> sympy.Expr:
    if size is None:
        return BATCH
    if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ShapeError(f"shape of {name!r}: expected positive integers or None (batch); given {size!r}")
    return sympy.Integer(int(size))


def _matrix_shape(shape: Sequence[int | None], name: str) -> tuple[sympy.Expr, sympy.Expr]:
    """A shape of rank 1 is a column vector ``(n, 1)``; rank 2 stays as given."""
    shape = tuple(shape)
    if len(shape) == 1:
        return _dimension(shape[0], name), sympy.Integer(1)
    if len(shape) == 2:
        return _dimension(shape[0], name), _dimension(shape[1], name)
    raise ShapeError(f"shape of {name!r}: expected rank 0, 1 or 2; given {shape!r} (rank {len(shape)})")


class _Serials:
    """Serial numbers unique across processes: a random token of this process (drawn again in a forked child)
    above a counter, so a symbol unpickled from another process (a client, a pool worker, the parent of a fork)
    is never equal to a different symbol of this one that shares its class and name (probe34 P34-1)."""

    def __init__(self):
        self.counter = itertools.count()
        self.renew()

    def renew(self) -> None:
        self.token = secrets.randbits(62) << 64

    def __next__(self) -> int:
        return self.token | next(self.counter)


_serials = _Serials()
_COUNTER_BITS = (1 << 64) - 1
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_serials.renew)


class _TrackedSymbol(sympy.Symbol):
    """A real ``Symbol`` carrying attributes (init, dtype, ...); equal only to itself.

    Pickling and copying keep its serial number and attributes, so a copy (``copy.deepcopy`` of a cost, a result
    sent back from a process pool) is equal to the original, with the same hash: ``result[w]`` finds it.
    """

    def __new__(cls, name: str, **attributes):
        return rebuild_scalar(cls, name, next(_serials), attributes)

    def _hashable_content(self):
        return super()._hashable_content() + (self._serial,)

    def __reduce__(self):
        attributes = {key: value for key, value in self.__dict__.items() if key != "_serial"}
        return rebuild_scalar, (type(self), self.name, self._serial, attributes)


def rebuild_scalar(cls, name: str, serial: int, attributes: dict) -> _TrackedSymbol:
    """The tracked scalar symbol ``name`` number ``serial`` with ``attributes`` (new, unpickled or copied)."""
    obj = sympy.Symbol.__xnew__(cls, name, real=True)
    obj.__dict__.update(attributes)
    obj._serial = serial
    return obj


class _Attributes(dict):
    """The attributes every copy of one tracked matrix symbol shares (a dict that can be weakly referenced)."""


#: ``(class, name, serial) -> attributes`` of the tracked matrix symbols alive now: each copy holds its attributes,
#: so an entry leaves when the last copy of its symbol is freed (the registry never grows with use).
_MATRIX_ATTRIBUTES: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


class _TrackedMatrix(MatrixOperators, sympy.MatrixSymbol):
    """A ``MatrixSymbol`` carrying attributes; equal only to itself.

    Its serial number is a fourth argument, so SymPy's rebuilds (``type(node)(*node.args)``
    in ``xreplace``) find the same symbol, attributes included.  A pickle carries the attributes too,
    for a process where no copy is alive.  Its operators check shapes
    (:class:`~symopt.operators.MatrixOperators`).
    """

    def __new__(cls, name, rows, cols, serial=None, **attributes):
        key = str(name)
        if serial is None:
            serial = next(_serials)
            shared = _MATRIX_ATTRIBUTES[(cls, key, serial)] = _Attributes(attributes)
        else:
            shared = _MATRIX_ATTRIBUTES.get((cls, key, int(serial)), _Attributes())
        obj = sympy.MatrixExpr.__new__(cls, Str(key) if not isinstance(name, Str) else name,
                                       sympy.sympify(rows), sympy.sympify(cols), sympy.Integer(serial))
        obj.__dict__.update(shared)
        obj._shared_attributes = shared  # keeps the registry entry alive exactly as long as a copy lives
        return obj

    def __reduce__(self):
        return rebuild_matrix, (type(self), str(self.name), *self.args[1:3], int(self.args[3]),
                                dict(self._shared_attributes))

    @property
    def shape(self):
        return self.args[1], self.args[2]

    def doit(self, **hints):
        return self


def rebuild_matrix(cls, name: str, rows, cols, serial: int, attributes: dict) -> _TrackedMatrix:
    """The tracked matrix symbol ``name`` number ``serial`` (unpickled or copied), sharing the attributes of a live copy
    when there is one, else taking ``attributes``."""
    shared = _MATRIX_ATTRIBUTES.get((cls, name, serial))
    if shared is None:
        shared = _MATRIX_ATTRIBUTES[(cls, name, serial)] = _Attributes(attributes)
    return cls(name, rows, cols, serial)


class Variable:
    r"""A parameter :math:`\theta` to optimize.

    ``Variable("w", 0.0)`` is a scalar SymPy symbol; ``Variable("W", init, shape=(3, 1))``
    a ``MatrixSymbol`` (``shape`` defaults to the shape of an array ``init``).  ``init`` is a number, an array, or a callable
    ``init(shape, dtype) -> array`` (see :mod:`symopt.initializers`).
    """

    def __new__(cls, name: str, init: Any = 0.0, *, shape: Sequence[int] | None = None, dtype: Any = "float64",
                trainable: bool = True, **assumptions):
        _refuse_assumptions("Variable", name, assumptions)
        check_symbol_name("Variable", name)
        dtype = canonical_dtype(dtype)
        if shape is None:  # from an array initial value, else a scalar
            shape = () if callable(init) else np.shape(init)
        shape = shape_tuple(shape, name)
        if any(size is None for size in shape):
            raise ShapeError(f"Variable {name!r}: shape {shape} has None; only placeholders have a batch dimension")
        rows, cols = _matrix_shape(shape, name) if shape != () else (None, None)  # sizes checked before any array
        value = initial_array(init, shape, dtype, name)
        if shape == ():
            return ScalarVariable(name, init=value, dtype=dtype, trainable=trainable, array_shape=shape)
        return MatrixVariable(name, rows, cols, init=value, dtype=dtype, trainable=trainable, array_shape=shape)


class Placeholder:
    """Data bound at run time; ``None`` in ``shape`` is the batch dimension :data:`BATCH`."""

    def __new__(cls, name: str, shape: Sequence[int | None] = (), dtype: Any = "float64", **assumptions):
        _refuse_assumptions("Placeholder", name, assumptions, shape)
        check_symbol_name("Placeholder", name)
        dtype = canonical_dtype(dtype)
        shape = shape_tuple(shape, name)
        if shape == ():
            return ScalarPlaceholder(name, dtype=dtype, array_shape=shape)
        rows, cols = _matrix_shape(shape, name)
        return MatrixPlaceholder(name, rows, cols, dtype=dtype, array_shape=shape)


#: What to write instead of a SymPy assumption keyword given to a Variable or a Placeholder (probe8 R16).
ASSUMPTION_ADVICE = {
    "Variable": ("a parameter's steps move it to any real value, and SymPy would simplify the cost under the promise "
                 "(sqrt(s**2) becomes s), so it is never declared. For a positive parameter optimize its logarithm: "
                 "log_s = symopt.Variable('log_{name}', 0.0) and write sympy.exp(log_s) in the cost, or keep it in range "
                 "with symopt.minimize(..., method='lbfgs', bounds={{{name}: (lower, upper)}})"),
    "Placeholder": ("for scalar data with a promise write sympy.Symbol({name!r}, {shown}) instead: symopt checks "
                    "every value fed for it against the promise"),
    "matrix Placeholder": ("a matrix of data carries no promise: symopt checks that every value fed is real numbers; "
                           "check a promise such as {shown} on the array before feeding it (numpy.all(x > 0))"),
}


def _refuse_assumptions(kind: str, name: str, assumptions: dict, shape=()) -> None:
    """``Variable("s", 1.0, positive=True)``: a :class:`ConfigurationError` naming the keyword and the fix (Python
    said only "unexpected keyword argument")."""
    if not assumptions:
        return
    shown = ", ".join(f"{key}={value!r}" for key, value in sorted(assumptions.items()))
    unknown = sorted(key for key in assumptions if not hasattr(sympy.Basic, f"is_{key}"))  # SymPy's own names
    options = "name, init, shape=, dtype=, trainable=" if kind == "Variable" else "name, shape, dtype="
    if unknown:
        raise ConfigurationError(f"{kind}({name!r}, ...): unknown keyword {', '.join(unknown)}; {kind} takes "
                                 f"{options}")
    advice = ASSUMPTION_ADVICE["matrix Placeholder" if kind == "Placeholder" and shape else kind]
    raise ConfigurationError(f"{kind}({name!r}, ..., {shown}): {kind} takes no SymPy assumptions ({options}); "
                             + advice.format(name=name, shown=shown) + ".")


class ScalarVariable(_TrackedSymbol):
    """Scalar :class:`Variable` (a SymPy ``Symbol``)."""
    is_variable = True


class MatrixVariable(_TrackedMatrix):
    """Shaped :class:`Variable` (a SymPy ``MatrixSymbol``)."""
    is_variable = True


class ScalarPlaceholder(_TrackedSymbol):
    """Scalar :class:`Placeholder`."""
    is_placeholder = True


class MatrixPlaceholder(_TrackedMatrix):
    """Shaped :class:`Placeholder` (a SymPy ``MatrixSymbol``)."""
    is_placeholder = True


def is_batched(symbol) -> bool:
    """Whether ``symbol`` is a matrix with the batch dimension :data:`BATCH` (a Placeholder declared with None):
    its rows are the examples, m of them."""
    return is_matrix(symbol) and BATCH in symbol.shape


def shape_of(symbol: sympy.Basic) -> tuple:
    """The array shape a value bound to ``symbol`` must have (``None`` = batch)."""
    declared = getattr(symbol, "array_shape", None)
    if not is_matrix(symbol):
        return tuple(declared) if declared is not None else ()
    # the symbol's own shape, not only its declaration: cost.subs(symopt.BATCH, 4) rebuilds a (None, 3) placeholder as
    # (4, 3), and the 4 baked into the cost's 1/4 must hold for the rows fed (8 rows gave sum/4, probe46 P46-1)
    shape = tuple(None if dim == BATCH else int(dim) for dim in symbol.shape)
    return shape[:1] if declared is not None and len(declared) == 1 else shape


def declared_value(symbol: sympy.Basic, value):
    """``value`` in the shape ``symbol`` was declared with: a rank-1 symbol's ``(n,)`` vector for the ``(n, 1)``
    column symopt computes with (a NumPy or a JAX array, kept where it is); any other value as it is."""
    return np.reshape(value, -1) if is_matrix(symbol) and len(shape_of(symbol)) == 1 else value


def creation_order(symbol) -> int:
    """When a symopt symbol (Variable, Placeholder) was made, counted across all of them in its process (the serial's
    counter, without the process token); -1 for any other symbol."""
    if isinstance(symbol, _TrackedSymbol):
        return symbol._serial & _COUNTER_BITS
    if isinstance(symbol, _TrackedMatrix):
        return int(symbol.args[3]) & _COUNTER_BITS
    return -1


def _process_token(symbol) -> int | None:
    if isinstance(symbol, _TrackedSymbol):
        return symbol._serial >> 64
    if isinstance(symbol, _TrackedMatrix):
        return int(symbol.args[3]) >> 64
    return None


def made_in_other_processes(first, second) -> bool:
    """Whether two symopt symbols were made in different processes (a spawn worker importing the module that makes
    ``W`` again, a symbol unpickled from another session): their serials' process tokens differ."""
    tokens = (_process_token(first), _process_token(second))
    return None not in tokens and tokens[0] != tokens[1]


def why_two_symbols(given, own, after: str = "the expression was built") -> str:
    """Why ``given`` is not ``own`` though they share a name, as a clause: made in two processes, of two kinds
    (a plain ``sympy.Symbol`` beside a ``Variable``), with two sets of assumptions, or at two times (a notebook
    cell run again)."""
    if made_in_other_processes(given, own):
        return (f"made in two processes (a multiprocessing worker that imports the module again makes its own {own}; "
                "symbols from two processes are never equal)")
    if type(given) is not type(own):
        return f"but one is a {type(own).__name__} and the other a {type(given).__name__}"
    cause = assumption_cause([given, own])  # Symbol('w', real=True) beside parse_expr's w (final46c 46c-6)
    if cause:
        return f"{given} has {given_assumptions(given)}, the cost's {given_assumptions(own)}: {cause}"
    return f"made at two times (was the cell that made {own} run again after {after}?)"


def symbolic(value, role: str = "cost"):
    """``value`` as a SymPy object, never by parsing text: SymPy's parser evaluates its input as Python, so a string
    (or an object SymPy would convert through its ``str``, or an array of strings) raises
    :class:`~symopt.errors.ConfigurationError`.  ``None`` stays ``None``; numbers, SymPy objects and numeric arrays
    convert as with :func:`sympy.sympify`."""
    if value is None:
        return None
    if isinstance(value, (list, tuple, set, frozenset)):  # each item alone: SymPy's converters of tuples, sets and
        items = [symbolic(item, role) for item in value]  # dicts parse their strings, strict or not (final39b F39b-1)
        return type(value)(items) if type(value) in (list, tuple, set, frozenset) else tuple(items)
    if isinstance(value, dict):  # keys may be names; values are converted
        return {key if isinstance(key, str) else symbolic(key, role): symbolic(item, role) for key, item in value.items()}
    try:
        return sympy.sympify(value, strict=True)
    except sympy.SympifyError:
        pass
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return sympy.sympify(value)
    if isinstance(value, (list, tuple)):
        return type(value)(symbolic(item, role) for item in value)
    shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
    raise ConfigurationError(f"expected {_article(role)} {role} built from SymPy or symopt symbols; given "
                             f"{type(value).__name__} {shown}. {expression_advice(value)}.")


def required_symbolic(value, role: str = "cost"):
    """:func:`symbolic` of a value that must be there: ``None`` (a deferred compat tensor's ``.expr``, a function's
    missing ``return``) is refused, not drawn or explained as a constant (final45e 45e-11)."""
    if value is None:
        raise ConfigurationError(
            f"expected {_article(role)} {role} built from SymPy or symopt symbols; given None. A symopt.compat.v1 "
            "tensor of a placeholder whose shape is deferred ([None, None]) has .expr None: declare the placeholder's "
            "shape with at most one None, e.g. tf.placeholder(tf.float32, [None, 1]); else check that the function "
            "that built the expression returns it")
    return symbolic(value, role)


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"

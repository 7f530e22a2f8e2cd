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
import weakref

from typing import Any, Sequence

import numpy as np
import sympy
from sympy.core.symbol import Str

from .errors import ConfigurationError, ShapeError
from .matrix_shapes import is_matrix, rank_one_declaration, reshape_advice
from .operators import MatrixOperators, guard_matrix_expressions, guard_scalar_expressions

__all__ = ["Variable", "Placeholder", "BATCH", "DTYPES", "shape_of", "is_matrix", "is_batched", "canonical_dtype",
           "not_real_numbers", "symbolic", "creation_order", "declared_value"]

guard_matrix_expressions()  # X @ W + 1, sum(X @ W), numpy.sum(X @ W): symopt errors, not SymPy's hang
guard_scalar_expressions()  # numpy.exp(-w): a symopt error naming sympy.exp

class BatchSize(sympy.Symbol):
    """The number of examples, printed ``m``: equal only to itself, so a user's own
    ``sympy.Symbol("m", integer=True, positive=True)`` (a count, a hyperparameter) is data of its own, fed or
    missing as any other symbol, never silently the batch size (probe8 R7)."""

    def _hashable_content(self):
        return super()._hashable_content() + ("the batch size",)


#: The batch dimension: every ``None`` in a placeholder's shape becomes this symbol.
BATCH = BatchSize("m", integer=True, positive=True)

#: dtypes symopt computes in.
DTYPES = ("float32", "float64")

def canonical_dtype(dtype: Any) -> str:
    """Return ``"float32"`` or ``"float64"`` for any spelling NumPy accepts."""
    if isinstance(dtype, str) and dtype in DTYPES:
        return dtype
    if isinstance(dtype, (np.generic, np.ndarray)):  # NumPy would read the value's own dtype
        raise ConfigurationError(f"expected a floating dtype, one of {DTYPES}; given the value {dtype!r}, not a dtype: "
                                 "pass dtype='float32' or 'float64' (or value.dtype)")
    try:
        name = np.dtype(getattr(dtype, "as_numpy_dtype", dtype)).name
    except (TypeError, ValueError):  # ValueError: an object NumPy reads as a format string (Fraction(1, 3))
        name = str(dtype)
    if name not in DTYPES:
        raise ConfigurationError(f"expected a floating dtype, one of {DTYPES}; given {dtype!r}. {_dtype_advice(name)}")
    return name


#: What to do instead of a dtype symopt does not compute in, by NumPy's kind letter (floats: narrower or wider
#: than float32).
DTYPE_ADVICE = {
    "f<": "symopt computes in float32 and float64 only ({name} keeps about {digits} significant digits, too few for "
          "gradient steps): use dtype='float32' (data given as {name} is converted)",
    "f>": "symopt computes in float32 and float64 only, as TF1's CPU kernels do: use dtype='float64'",
    "i": "Integer parameters cannot be optimized by gradient steps: use dtype='float32' or 'float64'.",
    "u": "Integer parameters cannot be optimized by gradient steps: use dtype='float32' or 'float64'.",
    "b": "Boolean parameters cannot be optimized by gradient steps: use dtype='float32' or 'float64'.",
    "c": "Complex parameters are not supported (no silent complex value): use dtype='float32' or 'float64' and "
         "write the real and imaginary parts as two parameters.",
}


def _dtype_advice(name: str) -> str:
    try:
        found = np.dtype(name)
    except (TypeError, ValueError):
        found = None
    kind = "" if found is None else found.kind
    if kind == "f":
        kind += "<" if found.itemsize < 4 else ">"
    digits = np.finfo(found).precision if kind.startswith("f") else 0
    advice = DTYPE_ADVICE.get(kind, "Use dtype='float32' or 'float64'.").format(name=name, digits=digits)
    return advice if advice.endswith(".") else advice + "."


def _dimension(size: int | None, name: str) -> sympy.Expr:
    if size is None:
        return BATCH
    if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)) or size < 1:
        raise ShapeError(f"shape of {name!r}: expected positive integers or None (batch); given {size!r}")
    return sympy.Integer(int(size))


def shape_tuple(shape, name: str) -> tuple:
    """``shape`` as a tuple; a bare number or other non-sequence raises :class:`ShapeError` with the fix (and a
    ``name`` that is not a string, :class:`ConfigurationError`)."""
    if not isinstance(name, str) or not name:
        raise ConfigurationError(f"a symbol's name: expected a non-empty string such as 'w' or 'X'; given {name!r}")
    if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence) and not hasattr(shape, "__iter__"):
        hint = f" Write shape=({shape!r},) for a vector of {shape!r} entries." if isinstance(shape, int) else ""
        raise ShapeError(f"shape of {name!r}: expected a tuple of sizes such as (3,) or (None, 3); given "
                         f"{shape!r}.{hint}")
    return tuple(shape)


def _matrix_shape(shape: Sequence[int | None], name: str) -> tuple[sympy.Expr, sympy.Expr]:
    """A shape of rank 1 is a column vector ``(n, 1)``; rank 2 stays as given."""
    shape = tuple(shape)
    if len(shape) == 1:
        return _dimension(shape[0], name), sympy.Integer(1)
    if len(shape) == 2:
        return _dimension(shape[0], name), _dimension(shape[1], name)
    raise ShapeError(f"shape of {name!r}: expected rank 0, 1 or 2; given {shape!r} (rank {len(shape)})")


_serials = itertools.count()


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


def not_real_numbers(value: Any) -> str | None:
    """Why ``value`` is not real numbers NumPy may convert (None, complex, text), or None when it is.

    NumPy would convert each silently: None to NaN, complex by dropping the imaginary part, ``"3"`` to 3.
    """
    if isinstance(value, (float, int, np.floating, np.integer)) and not isinstance(value, np.timedelta64):
        return None  # (NumPy's timedelta64 is an integer type: a scalar duration is refused below, as an array is)
    if value is None:
        return "None. Give a number for every entry (numpy.nan if a value is really missing)."
    if isinstance(value, np.ma.MaskedArray) and np.ma.getmask(value) is not np.ma.nomask and value.mask.any():
        return (f"a masked array with {int(value.mask.sum())} masked entries, which NumPy would read as the numbers "
                "under the mask. Fill or drop them first: value.filled(numpy.nan) to mark them missing, or keep the "
                "rows without any (value[~value.mask.any(axis=1)].data).")
    try:
        kind = value.dtype.kind if isinstance(value, np.ndarray) else np.asarray(value).dtype.kind
    except (ValueError, TypeError, OverflowError):
        return None  # ragged or exotic: the conversion itself explains it
    if kind == "c":
        return ("complex numbers. symopt computes with real numbers: pass the real part (value.real), "
                "or split real and imaginary parts into two inputs.")
    if kind in "mM":
        if np.ndim(value) == 0:  # one date or duration: there is no value[0] to count from
            return (f"a {'date' if kind == 'M' else 'duration'} ({np.asarray(value).dtype}), which NumPy would read "
                    "as a count of its unit. Convert it to the number you mean first, e.g. "
                    + ("(value - numpy.datetime64('2000-01-01')) / numpy.timedelta64(1, 'D') for days since a date."
                       if kind == "M" else "value / numpy.timedelta64(1, 'h') for hours."))
        return (f"{'dates' if kind == 'M' else 'durations'} ({np.asarray(value).dtype}), which NumPy would read as "
                "counts of their unit. Convert them to the numbers you mean first, e.g. "
                "(value - value[0]) / numpy.timedelta64(1, 'D') for days.")
    if kind == "V":  # ml_dtypes' numbers (JAX's bfloat16, float8, int4) convert; records and raw bytes do not
        return _void_problem(value.dtype if isinstance(value, np.ndarray) else np.asarray(value).dtype)
    if kind in "US":
        return f"text ({type(value).__name__}) {_preview(value)}. Convert it first, e.g. float(...) or numpy.asarray(..., dtype=float)."
    if kind == "O" and any(v is None for v in np.asarray(value, dtype=object).flat):
        return f"None inside {_preview(value)}. Give a number for every entry (numpy.nan if really missing)."
    return None


def _void_problem(dtype: np.dtype) -> str | None:
    """Why an array of NumPy's kind ``V`` is not numbers to convert: a structured array (fields) or raw bytes; None
    for a number type NumPy casts to float64 (``ml_dtypes.bfloat16``, JAX's mixed-precision data: probe21 P21-2)."""
    if dtype.names:
        return (f"a structured array with fields {', '.join(dtype.names)} (what numpy.genfromtxt(..., names=True) "
                "returns). Make it one array of numbers first: "
                "numpy.lib.recfunctions.structured_to_unstructured(value), or value['name'] for one column.")
    if np.can_cast(dtype, np.float64):
        return None
    return f"raw bytes (dtype {dtype}). Convert them to numbers first, e.g. numpy.frombuffer(..., dtype=float)."


def _preview(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _initial_array(init: Any, shape: tuple[int, ...], dtype: str, name: str) -> np.ndarray:
    raw = init(shape, dtype) if callable(init) else init
    if isinstance(raw, (sympy.Basic, sympy.MatrixBase)) and raw.free_symbols:
        raise ConfigurationError(
            f"initial value of {name!r}: expected numbers; given the symbolic {type(raw).__name__} {_preview(raw)}. "
            f"A Variable is one symbol for a whole array of parameters: write symopt.Variable({name!r}, numbers, "
            "shape=...) and build expressions from it, instead of a sympy.Matrix of separate symbols.")
    problem = not_real_numbers(raw)
    if problem is not None:
        raise ConfigurationError(f"initial value of {name!r}: expected numbers; given {problem}")
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below, as an error
            value = np.array(raw, dtype=dtype)  # a copy: changing the caller's array later leaves the init alone
    except (ValueError, TypeError, OverflowError) as error:
        raise ConfigurationError(f"initial value of {name!r}: expected real numbers of dtype {dtype}; given "
                                 f"{_preview(raw)}, which NumPy cannot convert ({error})") from None
    if not np.all(np.isfinite(value)):
        raise ConfigurationError(f"initial value of {name!r}: expected finite numbers; given {_preview(raw)}, "
                                 f"which is infinite or NaN in {dtype} (the largest {dtype} is "
                                 f"{np.finfo(dtype).max:.3g}). Start from a finite value.")
    if value.shape == () and shape != () and not callable(init):
        value = np.full(shape, value, dtype=dtype)
    if value.shape != shape:
        declaration = rank_one_declaration(name, "parameter", shape[0] if shape else None)
        advice = reshape_advice(name, tuple(shape), value.shape, declaration, value)
        raise ShapeError(f"initial value of {name!r}: expected shape {shape}, given {value.shape}.{advice}")
    return value


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
        dtype = canonical_dtype(dtype)
        if shape is None:  # from an array initial value, else a scalar
            shape = () if callable(init) else np.shape(init)
        shape = shape_tuple(shape, name)
        if any(size is None for size in shape):
            raise ShapeError(f"Variable {name!r}: shape {shape} has None; only placeholders have a batch dimension")
        rows, cols = _matrix_shape(shape, name) if shape != () else (None, None)  # sizes checked before any array
        value = _initial_array(init, shape, dtype, name)
        if shape == ():
            return ScalarVariable(name, init=value, dtype=dtype, trainable=trainable, array_shape=shape)
        return MatrixVariable(name, rows, cols, init=value, dtype=dtype, trainable=trainable, array_shape=shape)


class Placeholder:
    """Data bound at run time; ``None`` in ``shape`` is the batch dimension :data:`BATCH`."""

    def __new__(cls, name: str, shape: Sequence[int | None] = (), dtype: Any = "float64", **assumptions):
        _refuse_assumptions("Placeholder", name, assumptions, shape)
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
    if declared is not None:
        return tuple(None if size is None else size for size in declared)
    if is_matrix(symbol):
        return tuple(None if dim == BATCH else int(dim) for dim in symbol.shape)
    return ()


def declared_value(symbol: sympy.Basic, value):
    """``value`` in the shape ``symbol`` was declared with: a rank-1 symbol's ``(n,)`` vector for the ``(n, 1)``
    column symopt computes with (a NumPy or a JAX array, kept where it is); any other value as it is."""
    return np.reshape(value, -1) if is_matrix(symbol) and len(shape_of(symbol)) == 1 else value


def creation_order(symbol) -> int:
    """When a symopt symbol (Variable, Placeholder) was made, counted across all of them; -1 for any other symbol."""
    if isinstance(symbol, _TrackedSymbol):
        return symbol._serial
    if isinstance(symbol, _TrackedMatrix):
        return int(symbol.args[3])
    return -1


def symbolic(value, role: str = "cost"):
    """``value`` as a SymPy object, never by parsing text: SymPy's parser evaluates its input as Python, so a string
    (or an object SymPy would convert through its ``str``, or an array of strings) raises
    :class:`~symopt.errors.ConfigurationError`.  ``None`` stays ``None``; numbers, SymPy objects and numeric arrays
    convert as with :func:`sympy.sympify`."""
    if value is None:
        return None
    try:
        return sympy.sympify(value, strict=True)
    except sympy.SympifyError:
        pass
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return sympy.sympify(value)
    if isinstance(value, (list, tuple)):
        return type(value)(symbolic(item, role) for item in value)
    shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
    raise ConfigurationError(
        f"expected a {role} built from SymPy or symopt symbols; given {type(value).__name__} {shown}. Build it from "
        "symopt.Variable / symopt.Placeholder (a string is parsed only by the command line, or by "
        "symopt.parse.parse_expression: SymPy's own parser would run it as Python).")

"""Values crossing the session boundary: fed values checked and converted (TF1's errors), stored values in
symopt's matrix layout, fetched values back in TF1's shapes and dtypes."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import sympy

from ...compiler import free_inputs
from ...functions import in_float
from ...jax_tracers import refuse_traced
from ...reductions import ArgMax

from ...symbols import BATCH
from ...traversal import free_symbols
from .errors import InvalidArgumentError
from .graph import Tensor
from .integer_casts import truncated_int

__all__ = ["fed_array", "checked_batch", "internal", "to_tf", "on_host", "batch_carrier", "note_batch_sources",
           "fed_value"]


def fed_array(key: Tensor, value) -> np.ndarray:
    """A fed value as an array of the tensor's dtype; a float fed to an integer tensor is refused (TF1 truncates
    silently, which hides mistakes)."""
    if isinstance(value, Tensor):
        raise TypeError(f"The value of a feed cannot be a tf.Tensor object ({value.name}). Acceptable feed values "
                        "include Python scalars, strings, lists, numpy ndarrays, or TensorHandles.")
    held_exactly = key.dtype.is_integer or key.dtype.name == "bool"  # a float dtype rounds, as TF1 compares
    if isinstance(value, int) and not isinstance(value, bool) and held_exactly:
        _check_python_int(key, value)
    try:
        array = np.asarray(value)
    except TypeError:  # JAX's TracerArrayConversionError among them: a Session.run inside the user's jax.jit
        refuse_traced(f"the value fed to {key.name}", value)
        raise
    if array.dtype.kind == "c":
        raise TypeError(f"{key.name} was fed complex values; feed real numbers")
    if array.dtype == object and key.dtype.name != "string":  # numbers held as objects (numeric columns of a
        numbers = _object_numbers(array, held_exactly)  # mixed table, a database driver's Decimal rows): their array
        if numbers is not None and numbers.shape == array.shape and numbers.dtype.kind in "biufO":
            if held_exactly:
                _check_integer_range(key, numbers)
            if numbers.dtype.kind != "O":
                return fed_array(key, numbers)
        return _converted_as_tf1(key, value)
    return array.astype(key.dtype.name, copy=False) if key.dtype.name != "string" else array


def _converted_as_tf1(key: Tensor, value) -> np.ndarray:
    """An object array's entries converted as TF1 converts a fed value (NumPy's conversion to the tensor's dtype):
    number strings parsed (``"1.5"``), ``None`` as nan for a float tensor, integers past 64 bits as floats
    (``2**70`` fed to a float placeholder: probe61 P61-3, P61-5); TF1's ``ValueError`` for a string that is no
    number, ``TypeError`` for ragged rows or entries no number converts from."""
    try:
        return np.asarray(value, dtype=key.dtype.name)
    except ValueError as error:
        if "could not convert" in str(error) or "invalid literal" in str(error):
            raise
        raise TypeError(f"{key.name} was fed {value!r}, which is not an array of numbers of one shape ({error}); "
                        f"convert it as you mean it, e.g. np.asarray(value, dtype=np.{key.dtype.name})") from None


def _object_numbers(array: np.ndarray, integral: bool) -> np.ndarray | None:
    """An object array's entries as an array of numbers: a ``decimal.Decimal`` or ``fractions.Fraction`` (what a
    database driver gives for a NUMERIC column) as its float for a float tensor, as TF1 and symopt's core API take
    them (probe51 P51-2); for an integer or bool tensor (``integral``) as TF1 converts it, ``int()`` of it, exact
    (a 64-bit id past 2**53 too), raising TF1's ``ValueError`` for NaN and ``OverflowError`` for an infinity (final40b
    F40b-14: a float then NumPy's cast wrapped -1 to 255 in uint8).  None where the entries are ragged rows."""
    convert = int if integral else float
    flat = [convert(item) if isinstance(item, (Decimal, Fraction)) else item for item in array.ravel().tolist()]
    try:
        numbers = np.array(flat)
    except ValueError:  # ragged rows
        return None
    if numbers.ndim != 1 or numbers.size != array.size:
        return None
    return numbers.reshape(array.shape)


def _check_integer_range(key: Tensor, numbers: np.ndarray) -> None:
    """TF1's ``OverflowError`` for an integer that ``key``'s integer dtype does not hold (NumPy's cast would wrap
    it: -1 to 255 in uint8)."""
    if key.dtype.is_integer and numbers.dtype.kind in "iuO":
        info = np.iinfo(key.dtype.name)
        for number in numbers.ravel().tolist():
            if isinstance(number, int) and not info.min <= number <= info.max:
                raise OverflowError(f"Python integer {number} out of bounds for {key.dtype.name}")


def _check_python_int(key: Tensor, value: int) -> None:
    """TF1's ``TypeError`` for a Python ``int`` that the tensor's integer or bool dtype does not hold (``2**40`` fed
    to an int32 placeholder, which NumPy wraps to 0 without a word: probe24 P24-1; 2 fed to a bool: review33).
    Lists and arrays wrap in TF1 too, and a float dtype rounds an int (TF1 compares in that dtype)."""
    kind = np.dtype(key.dtype.name).type
    try:
        held = kind(value) == value
    except OverflowError:
        held = False
    if not held:
        raise TypeError(f"Type of feed value {value} with type {type(value)} is not compatible with Tensor type "
                        f"{kind}. Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).")


def checked_shape(key: Tensor, array: np.ndarray) -> None:
    """TF1's ``ValueError`` when ``array`` has another rank than ``key`` or differs from a known dimension (of
    the shape ``set_shape`` refined, where it did)."""
    known = tuple(getattr(key, "refined_shape", None) or key.shape)
    if len(array.shape) != len(known) or any(d is not None and d != a for d, a in zip(known, array.shape)):
        shape = "(" + ", ".join("?" if d is None else str(d) for d in known) + ("," if len(known) == 1 else "") + ")"
        raise ValueError(f"Cannot feed value of shape {array.shape} for Tensor {key.name}, which has shape {shape}")


def batch_shape(key: Tensor, array: np.ndarray) -> tuple:
    """The shape ``key``'s value takes in the program: its declared shape, except that a ``[None, None]``
    placeholder (deferred, of known rank) keeps the batch size m first and takes the fed number of columns."""
    if key.deferred:
        known = key.shape.known_rank and key.ndim  # set_shape([]): a scalar
        return (None, *array.shape[1:]) if known and key.shape.as_list()[0] is None else array.shape
    return tuple(key.shape)


def checked_batch(batch, key: Tensor, array: np.ndarray):
    """Check a fed array's shape against the placeholder's (TF1's message); return ``(tensor, m)``.

    Every ``None`` dimension is symopt's one batch size m, so fed arrays must agree on it; the message says how to
    declare a placeholder of another set (a test set beside a train set: probe28 P28-1).
    """
    checked_shape(key, array)
    for declared, size in zip(batch_shape(key, array), array.shape):
        if declared is not None:
            continue
        if batch is not None and batch[1] != size:
            raise InvalidArgumentError(
                f"Incompatible batch sizes: {batch[0].name} was fed {batch[1]} examples and {key.name} {size}; every "
                "None dimension is symopt's one batch size m. If they are the same examples (features and labels), "
                "feed arrays with the same number of examples; if they are different sets (a train set and a test "
                f"set, points and centroids), declare {key.op_name} with its size, "
                f"tf.placeholder(tf.{key.dtype.name}, {list(array.shape)}), or without a shape, "
                f"tf.placeholder(tf.{key.dtype.name})")
        batch = (key, size)
    return batch



def internal(value: np.ndarray):
    """Session storage: 0-d → NumPy scalar; rank 1 → column; rank 2 as is."""
    if value.ndim == 0:
        return value[()]
    return value.reshape(-1, 1) if value.ndim == 1 else value


def divides_integers(tensor: Tensor) -> bool:
    """Whether ``tensor`` divides by an integer tensor (an ``in_float`` of integer inputs, of integer casts such
    as ``tf.cast(x, tf.int32)`` of floats, of ``tf.argmax`` or of the batch size, raised to -1, as
    :func:`~symopt.compat.v1.graph.binary` builds ``I // J``): then a non-finite value is TF1's "Integer division by zero", where a NaN cast to an integer is just
    NumPy's (and TF1's) garbage value."""
    graph = tensor.graph
    integers = {s for s, t in graph.placeholders.items() if t.dtype.is_integer}
    integers.update(v.expr for v in graph.variables if v.dtype.is_integer)
    integers.update(s for s, array in graph.constants.items() if getattr(array, "dtype", None) is not None and
                    array.dtype.kind in "iu")  # a constant divisor that holds a zero (graph.binary binds it)
    for node in sympy.preorder_traversal(tensor.expr):
        if isinstance(node, (sympy.Pow, sympy.HadamardPower)) and node.exp == -1 and node.base.has(in_float):
            integral = [n for n in sympy.preorder_traversal(node.base) if isinstance(n, (truncated_int, ArgMax)) or
                        isinstance(getattr(getattr(n, "function", None), "expr", None), truncated_int)]  # entrywise
            inputs = set(free_inputs([node.base])) - set(free_inputs(integral))
            if (inputs or integral or node.base.has(BATCH)) and inputs <= integers:  # tf.shape(X)[0] - 2: m - 2
                return True
    return False


def to_tf(tensor: Tensor, value):
    """A computed value in the tensor's TF shape and dtype (a NumPy scalar for rank 0)."""
    if tensor.dtype.is_integer and getattr(value, "dtype", None) is not None and value.dtype.kind == "f" \
            and not np.isfinite(value).all() and divides_integers(tensor):
        raise InvalidArgumentError(f"{tensor.name}: Integer division by zero")
    if tensor.dtype.is_integer:  # computed exactly (floats, Python ints): TF1's wraparound, never a clip
        value = wrapped_integers(value, tensor.dtype.name)
    elif tensor.dtype.name == "string":  # a summary computed before a run's updates and fed back (P79-7)
        array = np.asarray(value, dtype=object)  # a program's [n, 1] column of a vector: TF1's [n] (46a2-4 notes)
        return strings(array.reshape(()) if tensor.shape == () else array.reshape(-1) if len(tensor.shape) == 1
                       else array)
    array = np.asarray(value, dtype=tensor.dtype.name)
    if tensor.shape == ():
        return array.reshape(())[()]
    return np.array(array.reshape(-1) if len(tensor.shape) == 1 else array)


def strings(value):
    """A ``tf.string`` value as TF1's ``Session.run`` returns it: ``bytes``, or an object array of them (a ``str``
    fed is encoded as UTF-8, as TF1's conversion does: final46a2 46a2-4)."""
    array = np.asarray(value)
    items = [item.encode() if isinstance(item, str) else bytes(item) for item in array.astype(object).ravel()]
    if array.ndim == 0:
        return items[0]
    result = np.empty(array.shape, dtype=object)
    result.flat[:] = items
    return result


def wrapped_integers(value, dtype: str):
    """Integers computed exactly (as floats, int64 or Python ints) in the integer ``dtype`` as TF1's kernels leave
    them: wrapped around, two's complement (``int32(2147483647 + 1) = -2147483648``, ``uint8(300) = 44``)."""
    if getattr(value, "dtype", None) is not None and value.dtype == np.dtype(dtype):
        return value
    array = np.asarray(value)
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        return value  # nan / inf: the conversion's own value
    info = np.iinfo(dtype)
    span, low = int(info.max) - int(info.min) + 1, int(info.min)
    if array.dtype.kind in "iuf" and np.abs(array.astype(np.float64)).max(initial=0) < 2.0 ** 62:
        exact = array.astype(np.int64)
        return exact.astype(dtype) if span > 2 ** 32 else ((exact - low) % span + low).astype(dtype)
    flat = [(int(v) - low) % span + low for v in array.ravel().tolist()]
    return np.array(flat, dtype=dtype).reshape(array.shape)


def on_host(value):
    """A value the session stores, as NumPy: a JAX device array (``ConfigProto(backend="jax")`` keeps variables
    and slots on the device between runs) is copied to the host, a 0-d one as a NumPy scalar; others as they are."""
    if isinstance(value, (np.ndarray, np.generic, int, float)):
        return value
    return np.asarray(value)[()]


def batch_carrier(expressions: list, symbols: list, candidates):
    """The first of ``candidates`` (placeholders) with a batch dimension, for ``expressions`` that read the batch
    size :math:`m` without any of ``symbols`` (their inputs) having it (``tf.shape(X)[0]`` alone: the program must
    take ``X`` to know ``m``); None when they need none, or no candidate has one."""
    if BATCH not in free_symbols([e for e in expressions if isinstance(e, sympy.Basic)]) or \
            any(BATCH in getattr(s, "shape", ()) for s in symbols):
        return None
    return next((s for s in candidates if BATCH in getattr(s, "shape", ())), None)


def note_batch_sources(tensor: Tensor) -> None:
    """Note on ``tensor``'s graph the placeholders that give it its batch size, for an op whose value reads only
    that size (``tf.shape(X)``, ``tf.zeros_like(X)``): a program computing it takes them (:func:`batch_carrier`)."""
    from ...compiler import free_inputs  # the compiler loads SymPy's printers: only when such an op is built
    sources = tensor.graph.batch_sources
    sources.extend(s for s in free_inputs([tensor.expr]) if BATCH in getattr(s, "shape", ()) and s not in sources)


def fed_value(key, array) -> np.ndarray:
    """What TF1 returns for a fetched tensor that the run feeds: the fed value as an array of the tensor's dtype, a
    0-d array for a scalar (``array(1.5, dtype=float32)``, never a NumPy scalar), a string one of dtype object."""
    name = key.dtype.name
    if name == "string":
        return np.asarray(array, dtype=object)
    return np.asarray(array.astype(bool) if name == "bool" else array, dtype=name)

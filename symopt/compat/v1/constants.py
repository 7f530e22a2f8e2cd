r"""``tf.constant`` and its dtype rules: numbers become exact SymPy numbers, small arrays explicit matrices; what a
SymPy number cannot hold (wide integers, ``-0.0``, values past float64) and larger arrays are arrays a session
binds to a symbol of the graph (:func:`bound_constant`); ``None`` is refused."""

from __future__ import annotations

import numbers

import numpy as np
import sympy

from ...errors import UnsupportedOperationError
from ...symbols import Placeholder as CorePlaceholder
from . import dtypes as _dtypes
from .default_graph import get_default_graph
from .errors import DTypeMismatchError, IntegerOverflowError, NoneValueError, rank_above_2
from .program_dtypes import symbol_dtype
from .scope_names import check_node_name
from .tensor_fill import filled
from .tensors import Tensor, shape_tuple
from .wide_integer_ops import past_float64

__all__ = ["constant", "bound_constant", "check_number", "not_symbolic", "EXPLICIT_CONSTANT_ENTRIES"]


#: Arrays with more entries than this are bound to a symbol at run time instead of being
#: written out as an explicit SymPy matrix (which is slow to build and to print).
EXPLICIT_CONSTANT_ENTRIES = 64


def constant(value, dtype=None, shape=None, name: str | None = None, verify_shape=False) -> Tensor:
    """``tf.constant``: numbers become exact SymPy numbers, small arrays explicit matrices,
    larger arrays a symbol the session binds to the array (see :func:`bound_constant`).
    The dtype is TF1's: Python ints int32, floats float32; NumPy arrays keep theirs; strings are bytes."""
    if isinstance(value, Tensor):
        raise TypeError("tf.constant needs a Python or NumPy value; given a Tensor (use tf.identity)")
    if _holds(value, lambda item: isinstance(item, Tensor)):  # TF1's words; NumPy cannot hold a tensor (__array__)
        raise TypeError("Expected any non-tensor type, but got a tensor instead. (tf.constant of a list holding "
                        "tensors: join them with tf.stack, or tf.convert_to_tensor)")
    if _holds(value, _is_none):
        raise NoneValueError(value, name)
    if name is not None:  # Tensor() reads a trailing ':0' as the tensor's own; TF1 refuses it (45b-8)
        scopes = get_default_graph().name_scopes
        check_node_name(name, scopes[-1] if scopes else "")
    if (dtype is None or _dtypes.as_dtype(dtype).is_integer) and _holds(value, _past_64_bits):  # a float dtype
        raise IntegerOverflowError(next(item for item in np.ravel(np.asarray(value, dtype=object))  # takes it
                                        if _past_64_bits(item)))
    dtype = _dtypes.as_dtype(dtype) if dtype is not None else _dtypes.infer_dtype(value)
    if dtype != _dtypes.string:
        check_number(value, dtype)
    if dtype.is_integer and not isinstance(value, (np.ndarray, np.generic)) and np.asarray(value).dtype.kind == "f":
        # TF1: a Python float for an integer dtype is a TypeError, 2.0 too (a NumPy float array is truncated)
        raise DTypeMismatchError(f"Expected {dtype.name}, got {value!r} of type '{type(value).__name__}' instead.")
    if dtype == _dtypes.string:  # also a SymPy number or expression: NumPy makes it an object array (46b-5: no walk
        not_symbolic(value, numbers_too=True)  # on the ordinary path); TF1 converts none of them (46b-7); not named
        # tf.constant: tf.fill, tf.add, ... convert their values through it (P86-7)
        return _string_constant(value, name)
    array = _converted(value, dtype)
    if shape is not None:
        array = filled(array, shape_tuple(shape), dtype.name, verify_shape)  # TF1's rule: [1, 2] for [4]: 1 2 2 2
    if array.ndim > 2:
        raise rank_above_2(f"tf.constant of shape {array.shape}")
    if array.ndim == 0 and not _negative_zeros(array) and not _nan(array):  # a double's 53 bits: SymPy folds c * 3 rounding once, as
        # TF1's kernel (64 bits kept the exact product, which the printed literal rounded again: review4 Q4)
        result = Tensor(sympy.Float(float(array), precision=53) if array.dtype.kind == "f" else sympy.Integer(int(array)),
                        (), dtype, name or "Const")
    elif array.size > EXPLICIT_CONSTANT_ENTRIES or past_float64(array) or _wide_integers(array) \
            or _negative_zeros(array) or array.ndim == 0:
        result = bound_constant(array, dtype, name or "Const")  # its own dtype: int64 / uint64 always, so
        # x + tf.constant([1, 2], tf.int64) adds in int64; -0.0, which a SymPy number cannot hold, and a scalar NaN,
        # which SymPy cannot compare (tf.maximum(nan, 0.): probe15 Y3) (a run's fetches that compute in different
        # float dtypes get a program each: Session.evaluate, probe13 W19)
    else:
        matrix = array.reshape(array.shape[0], -1) if array.ndim == 2 else array.reshape(-1, 1)
        if matrix.dtype.kind == "b":  # tf.bool is 1 / 0 inside the program (a SymPy matrix holds numbers, not booleans)
            matrix = matrix.astype(np.int64)
        result = Tensor(sympy.ImmutableMatrix(matrix.tolist()), array.shape, dtype, name or "Const")
    result.op_type = "Const"  # whatever its name (tf.constant(1.0, name="c"), add/y)
    return result


def _holds(value, test) -> bool:
    """Whether ``test`` is true of ``value`` or of an item of it at any depth (lists, tuples, object arrays): TF1's
    refusals of ``None`` (``[[1.0, None]]``) and of integers past 64 bits, checked before NumPy infers a dtype
    (review4 Q9, Q6: either gave an object array, read as a string tensor or as "no number")."""
    if isinstance(value, (list, tuple)):
        return any(_holds(item, test) for item in value)
    if isinstance(value, np.ndarray):
        return value.dtype == object and any(_holds(item, test) for item in value.flat)
    return test(value)


def _is_none(value) -> bool:
    return value is None


def _no_real_number(value) -> bool:
    """Whether ``value`` is no real number (a string, ``Decimal``, complex number: refused, never parsed)."""
    return not isinstance(value, (numbers.Real, np.number, np.bool_))


def _past_64_bits(value) -> bool:
    """A Python int no int64 or uint64 holds (TF1 converts ``2**63`` to int64, wrapping, and refuses ``2**64``)."""
    return type(value) is int and not -2 ** 63 <= value < 2 ** 64


def _symbolic(item) -> bool:
    """Whether ``item`` is a SymPy expression of symbols (a ``symopt.Variable``, ``(sw - 5)**2``), no number."""
    return isinstance(item, sympy.Basic) and bool(item.free_symbols)


def _sympy_item(item) -> bool:
    """Whether ``item`` is any SymPy object (``sympy.pi``, ``sqrt(2)``, ``Integer(3)``: tf.constant converts none)."""
    return isinstance(item, sympy.Basic)


def not_symbolic(value, given_to: str = "a TF1 op", numbers_too: bool = False) -> None:
    """TF1's conversion failure (``TypeError: Failed to convert elements of sw to Tensor``) for a symopt / SymPy
    expression given where a compat tensor or a number belongs (``tf.square(sw)`` of ``sw = symopt.Variable(...)``:
    probe83 P83-6), naming both APIs; nothing else is checked or changed first.  ``numbers_too``: SymPy numbers also
    (``tf.constant(sympy.pi)``; to the operators they are numbers, ``w * sympy.Integer(3)``, as TF1)."""
    refused = _sympy_item if numbers_too else _symbolic
    if not _holds(value, refused):
        return
    item = next(item for item in np.ravel(np.asarray(value, dtype=object)) if refused(item)) \
        if isinstance(value, (list, tuple, np.ndarray)) else value
    if not getattr(item, "free_symbols", True):  # a SymPy number (tf.fill([2], sympy.Float(2.5)): P86-7)
        kind, truth = type(item).__name__, isinstance(item, sympy.logic.boolalg.BooleanAtom)
        raise UnsupportedOperationError(f"Failed to convert elements of {item} to Tensor: a SymPy "
                                        f"{'truth value' if truth else 'number'} ({'an' if kind[0] in 'AEIOU' else 'a'} "
                                        f"{kind}) is no TF1 value; give {_python_value(item)}")
    raise UnsupportedOperationError(
        f"Failed to convert elements of {item} to Tensor: {given_to} expects a symopt.compat.v1 tensor (tf.Variable, "
        f"tf.placeholder, tf.constant, or an op of them) or a number; given the symopt/SymPy expression {item} "
        f"(a {type(item).__name__}), which the symopt API reads, not symopt.compat.v1.  Make it a compat tensor "
        "(w = tf.Variable(1.0)), or keep it in the symopt API (symopt.minimize, symopt.grad).")


def _python_value(item) -> str:
    """The Python value to give for the SymPy atom ``item`` (final47a2 47a2-8): ``int(3)`` keeps TF1's int32."""
    if isinstance(item, sympy.logic.boolalg.BooleanAtom):
        return f"a Python bool, {bool(item)}"
    if item.is_Integer:
        return f"a Python int, int({item})"
    if item.is_extended_real or item is sympy.nan:
        return f"a Python float, float({item})"
    return "a real number: symopt.compat.v1 has no complex tensors"  # I, zoo, 1 + 2*I


def check_number(value, dtype: _dtypes.DType, parameter: str = "") -> None:
    """TF1's ``TypeError`` for a string, ``Decimal`` or complex number given as a value of the number dtype ``dtype``
    (probe13 W8: ``x * "2"``, ``tf.assign(w, "1.5")``, which ``float()`` would parse); ``parameter``: where it was
    given, TF1's `` passed to parameter 'value' of op 'Assign'``.  A symopt / SymPy expression: :func:`not_symbolic`."""
    kind = np.asarray(value).dtype.kind
    if kind == "O":  # only an object array can hold a SymPy expression: no walk of an ordinary list (46b-5)
        not_symbolic(value)
    if kind in "USc" or (kind == "O" and _holds(value, _no_real_number)):  # an object array of numbers: Python
        # ints past 64 bits, which a float dtype takes (x + 2**70, as TF1)
        raise DTypeMismatchError(f"Expected {dtype.name}{parameter}, got {value!r} of type '{type(value).__name__}' "
                                 "instead. (a string, Decimal or complex number is no number of a TF1 tensor: convert "
                                 "it with float(...))")


def _negative_zeros(array: np.ndarray) -> bool:
    """Whether the float ``array`` holds a -0.0, which a SymPy number cannot (``tf.constant(-0.0)`` is bound as an
    array, so ``tf.Print`` writes TF1's ``-0`` and ``1 / -0.0`` is ``-inf``: probe13 W20)."""
    return array.dtype.kind == "f" and bool(np.any((array == 0) & np.signbit(array)))


def _nan(array: np.ndarray) -> bool:
    """Whether the scalar ``array`` is a float NaN (SymPy's ``nan`` raises "Invalid NaN comparison" in every
    comparison a kernel builds: ``tf.maximum(tf.constant(np.nan), 0.)``, ``tf.nn.elu``, ``c > 0``)."""
    return array.dtype.kind == "f" and bool(np.isnan(array))


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
    symbol = CorePlaceholder(op_name, shape=array.shape, dtype=symbol_dtype(dtype))
    graph.constants[symbol] = array.reshape(-1, 1) if array.ndim == 1 else array
    return Tensor(symbol, array.shape, dtype, op_name, exact_name=True)

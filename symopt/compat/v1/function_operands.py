r"""TF1's conversion of the first operand of its binary *functions* (probe11 U4).

``tf.add(x, y)``, ``tf.multiply``, ``tf.subtract``, ``tf.maximum``, ``tf.equal``, ``tf.less``, ... are generated
ops: TF1 converts their inputs in order, so a Python or NumPy value given *first* becomes a tensor of its own dtype
(a Python int ``int32``, or ``int64`` past int32; a float ``float32``; a NumPy scalar or array its own dtype),
before the second operand is seen.  ``tf.multiply(3, x)`` and ``tf.add(np.float64(0.1), x)`` with a float32 ``x``
are therefore TF1's ``TypeError: Input 'y' of 'Mul' Op has type float32 that does not match type int32 of argument
'x'.``, where the operator ``3 * x`` (``x.__rmul__``) converts the 3 to ``x``'s dtype and runs.  A value given
second takes the first operand's dtype in both forms.  ``tf.divide`` and ``tf.div_no_nan`` convert as the
operators do; ``tf.truediv`` and ``tf.div`` give their own messages (:data:`MESSAGES`).

A reflected operator converts its Python value strictly to a bool tensor's dtype: ``3. * b`` of a bool ``b`` is
TF1's ``TypeError: Expected bool, but got 3.0 of type 'float'.`` (:func:`check_reflected_bools`), where ``b * 3.``
is its logical and (final46b 46b-8).
"""

from __future__ import annotations

import numpy as np

from . import dtypes
from .errors import DTypeMismatchError
from .tensors import Tensor

__all__ = ["check_first_operand", "check_reflected_bools", "check_select_operands", "MESSAGES"]

#: TF1's error for a first operand whose own dtype is not the tensor second operand's, by message kind.
MESSAGES = {
    "op": (DTypeMismatchError, "Input 'y' of '{op}' Op has type {expected} that does not match type {given} of "
                               "argument 'x'."),
    "truediv": (DTypeMismatchError, "`x` and `y` must have the same dtype, got tf.{given} != tf.{expected}."),
    "div": (ValueError, "y: Tensor conversion requested dtype {given} for Tensor with dtype {expected}: {tensor!r}"),
    "select": (DTypeMismatchError, "Input 'e' of 'Select' Op has type {expected} that does not match type {given} of "
                                   "argument 't'."),  # tf.where(c, x, y): x is Select's t, y its e (final46a3 notes)
}
#: The kinds of :data:`MESSAGES` whose op has no operator form to suggest.
_NO_OPERATOR = frozenset({"select"})
#: The op types with no TF1 operator that converts to the tensor's dtype (``1 == t`` is Python's identity: 47a2-9).
_NO_OPERATOR_OPS = frozenset({"Equal", "NotEqual", "Maximum", "Minimum", "SquaredDifference"})


def _tensor_like(value) -> bool:
    return isinstance(value, Tensor) or hasattr(value, "as_input")  # an assignment stands for its variable


def check_first_operand(x, y, op: str, kind: str = "op") -> None:
    """Raise TF1's error (``MESSAGES[kind]``, naming the op type ``op``) when ``x`` is a Python or NumPy value whose
    own dtype is not the dtype of the tensor ``y``, before any constant is made."""
    if op in _TAKING_BOOLS and isinstance(x, Tensor) and x.dtype == dtypes.bool:
        _check_bool_second(y, op)
    if _tensor_like(x) or not _tensor_like(y):
        return
    if isinstance(x, (list, tuple)) and any(_tensor_like(item) for item in x):
        return  # a list holding tensors is packed (tf.stack), as TF1 does
    tensor = y if isinstance(y, Tensor) else y.as_input()
    given = dtypes.infer_dtype(x)
    if given == tensor.dtype or given == dtypes.string:
        return
    error, message = MESSAGES[kind]
    operator = "" if kind in _NO_OPERATOR or op in _NO_OPERATOR_OPS else \
        ", or write the operator, 3 * x, which converts it to the tensor's dtype"
    wanted = tensor.dtype.name
    article = "an" if wanted[0] in "aeio" else "a"  # an int32, a float32, a uint8 (final47a2 47a2-9, 47a3-7)
    hint = (f" (symopt: a Python or NumPy value given first is converted alone, to {given.name}, as TF1 does: give "
            f"it as {article} {wanted} value, e.g. {_example(x, wanted)}{operator})")  # review3 R9: TF's text, advice
    raise error(message.format(op=op, expected=tensor.dtype.name, given=given.name, tensor=tensor) + hint)


def _example(x, wanted: str) -> str:
    """A value of dtype ``wanted`` in the form ``x`` was given (final47a 47a-8, final47a2 47a2-9)."""
    if wanted == "string":
        return "a Python str or bytes, 'text'"
    if isinstance(x, np.ndarray):
        return f"x.astype(np.{wanted})"
    python = {"float32": "float", "int32": "int", "bool": "bool"}.get(wanted)
    if isinstance(x, (list, tuple)):
        return f"np.array([...], np.{wanted})" + (f" or a list of Python {python}s" if python else "")
    return f"np.{wanted}(...)" + (f" or a Python {python}" if python else "")


#: The ops of check_first_operand whose kernels take bools: a bool ``x`` converts a Python ``y`` strictly (47a-6).
_TAKING_BOOLS = frozenset({"Equal", "NotEqual"})


def _check_bool_second(y, op: str) -> None:
    """TF1's ``TypeError`` for a Python ``y`` holding a number that is no bool beside a bool ``x`` of ``op``
    (``tf.equal(b, 1)``); a NumPy value converts, as TF1's."""
    if isinstance(y, np.generic) or not isinstance(y, (int, float, list, tuple)):
        return
    item = _first_non_bool(y)
    if item is not None and not _tensor_like(item):
        raise DTypeMismatchError(f"Expected bool passed to parameter 'y' of op '{op}', got {y!r} of type "
                                 f"'{type(y).__name__}' instead. Error: Expected bool, but got {_item_text(item)} of type "
                                 f"'{type(item).__name__}'. (compare with a bool, True or False, or cast the bool "
                                 "tensor first, tf.cast(b, tf.int32))")


def check_select_operands(condition, x=None, y=None, name=None) -> None:
    """``tf.where(condition, x, y)``'s check, when it is built and as its ``check_when_deferred``: TF1's ``TypeError``
    for a Python or NumPy ``x`` whose own dtype is not ``y``'s (TF1 converts Select's inputs in order), also where
    ``y`` has no shape yet (final46a3 notes, f69a499e)."""
    if x is not None and y is not None:
        check_first_operand(x, y, "Select", "select")


def _first_non_bool(value):
    """The first item of a Python value (a number or nested lists of them) that is not a bool, else None; a NumPy
    number inside a list is one, np.bool_ too (TF1 converts a list's items strictly: final47a2 47a2-5), a NumPy scalar given
    alone is left to the callers (TF1 converts it leniently, ``np.float64(3.) * b``: final47a 47a-1)."""
    if isinstance(value, (list, tuple)):
        return next((item for item in map(_first_non_bool, value) if item is not None), None)
    return None if isinstance(value, bool) else value


def _item_text(item) -> str:
    """An item as TF1's message shows it: ``1.0`` for ``np.float64(1.0)``, ``repr`` otherwise."""
    return str(item) if isinstance(item, np.generic) else repr(item)


def check_reflected_bools(value, tensor) -> None:
    """TF1's ``TypeError`` where a reflected operator (``3. * b``) would convert a Python number that is not a bool
    to the bool ``tensor``'s dtype: TF1 converts it strictly (a NumPy value is NumPy's own operator, left alone)."""
    if not isinstance(tensor, Tensor) or tensor.dtype != dtypes.bool or isinstance(value, np.generic) or \
            not isinstance(value, (bool, int, float, list, tuple)):
        return
    item = _first_non_bool(value)
    if item is not None and not _tensor_like(item):
        raise DTypeMismatchError(f"Expected bool, but got {_item_text(item)} of type '{type(item).__name__}'. (a Python value "
                                 "on the left of a bool tensor's operator is converted to bool, as TF1 does: give "
                                 f"a bool, or cast the tensor first, tf.cast({tensor.op_name}, tf.float32))")

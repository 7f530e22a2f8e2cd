"""TF1's error classes (``tf.errors``), raised with TF1's messages."""

from __future__ import annotations

from ...errors import SymoptError, UnsupportedOperationError

#: TF1's error codes (``tf.errors.INVALID_ARGUMENT`` is 3), the ``error_code`` of its ``OpError`` classes.
ERROR_CODE_NAMES = ("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
                    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
                    "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED")
(OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED,
 RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS,
 UNAUTHENTICATED) = range(len(ERROR_CODE_NAMES))

__all__ = ["OpError", "InvalidArgumentError", "FailedPreconditionError", "UnsupportedNameError", "NotFoundError",
           "OutOfRangeError", "DTypeMismatchError", "StaticShapeError", "NoneValueError",
           "missing_names", "missing_attributes", *ERROR_CODE_NAMES]


class OpError(SymoptError):
    """Base of the errors raised while running a session (TF1's ``tf.errors.OpError``), with TF1's read-only
    ``message`` (the text), ``error_code`` (``tf.errors.INVALID_ARGUMENT``, ...), and ``op`` / ``node_def`` (None, as
    TF1 leaves them where no op is known; symopt's messages name the op), so ``except tf.errors.OpError as e:
    print(e.message)`` works as in TF1 (probe13 W6)."""

    error_code = UNKNOWN
    op = None
    node_def = None

    @property
    def message(self) -> str:
        return str(self)


class InvalidArgumentError(OpError, ValueError):
    """A placeholder was not fed, or a value was invalid."""

    error_code = INVALID_ARGUMENT


class FailedPreconditionError(OpError, RuntimeError):
    """A variable was read before it was initialized."""

    error_code = FAILED_PRECONDITION


def uninitialized(name, session, initializer: str = "global") -> FailedPreconditionError:
    """TF1's error for a variable read before it has a value, with advice that fits (probe13 W22): the initializer
    when no variable has a value yet; when others have (this one was made after the initializer ran), its own
    initializer, since running the old one again would reset the trained variables and still miss it."""
    text = f"Attempting to use uninitialized value {name}: "
    if session.values:
        return FailedPreconditionError(
            text + f"it was made after the initializer ran. Run its own initializer ({name}.initializer or "
            f"tf.variables_initializer([{name}])), or make every variable before tf.{initializer}_variables_initializer() "
            "(running that again would reset the variables already trained)")
    return FailedPreconditionError(text + f"run tf.{initializer}_variables_initializer() first")


class UnsupportedNameError(UnsupportedOperationError, AttributeError):
    """A TF1 name symopt.compat.v1 does not provide (an ``AttributeError`` too, so ``hasattr`` stays usable)."""


def unsupported_name(module: str, name: str) -> UnsupportedNameError:
    """The error for ``module.name`` (``tf.foo``) that symopt does not provide."""
    return UnsupportedNameError(f"{module}.{name} is not supported yet by symopt.compat.v1 (TensorFlow 1.x on "
                                "symopt); see docs/compat.md for what is supported")


class NotFoundError(OpError, LookupError):
    """Something (a file, a checkpoint) was not found (TF1's ``tf.errors.NotFoundError``)."""

    error_code = NOT_FOUND


class OutOfRangeError(OpError, IndexError):
    """An input was exhausted (TF1's ``tf.errors.OutOfRangeError``; symopt has no input pipelines that raise it)."""

    error_code = OUT_OF_RANGE


class DTypeMismatchError(SymoptError, TypeError):
    """An op's inputs have different dtypes: TF1's ``TypeError`` (``Input 'y' of 'Mul' Op has type float64 that
    does not match type float32 ...``), raised when the op is built, also for inputs of shapes not known yet."""


class IntegerOverflowError(SymoptError, OverflowError):
    """A Python integer no 64-bit integer holds (``y + 2**64``): TF1's ``OverflowError: Python int too large to
    convert to C long``, when the op is made (review4 Q6)."""

    def __init__(self, value):
        super().__init__(f"Python int too large to convert to C long: {value} is outside the 64-bit integers TF1 "
                         f"converts [-2**63, 2**64 - 1]; give a smaller number, or compute in float64 "
                         f"(float({value}))")


class NoneValueError(SymoptError, ValueError):
    """``None`` where a tensor or a value was expected: TF1's ``ValueError: None values not supported.``, when the
    op is made (probe13 W1: it was a NaN constant, so ``tf.assign_sub(b, None)`` made the variable NaN).  The usual
    ``None`` is ``tf.gradients``' gradient of a variable the loss does not use."""

    def __init__(self, value=None, operand: str | None = None):
        given = "" if operand in (None, "Const") else f"Tried to convert '{operand}' to a tensor and failed. Error: "
        super().__init__(f"{given}None values not supported. (given {value!r}: tf.gradients and compute_gradients give "
                         "None for a variable the loss does not depend on; skip it, e.g. "
                         "[(g, v) for g, v in grads_and_vars if g is not None])")


class StaticShapeError(SymoptError, ValueError):
    """An op's inputs have static shapes that do not match: TF1's ``ValueError`` when the op is made (```logits``
    and ``labels`` must have the same shape, received ((1, ?) vs (?,))``), also for inputs computed from a
    placeholder without a shape whose static shape TF1 infers (``tf.reshape(y, [-1])``: ``(?,)``)."""


def missing_names(module: str):
    """A module-level ``__getattr__`` for the TF1 module ``module`` (``"tf.nn"``): every name it does not define
    raises :func:`unsupported_name` (a private name: a plain ``AttributeError``)."""
    def __getattr__(name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        raise unsupported_name(module, name)
    return __getattr__


def missing_attributes(kind: str):
    """A class's ``__getattr__`` for TF1's class ``kind`` (``"tf.Graph"``): an attribute symopt does not provide
    (``g.version``, ``op.node_def``) raises :class:`UnsupportedNameError` naming it (a private name: a plain
    ``AttributeError``)."""
    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        raise UnsupportedNameError(f"{kind}.{name} is not supported yet by symopt.compat.v1 (TensorFlow 1.x on "
                                   "symopt); see docs/compat.md for what is supported")
    return __getattr__


__getattr__ = missing_names("tf.errors")
__path__: list = []  # `from tensorflow.errors import <a name symopt lacks>` is refused by runner.py's importer

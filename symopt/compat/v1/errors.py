"""TF1's error classes (``tf.errors``), raised with TF1's messages."""

from __future__ import annotations

from ...errors import SymoptError

__all__ = ["OpError", "InvalidArgumentError", "FailedPreconditionError"]


class OpError(SymoptError):
    """Base of the errors raised while running a session (TF1's ``tf.errors.OpError``)."""


class InvalidArgumentError(OpError, ValueError):
    """A placeholder was not fed, or a value was invalid."""


class FailedPreconditionError(OpError, RuntimeError):
    """A variable was read before it was initialized."""

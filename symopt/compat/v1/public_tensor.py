"""``tf.Tensor`` as TF1 programs test for it: ``isinstance(v, tf.Tensor)`` is False for a ``tf.Variable``, as in TF1,
where a variable is not a tensor (symopt's :class:`~symopt.compat.v1.variables.Variable` is one inside the layer)."""

from __future__ import annotations

from .tensors import Tensor as TensorValue
from .variables import Variable

__all__ = ["Tensor"]


class _TensorKind(type):
    """``isinstance`` / ``issubclass`` against the layer's tensors, variables left out."""

    def __instancecheck__(cls, value) -> bool:
        return isinstance(value, TensorValue) and not isinstance(value, Variable)

    def __subclasscheck__(cls, kind) -> bool:
        return issubclass(kind, TensorValue) and not issubclass(kind, Variable)


class Tensor(metaclass=_TensorKind):
    """TF1's ``tf.Tensor``: a SymPy expression with a TF shape and dtype, made by ops (``tf.constant``,
    ``tf.placeholder``, ``x + y``), never directly.  ``isinstance(t, tf.Tensor)`` holds for every tensor and, as in
    TF1, not for a ``tf.Variable`` (probe24 P24-9)."""

    def __new__(cls, *args, **kwargs):
        raise TypeError("tf.Tensor is not made directly: tensors come from ops, e.g. tf.constant(value) or "
                        "tf.placeholder(tf.float32, shape)")

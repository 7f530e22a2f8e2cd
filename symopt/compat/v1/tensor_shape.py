"""``tf.TensorShape`` and ``tf.Dimension`` as TF1 has them: ``shape[i]`` is a ``Dimension`` whose ``.value`` is
the size or ``None`` (unknown, printed ``?``); the shape prints as ``(?, 784)``.

The shape itself is a tuple of ints and ``None`` (iterating it gives those, as TF2 does); indexing it,
``.dims`` and :func:`dimension_value` give TF1's ``Dimension`` objects and values.
"""

from __future__ import annotations

import sympy

from ...errors import SymoptError, UnsupportedOperationError
from .errors import missing_attributes

__all__ = ["graph_time_int", "TensorShape", "as_shape", "Dimension", "UnknownDimension", "UnknownDimensionError",
           "dimension_value",
           "unknown_shape", "shape_text", "incompatible_text"]


class UnknownDimensionError(SymoptError, TypeError):
    """``int()`` (or ``range``, an index) of an unknown dimension: its size is known only when a value is fed."""


def graph_time_int(value, what: str, op: str) -> int:
    """``value`` (a Python int, or a tensor holding a constant integer) as the int an op needs when the graph is
    built; a tensor known only when the graph runs (``tf.eye(tf.shape(x)[0])``) is a typed refusal naming it,
    before any state changes (probe13 W18: Python's raw "int() argument must be ... not 'Tensor'")."""
    if not hasattr(value, "op_name"):  # a number
        return int(value)
    if isinstance(value.expr, sympy.Integer):  # tf.constant(3)
        return int(value.expr)
    raise UnsupportedOperationError(f"{op}: {what} is the tensor {value.name}, known only when the graph runs, which "
                                    "symopt.compat.v1 cannot shape; give a number known when the graph is built")


def dimension_value(dimension) -> int | None:
    """``tf.dimension_value``: the size of a dimension (a ``Dimension``, an int or ``None``) as an int or ``None``."""
    if dimension is None or isinstance(dimension, UnknownDimension):
        return None
    return int(dimension)


class DimensionType(type):
    """Makes the unknown dimension an instance of ``Dimension`` too (``isinstance(shape[0], tf.Dimension)``)."""

    def __instancecheck__(cls, instance) -> bool:
        return isinstance(instance, UnknownDimension) or super().__instancecheck__(instance)


class Dimension(int, metaclass=DimensionType):
    """A dimension of a shape: ``Dimension(3)`` is the int 3 with TF1's ``.value``; ``Dimension(None)`` is
    :data:`UNKNOWN_DIMENSION` (``.value`` ``None``, printed ``?``)."""

    def __new__(cls, value):
        size = dimension_value(value)
        if size is None:
            return UNKNOWN_DIMENSION
        return super().__new__(cls, size)

    @property
    def value(self) -> int:
        return int(self)

    def __repr__(self) -> str:
        return f"Dimension({int(self)})"

    __str__ = int.__repr__

    def _combined(operation):
        """TF1's dimension arithmetic: a known result is a ``Dimension``; with an unknown one, unknown."""
        def combine(self, other):
            if isinstance(other, UnknownDimension) or other is None:
                return UNKNOWN_DIMENSION
            result = operation(int(self), other)
            return Dimension(result) if isinstance(result, int) else result
        return combine

    __add__, __radd__ = _combined(lambda a, b: a + b), _combined(lambda a, b: b + a)
    __sub__, __rsub__ = _combined(lambda a, b: a - b), _combined(lambda a, b: b - a)
    __mul__, __rmul__ = _combined(lambda a, b: a * b), _combined(lambda a, b: b * a)
    __floordiv__, __mod__ = _combined(lambda a, b: a // b), _combined(lambda a, b: a % b)
    del _combined


class UnknownDimension:
    """TF1's ``Dimension(None)``: arithmetic with it is unknown, and so is a comparison (``None``, as TF1 gives)."""

    value = None
    __slots__ = ()

    def __repr__(self) -> str:
        return "Dimension(None)"

    def __str__(self) -> str:
        return "?"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __int__(self):
        raise UnknownDimensionError("int() of an unknown dimension (Dimension(None), printed '?'): its size is known "
                                    "only when a session feeds a value; test `dimension.value is None` first")

    __index__ = __int__

    def unknown(self, other=None):
        return None

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = unknown

    def __hash__(self) -> int:
        return hash(None)

    def same(self, other=None):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __floordiv__ = __rfloordiv__ = same
    __mod__ = __rmod__ = same


UNKNOWN_DIMENSION = object.__new__(UnknownDimension)


class TensorShape(tuple):
    """Dimensions of a tensor: a tuple of ints, ``None`` where unknown (the batch size); ``shape[i]`` is a
    :class:`Dimension` and ``shape[i:j]`` a ``TensorShape``, as in TF1."""

    known_rank = True

    def __new__(cls, dims=()):
        if dims is None:
            return unknown_shape()
        dims = [dims] if isinstance(dims, int) else dims
        return super().__new__(cls, (None if size is None else Dimension(size) for size in map(dimension_value, dims)))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return TensorShape(tuple.__getitem__(self, key)) if self.known_rank else self
        if not self.known_rank:
            return UNKNOWN_DIMENSION
        return Dimension(tuple.__getitem__(self, key))

    def __reversed__(self):
        return reversed(tuple(self))

    @property
    def ndims(self) -> int | None:
        return len(self) if self.known_rank else None

    rank = ndims

    @property
    def dims(self) -> list | None:
        """TF1's list of :class:`Dimension` objects (``None`` for a shape of unknown rank)."""
        return [Dimension(size) for size in tuple.__iter__(self)] if self.known_rank else None

    def as_list(self) -> list:
        if not self.known_rank:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return [None if d is None else int(d) for d in tuple.__iter__(self)]

    def is_fully_defined(self) -> bool:
        return self.known_rank and None not in self

    def num_elements(self) -> int | None:
        """TF1's ``shape.num_elements()``: the number of entries as a Python int (``None`` when a size is unknown)."""
        if not self.is_fully_defined():
            return None
        count = 1
        for d in self:
            count *= int(d)
        return count

    def is_compatible_with(self, other) -> bool:
        other = other if isinstance(other, TensorShape) else TensorShape(other)
        if not (self.known_rank and other.known_rank):
            return True
        return len(self) == len(other) and all(a is None or b is None or a == b for a, b in zip(self, other))

    def merge_with(self, other) -> "TensorShape":
        """TF1's: the shape with each dimension known in either (``(?, 8)`` with ``(5, 8)``: ``(5, 8)``);
        incompatible shapes are TF1's ``ValueError``."""
        other = as_shape(other)
        if not self.known_rank:
            return other
        if not other.known_rank:
            return self
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are not compatible")
        return TensorShape([b if a is None else a for a, b in zip(self.as_list(), other.as_list())])

    def concatenate(self, other) -> "TensorShape":
        """TF1's: this shape's dimensions followed by ``other``'s (unknown if either rank is)."""
        other = as_shape(other)
        if not (self.known_rank and other.known_rank):
            return unknown_shape()
        return TensorShape(self.as_list() + other.as_list())

    def with_rank(self, rank: int) -> "TensorShape":
        """TF1's: this shape if its rank is ``rank`` (unknown rank: ``rank`` unknown dimensions), else
        TF1's ``ValueError``."""
        if not self.known_rank:
            return TensorShape([None] * int(rank))
        if len(self) != int(rank):
            raise ValueError(f"Shape {self} must have rank {int(rank)}")
        return self

    def with_rank_at_least(self, rank: int) -> "TensorShape":
        """TF1's: this shape if its rank is at least ``rank`` (or unknown), else TF1's ``ValueError``."""
        if self.known_rank and len(self) < int(rank):
            raise ValueError(f"Shape {self} must have rank at least {int(rank)}")
        return self

    def with_rank_at_most(self, rank: int) -> "TensorShape":
        """TF1's: this shape if its rank is at most ``rank`` (or unknown), else TF1's ``ValueError``."""
        if self.known_rank and len(self) > int(rank):
            raise ValueError(f"Shape {self} must have rank at most {int(rank)}")
        return self

    def assert_has_rank(self, rank: int) -> None:
        """TF1's: ``ValueError`` unless the rank is ``rank`` or unknown."""
        if self.known_rank and len(self) != int(rank):
            raise ValueError(f"Shape {self} must have rank {int(rank)}")

    def assert_is_compatible_with(self, other) -> None:
        """TF1's: ``ValueError`` unless :meth:`is_compatible_with` ``other``."""
        if not self.is_compatible_with(other):
            raise ValueError(f"Shapes {self} and {other} are incompatible")  # the other as given, as TF's

    def assert_is_fully_defined(self) -> None:
        """TF1's: ``ValueError`` unless every dimension (and the rank) is known."""
        if not self.is_fully_defined():
            raise ValueError(f"Shape {self} is not fully defined")

    def __eq__(self, other) -> bool:
        """Equal to a shape, tuple or list of the same dimensions (``x.shape == [None, 8]``, as TF 2's
        ``compat.v1``)."""
        if isinstance(other, list):
            other = tuple(other)
        return tuple.__eq__(self, other) if isinstance(other, tuple) else NotImplemented

    def __ne__(self, other) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = tuple.__hash__

    def __str__(self) -> str:
        if not self.known_rank:
            return "<unknown>"
        inner = ", ".join("?" if d is None else str(int(d)) for d in self)
        return f"({inner},)" if len(self) == 1 else f"({inner})"

    def __repr__(self) -> str:
        """TF1's: ``TensorShape([Dimension(None), Dimension(3)])``, ``TensorShape([])``, ``TensorShape(None)``."""
        if not self.known_rank:
            return "TensorShape(None)"
        return f"TensorShape([{', '.join(map(repr, self.dims))}])"

    __getattr__ = missing_attributes("tf.TensorShape")


class _UnknownShape(TensorShape):
    known_rank = False

    def __new__(cls):
        return tuple.__new__(cls, ())


_UNKNOWN = _UnknownShape()


def as_shape(shape) -> TensorShape:
    """``shape`` as a :class:`TensorShape` (TF1's ``tf.TensorShape`` conversion)."""
    return shape if isinstance(shape, TensorShape) else TensorShape(shape)


def unknown_shape() -> TensorShape:
    """The shape of a tensor whose rank is not known (a placeholder created without ``shape``)."""
    return _UNKNOWN


def shape_text(shape) -> str:
    """A shape as TF1's messages write it: ``[?,3]``."""
    return "[" + ",".join("?" if dimension_value(d) is None else str(d) for d in shape) + "]"


def incompatible_text(known: TensorShape, given: TensorShape) -> str:
    """TF1's ``set_shape`` message for shapes that disagree: their ranks, or the first dimension that differs."""
    if known.known_rank and given.known_rank and len(known) != len(given):
        return f"Shapes must be equal rank, but are {len(known)} and {len(given)}"
    if known.known_rank and given.known_rank:
        for axis, (a, b) in enumerate(zip(known.as_list(), given.as_list())):
            if a is not None and b is not None and a != b:
                text = [shape_text(s.as_list()) for s in (known, given)]
                return (f"Dimension {axis} in both shapes must be equal, but are {a} and {b}. Shapes are "
                        f"{text[0]} and {text[1]}.")
    return f"Shapes {known} and {given} are incompatible"

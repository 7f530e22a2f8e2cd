"""``tf.TensorShape``: a tuple of dimensions (``None`` unknown) that prints as TF1 does: ``(?, 784)``."""

from __future__ import annotations

__all__ = ["TensorShape", "Dimension", "unknown_shape", "shape_text"]


class Dimension(int):
    """A known dimension: an ``int`` with TF1's ``.value``."""

    @property
    def value(self) -> int:
        return int(self)


class TensorShape(tuple):
    """Dimensions of a tensor: ints, ``None`` where unknown (the batch size)."""

    known_rank = True

    def __new__(cls, dims=()):
        if dims is None:
            return unknown_shape()
        dims = [dims] if isinstance(dims, int) else dims
        return super().__new__(cls, (None if d is None else Dimension(int(d)) for d in dims))

    @property
    def ndims(self) -> int | None:
        return len(self) if self.known_rank else None

    rank = ndims

    @property
    def dims(self) -> list | None:
        return list(self) if self.known_rank else None

    def as_list(self) -> list:
        if not self.known_rank:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return [None if d is None else int(d) for d in self]

    def is_fully_defined(self) -> bool:
        return self.known_rank and None not in self

    def num_elements(self) -> int | None:
        if not self.is_fully_defined():
            return None
        count = 1
        for d in self:
            count *= d
        return count

    def is_compatible_with(self, other) -> bool:
        other = other if isinstance(other, TensorShape) else TensorShape(other)
        if not (self.known_rank and other.known_rank):
            return True
        return len(self) == len(other) and all(a is None or b is None or a == b for a, b in zip(self, other))

    def __str__(self) -> str:
        if not self.known_rank:
            return "<unknown>"
        inner = ", ".join("?" if d is None else str(int(d)) for d in self)
        return f"({inner},)" if len(self) == 1 else f"({inner})"

    def __repr__(self) -> str:
        return f"TensorShape({self.as_list() if self.known_rank else None})"


class _UnknownShape(TensorShape):
    known_rank = False

    def __new__(cls):
        return tuple.__new__(cls, ())


_UNKNOWN = _UnknownShape()


def unknown_shape() -> TensorShape:
    """The shape of a tensor whose rank is not known (a placeholder created without ``shape``)."""
    return _UNKNOWN


def shape_text(shape) -> str:
    """A shape as TF1's messages write it: ``[?,3]``."""
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"

r"""How TF1's print ops write a tensor's value: ``tf.Print`` (``Tensor::SummarizeValue``, the first ``summarize``
entries in row-major order, ``[1 2 3...]``) and ``tf.print`` (``print_v2``: the first and last ``summarize``
entries of each axis, NumPy-like, ``[0 1 2 ... 7 8 9]``).

One entry is written as TF's ``StrCat`` writes it: a float32 with ``%.6g`` when that reads back as the same
float32, else ``%.9g`` (a float16 always ``%.9g``); a float64 with ``%.15g``, else ``%.17g``; ``nan``, ``inf``, ``-inf``; an integer in
decimal; a bool as ``1`` / ``0``; a string as its bytes (``tf.print`` quotes it).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["element_text", "summary_v1", "summary_v2"]

#: float type -> (digits tried first, digits that always read back)
_DIGITS = {np.dtype("float32"): (6, 9), np.dtype("float16"): (9, 9), np.dtype("float64"): (15, 17)}  # a half as
# the float32 it converts to, TF's 0.0999755859 (probe13 W20)


def element_text(value, quoted: bool = False) -> str:
    """One entry as TF's ``StrCat`` writes it (``quoted``: a string in ``"..."``, as ``tf.print`` writes it)."""
    if isinstance(value, (bytes, str)):
        text = value.decode("utf-8", "backslashreplace") if isinstance(value, bytes) else value
        return f'"{text}"' if quoted else text
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (np.floating, float)):
        dtype = np.asarray(value).dtype
        number = float(value)
        if math.isnan(number):
            return "-nan" if math.copysign(1.0, number) < 0 else "nan"
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        short, full = _DIGITS.get(dtype, (15, 17))
        text = f"{number:.{short}g}"
        return text if dtype.type(float(text)) == dtype.type(number) else f"{number:.{full}g}"
    return str(int(value))


def summary_v1(value, summarize: int) -> str:
    """``Tensor::SummarizeValue(summarize)`` (``tf.Print``): the first ``summarize`` entries (all when negative)
    in row-major order, each axis in brackets, ``...`` where entries are left out; a scalar has no brackets."""
    array = np.asarray(value)
    flat = array.reshape(-1)
    limit = flat.size if summarize < 0 else min(summarize, flat.size)
    if array.ndim == 0:
        return element_text(flat[0]) if limit else "..."
    parts: list[str] = []
    written = [0]

    def dimension(axis: int) -> None:
        if written[0] >= limit:
            return
        if axis == array.ndim - 1:
            for i in range(array.shape[axis]):
                if written[0] >= limit:
                    if axis != 0:
                        parts.append("...")
                    return
                if i:
                    parts.append(" ")
                parts.append(element_text(flat[written[0]]))
                written[0] += 1
            return
        for _ in range(array.shape[axis]):
            opened = written[0] < limit
            if opened:
                parts.append("[")
            dimension(axis + 1)
            if written[0] < limit or opened:
                parts.append("]")

    dimension(0)
    return "".join(parts) + ("..." if flat.size > limit else "")


def summary_v2(value, summarize: int) -> str:
    """``tf.print``'s form: each axis in brackets with its first and last ``summarize`` entries (all when
    negative) and ``...`` between them; rows of a matrix on new lines, indented as NumPy does."""
    array = np.asarray(value)
    if array.ndim == 0:
        return element_text(array[()], quoted=True)
    ends = array.size if summarize < 0 else min(summarize, array.size)

    def spacing(axis: int) -> str:
        if axis == array.ndim - 1:
            return " "
        return "\n" * (array.ndim - axis - 1) + " " * (axis + 1)

    def dimension(axis: int, entry: tuple) -> str:
        if axis == array.ndim:
            return element_text(array[entry], quoted=True)
        count = array.shape[axis]
        head = [dimension(axis + 1, entry + (i,)) for i in range(min(ends, count))]
        tail = [dimension(axis + 1, entry + (i,)) for i in range(max(ends, count - ends), count)]
        text = spacing(axis).join(head)
        if count > 2 * ends:
            text += spacing(axis) + "..."
        for item in tail:
            text += spacing(axis) + item
        return "[" + text + "]"

    return dimension(0, ())

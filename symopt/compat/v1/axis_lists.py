"""The check every op taking a list of axes makes: each axis in range, each given once, as ``0 .. rank-1``.

TF1's ops word their errors differently (``reduce_sum``'s "Invalid reduction dimension", ``reverse``'s
"'axis'[0] = 2 is out of valid range", ``squeeze``'s "squeeze_dims[0] not in [-2,2)"), so each op passes the
errors it raises; the scan is this one."""

from __future__ import annotations

from typing import Callable, Optional

__all__ = ["normalized_axes"]


def normalized_axes(axes: list, rank: int, out_of_range: Callable[[int, int], Exception],
                    given_twice: Optional[Callable[[int], Exception]] = None) -> list:
    """``axes`` (ints, negative ones counted from the end) as ``a mod rank``, in the order given: raises
    ``out_of_range(index, axis)`` for the first axis outside :math:`[-r, r)`, and ``given_twice(axis)`` for the first
    normalized axis seen twice (unless ``given_twice`` is None: the op takes repeats)."""
    for index, axis in enumerate(axes):
        if not -rank <= axis < rank:
            raise out_of_range(index, axis)
    normalized = [axis % rank for axis in axes]
    repeated = next((axis for index, axis in enumerate(normalized) if axis in normalized[:index]), None)
    if repeated is not None and given_twice is not None:
        raise given_twice(repeated)
    return normalized

r"""Rows of an out-of-core array read as the array holds them, with resident memory kept at about a batch.

A :class:`numpy.memmap` is read through the mapping the user holds, never by opening its file again by name: a
copy-on-write memmap (``mmap_mode="c"``) changed in place holds numbers its file does not, and a file replaced
or deleted after it was mapped is another file, or none, while the mapping still reads the old one (probe61
P61-12/P61-13).  Reading a mapping brings its pages into the process; on a *shared* mapping (modes ``"r"``,
``"r+"``, ``"w+"``) the pages of the rows just copied are then released with ``madvise(MADV_DONTNEED)`` (the data
stay in the file and the page cache, and are read again from there if touched again), so resident memory stays
at about a batch, for any view of the mapping: a row slice ``mm[:n_train]``, a Fortran-order file (P61-8).  A
copy-on-write mapping's pages are never released: a changed page exists only there.
"""

from __future__ import annotations

import mmap

import numpy as np

__all__ = ["read_rows", "mapping_of", "byte_bounds"]

#: memmap modes whose mapping is shared with the file: a page released is read again from the file unchanged.
SHARED_MODES = ("r", "r+", "w+")


def read_rows(value, start: int, stop: int) -> np.ndarray:
    """Rows ``[start, stop)`` of an out-of-core array (a memmap, an h5py or zarr dataset), as a C-contiguous
    in-memory array holding what ``value[start:stop]`` holds: the layout an in-memory run's gathered batch has, so
    the generated step computes the same digits from a Fortran-order or transposed file (its matrix products
    summed in another order differed in the last bit, probe89 P89-5).  A memmap's rows are copied in as few pieces
    as keep the mapping each spans within :data:`RELEASE_SPAN` (one for a C-order file or a small one: a copy per
    Fortran-order column made an epoch 35-200x slower, final42d F42d-3), each piece's pages released once copied."""
    part = value[start:stop]
    if not isinstance(value, np.memmap):
        return np.ascontiguousarray(part)
    mapping = mapping_of(value)
    if mapping is None or getattr(value, "mode", None) not in SHARED_MODES or not part.size:
        return np.array(part, order="C")  # (a copy-on-write mapping's pages are the data: never released)
    outer = int(np.argmax(np.abs(part.strides)))
    step = part.shape[outer] if outer == 0 else max(1, RELEASE_SPAN // abs(part.strides[outer]))
    if step >= part.shape[outer]:
        rows = np.array(part, order="C")
        _release(mapping, part)
        return rows
    rows = np.empty(part.shape, dtype=part.dtype, order="C")
    for first in range(0, part.shape[outer], step):
        piece = (slice(None),) * outer + (slice(first, first + step),)
        rows[piece] = part[piece]
        _release(mapping, part[piece])
    return rows


def mapping_of(value) -> mmap.mmap | None:
    """The :class:`mmap.mmap` under a memmap or any view of one (a row slice's base is its parent memmap), or
    ``None`` (a memmap over another buffer)."""
    base = value
    while isinstance(base, np.ndarray):
        base = base.base
    return base if isinstance(base, mmap.mmap) else None


#: Bytes to which a release is widened, both ways: a fault maps the whole page-cache folio around the page read
#: (up to 2 MiB, a huge page), pages beyond the piece read that would otherwise stay resident.
RELEASE_ALIGNMENT = 2 << 20


#: Bytes of the mapping one piece of a batch may span (a Fortran-order file's columns, each a file's length apart),
#: so that the pages its copy brings in stay about this many before they are released.
RELEASE_SPAN = 64 << 20


def _release(mapping: mmap.mmap, part: np.ndarray) -> None:
    """Release the pages of ``mapping`` around the view ``part``, widened to :data:`RELEASE_ALIGNMENT` (where the
    platform can)."""
    advice = getattr(mmap, "MADV_DONTNEED", None)
    if advice is None or mapping.closed:
        return
    start_address = np.frombuffer(mapping, dtype=np.uint8, count=0).ctypes.data
    low, high = byte_bounds(part)
    first = max(0, (low - start_address) // RELEASE_ALIGNMENT * RELEASE_ALIGNMENT)
    end = min(-(-(high - start_address) // RELEASE_ALIGNMENT) * RELEASE_ALIGNMENT, len(mapping))
    if first < end:
        mapping.madvise(advice, first, end - first)


def byte_bounds(part: np.ndarray) -> tuple[int, int]:
    """The lowest address of ``part``'s entries and one past its highest, from its strides: the same as NumPy 2's
    ``numpy.lib.array_utils.byte_bounds`` (NumPy 1's ``numpy.byte_bounds``), on either (final42d F42d-6)."""
    low = high = part.__array_interface__["data"][0]
    for length, stride in zip(part.shape, part.strides):
        reach = (length - 1) * stride
        low, high = (low + reach, high) if stride < 0 else (low, high + reach)
    return low, high + part.itemsize

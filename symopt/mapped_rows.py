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

__all__ = ["read_rows", "mapping_of"]

#: memmap modes whose mapping is shared with the file: a page released is read again from the file unchanged.
SHARED_MODES = ("r", "r+", "w+")


def read_rows(value, start: int, stop: int) -> np.ndarray:
    """Rows ``[start, stop)`` of an out-of-core array (a memmap, an h5py or zarr dataset), as an in-memory array
    holding what ``value[start:stop]`` holds."""
    part = value[start:stop]
    if not isinstance(value, np.memmap):
        return np.asarray(part)
    rows = np.array(part)  # a copy, out of the mapping
    mapping = mapping_of(value)
    if mapping is not None and getattr(value, "mode", None) in SHARED_MODES and rows.size:
        _release(mapping, part)
    return rows


def mapping_of(value) -> mmap.mmap | None:
    """The :class:`mmap.mmap` under a memmap or any view of one (a row slice's base is its parent memmap), or
    ``None`` (a memmap over another buffer)."""
    base = value
    while isinstance(base, np.ndarray):
        base = base.base
    return base if isinstance(base, mmap.mmap) else None


def _release(mapping: mmap.mmap, part: np.ndarray) -> None:
    """Release the whole pages of ``mapping`` spanned by the view ``part`` (where the platform can)."""
    advice = getattr(mmap, "MADV_DONTNEED", None)
    if advice is None or mapping.closed:
        return
    start_address = np.frombuffer(mapping, dtype=np.uint8, count=0).ctypes.data
    low, high = np.lib.array_utils.byte_bounds(part)
    first = (low - start_address) // mmap.PAGESIZE * mmap.PAGESIZE
    length = min(high - start_address, len(mapping)) - first
    if 0 <= first < len(mapping) and length > 0:
        mapping.madvise(advice, first, length)

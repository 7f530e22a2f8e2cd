r"""Keep a training loop's temporaries in the heap: :func:`settle_allocator`.

A generated function allocates its temporaries (activations, gradients, the update's intermediates) and frees
them all before it returns.  glibc's ``free`` gives the top of the heap back to the operating system whenever more
than its *trim threshold* is free there (128 KiB until the process frees a large mapped block), so a loop that
updates its state in place shrinks and regrows the heap at every step, and every 4 KiB page it touches again
is a page fault: 1 716 faults per in-place Adam step of a 784-256-128-10 MLP at batch 256 (45 % of its time), and
1 000 per value-and-gradient call of the same MLP written by hand in NumPy (8.2 ms a call instead of 6.0).

glibc raises its thresholds by itself the first time a program frees a large mapped block (``malloc(3)``,
``M_MMAP_THRESHOLD``: the *dynamic* threshold becomes that block's size, the trim threshold twice that).
:func:`settle_allocator` frees one such block of :data:`BLOCK` bytes (never touched, so never paged in) once
per process (:func:`symopt.codegen.compile_source` calls it): afterwards blocks below 31 MiB come from the heap
and up to 62 MiB stays there between calls.  It sets no allocator option and changes nothing on other C libraries;
like glibc's own adjustment, it holds for the whole process, NumPy code written by hand included.
"""

from __future__ import annotations

import numpy as np

__all__ = ["settle_allocator", "BLOCK"]

#: Bytes of the block freed once: glibc adopts a freed mapped block's size (with its header and rounding, at most
#: 32 MiB) as its mmap threshold, and twice that as its trim threshold.
BLOCK = 31 << 20

_settled = False


def settle_allocator() -> None:
    """Allocate and free one untouched :data:`BLOCK`-byte array, once per process (see the module's text).  Where
    the process may not map that much (``ulimit -v``, a sandbox's address-space limit) the hint is skipped: a run
    needing kilobytes must not fail for it (probe67 P67-3)."""
    global _settled
    if not _settled:
        try:
            block = np.empty(BLOCK, dtype=np.uint8)
            del block
        except MemoryError:
            pass
        _settled = True

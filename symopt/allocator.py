r"""Keep a training loop's temporaries in the heap: :func:`settle_allocator`.

A generated step allocates its temporaries (activations, gradients, the update's intermediates) and frees them
all before it returns.  glibc's ``free`` gives the top of the heap back to the operating system whenever more
than its *trim threshold* is free there (128 KiB until the process frees a large mapped block), so a loop that
updates its state in place shrinks and regrows the heap at every step, and every 4 KiB page it touches again
is a page fault: 1 716 faults per step of a 784-256-128-10 MLP at batch 256, 45 % of the step's time.

glibc raises its thresholds by itself the first time a program frees a large mapped block (``malloc(3)``,
``M_MMAP_THRESHOLD``: the *dynamic* threshold becomes that block's size, the trim threshold twice that).
:func:`settle_allocator` frees one such block of :data:`BLOCK` bytes (never touched, so never paged in) once
per process: afterwards blocks below 16 MiB come from the heap and up to 32 MiB stays there between steps.
It sets no allocator option and changes nothing on other C libraries.
"""

from __future__ import annotations

import numpy as np

__all__ = ["settle_allocator", "BLOCK"]

#: Bytes of the block freed once (glibc adopts a freed mapped block's size as its thresholds up to 32 MiB).
BLOCK = 16 << 20

_settled = False


def settle_allocator() -> None:
    """Allocate and free one untouched :data:`BLOCK`-byte array, once per process (see the module's text)."""
    global _settled
    if not _settled:
        block = np.empty(BLOCK, dtype=np.uint8)
        del block
        _settled = True

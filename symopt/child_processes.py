"""An import finder carried into the Python processes a program starts with ``multiprocessing``.

``multiprocessing``'s *spawn* and *forkserver* start methods (the default on macOS and Windows, and on
Linux from Python 3.14) run each worker in a new interpreter that imports the program's main module again:
``import tensorflow`` there, without the finder ``symopt tf1`` installed in the parent, raised
``ModuleNotFoundError`` in every worker, and a ``Pool`` replaced its dead workers forever (a hang).

The parent sends each new worker a dictionary of "preparation data" (``multiprocessing.spawn``), which the
worker unpickles before it imports the main module.  While :func:`carried_into_children` is active, that
dictionary holds one more entry whose unpickling installs the finder: the worker imports the program as the
parent did.  (The *fork* method copies the parent's finders with the rest of its memory.)
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from multiprocessing import spawn

__all__ = ["carried_into_children", "install_finder", "PREPARATION_KEY"]

#: The entry of ``multiprocessing``'s preparation data that carries the finder (the worker ignores its value).
PREPARATION_KEY = "symopt_import_finder"


def install_finder(finder) -> None:
    """Put ``finder`` first on ``sys.meta_path``, unless a finder of its class is there already."""
    if not any(type(installed) is type(finder) for installed in sys.meta_path):
        sys.meta_path.insert(0, finder)


class _Installed:
    """Pickled by the parent; unpickling it (in the worker, before the main module) installs the finder."""

    def __init__(self, finder):
        self.finder = finder

    def __reduce__(self):
        return install_finder, (self.finder,)


@contextlib.contextmanager
def carried_into_children(finder) -> Iterator[None]:
    """While active, every process ``multiprocessing`` starts by *spawn* or *forkserver* installs ``finder`` (a
    picklable ``sys.meta_path`` finder) before it imports the program's main module."""
    original = spawn.get_preparation_data

    def get_preparation_data(name):
        return {**original(name), PREPARATION_KEY: _Installed(finder)}

    spawn.get_preparation_data = get_preparation_data
    try:
        yield
    finally:
        spawn.get_preparation_data = original

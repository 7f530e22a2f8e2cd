"""How a symopt error shows in IPython and Jupyter: the user's own frames (the cell, the functions it called) and
the message, without symopt's frames.

IPython shows the lines an exception's ``_render_traceback_()`` returns instead of its traceback (documented in
"Integrating your objects with IPython": a list of strings, one line each); :class:`~symopt.errors.SymoptError`
returns the traceback IPython would print, with the frames of symopt's modules and of its generated code left out,
and one line saying how many.  The exception itself is untouched: plain Python (scripts, pytest,
``traceback.print_exc()``) prints every frame, and ``%debug`` steps through all of them.
"""

from __future__ import annotations

import os
import sys
import types
from contextlib import contextmanager

__all__ = ["notebook_traceback", "without_symopt_frames", "chain_trimmed"]

#: The folder of symopt's modules (``symopt.compat`` included), as frames name their files.
PACKAGE_FOLDER = os.path.dirname(os.path.abspath(__file__)) + os.sep
#: How the files of symopt's generated code are named (:func:`symopt.codegen.compiled`).
GENERATED_PREFIX = "<symopt-generated"
#: Python's standard library (``tempfile``, ``os``), whose frames under symopt's are symopt's doing.
STANDARD_LIBRARY = os.path.dirname(os.path.abspath(os.__file__)) + os.sep
#: The hint under a trimmed traceback: IPython keeps the whole one in ``sys.last_traceback``, which %debug walks.
HIDDEN = "({count} {frames} inside symopt not shown; %debug or sys.last_traceback has them)"


def is_symopt_frame(frame: types.FrameType) -> bool:
    """Whether ``frame`` runs symopt's own code: a module of the package or generated code."""
    filename = frame.f_code.co_filename
    return os.path.abspath(filename).startswith(PACKAGE_FOLDER) or filename.startswith(GENERATED_PREFIX)


def is_standard_library_frame(frame: types.FrameType) -> bool:
    """Whether ``frame`` runs a module of Python's standard library (not an installed package)."""
    filename = os.path.abspath(frame.f_code.co_filename)
    return filename.startswith(STANDARD_LIBRARY) and "-packages" + os.sep not in filename


def without_symopt_frames(tb: types.TracebackType | None) -> tuple[types.TracebackType | None, int]:
    """A new traceback of ``tb``'s entries outside symopt (a user's callback called by symopt stays; the standard
    library called by symopt does not), and how many were left out; ``tb`` itself is not changed."""
    kept, left_out, inside = [], 0, False
    while tb is not None:
        inside = inside or is_symopt_frame(tb.tb_frame)
        if is_symopt_frame(tb.tb_frame) or inside and is_standard_library_frame(tb.tb_frame):
            left_out += 1
        else:
            kept.append(tb)
        tb = tb.tb_next
    trimmed = None
    for entry in reversed(kept):
        trimmed = types.TracebackType(trimmed, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return trimmed, left_out


def chained(error: BaseException) -> list[BaseException]:
    """The exceptions ``error`` was raised from or during (``__cause__``, else an unsuppressed ``__context__``), as
    a traceback prints them after ``error``'s own."""
    links, seen = [], {id(error)}
    while True:
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
        if error is None or id(error) in seen:
            return links
        links.append(error)
        seen.add(id(error))


@contextmanager
def chain_trimmed(error: BaseException):
    """Within the block, each exception chained to ``error`` carries its traceback without symopt's frames (what
    IPython and :mod:`traceback` format for a chain); yields how many were left out. Restored after."""
    links = chained(error)
    kept = [link.__traceback__ for link in links]
    trimmed = [without_symopt_frames(tb) for tb in kept]
    try:
        for link, (tb, _) in zip(links, trimmed):
            link.__traceback__ = tb
        yield sum(count for _, count in trimmed)
    finally:
        for link, tb in zip(links, kept):
            link.__traceback__ = tb


def notebook_traceback(error: BaseException) -> list[str]:
    """The lines IPython shows for ``error``: its traceback and those of the errors it was raised from, as IPython
    formats them (colours, the source of each frame), symopt's frames left out, with a line counting them (not under
    ``%xmode Minimal``, which shows no frames); outside IPython, as Python's :mod:`traceback` formats it."""
    import traceback  # only here: importing symopt.errors stays light (46d-10)

    trimmed, left_out = without_symopt_frames(error.__traceback__)
    if trimmed is None:  # no frame of the user's: the whole traceback, rather than none
        trimmed, left_out = error.__traceback__, 0
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    with chain_trimmed(error) as chain_left_out:
        if shell is None:
            lines = "".join(traceback.format_exception(type(error), error, trimmed)).splitlines()
        else:
            lines = list(shell.InteractiveTB.structured_traceback(type(error), error, trimmed))
    left_out += chain_left_out
    if left_out and getattr(getattr(shell, "InteractiveTB", None), "mode", None) != "Minimal":
        lines.append(HIDDEN.format(count=left_out, frames="frame" if left_out == 1 else "frames"))
    return lines

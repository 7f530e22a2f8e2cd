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
import traceback
import types

__all__ = ["notebook_traceback", "without_symopt_frames"]

#: The folder of symopt's modules (``symopt.compat`` included), as frames name their files.
PACKAGE_FOLDER = os.path.dirname(os.path.abspath(__file__)) + os.sep
#: How the files of symopt's generated code are named (:func:`symopt.codegen.compiled`).
GENERATED_PREFIX = "<symopt-generated"


def is_symopt_frame(frame: types.FrameType) -> bool:
    """Whether ``frame`` runs symopt's own code: a module of the package or generated code."""
    filename = frame.f_code.co_filename
    return os.path.abspath(filename).startswith(PACKAGE_FOLDER) or filename.startswith(GENERATED_PREFIX)


def without_symopt_frames(tb: types.TracebackType | None) -> tuple[types.TracebackType | None, int]:
    """A new traceback of ``tb``'s entries outside symopt (a user's callback called by symopt stays), and how many
    were left out; ``tb`` itself is not changed."""
    kept, left_out = [], 0
    while tb is not None:
        if is_symopt_frame(tb.tb_frame):
            left_out += 1
        else:
            kept.append(tb)
        tb = tb.tb_next
    trimmed = None
    for entry in reversed(kept):
        trimmed = types.TracebackType(trimmed, entry.tb_frame, entry.tb_lasti, entry.tb_lineno)
    return trimmed, left_out


def notebook_traceback(error: BaseException) -> list[str]:
    """The lines IPython shows for ``error``: its traceback as IPython formats it (colours, the source of each
    frame), symopt's frames left out; outside IPython, as Python's :mod:`traceback` formats it."""
    trimmed, left_out = without_symopt_frames(error.__traceback__)
    if trimmed is None:  # no frame of the user's: the whole traceback, rather than none
        trimmed, left_out = error.__traceback__, 0
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        lines = "".join(traceback.format_exception(type(error), error, trimmed)).splitlines()
    else:
        lines = list(shell.InteractiveTB.structured_traceback(type(error), error, trimmed))
    if left_out:
        frames = "frame" if left_out == 1 else "frames"
        lines.append(f"({left_out} {frames} inside symopt not shown; %debug or error.__traceback__ has them)")
    return lines

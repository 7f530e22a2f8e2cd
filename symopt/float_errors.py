"""``numpy.errstate(all="ignore")`` for the hot paths: :class:`ignoring_float_errors`.

A training run (``minimize``) and a TF1 session's ``run`` report a non-finite number themselves (a
``DivergenceError``; TF1's IEEE results printed without a warning), so inside them NumPy's floating-point errors are
ignored whatever the host set (``python -W error``, ``numpy.seterr(all="raise")``).  ``numpy.errstate`` costs about
0.9 µs per ``with``, a third of the lecture's ``session.run``; NumPy keeps the state in a context variable, and
setting it to a prepared "ignore all" value costs a quarter of that.  Where that variable is not found (another NumPy
version), ``numpy.errstate`` itself is used: the behaviour is the same, only slower.
"""

from __future__ import annotations

import functools

import numpy

try:  # NumPy >= 2.0 keeps the error state in this context variable (numpy/_core/_ufunc_config.py)
    from numpy._core._ufunc_config import _extobj_contextvar as _STATE, _make_extobj
    _IGNORE_ALL = _make_extobj(all="ignore")
except (ImportError, AttributeError, TypeError):  # pragma: no cover - other NumPy versions
    _STATE = _IGNORE_ALL = None

__all__ = ["ignoring_float_errors", "ignore_float_errors", "restore_float_errors", "FAST"]

#: Whether :class:`ignoring_float_errors` sets NumPy's context variable itself (else it uses ``numpy.errstate``).
FAST = _STATE is not None


if FAST:
    #: ``ignore_float_errors()``: ignore NumPy's floating-point errors until :func:`restore_float_errors` is given
    #: what it returns (a ``try``/``finally`` on a hot path: no context-manager object, no Python frame).
    ignore_float_errors = functools.partial(_STATE.set, _IGNORE_ALL)
    #: ``restore_float_errors(token)``: undo :func:`ignore_float_errors`.
    restore_float_errors = _STATE.reset

    class ignoring_float_errors:
        """``with ignoring_float_errors():`` is ``with numpy.errstate(all="ignore"):`` (each ``with`` a new
        instance; per thread and per context, restored on exit as ``numpy.errstate`` restores it)."""

        __slots__ = ("_token",)

        def __enter__(self):
            self._token = ignore_float_errors()

        def __exit__(self, *exc_info):
            restore_float_errors(self._token)
else:  # pragma: no cover - other NumPy versions
    def ignoring_float_errors():
        """``numpy.errstate(all="ignore")``."""
        return numpy.errstate(all="ignore")

    def ignore_float_errors():
        """Ignore NumPy's floating-point errors until :func:`restore_float_errors`."""
        state = numpy.errstate(all="ignore")
        state.__enter__()
        return state

    def restore_float_errors(token) -> None:
        """Undo :func:`ignore_float_errors`."""
        token.__exit__(None, None, None)

"""Exception classes: every error symopt raises derives from :class:`SymoptError`.

Messages follow one pattern: what was expected, what was given, what to do.
"""

from __future__ import annotations

__all__ = [
    "SymoptError",
    "ShapeError",
    "FeedError",
    "ParseError",
    "NoGradientError",
    "UnsupportedOperationError",
    "DivergenceError",
    "ConfigurationError",
    "IndefiniteHessianError",
    "CheckpointError",
    "BackendError",
    "DomainError",
    "IndexingError",
    "SingularHessianError",
    "DepthLimitError",
    "DependencyError",
    "rebuilt_error",
]


class SymoptError(Exception):
    """Base class of every error raised by symopt.

    It pickles (and copies) as the error it is: same class, message and attributes, rebuilt by
    :func:`rebuilt_error` without running its own ``__init__`` again, whose arguments a subclass may have formatted
    into the message.  So an error raised in a ``multiprocessing`` or ``concurrent.futures`` worker reaches the
    parent as raised (Python's default, ``cls(*self.args)``, failed for ``ConstantRangeError(message, what)`` and
    hung ``multiprocessing.Pool``; it formatted ``IntegerOverflowError``'s message twice: probe71 P71-1, P71-2)."""

    def _render_traceback_(self) -> list[str]:
        """What IPython and Jupyter show for this error: the user's frames and the message, not symopt's frames
        (:mod:`symopt.notebook_tracebacks`); plain Python tracebacks keep every frame."""
        from .notebook_tracebacks import notebook_traceback  # loaded on first use: IPython only (46d-10)

        return notebook_traceback(self)

    def __reduce__(self):  # the built-in base's state: ``__dict__``, and ImportError's ``name``/``path`` (F44d-1)
        return (rebuilt_error, (type(self), self.args)) + tuple(super().__reduce__()[2:])


def rebuilt_error(cls: type, args: tuple) -> BaseException:
    """An error of class ``cls`` holding ``args`` (its message), initialized as the built-in exception it derives
    from is (``ValueError``, ``ImportError``, ...), never by symopt's ``__init__``; pickle then restores its
    attributes (``result``, ``what``, ...)."""
    error = cls.__new__(cls, *args)
    built_in = next(base for base in cls.__mro__ if base.__module__ == "builtins")
    built_in.__init__(error, *args)
    return error


class ShapeError(SymoptError, ValueError):
    """An array or expression has a shape other than the one required."""


class FeedError(SymoptError, ValueError):
    """Data bound to placeholders is missing, unknown, or malformed."""


class ParseError(SymoptError, ValueError):
    """A textual expression (command line) was rejected by the whitelist parser."""


class NoGradientError(SymoptError, ValueError):
    """The cost does not depend on a parameter it is asked to optimize."""


class UnsupportedOperationError(SymoptError, TypeError):
    """An expression node has no derivative rule or no code printer."""


class ConfigurationError(SymoptError, ValueError):
    """An argument (learning rate, batch size, optimizer name, ...) is invalid."""


class DivergenceError(SymoptError, FloatingPointError):
    """Training produced NaN or infinity.

    ``result`` holds the run so far: the history up to the step that diverged and the parameters
    at the start of that step (the last ones that produced a finite cost one step earlier).
    """

    def __init__(self, message: str, result=None):
        super().__init__(message)
        self.result = result


class IndefiniteHessianError(SymoptError, ArithmeticError):
    """Newton's method met a Hessian that is not positive definite (its step would not go downhill)."""


class CheckpointError(ConfigurationError):
    """A checkpoint file is missing, unreadable, corrupted, foreign, or does not fit the run resuming from it.

    The message names the file and what is wrong; nothing has been changed when it is raised.  When a
    checkpoint cannot be written during or after training, ``result`` holds the run so far.
    """

    def __init__(self, message: str, result=None):
        super().__init__(message)
        self.result = result


class BackendError(ConfigurationError):
    """A backend cannot run what was asked: JAX not installed, float64 without ``jax_enable_x64``, an option
    the JAX backend does not support, or devices that do not exist."""


class DomainError(SymoptError, ValueError):
    """The cost has no real value at a point a run reached with finite parameters (a fractional power or
    the logarithm of a negative number): the message names the point and the subexpression."""


class IndexingError(SymoptError, IndexError):
    """An index a matrix symbol does not take, or that reads differently in SymPy and NumPy (``W[0]``)."""


class SingularHessianError(IndefiniteHessianError):
    """Newton's method met a singular Hessian: the cost is flat along some direction of the parameters (two
    parameters doing the same job, such as a duplicated feature column), so Newton's step is not defined."""


class DepthLimitError(SymoptError, ValueError):
    """An expression is nested deeper than Python's recursion limit lets SymPy's own recursive code walk.

    symopt walks expressions without recursion; some SymPy operations it relies on (building, comparing or
    printing a node) recurse once per level.  The message gives the expression's depth, the limit, and what to
    do: build the cost in fewer levels, or raise the limit with ``sys.setrecursionlimit``."""


class DependencyError(SymoptError, ImportError):
    """An installed NumPy or SymPy is older than symopt runs on (:mod:`symopt.requirements`): the message names the
    version found, the oldest that works and the ``pip install`` that upgrades it."""

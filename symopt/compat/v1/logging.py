"""``tf.logging``: TF1's verbosity switch (``tf.logging.set_verbosity(tf.logging.INFO)``) and log functions, which
write TF1's lines to stderr: ``INFO:tensorflow:step 3`` (warnings and errors by default, as TF1)."""

from __future__ import annotations

import logging as _logging
import sys

__all__ = ["DEBUG", "INFO", "WARN", "ERROR", "FATAL", "set_verbosity", "get_verbosity", "debug", "info", "warn",
           "warning", "error", "fatal"]

DEBUG, INFO, WARN, ERROR, FATAL = _logging.DEBUG, _logging.INFO, _logging.WARNING, _logging.ERROR, _logging.FATAL


class _TF1Lines(_logging.Handler):
    """Writes ``LEVEL:tensorflow:message`` to the stderr of the moment (a test's captured stream included)."""

    def emit(self, record) -> None:
        sys.stderr.write(f"{record.levelname}:tensorflow:{record.getMessage()}\n")


_logger = _logging.getLogger("symopt.compat.v1")
if not any(isinstance(h, _TF1Lines) for h in _logger.handlers):
    _logger.addHandler(_TF1Lines())
_logger.propagate = False  # TF1's lines only, not Python's root logger's format as well
_logger.setLevel(WARN)


def set_verbosity(level: int) -> None:
    _logger.setLevel(level)


def get_verbosity() -> int:
    return _logger.getEffectiveLevel()


def debug(message, *args) -> None:
    _logger.debug(message, *args)


def info(message, *args) -> None:
    _logger.info(message, *args)


def warning(message, *args) -> None:
    _logger.warning(message, *args)


warn = warning


def error(message, *args) -> None:
    _logger.error(message, *args)


def fatal(message, *args) -> None:
    _logger.fatal(message, *args)

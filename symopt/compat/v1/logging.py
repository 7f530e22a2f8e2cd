"""``tf.logging``: TF1's verbosity switch (``tf.logging.set_verbosity(tf.logging.ERROR)``) and log functions, which
write ``INFO:tensorflow:message`` / ``WARNING:tensorflow:message`` to stderr as TF1's do (warnings and above by
default)."""

from __future__ import annotations

import logging as _logging
import sys

__all__ = ["DEBUG", "INFO", "WARN", "ERROR", "FATAL", "set_verbosity", "get_verbosity", "debug", "info", "warn",
           "warning", "error"]

DEBUG, INFO, WARN, ERROR, FATAL = _logging.DEBUG, _logging.INFO, _logging.WARNING, _logging.ERROR, _logging.FATAL


class _StandardError(_logging.StreamHandler):
    """Writes to the ``sys.stderr`` of the moment (a program or a test may replace it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        """The stream is always the current ``sys.stderr``."""


#: TF1's logger: ``WARNING:tensorflow:...`` on stderr, warnings and above unless ``set_verbosity`` says otherwise.
_logger = _logging.getLogger("symopt.compat.v1")
if not any(isinstance(h, _StandardError) for h in _logger.handlers):
    _handler = _StandardError()
    _handler.setFormatter(_logging.Formatter("%(levelname)s:tensorflow:%(message)s"))
    _logger.addHandler(_handler)
_logger.propagate = False
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

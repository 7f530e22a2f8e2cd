"""``tf.logging``: TF1's verbosity switch (``tf.logging.set_verbosity(tf.logging.ERROR)``) and log functions."""

from __future__ import annotations

import logging as _logging

__all__ = ["DEBUG", "INFO", "WARN", "ERROR", "FATAL", "set_verbosity", "get_verbosity", "debug", "info", "warn",
           "warning", "error"]

DEBUG, INFO, WARN, ERROR, FATAL = _logging.DEBUG, _logging.INFO, _logging.WARNING, _logging.ERROR, _logging.FATAL
_logger = _logging.getLogger("symopt.compat.v1")


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

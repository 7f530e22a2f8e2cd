"""The local paths ``tf.gfile``, ``tf.train.Saver`` and ``tf.summary.FileWriter`` reach, and the OS errors of reaching them raised as TF1's.

A path with a URL scheme (``gs://bucket/logs``, ``hdfs://...``, ``s3://...``) names a remote store symopt cannot
reach: it is refused before anything touches the disk, never read as the relative path ``./gs:/bucket/logs``
(review final44b F44b-6); ``file://`` names a local path and is stripped, as TF1 reads it.
"""

from __future__ import annotations

import contextlib
import os
import re

from ...errors import UnsupportedOperationError
from .errors import FailedPreconditionError, NotFoundError

__all__ = ["local_path", "tf1_file_errors", "OS_ERRORS_AS_TF1"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")

#: Python's error for a file operation, and TF1's for the same failure (the first that matches is raised).
OS_ERRORS_AS_TF1 = ((FileNotFoundError, NotFoundError, "No such file or directory"),
                    (NotADirectoryError, NotFoundError, "Not a directory"),
                    (IsADirectoryError, FailedPreconditionError, "Is a directory"))


def local_path(path, caller: str) -> str:
    """``path`` as a local path (``file://`` stripped); a path of another scheme raises
    ``UnsupportedOperationError`` naming it and ``caller`` (``"tf.gfile.MakeDirs"``)."""
    text = os.fsdecode(os.fspath(path))
    match = _SCHEME.match(text)
    if match is None:
        return text
    if match.group(1).lower() == "file":
        return text[len(match.group(0)):]
    raise UnsupportedOperationError(
        f"{caller}: {text!r} names a {match.group(1)}:// file system; symopt reaches local files only (tf.gfile, "
        "checkpoints, summaries; expected a local path such as /tmp/logs): give a local directory, and copy the files "
        "with the store's own tool (gsutil cp, hdfs dfs -put)")


@contextlib.contextmanager
def tf1_file_errors(caller: str):
    """Inside the block, Python's file errors of :data:`OS_ERRORS_AS_TF1` are raised as TF1's classes."""
    try:
        yield
    except OSError as error:
        for python_error, tf1_error, reason in OS_ERRORS_AS_TF1:
            if isinstance(error, python_error):
                raise tf1_error(f"{error.filename}; {reason} (tf.gfile.{caller})") from error
        raise

"""``tf.gfile``: TF1's file helpers on local paths, as the tutorials use them (``if tf.gfile.Exists(log_dir):
tf.gfile.DeleteRecursively(log_dir)``, ``tf.gfile.MakeDirs(log_dir)``, ``tf.gfile.GFile(path)``), each the
:mod:`os` / :mod:`shutil` / :mod:`glob` call of the same meaning (probe70 P70-6). A missing file is TF1's
``tf.errors.NotFoundError``; a target that exists without ``overwrite=True`` is a ``FileExistsError``. Remote
file systems (``gs://``, ``hdfs://``) are not supported.
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
from typing import NamedTuple

from .errors import NotFoundError, missing_names

__all__ = ["Exists", "IsDirectory", "MakeDirs", "MkDir", "DeleteRecursively", "Remove", "Rename", "Copy",
           "ListDirectory", "Glob", "Walk", "Stat", "GFile", "Open", "FastGFile", "FileStatistics"]


def _not_found_as_tf1(function):
    """``function`` with Python's ``FileNotFoundError`` raised as TF1's ``tf.errors.NotFoundError``."""
    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except FileNotFoundError as error:
            raise NotFoundError(f"{error.filename}; No such file or directory (tf.gfile.{function.__name__})") \
                from error
    return wrapped


class FileStatistics(NamedTuple):
    """What :func:`Stat` returns, TF1's fields."""

    length: int
    mtime_nsec: int
    is_directory: bool


def Exists(filename) -> bool:  # noqa: N802 - TF1's names
    return os.path.exists(filename)


def IsDirectory(dirname) -> bool:  # noqa: N802
    return os.path.isdir(dirname)


def MakeDirs(dirname) -> None:  # noqa: N802
    """The directory and its parents; nothing where it exists."""
    os.makedirs(dirname, exist_ok=True)


@_not_found_as_tf1
def MkDir(dirname) -> None:  # noqa: N802
    os.mkdir(dirname)


@_not_found_as_tf1
def DeleteRecursively(dirname) -> None:  # noqa: N802
    """A directory and everything in it (or one file)."""
    if os.path.isdir(dirname) and not os.path.islink(dirname):
        shutil.rmtree(dirname)
    else:
        os.remove(dirname)


@_not_found_as_tf1
def Remove(filename) -> None:  # noqa: N802
    os.remove(filename)


def _refuse_existing(target, overwrite: bool) -> None:
    if not overwrite and os.path.exists(target):
        raise FileExistsError(f"{target} exists: pass overwrite=True to replace it")


@_not_found_as_tf1
def Rename(oldname, newname, overwrite=False) -> None:  # noqa: N802
    _refuse_existing(newname, overwrite)
    os.replace(oldname, newname)


@_not_found_as_tf1
def Copy(oldpath, newpath, overwrite=False) -> None:  # noqa: N802
    _refuse_existing(newpath, overwrite)
    shutil.copyfile(oldpath, newpath)


@_not_found_as_tf1
def ListDirectory(dirname) -> list:  # noqa: N802
    """The names in the directory (no paths), in no particular order, as TF1."""
    return os.listdir(dirname)


def Glob(filename) -> list:  # noqa: N802
    return glob.glob(filename)


def Walk(top, in_order=True):  # noqa: N802
    """``(directory, subdirectories, files)`` of each directory under ``top``, parents first when ``in_order``."""
    return os.walk(top, topdown=in_order)


@_not_found_as_tf1
def Stat(filename) -> FileStatistics:  # noqa: N802
    status = os.stat(filename)
    return FileStatistics(status.st_size, status.st_mtime_ns, os.path.isdir(filename))


@_not_found_as_tf1
def GFile(name, mode="r"):  # noqa: N802
    """The file opened in ``mode`` (text for ``"r"`` / ``"w"``, bytes for ``"rb"`` / ``"wb"``), a context manager."""
    return open(name, mode)  # noqa: SIM115 - the caller closes it, as TF1's GFile


Open = FastGFile = GFile

__getattr__ = missing_names("tf.gfile")

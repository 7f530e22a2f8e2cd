"""``tf.gfile``: TF1's file helpers on local paths, as the tutorials use them (``if tf.gfile.Exists(log_dir):
tf.gfile.DeleteRecursively(log_dir)``, ``tf.gfile.MakeDirs(log_dir)``, ``tf.gfile.GFile(path)``), each the
:mod:`os` / :mod:`shutil` / :mod:`glob` call of the same meaning (probe70 P70-6). A missing file is TF1's
``tf.errors.NotFoundError``, a directory where a file is expected (or the reverse) its ``FailedPreconditionError``;
a target that exists without ``overwrite=True`` is its ``AlreadyExistsError``. A path of a remote file system
(``gs://``, ``hdfs://``) is refused (:mod:`~symopt.compat.v1.local_paths`).
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
from typing import NamedTuple

from .errors import AlreadyExistsError, FailedPreconditionError, missing_names
from .gfile_streams import GFile
from .local_paths import local_path, tf1_file_errors

__all__ = ["Exists", "IsDirectory", "MakeDirs", "MkDir", "DeleteRecursively", "Remove", "Rename", "Copy",
           "ListDirectory", "Glob", "Walk", "Stat", "GFile", "Open", "FastGFile", "FileStatistics"]


def _local_files(function):
    """``function`` of local paths only (a remote one refused before the disk is touched), with Python's file errors
    raised as TF1's (:func:`~symopt.compat.v1.local_paths.tf1_file_errors`)."""
    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        def local(value):
            return local_path(value, f"tf.gfile.{function.__name__}") if isinstance(value, (str, bytes, os.PathLike)) else value
        args, kwargs = [local(arg) for arg in args], {key: local(value) for key, value in kwargs.items()}
        with tf1_file_errors(function.__name__):
            return function(*args, **kwargs)
    return wrapped


class FileStatistics(NamedTuple):
    """What :func:`Stat` returns, TF1's fields."""

    length: int
    mtime_nsec: int
    is_directory: bool


@_local_files
def Exists(filename) -> bool:  # noqa: N802 - TF1's names
    return os.path.exists(filename)


@_local_files
def IsDirectory(dirname) -> bool:  # noqa: N802
    return os.path.isdir(dirname)


@_local_files
def MakeDirs(dirname) -> None:  # noqa: N802
    """The directory and its parents; nothing where it exists (a file there is TF1's FailedPreconditionError)."""
    if os.path.exists(dirname) and not os.path.isdir(dirname):
        raise FailedPreconditionError(f"{dirname} is not a directory (tf.gfile.MakeDirs)")
    os.makedirs(dirname, exist_ok=True)


@_local_files
def MkDir(dirname) -> None:  # noqa: N802
    """The directory (its parent must exist); nothing where it exists, as TF1."""
    if not os.path.isdir(dirname):
        os.mkdir(dirname)


@_local_files
def DeleteRecursively(dirname) -> None:  # noqa: N802
    """A directory and everything in it (or one file)."""
    if os.path.isdir(dirname) and not os.path.islink(dirname):
        shutil.rmtree(dirname)
    else:
        os.remove(dirname)


@_local_files
def Remove(filename) -> None:  # noqa: N802
    os.remove(filename)


def _refuse_existing(target, overwrite: bool, caller: str) -> None:
    """TF1's ``AlreadyExistsError`` for a ``target`` that exists, before anything is written (review fix45b)."""
    if not overwrite and os.path.exists(target):
        raise AlreadyExistsError(None, None, f"file already exists ({caller}: {target} exists; pass overwrite=True to "
                                             "replace it)")


@_local_files
def Rename(oldname, newname, overwrite=False) -> None:  # noqa: N802
    _refuse_existing(newname, overwrite, "tf.gfile.Rename")
    os.replace(oldname, newname)


@_local_files
def Copy(oldpath, newpath, overwrite=False) -> None:  # noqa: N802
    _refuse_existing(newpath, overwrite, "tf.gfile.Copy")
    shutil.copyfile(oldpath, newpath)


@_local_files
def ListDirectory(dirname) -> list:  # noqa: N802
    """The names in the directory (no paths), in no particular order, as TF1."""
    return os.listdir(dirname)


@_local_files
def Glob(filename) -> list:  # noqa: N802
    return glob.glob(filename)


@_local_files
def Walk(top, in_order=True):  # noqa: N802
    """``(directory, subdirectories, files)`` of each directory under ``top``, parents first when ``in_order``."""
    return os.walk(top, topdown=in_order)


@_local_files
def Stat(filename) -> FileStatistics:  # noqa: N802
    status = os.stat(filename)
    return FileStatistics(status.st_size, status.st_mtime_ns, os.path.isdir(filename))


Open = FastGFile = GFile

__getattr__ = missing_names("tf.gfile")

"""Where ``tf.train.Saver.save`` may write, checked before anything is written, with TF 2.21's error classes: a
directory missing two levels deep (TF1 makes one) or a file on the path is its ``ValueError`` "Parent directory of
... doesn't exist, can't save." (here a :class:`~symopt.errors.CheckpointError`, a ``ValueError``; symopt made every
missing directory), a directory this process may not write in or search its ``tf.errors.PermissionDeniedError``
(final47f 47f-13: a bare ``PermissionError`` naming a temporary file, or the advice for a file on the path).
"""

from __future__ import annotations

import os

from ...errors import CheckpointError
from .errors import PermissionDeniedError

__all__ = ["check_save_path", "save_denied"]


def check_save_path(save_path: str, path: str) -> None:
    """Refuse, before anything is written, what TF 2.21's ``Saver.save`` refuses: a directory missing two levels
    deep or more, or a file on the path (its ValueError; it makes one missing directory, ``sub/model.ckpt``, whose
    parent exists, as :func:`~symopt.checkpoint.save_checkpoint` does then), a directory this process may not
    write in or search (its ``PermissionDeniedError``); and a path that is a directory (TF1 writes ``dir.index``
    beside it; symopt's checkpoint is the one file ``path``)."""
    if os.path.isdir(path):
        raise CheckpointError(f"{path} is a directory: tf.train.Saver.save expects a file path (a prefix such as "
                              f"{os.path.join(path, 'model.ckpt')}), where symopt writes its one .npz checkpoint file; "
                              "save under such a path")
    directory = os.path.abspath(os.path.dirname(path) or ".")
    if os.path.isdir(directory):
        made_in = directory  # where the checkpoint's files are made
    elif not os.path.lexists(directory) and os.path.isdir(os.path.dirname(directory)):
        made_in = os.path.dirname(directory)  # where the one missing directory is made, as TF1 makes it
    else:
        raise CheckpointError(f"Parent directory of {save_path} doesn't exist, can't save. ({_advice(path)})")
    if not os.access(made_in, os.W_OK | os.X_OK):
        raise save_denied(save_path, made_in, None)


def _advice(path: str) -> str:
    """What to do about the missing parent directory of ``path``: a file on the way, or directories to make."""
    existing = os.path.abspath(os.path.dirname(path))
    while not os.path.lexists(existing) and os.path.dirname(existing) != existing:
        existing = os.path.dirname(existing)  # the nearest path above that exists (or may not be searched)
    if os.path.lexists(existing) and not os.path.isdir(existing):
        return "A file stands where a directory of the path should be: save under another path"
    return f"make the directories first: os.makedirs({os.path.dirname(path)!r}, exist_ok=True)"


def save_denied(save_path: str, directory: str, error: OSError | None) -> PermissionDeniedError:
    """TF1's ``PermissionDeniedError`` for a save in ``directory``, which this process may not write in."""
    said = f" (the system says: {error.strerror})" if error is not None and error.strerror else ""
    return PermissionDeniedError(f"{save_path}; Permission denied: this process may not create files in "
                                 f"{directory}{said}. Save under a directory it can write, or make this one writable "
                                 f"(chmod u+wx {directory})")

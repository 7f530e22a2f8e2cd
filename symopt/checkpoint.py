"""Checkpoints: parameters, optimizer state and loop position in one ``.npz`` file.

Writes are atomic: the file is written beside its destination under a temporary
name, then renamed over it, so a crash never leaves a half-written checkpoint.  A new file gets the mode the umask
gives (``0o666 & ~umask``, as ``np.save`` and TF1's ``Saver`` create files), so another account can read it where
the umask lets it.
Reads trust nothing: a truncated, corrupted or foreign file, or metadata that makes no
sense (``step=-5``, ``step=3.7``, a generator state NumPy cannot use), raises
:class:`~symopt.errors.CheckpointError` naming the file and what is wrong.

File layout: ``param/<name>``, ``slot/<name>``, ``shared/<name>`` arrays (real numbers),
``history`` (1-D float64, one cost per step taken) and ``meta`` (a JSON string with
``step``, ``epoch``, ``batch``, ``batch_size``, ``examples``, ``order``, ``rng_state``, ``optimizer`` and ``run``,
what identifies the run: :mod:`symopt.run_identity`).
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable

import numpy as np

from .errors import CheckpointError

__all__ = ["Checkpoint", "save_checkpoint", "load_checkpoint", "check_writable", "as_path", "temporary_beside",
           "replace_atomically", "user_path"]

GROUPS = ("param", "slot", "shared")
#: How a mini-batch epoch orders its examples, by the kind of data (:mod:`symopt.data_sources`): shuffling draws a
#: permutation of the rows, or of the blocks of ``batch_size`` consecutive rows, from the same generator state.
ORDERS = {"rows": "data in memory, whose epochs shuffle the rows",
          "blocks": "data out of core (a memmap or dataset), whose epochs shuffle blocks of batch_size rows"}
#: NumPy dtype kinds a stored array may have: floats, and integers (integer compat variables).
REAL_KINDS = "fiu"
#: Errors NumPy, zipfile and zlib raise on a damaged or foreign archive.
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, UnicodeDecodeError)


@dataclass
class Checkpoint:
    """Named arrays of a training run: ``params``, ``slots`` (per parameter), ``shared`` slots, ``history``,
    the ``step`` and ``epoch`` reached, the ``batch`` (mini-batches of that epoch already done), the
    ``batch_size`` (``None``: full batch), the ``examples`` a mini-batch epoch covers and its ``order`` (an
    :data:`ORDERS` key; both ``None`` for a full batch, a stream, or a file written before they were kept), the
    shuffling ``rng_state`` (as it was before the epoch's permutation was drawn), the ``optimizer``'s
    description and the ``run``'s identity (:func:`~symopt.run_identity.run_identity`: its cost, seed and clipping;
    ``None`` for a TF1-layer Saver file, a ``method=`` run, or a file written before it was kept)."""

    params: dict
    slots: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)
    history: np.ndarray = field(default_factory=lambda: np.zeros(0))
    step: int = 0
    epoch: int = 0
    rng_state: dict | None = None
    optimizer: str = ""
    batch: int = 0
    batch_size: int | None = None
    examples: int | None = None
    order: str | None = None
    run: dict | None = None


def as_path(path, role: str = "checkpoint") -> Path:
    """``path`` (a ``str`` or ``os.PathLike``) as a :class:`~pathlib.Path`; anything else is refused."""
    if not isinstance(path, (str, os.PathLike)) or not str(path):
        raise CheckpointError(f"{role}: expected a file path (a str or pathlib.Path) such as 'run.npz'; "
                              f"given {path!r}")
    return _expanded(Path(path), role)


def _expanded(path: Path, role: str) -> Path:
    """``path`` with a leading ``~`` expanded as in a shell, the same for :func:`load_checkpoint`,
    :func:`save_checkpoint` and ``minimize``'s options (47f-7); a ``~user`` naming no home directory is a
    :class:`~symopt.errors.CheckpointError` (47f-6), as ``cache_dir=``'s is a ConfigurationError."""
    try:
        return path.expanduser()
    except RuntimeError as error:  # "Could not determine home directory."
        raise CheckpointError(f"{role} {str(path)!r}: its ~ names no home directory ({error}); give the path in "
                              "full") from error


def user_path(path, role: str = "checkpoint"):
    """``path`` (a ``str`` or ``os.PathLike``) as a :class:`~pathlib.Path` with a leading ``~`` expanded as in a
    shell, as ``cache_dir=`` is: ``checkpoint="~/runs/a.npz"`` made a directory literally named ``~`` in the working
    directory, and a restart from another one started afresh (probe89 P89-1).  Anything else (``None``, a value
    that is no path) is returned as it is, for :func:`as_path` to refuse where it is used."""
    if isinstance(path, (str, os.PathLike)) and isinstance(os.fspath(path), str) and os.fspath(path):
        return _expanded(Path(path), role)
    return path


def check_writable(path: str | os.PathLike) -> Path:
    """Refuse, before any training, a checkpoint path that cannot be written (a directory, a path under a
    file, a directory without write permission)."""
    path = as_path(path)
    try:
        return _writable(path)
    except OSError as error:  # a directory on the way this process cannot search (final47f 47f-4)
        raise CheckpointError(f"checkpoint {str(path)!r} cannot be written: looking it up failed (the system says: "
                              f"{error.strerror}: {error.filename}); make it or a directory above it searchable by "
                              "this process (chmod a+x on the directory), or choose another path") from error


def _writable(path: Path) -> Path:
    if path.is_dir():
        raise CheckpointError(f"checkpoint {str(path)!r} is a directory; give a file path such as "
                              f"{str(path / 'run.npz')!r}")
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise CheckpointError(f"checkpoint {str(path)!r} cannot be written: {str(ancestor)!r} is a file, not a "
                              "directory. Choose another path.")
    try:
        handle, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=ancestor)
    except OSError as error:
        raise CheckpointError(f"checkpoint {str(path)!r} cannot be written: creating a file in {str(ancestor)!r} "
                              f"failed (the system says: {error.strerror}); choose a writable directory") from error
    os.close(handle)
    os.unlink(probe)
    return path


def save_checkpoint(path: str | os.PathLike, checkpoint: Checkpoint) -> Path:
    """Write ``checkpoint`` to ``path`` (``.npz``, a leading ``~`` expanded) atomically; returns the path."""
    path = _expanded(Path(path), "checkpoint")
    arrays = {f"param/{k}": np.asarray(v) for k, v in checkpoint.params.items()}
    arrays.update({f"slot/{k}": np.asarray(v) for k, v in checkpoint.slots.items()})
    arrays.update({f"shared/{k}": np.asarray(v) for k, v in checkpoint.shared.items()})
    meta = {"step": checkpoint.step, "epoch": checkpoint.epoch, "batch": checkpoint.batch,
            "batch_size": checkpoint.batch_size, "examples": checkpoint.examples, "order": checkpoint.order,
            "rng_state": checkpoint.rng_state, "optimizer": checkpoint.optimizer}
    if checkpoint.run is not None:  # an older symopt refuses the field: a file without a record stays readable to it
        meta["run"] = checkpoint.run
    arrays["history"] = np.asarray(checkpoint.history, dtype=float)
    arrays["meta"] = np.asarray(json.dumps(meta))
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda stream: np.savez(stream, **arrays))
    return path


def replace_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write the file ``path`` atomically: ``write(stream)`` fills a new file beside it (:func:`temporary_beside`,
    opened in binary mode), which then replaces ``path``; on any failure, an interrupt included, the new file is
    removed and ``path`` is as it was."""
    handle, temporary = temporary_beside(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def temporary_beside(path: Path) -> tuple[int, str]:
    """A new file beside ``path`` under a unique hidden name, open for writing: ``(descriptor, name)``.  Its mode is
    what the umask gives a new file (``0o666 & ~umask``, as ``open()`` and ``np.save`` create one); ``mkstemp``'s
    0600 kept every other account from reading a checkpoint (probe89 P89-3)."""
    name = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
    return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), str(name)


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read and validate a checkpoint written by :func:`save_checkpoint`; raises
    :class:`~symopt.errors.CheckpointError` for anything else."""
    path = as_path(path, "resume_from")
    try:
        start = _first_bytes(path)
    except OSError as error:  # permission denied (another account's file, probe89 P89-3), an I/O error
        raise CheckpointError(f"checkpoint {str(path)!r} cannot be read: {error.strerror or error}. Make it readable "
                              "by this process (its owner can run chmod a+r on it), or resume from a readable "
                              "copy") from error
    if start[:2] != b"PK":
        raise CheckpointError(f"checkpoint {str(path)!r} is not a checkpoint: expected a .npz (zip) archive, the "
                              f"file starts with {start!r}. Resume from a file written by minimize(checkpoint=...)")
    try:
        with np.load(path, allow_pickle=False) as stored:
            members = {key: stored[key] for key in stored.files}
    except READ_ERRORS as error:
        raise CheckpointError(f"checkpoint {str(path)!r} cannot be read ({type(error).__name__}: {error}): it is "
                              "truncated or corrupted. Resume from an earlier checkpoint.") from error
    return _checkpoint_from(members, str(path))


def _first_bytes(path: Path) -> bytes:
    """The first 4 bytes of the checkpoint file ``path``; a path that is missing or not a file is refused."""
    if not path.exists():
        raise CheckpointError(f"checkpoint {str(path)!r} does not exist; expected a file written by "
                              "minimize(..., checkpoint=...) or symopt.checkpoint.save_checkpoint")
    if not path.is_file():
        raise CheckpointError(f"checkpoint {str(path)!r} is not a file; expected a .npz file written by "
                              "minimize(..., checkpoint=...)")
    with open(path, "rb") as stream:
        return stream.read(4)


def _invalid(path: str, problem: str) -> CheckpointError:
    return CheckpointError(f"checkpoint {path!r}: {problem}. It was not written by symopt, or it is damaged; "
                          "resume from another checkpoint.")


def _checkpoint_from(members: dict, path: str) -> Checkpoint:
    for required in ("meta", "history"):
        if required not in members:
            raise _invalid(path, f"member {required!r} is missing (members: {sorted(members)})")
    groups: dict[str, dict] = {group: {} for group in GROUPS}
    for key, value in members.items():
        if key in ("meta", "history"):
            continue
        group, _, name = key.partition("/")
        if group not in GROUPS or not name:
            raise _invalid(path, f"unexpected member {key!r}; expected param/NAME, slot/NAME, shared/NAME, "
                                 "history, meta")
        if value.dtype.kind not in REAL_KINDS:
            raise _invalid(path, f"{key} holds {value.dtype} values; expected real numbers")
        groups[group][name] = value[()] if value.ndim == 0 else value
    history = members["history"]
    if history.dtype.kind != "f" or history.ndim != 1:
        raise _invalid(path, f"history must be a 1-D float array; it is {history.dtype} of shape {history.shape}")
    meta = _meta(members["meta"], path)
    if len(history) != meta["step"]:
        raise _invalid(path, f"history has {len(history)} entries but step is {meta['step']}; there is one "
                             "cost per step")
    return Checkpoint(groups["param"], groups["slot"], groups["shared"], history, meta["step"], meta["epoch"],
                      meta["rng_state"], meta["optimizer"], meta["batch"], meta["batch_size"], meta["examples"],
                      meta["order"], meta["run"])


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _optional_size(value) -> bool:
    return value is None or (_count(value) and value > 0)


def _identity(value) -> bool:
    return value is None or isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _generator_state(value) -> bool:
    if value is None:
        return True
    try:
        np.random.default_rng().bit_generator.state = value
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
        return False
    return True


#: meta field -> (check, what it must be, default for files written before the field existed)
META_FIELDS = {
    "step": (_count, "a non-negative integer", None),
    "epoch": (_count, "a non-negative integer", None),
    "batch": (_count, "a non-negative integer", 0),
    "batch_size": (_optional_size, "a positive integer or null", None),
    "examples": (_optional_size, "a positive integer or null", None),
    "order": (lambda v: v is None or v in ORDERS, f"null or one of {sorted(ORDERS)}", None),
    "rng_state": (_generator_state, "null or a NumPy PCG64 generator state", None),
    "optimizer": (lambda v: isinstance(v, str), "a string", None),
    "run": (_identity, "null or an object of strings", None),
}
OPTIONAL_META = ("batch", "batch_size", "examples", "order", "run")


def _meta(stored: np.ndarray, path: str) -> dict:
    if stored.dtype.kind != "U" or stored.ndim != 0:
        raise _invalid(path, f"meta must be a JSON string; it is {stored.dtype} of shape {stored.shape}")
    try:
        meta = json.loads(str(stored))
    except ValueError as error:
        raise _invalid(path, f"meta is not valid JSON ({error})")
    if not isinstance(meta, dict):
        raise _invalid(path, f"meta must be a JSON object; it is {type(meta).__name__}")
    missing = [name for name in META_FIELDS if name not in meta and name not in OPTIONAL_META]
    if missing:
        raise _invalid(path, f"meta lacks {missing}")
    unknown = sorted(set(meta) - set(META_FIELDS))
    if unknown:
        raise _invalid(path, f"meta has unknown fields {unknown}")
    checked = {}
    for name, (check, expected, default) in META_FIELDS.items():
        value = meta.get(name, default)
        if not check(value):
            raise _invalid(path, f"meta {name} must be {expected}; it is {value!r}")
        checked[name] = value
    return checked

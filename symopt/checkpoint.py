"""Checkpoints: parameters, optimizer state and loop position in one ``.npz`` file.

Writes are atomic: the file is written beside its destination under a temporary
name, then renamed over it, so a crash never leaves a half-written checkpoint.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import ConfigurationError

__all__ = ["Checkpoint", "save_checkpoint", "load_checkpoint"]


@dataclass
class Checkpoint:
    """Named arrays of a training run: ``params``, ``slots`` (per parameter), ``shared`` slots, ``history``,
    the ``step`` and ``epoch`` reached, the shuffling ``rng_state`` and the ``optimizer``'s description."""

    params: dict
    slots: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)
    history: np.ndarray = field(default_factory=lambda: np.zeros(0))
    step: int = 0
    epoch: int = 0
    rng_state: dict | None = None
    optimizer: str = ""


def save_checkpoint(path: str | os.PathLike, checkpoint: Checkpoint) -> Path:
    """Write ``checkpoint`` to ``path`` (``.npz``) atomically; returns the path."""
    path = Path(path)
    arrays = {f"param/{k}": np.asarray(v) for k, v in checkpoint.params.items()}
    arrays.update({f"slot/{k}": np.asarray(v) for k, v in checkpoint.slots.items()})
    arrays.update({f"shared/{k}": np.asarray(v) for k, v in checkpoint.shared.items()})
    meta = {"step": checkpoint.step, "epoch": checkpoint.epoch, "rng_state": checkpoint.rng_state,
            "optimizer": checkpoint.optimizer}
    arrays["history"] = np.asarray(checkpoint.history, dtype=float)
    arrays["meta"] = np.asarray(json.dumps(meta))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, **arrays)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read a checkpoint written by :func:`save_checkpoint`."""
    path = Path(path)
    if not path.exists():
        raise ConfigurationError(f"checkpoint {str(path)!r} does not exist; expected a file written by "
                                 "minimize(..., checkpoint=...) or symopt.save_checkpoint")
    with np.load(path, allow_pickle=False) as stored:
        groups: dict[str, dict] = {"param": {}, "slot": {}, "shared": {}}
        for key in stored.files:
            if "/" in key:
                group, name = key.split("/", 1)
                value = stored[key]
                groups[group][name] = value[()] if value.ndim == 0 else value
        meta = json.loads(str(stored["meta"]))
        history = stored["history"]
    return Checkpoint(groups["param"], groups["slot"], groups["shared"], history, int(meta["step"]),
                      int(meta["epoch"]), meta["rng_state"], meta["optimizer"])

"""Does a checkpoint fit the run that resumes from it?  Checked in full before anything changes.

:func:`check_resumable` compares a loaded :class:`~symopt.checkpoint.Checkpoint` with a fresh
snapshot of the resuming run: the same parameters, optimizer (its numbers by the values the run computes with)
and slots, every array of the same
shape and dtype, the parameters finite and no slot NaN, the same batching, the same cost, seed and clipping
(:mod:`symopt.run_identity`), and a position (step, epoch, batch) that this run's schedule can reach.  Any
difference raises :class:`~symopt.errors.CheckpointError` naming the file, the entry and both sides.
"""

from __future__ import annotations

import os
import sys
import warnings
from dataclasses import dataclass

import numpy as np

from .checkpoint import ORDERS, Checkpoint
from .errors import CheckpointError
from .run_identity import identity_differences, optimizer_in_dtype

__all__ = ["Schedule", "check_resumable"]


@dataclass(frozen=True)
class Schedule:
    """A run's length: ``length`` steps (full batch) or ``length`` epochs of :attr:`batches` mini-batches, whose
    examples are in the ``order`` of :data:`~symopt.checkpoint.ORDERS` (``None``: full batch, a stream)."""

    length: int
    batch_size: int | None
    examples: int | None
    shuffled: bool
    order: str | None = None

    @property
    def batches(self) -> int:
        """Mini-batches per epoch, :math:`\\lceil m / \\text{batch\\_size} \\rceil` (1 for a full batch)."""
        return 1 if self.batch_size is None else -(-self.examples // self.batch_size)

    @property
    def total_steps(self) -> int:
        return self.length * self.batches


def _refuse(path: str, problem: str, fix: str) -> CheckpointError:
    return CheckpointError(f"checkpoint {path!r}: {problem}. {fix}")


def _check_arrays(kind: str, stored: dict, fresh: dict, path: str) -> None:
    """Same names; then each entry's shape, dtype and health: a parameter finite, a slot not NaN.  A slot may be
    infinite in a healthy run (a float32 Adagrad or Adadelta accumulator past 3.4e38, as in TF1: that entry then
    steps by 0), and the run it continues is the uninterrupted one (probe36 P36-10)."""
    if sorted(stored) != sorted(fresh):
        raise _refuse(path, f"it holds {kind} {sorted(stored)}; this run has {sorted(fresh)}",
                      "Resume with the same cost, parameters and optimizer.")
    for name, expected in fresh.items():
        value, expected = np.asarray(stored[name]), np.asarray(expected)
        if value.shape != expected.shape:
            raise _refuse(path, f"{kind[:-1]} {name!r} has shape {value.shape} in the file, but this run's "
                                f"{name!r} has shape {expected.shape}",
                          "Resume with the parameter shapes the checkpoint was written with.")
        if value.dtype != expected.dtype:
            raise _refuse(path, f"{kind[:-1]} {name!r} is {value.dtype} in the file, but this run computes it in "
                                f"{expected.dtype}", f"Resume with dtype={str(value.dtype)!r}.")
        healthy = np.isfinite(value) if kind == "parameters" else ~np.isnan(value)
        if not np.all(healthy):
            raise _refuse(path, f"{kind[:-1]} {name!r} holds {'NaN or infinity' if kind == 'parameters' else 'NaN'}",
                          "Resume from a checkpoint written before the run diverged.")


def _other_batching(stored: Checkpoint, path: str, schedule: Schedule) -> CheckpointError:
    """The refusal of another batch size.  A stream has no ``batch_size=`` (refused for one): its
    :attr:`Schedule.batch_size` is its first batch's row count, and is named so (probe89 P89-6), on either side
    (47f-8: a stream's checkpoint records no examples, an array run's does)."""
    stream_written = stored.batch_size is not None and stored.examples is None
    if schedule.batches is None:
        if stored.batch_size is None:
            written, hint = "a full-batch run", "Resume with the same data stream"
        elif stream_written:
            written, hint = (f"a run whose first mini-batch had {stored.batch_size} rows",
                             "Resume with the same data stream (the same batches in the same order; batch_size= does "
                             "not apply to a stream)")
        else:
            written, hint = (f"batch_size={stored.batch_size} over arrays",
                             f"Resume with the same arrays and batch_size={stored.batch_size} (a stream cannot "
                             "continue it)")
        return _refuse(path, f"it was written by {written}; this stream's first batch has {schedule.batch_size} rows",
                       f"{hint}, or start again without resume_from.")
    given = "a full batch" if schedule.batch_size is None else f"batch_size={schedule.batch_size}"
    if stream_written:
        return _refuse(path, f"it was written by a data stream whose first batch had {stored.batch_size} rows; this "
                             f"run uses {given}", "Resume with the same data stream (batch_size= does not apply to "
                             "it), or start again without resume_from.")
    written = "a full-batch run" if stored.batch_size is None else f"batch_size={stored.batch_size}"
    return _refuse(path, f"it was written by {written}; this run uses {given}", "Resume with the same batching.")


def _check_position(stored: Checkpoint, path: str, schedule: Schedule) -> None:
    if stored.batch_size != schedule.batch_size:
        raise _other_batching(stored, path, schedule)
    if schedule.batch_size is None:
        if stored.epoch or stored.batch:
            raise _refuse(path, f"a full-batch checkpoint has epoch={stored.epoch}, batch={stored.batch}; "
                                "both must be 0", "The file is damaged: resume from another checkpoint.")
        if stored.step > schedule.length:
            raise _refuse(path, f"it is at step {stored.step}, beyond this run's {schedule.length} steps in all",
                          f"steps counts the whole run: pass steps >= {stored.step}.")
    elif schedule.batches is None:  # a stream: its batches per epoch are known only by reading it
        if stored.epoch > schedule.length or (stored.epoch == schedule.length and stored.batch):
            raise _refuse(path, f"it is in epoch {stored.epoch + 1}, beyond this run's {schedule.length} epochs",
                          f"epochs counts the whole run: pass epochs >= {stored.epoch + (stored.batch > 0)}.")
    else:
        expected = stored.epoch * schedule.batches + stored.batch
        if stored.batch >= schedule.batches or stored.step != expected:
            raise _refuse(path, f"step {stored.step}, epoch {stored.epoch}, batch {stored.batch} do not fit "
                                f"{schedule.batches} mini-batches per epoch ({schedule.examples} examples, "
                                f"batch_size={schedule.batch_size})",
                          "Resume with the same data and batch size.")
        if stored.epoch > schedule.length or (stored.epoch == schedule.length and stored.batch):
            raise _refuse(path, f"it is in epoch {stored.epoch + 1}, beyond this run's {schedule.length} epochs",
                          f"epochs counts the whole run: pass epochs >= {stored.epoch + (stored.batch > 0)}.")
    _check_examples(stored, path, schedule)
    if (stored.rng_state is not None) != schedule.shuffled:
        state = "a shuffling generator state" if stored.rng_state is not None else "no shuffling generator state"
        raise _refuse(path, f"it holds {state}; this run {'shuffles' if schedule.shuffled else 'does not shuffle'}",
                      "Resume with the same shuffle setting.")


def _check_examples(stored: Checkpoint, path: str, schedule: Schedule) -> None:
    """A mini-batch checkpoint's examples and their order (kept since probe61 P61-7; ``None`` in older files): other
    rows, or shuffled data moved between memory and a memmap, would make a resumed epoch train some rows twice and
    skip others."""
    if schedule.batch_size is None:  # a full batch has no place in an epoch to lose (final42d F42d-7)
        return
    if stored.examples is not None and schedule.examples is not None and stored.examples != schedule.examples:
        raise _refuse(path, f"it was written by a run over {stored.examples} examples; this run has "
                            f"{schedule.examples}, so its epoch {stored.epoch + 1} cannot go on where the checkpoint "
                            "stopped", "Resume with the same data, or start again without resume_from.")
    if schedule.shuffled and None not in (stored.order, schedule.order) and stored.order != schedule.order:
        raise _refuse(path, f"it was written by a run over {ORDERS[stored.order]}; this run's are "
                            f"{ORDERS[schedule.order]}, another order drawn from the same generator state, so the "
                            f"resumed epoch would train some rows twice and skip others",
                      "Resume with the data as they were (in memory or out of core), or start again without "
                      "resume_from (with shuffle=False both read the rows in file order and resume either way).")


def _check_identity(stored: Checkpoint, path: str, fresh: Checkpoint) -> None:
    """The same cost, seed and clipping (probe89 P89-2: a sweep over one path "resumed" the first cost's finished
    run for every later one).  A file written before the identity was kept resumes, with a warning."""
    if fresh.run is None:
        return
    if stored.run is None:
        warnings.warn(f"checkpoint {path!r} was written by an older symopt, which did not record the run's cost, seed "
                      "and clipping: they cannot be checked, so make sure this run has the same ones (a finished "
                      "checkpoint of another cost would be returned as this run's result)", UserWarning,
                      stacklevel=_user_level())
        return
    differences = identity_differences(stored.run, fresh.run)
    if differences:
        raise _refuse(path, f"it was written by another run: {'; '.join(differences)}",
                      "A resume continues the very run that wrote the file. To train this one, give it a checkpoint "
                      "path of its own (one per configuration of a sweep, e.g. f'run_lam{lam}.npz'), or delete the "
                      "file, or start without resume_from; to continue the file's run, pass the settings it was "
                      "written with.")


def _user_level() -> int:
    """The ``stacklevel`` of the first frame outside symopt for a warning issued by this function's caller: the
    user's ``minimize(...)`` line, whatever decorators wrap it (final47f 47f-2)."""
    package = os.path.dirname(os.path.abspath(__file__)) + os.sep
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def check_resumable(stored: Checkpoint, path: str, fresh: Checkpoint, schedule: Schedule) -> None:
    """Raise :class:`~symopt.errors.CheckpointError` unless ``stored`` can continue the run whose initial
    state is ``fresh`` under ``schedule``."""
    dtype = str(np.asarray(next(iter(fresh.params.values()), 0.0)).dtype)  # the run's (its parameters')
    written, used = optimizer_in_dtype(stored.optimizer, dtype), optimizer_in_dtype(fresh.optimizer, dtype)
    if written != used:  # by the values the run computes with, not as the numbers are written (probe91 P91-4)
        same_kind = written.partition("(")[0] == used.partition("(")[0]
        values = f" (as a {dtype} run computes with them: {written}; {used})" if same_kind and used != fresh.optimizer \
            else ""
        raise _refuse(path, f"it was written with {stored.optimizer or 'no optimizer'}; this run uses "
                            f"{fresh.optimizer}{values}", "Resume with the same cost and optimizer.")
    _check_arrays("parameters", stored.params, fresh.params, path)
    _check_arrays("slots", stored.slots, fresh.slots, path)
    _check_arrays("shared slots", stored.shared, fresh.shared, path)
    _check_position(stored, path, schedule)
    _check_identity(stored, path, fresh)  # last: a batching or shuffle difference has its own message

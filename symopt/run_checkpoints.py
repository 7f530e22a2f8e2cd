r"""A training run's checkpoints (:class:`Checkpoints`, a part of :class:`~symopt.training_run.TrainingRun`): the
state as a :class:`~symopt.checkpoint.Checkpoint` (parameters, slots, shared slots, history, step, epoch, batch and
the shuffling generator's state), written to disk, and read back to continue exactly where a run stopped."""

from __future__ import annotations

from array import array
from dataclasses import replace

import numpy as np

from .checkpoint import Checkpoint, save_checkpoint
from .emit import scalar_type as backend_scalar_type
from .errors import CheckpointError
from .optimizers import STEP_SLOT
from .resume import check_resumable
from .result import counted

__all__ = ["Checkpoints", "add_note"]

#: How the notes :meth:`Checkpoints.keep_run_in` adds begin.
_NOTED = "symopt.minimize: "


class Checkpoints:
    """Snapshot, save and restore of a :class:`~symopt.training_run.TrainingRun`'s state; ``identity`` is what the
    checkpoint records of the run (:func:`~symopt.run_identity.run_identity`), set only for a run that writes or
    reads one."""

    identity: dict | None = None

    def snapshot(self) -> Checkpoint:
        return Checkpoint(
            dict(zip(self.names, self.params)), dict(zip(self.slot_names, self.slots)),
            dict(zip(self.shared_names, self.shared)), np.asarray(self.history), self.step, self.epoch,
            self.rng_state, repr(self.optimizer), self.batch, self.schedule.batch_size, *self._data_position(),
            self.identity)

    def _data_position(self) -> tuple:
        """The examples and their order, which a mini-batch epoch's position refers to; ``(None, None)`` for a full
        batch (each step reads all rows: it may go on over other rows, final42d F42d-7) and a stream."""
        if self.schedule.batch_size is None:
            return None, None
        return self.schedule.examples, self.schedule.order

    def save(self) -> None:
        """Write the checkpoint; if that fails (disk full, directory gone), the run so far is kept in the error."""
        try:
            save_checkpoint(self.checkpoint, self.snapshot())
        except OSError as error:
            raise CheckpointError(
                f"checkpoint {str(self.checkpoint)!r} could not be written after step {self.step} "
                f"({type(error).__name__}: {error}); error.result holds the parameters trained so far.",
                self.result(f"stopped after {counted(self.step, 'step')}: the checkpoint could not be written")) from error

    def save_interrupted(self) -> None:
        """Write the state of the last step completed when a KeyboardInterrupt stopped the run: its costs cut to
        ``step`` (the step under way had appended its cost), and, where the interrupt came between an epoch's last
        step and the end of that epoch, the position of the next epoch (before its shuffle is drawn). The costs are
        cut into a new array: a save the interrupt stopped may still hold a view of the old one (46d-1)."""
        self.history = self.history[:self.step]
        batches = self.schedule.batches if self.schedule.batch_size is not None else None
        if batches is not None and self.batch >= batches:  # None: a stream, whose epoch ends when it runs out
            self.epoch, self.batch, self.rng_state = self.epoch + 1, self.batch - batches, (
                self.rng.bit_generator.state if self.rng is not None else None)
        self.save()

    def interrupted_note(self, cause: str = "the interrupt") -> str:
        """Save after a KeyboardInterrupt (:meth:`save_interrupted`), or another exception ``cause`` names, and
        return the note for it: where the run resumes from, or why the checkpoint could not be written; a failed save
        never replaces the exception."""
        path = str(self.checkpoint)
        try:
            self.save_interrupted()
        except Exception as error:  # noqa: BLE001 - any failure: the user's Ctrl-C must still arrive (46d-1)
            return (f"symopt.minimize: the checkpoint {path!r} could not be written after {cause} at step "
                    f"{self.step} ({type(error).__name__}: {error}); it holds the last periodic save, if any.")
        return (f"symopt.minimize: checkpoint {path!r} holds the {counted(self.step, 'step')} completed; "
                f"minimize(..., resume_from={path!r}) continues the run.")

    def keep_refused_run(self, error: Exception) -> None:
        """Keep the steps taken in ``error``, a batch the data source refused mid-run (a FeedError, a ShapeError):
        ``error.result`` the run so far, the message saying where, the checkpoint written where one is asked for."""
        where = f"epoch {self.epoch + 1}, mini-batch {self.batch + 1}"
        error.result = self.result(f"stopped after {counted(self.step, 'step')}: the data of {where} was refused",
                                   success=False)
        error.args = (f"{error.args[0]} ({where}, after {counted(self.step, 'step')}; error.result holds the "
                      f"parameters trained so far{', saved to the checkpoint' if self.checkpoint else ''})",)
        if self.checkpoint is not None:
            self.save()

    def keep_run_in(self, error: Exception) -> None:
        """Keep the steps taken in ``error``, the data stream's own exception (a reader's ``OSError``: probe97
        P97-4), raised unchanged: ``error.result`` the run so far and a note naming where it stopped, the checkpoint
        written first where one is asked for, as for a refused batch or a KeyboardInterrupt.  The notes an earlier run
        added to the same exception object (a stream that raises one it keeps) are dropped first: they name its steps
        (final48g 48g-6)."""
        if getattr(error, "__notes__", None):
            error.__notes__ = [note for note in error.__notes__ if not note.startswith(_NOTED)]
        where = f"epoch {self.epoch + 1}, mini-batch {self.batch + 1}"
        error.result = self.result(f"stopped after {counted(self.step, 'step')}: reading the data of {where} raised "
                                   f"{type(error).__name__}", success=False)
        source = "data stream" if self.source.stream is not None else "data file"
        add_note(error, f"{_NOTED}the {source} raised this reading {where}, after "
                        f"{counted(self.step, 'step')}; error.result holds the parameters trained so far.")
        if self.checkpoint is not None:
            add_note(error, self.interrupted_note(f"the {source}'s {type(error).__name__}"))

    def restore(self, stored: Checkpoint, path: str) -> None:
        """Continue from ``stored`` once :func:`~symopt.resume.check_resumable` has accepted it (nothing
        changes before)."""
        stored = _step_counted_exactly(stored)
        check_resumable(stored, path, self.snapshot(), self.schedule)
        dtype = np.dtype(self.compiled.dtype)
        convert = backend_scalar_type(self.compiled.module, self.compiled.dtype)

        def value(v):
            return np.array(v, dtype=dtype) if np.ndim(v) else convert(v)
        self.params = self.compiled.arranged([value(stored.params[n]) for n in self.names])
        self.slots = self.compiled.arranged([value(stored.slots[n]) for n in self.slot_names], self.compiled.slot_orders())
        self.shared = [self.compiled.optimizer.shared_value(stored.shared[n], dtype) for n in self.shared_names]
        self.history = array("d", (float(v) for v in stored.history))
        self.step, self.epoch, self.batch, self.rng_state = stored.step, stored.epoch, stored.batch, stored.rng_state
        if self.rng is not None:
            self.rng.bit_generator.state = stored.rng_state
        self.best = (np.inf, self.params)
        if stored.run is None:  # 47f-2: a file of an older symopt stays unstamped (its state was not computed under
            self.identity = None  # this run's identity, so its later saves must not claim it); each resume warns


def add_note(error: BaseException, note: str) -> None:
    """``error.add_note(note)``, on Python 3.10 too (which has no ``add_note``: its ``__notes__``, which 3.11 shows)."""
    if hasattr(error, "add_note"):
        error.add_note(note)
    else:
        error.__notes__ = [*getattr(error, "__notes__", []), note]


def _step_counted_exactly(stored: Checkpoint) -> Checkpoint:
    """``stored`` with its step counter as an integer: a checkpoint written while the counter was a float32 scalar
    (it stopped at :math:`2^{24}`) resumes with the count it holds."""
    step = stored.shared.get(STEP_SLOT)
    if step is None or np.asarray(step).dtype.kind != "f" or not np.isfinite(step) or step != int(step):
        return stored
    return replace(stored, shared={**stored.shared, STEP_SLOT: np.int64(int(step))})

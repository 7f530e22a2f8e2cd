r"""Checkpoints of second-order runs: ``minimize(cost, wrt, method="newton", checkpoint=..., resume_from=...)``.

Damped Newton keeps no state between iterations: the iterate :math:`\theta_k` decides the next step
(:math:`H(\theta_k)`, :math:`\nabla J(\theta_k)`, and a line search that starts at :math:`\alpha = 1`).  So a
checkpoint holds :math:`\theta_k`, the step count :math:`k` and the costs at :math:`\theta_0..\theta_{k-1}`, in
the same ``.npz`` layout as first-order runs (optimizer field ``"method='newton'"``, no slots), and a resumed
run continues on exactly the trajectory of an uninterrupted one, bit for bit.

SciPy's methods are refused: ``scipy.optimize.minimize`` keeps its state inside the call and hands none of
it out, so a run restarted from :math:`\theta_k` would not be the same run: L-BFGS-B's curvature pairs and
BFGS's inverse-Hessian estimate start over from the identity, trust-ncg's trust radius from its initial value,
and Newton-CG's line search from a different first trial step (it uses the previous iteration's cost).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .checkpoint import Checkpoint, check_writable, load_checkpoint, save_checkpoint
from .codegen import python_names
from .errors import CheckpointError, ConfigurationError
from .resume import Schedule, check_resumable
from .run_arguments import check_count

__all__ = ["RESUMABLE_METHODS", "MethodCheckpoints", "method_checkpoints"]

#: Methods whose iterate is their whole state, so they can write and resume checkpoints.
RESUMABLE_METHODS = ("newton",)


@dataclass
class MethodCheckpoints:
    """Where and how often a ``method=`` run writes its checkpoint (``every``: iterations; ``None``: at the end
    only), and the parameter names and shapes of the problem."""

    method: str
    path: object
    every: int | None
    problem: object

    def snapshot(self, x: np.ndarray, history, step: int) -> Checkpoint:
        names = python_names(self.problem.parameters)
        params = {names[p]: np.asarray(v, dtype=float) for p, v in zip(self.problem.parameters, self.problem.unpack(x))}
        return Checkpoint(params, history=np.asarray(history[:step], dtype=float), step=step,
                          optimizer=f"method={self.method!r}")

    def due(self, step: int, start: int) -> bool:
        """Write after every ``every`` iterations (not at the step a resumed run starts from)."""
        return self.path is not None and self.every is not None and step > start and step % self.every == 0

    def save(self, x: np.ndarray, history, step: int, partial=None) -> None:
        """Write the checkpoint; a failure (disk full, directory gone) raises
        :class:`~symopt.errors.CheckpointError` carrying ``partial()``, the run so far."""
        try:
            save_checkpoint(self.path, self.snapshot(x, history, step))
        except OSError as error:
            raise CheckpointError(
                f"checkpoint {str(self.path)!r} could not be written after iteration {step} "
                f"({type(error).__name__}: {error}); error.result holds the parameters reached so far.",
                partial() if partial is not None else None) from error

    def restore(self, resume_from, x0: np.ndarray, steps: int) -> tuple[np.ndarray, list, int]:
        """``(x, history, step)`` stored in ``resume_from``, once it is known to fit this run (nothing changes
        before)."""
        stored = load_checkpoint(resume_from)
        check_resumable(stored, str(resume_from), self.snapshot(x0, [], 0), Schedule(steps, None, None, False))
        names = python_names(self.problem.parameters)
        x = np.concatenate([np.ravel(stored.params[names[p]]) for p in self.problem.parameters]).astype(float)
        return x, [float(v) for v in stored.history], stored.step


def method_checkpoints(method: str, problem, checkpoint, checkpoint_every, resume_from) -> MethodCheckpoints | None:
    """Check the checkpoint arguments of a ``method=`` run before it starts; ``None`` when it uses none."""
    check_count("checkpoint_every", checkpoint_every)
    if checkpoint is None and resume_from is None:
        if checkpoint_every is not None:
            raise ConfigurationError("checkpoint_every needs checkpoint=PATH, the file to write")
        return None
    if method not in RESUMABLE_METHODS:
        raise ConfigurationError(
            f"checkpoint= and resume_from= work with method='newton' (its iterate is its whole state), not with "
            f"method={method!r}: scipy.optimize.minimize keeps that method's state (curvature pairs, inverse-Hessian "
            "estimate, trust radius, line-search history) inside the call, so a resumed run would not continue the "
            "same trajectory. Run it without checkpoints (it restarts cheaply from result.params), or use "
            "method='newton'.")
    if checkpoint_every is not None and checkpoint is None:
        raise ConfigurationError("checkpoint_every needs checkpoint=PATH, the file to write")
    if checkpoint is not None:
        check_writable(checkpoint)
    return MethodCheckpoints(method, checkpoint, checkpoint_every, problem)

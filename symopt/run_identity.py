r"""What makes a training run that one run, kept in its checkpoint so that a resume cannot continue another run.

A checkpoint already holds the optimizer, the parameters' names, shapes and dtypes, the batching and the number of
examples (:mod:`symopt.resume`).  :func:`run_identity` adds what else decides the trajectory, as short texts:

- ``cost``: the SHA-256 of the cost's DAG and inputs (:func:`~symopt.disk_cache.cost_text`, the disk cache's key
  text: the same in every process), so a regularisation sweep ``for lam in ...: minimize(mse + lam * l2, ...,
  checkpoint=p, resume_from=p)`` with one path is refused at its second cost instead of returning the first
  cost's parameters (probe89 P89-2);
- ``seed``: the shuffling seed (``None`` where the run does not shuffle: it then draws nothing);
- ``clip_value`` and ``clip_norm``: the gradient clipping (``None``: none).

The data are not part of it: reading them all to fingerprint them would cost a pass over an out-of-core file, and
data cleaned between an interrupt and its resume must still resume (docs/data.md says what is and is not checked).
"""

from __future__ import annotations

import hashlib

from .disk_cache import cost_text

__all__ = ["RUN_FIELDS", "run_identity", "identity_differences"]

#: field -> (what it is, what to pass to resume it) for the refusal of a run that differs
RUN_FIELDS = {
    "cost": ("the cost (a hash of its expression)", "the same cost"),
    "seed": ("the shuffling seed", "the same seed="),
    "clip_value": ("clip_value", "the same clip_value="),
    "clip_norm": ("clip_norm", "the same clip_norm="),
}


def run_identity(cost, parameters: list, data_symbols: list, seed, shuffled: bool, clip_value, clip_norm) -> dict:
    """``{field: text}`` for every :data:`RUN_FIELDS` field of a run (a JSON object in the checkpoint's meta)."""
    fingerprint = hashlib.sha256(cost_text(cost, list(parameters) + list(data_symbols)).encode()).hexdigest()
    return {"cost": f"sha256:{fingerprint[:16]}", "seed": str(int(seed)) if shuffled and seed is not None else "None",
            "clip_value": repr(clip_value), "clip_norm": repr(clip_norm)}


def identity_differences(stored: dict, fresh: dict) -> list[str]:
    """What differs between a checkpoint's identity and this run's, one phrase per field: ``"the shuffling seed:
    the file's 3, this run's 4"``."""
    return [f"{RUN_FIELDS[name][0]}: the file's {stored.get(name)}, this run's {value}"
            for name, value in fresh.items() if stored.get(name) != value]

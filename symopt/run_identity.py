r"""What makes a training run that one run, kept in its checkpoint so that a resume cannot continue another run.

A checkpoint already holds the optimizer, the parameters' names, shapes and dtypes, the batching and the number of
examples (:mod:`symopt.resume`).  :func:`run_identity` adds what else decides the trajectory, as short texts:

- ``cost``: the SHA-256 of the cost's DAG and inputs (:func:`~symopt.disk_cache.cost_text`, the disk cache's key
  text: the same in every process), so a regularisation sweep ``for lam in ...: minimize(mse + lam * l2, ...,
  checkpoint=p, resume_from=p)`` with one path is refused at its second cost instead of returning the first
  cost's parameters (probe89 P89-2).  What does not change the trajectory is left out: the order of ``wrt``
  (the parameters are taken by name, final47f 47f-1) and how a number is written (``2`` or ``2.0``, ``0.5`` or
  ``Rational(1, 2)``: each by its float value, 47f-14);
- ``seed``: the shuffling seed (``None`` where the run does not shuffle: it then draws nothing);
- ``clip_value`` and ``clip_norm``: the gradient clipping (``None``: none).

The optimizer is the checkpoint's own field, its repr; :func:`optimizer_in_dtype` reads each number in it as the
value the run computes with (probe91 P91-4: ``Adam(0.1)`` and ``Adam(numpy.float32(0.1))`` train bit for bit alike
and resume each other; ``GradientDescent(0.1)`` and ``GradientDescent(numpy.float64(0.1))`` differ in a float64 run,
where TF1 rounds only the Python float to float32, and do not).

The data are not part of it: reading them all to fingerprint them would cost a pass over an out-of-core file, and
data cleaned between an interrupt and its resume must still resume (docs/data.md says what is and is not checked).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import sympy

from .disk_cache import cost_text, input_text
from .optimizers import optimizer_table
from .top_level import top_level_parts
from .traversal import arguments, postorder

__all__ = ["RUN_FIELDS", "run_identity", "identity_differences", "optimizer_in_dtype", "SLOT_KEYWORDS"]

#: field -> (what it is, what to pass to resume it) for the refusal of a run that differs
RUN_FIELDS = {
    "cost": ("the cost (a hash of its expression)", "the same cost"),
    "seed": ("the shuffling seed", "the same seed="),
    "clip_value": ("clip_value", "the same clip_value="),
    "clip_norm": ("clip_norm", "the same clip_norm="),
}


def run_identity(cost, parameters: list, data_symbols: list, seed, shuffled: bool, clip_value, clip_norm) -> dict:
    """``{field: text}`` for every :data:`RUN_FIELDS` field of a run (a JSON object in the checkpoint's meta)."""
    # the parameters by name, not in wrt='s order (47f-1: [b, W] and [W, b] train alike: the file keys them by name);
    # every number by its float value (47f-14: a weight written 2 and 2.0 trains bit for bit alike)
    inputs = sorted(parameters, key=input_text) + list(data_symbols)
    text = cost_text(_whole_floats_as_integers(cost, inputs), inputs)
    fingerprint = hashlib.sha256(_numbers_as_floats(text).encode()).hexdigest()
    return {"cost": f"sha256:{fingerprint[:16]}", "seed": str(int(seed)) if shuffled and seed is not None else "None",
            "clip_value": repr(clip_value), "clip_norm": repr(clip_norm)}


def _whole_floats_as_integers(cost, inputs: list):
    """``cost`` rebuilt with each whole-valued ``Float`` (``2.0``) as its ``Integer``, so ``2.0 * l2_penalty(W)``
    (SymPy kept ``1.0 * sum``) and ``2 * l2_penalty(W)`` (``sum``) are one expression; linear in the DAG."""
    stop, built = set(inputs), {}
    for node in postorder([cost], lambda node: () if node in stop else arguments(node)):
        new = node
        if isinstance(node, sympy.Float) and node.is_finite and float(node).is_integer():
            new = sympy.Integer(int(node))
        elif node not in stop and arguments(node) and any(built[id(a)] is not a for a in node.args):
            try:
                new = node.func(*(built[id(a)] for a in node.args))
            except Exception:  # noqa: BLE001 - a node that cannot be rebuilt is hashed as it is
                new = node
        built[id(node)] = new
    return built[id(cost)]


_NUMBER = re.compile(r"Integer\((-?\d+)\)|Rational\((-?\d+), (\d+)\)|Float\('([^']*)', precision=\d+\)")


def _numbers_as_floats(text: str) -> str:
    """``text`` with each SymPy number's ``srepr`` replaced by the ``repr`` of its float value."""
    def value(match) -> str:
        integer, numerator, denominator, decimal = match.groups()
        if integer is not None:
            return f"Number({float(int(integer))!r})"
        if numerator is not None:
            return f"Number({int(numerator) / int(denominator)!r})"
        return f"Number({float(decimal)!r})"
    def written(match) -> str:
        try:
            return value(match)
        except (OverflowError, ValueError):  # past a float's range: kept as written
            return match[0]
    return _NUMBER.sub(written, text)


def identity_differences(stored: dict, fresh: dict) -> list[str]:
    """What differs between a checkpoint's identity and this run's, one phrase per field: ``"the shuffling seed:
    the file's 3, this run's 4"``."""
    return [f"{RUN_FIELDS[name][0]}: the file's {stored.get(name)}, this run's {value}"
            for name, value in fresh.items() if stored.get(name) != value]


#: Constructor keywords whose number is a slot's initial value, which a run casts to its dtype directly; every other
#: number of an optimizer's repr is a hyperparameter (:func:`symopt.fused.hyper_values`).
SLOT_KEYWORDS = ("initial_accumulator_value",)

_OPTIMIZER = re.compile(r"(\w+)\((.*)\)", re.DOTALL)
_NUMBER_ARGUMENT = re.compile(r"(\w+)=(np\.float64\()?(-?(?:\d+\.?\d*(?:e[-+]?\d+)?|inf|nan))(\))?")


def optimizer_in_dtype(text: str, dtype: str) -> str:
    """``text``, the repr of one of symopt's optimizers (``Adam(lr=0.1, beta1=np.float64(0.9), ...)``), with each
    number written as the value a run in ``dtype`` computes with: a hyperparameter of an optimizer with TF1's
    precision through float32 unless it is a ``numpy.float64``, a slot's initial value (:data:`SLOT_KEYWORDS`) and
    the others' numbers directly in ``dtype``.  Anything else (another class, a schedule, a switch) is kept as
    written, and so is a text that is not such a repr."""
    whole = _OPTIMIZER.fullmatch(text)
    kinds = {cls.__name__: cls for cls in optimizer_table().values()}
    if whole is None or whole[1] not in kinds or np.dtype(dtype).kind != "f":
        return text
    cast, tf1 = np.dtype(dtype).type, kinds[whole[1]].tf1_precision

    def value(argument) -> str:
        keyword, exact, number, closing = argument.groups()
        if bool(exact) != bool(closing):
            return argument[0]
        rounded = np.float32(float(number)) if tf1 and not exact and keyword not in SLOT_KEYWORDS else float(number)
        return f"{keyword}={float(cast(rounded))!r}"
    arguments = [_NUMBER_ARGUMENT.sub(value, part, count=1) if _NUMBER_ARGUMENT.fullmatch(part) else part
                 for part in top_level_parts(whole[2])]
    return f"{whole[1]}({', '.join(arguments)})"

"""What a disk-cache entry (:mod:`symopt.disk_cache`) must hold before symopt uses it.

Each field has the type symopt writes it with, and the metadata beside the generated source agrees with it: the
hyperparameters and the state, gradient and data names are the very arguments the generated functions take, as
many as the run has parameters and data.  Any mismatch raises ``ValueError``, so the entry is ignored, rebuilt and
overwritten: an entry with ``"hyper": []`` or emptied ``"names"`` was used, and its ``train()`` failed at the first
step with a bare ``TypeError``, in every later process (probe71 P71-5).
"""

from __future__ import annotations

import inspect
import numbers

import numpy as np

__all__ = ["FIELD_TYPES", "check_fields", "hyperparameters", "check_arguments", "check_counts"]

#: The type of each field an entry of each kind must have: every entry (``"entry"``), a fused NumPy or ``math``
#: step, a compiled function.  (A JAX step holds ``step_source`` only: :mod:`symopt.jax_step` checks it.)
FIELD_TYPES = {
    "entry": {"key": str},
    "step": {"dtype": str, "module": str, "step_source": str, "train_source": str, "hyper": list, "names": dict},
    "function": {"dtype": str, "module": str, "source": str},
}


def check_fields(entry, kind: str) -> None:
    """Refuse an ``entry`` of ``kind`` (a key of :data:`FIELD_TYPES`) that is no JSON object, or lacks a field of
    its kind or holds one of another type."""
    if not isinstance(entry, dict):
        raise ValueError(f"expected a JSON object, given {type(entry).__name__}")
    for field, expected in FIELD_TYPES[kind].items():
        if not isinstance(entry.get(field), expected):
            raise ValueError(f"field {field!r}: expected {expected.__name__}, given {type(entry.get(field)).__name__}")


def hyperparameters(stored: list) -> dict:
    """``{name: value}`` of a step entry's ``[[name, value, dtype name], ...]``, each value a NumPy scalar of its
    dtype: a number (not a bool) of a numeric dtype (``float32``, ``float64``, ``int64``, ...), names not repeated."""
    values = {}
    for item in stored:
        if not (isinstance(item, list) and len(item) == 3):
            raise ValueError(f"hyperparameter {item!r}: expected [name, value, dtype]")
        name, value, kind = item
        if not (isinstance(name, str) and isinstance(kind, str) and isinstance(value, numbers.Real)) or \
                isinstance(value, bool) or name in values or np.dtype(kind).kind not in "iuf":
            raise ValueError(f"hyperparameter {item!r}: expected a new name, a number and a numeric dtype")
        values[name] = np.dtype(kind).type(value)
    return values


def check_arguments(function, expected: tuple) -> None:
    """Refuse a generated ``function`` whose last arguments are not ``expected``, the names the entry stores (a
    loop takes its own first: ``steps``, ``history``, ``tol``)."""
    arguments = tuple(inspect.signature(function).parameters)
    if len(arguments) < len(expected) or arguments[len(arguments) - len(expected):] != tuple(expected):
        raise ValueError(f"{function.__name__} takes {arguments}; the entry names {expected}")


def check_counts(names, parameters: int, data: int) -> None:
    """Refuse stored ``names`` (:class:`~symopt.disk_cache.StoredNames`) that do not name one value and one gradient
    per parameter of the run, the same number of slots for each, and one argument per data symbol."""
    per_parameter = (names.parameters, names.gradients)
    if any(len(group) != parameters for group in per_parameter) or len(names.data) != data or \
            (len(names.slots) % parameters if parameters else names.slots):
        raise ValueError(f"names for {len(names.parameters)} parameters and {len(names.data)} data; the run has "
                         f"{parameters} and {data}")

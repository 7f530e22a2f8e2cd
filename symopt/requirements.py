r"""The oldest NumPy and SymPy symopt runs on, checked when symopt first imports them.

* **NumPy 2.0**: the generated float32 code relies on NEP 50's promotion (``float32 * 2.0`` stays float32).
  NumPy 1.x promotes a float32 scalar times a Python number to float64, so a float32 program would compute in
  float64 (the TF1 lecture printed 5.0 where TF1 prints 4.9999886: probe67 P67-2).
* **SymPy 1.14**: symopt extends ``Function._new_`` and ``PrintMethodNotImplementedError``, which older SymPy lacks
  (a bare ``KeyError`` on first use: probe67 P67-1).

``pip install symopt`` upgrades both (``pyproject.toml``); this check is for environments that kept an older one
(``pip install --no-deps``, a pinned conda or notebook image).
"""

from __future__ import annotations

import re

import numpy
import sympy

from .errors import DependencyError

__all__ = ["OLDEST", "WHY", "release", "too_old", "check_requirements"]

#: The oldest release of each dependency symopt runs on, and what goes wrong before it.
OLDEST = {"numpy": (2, 0), "sympy": (1, 14)}
WHY = {"numpy": "NumPy 1.x computes float32 programs in float64 (its promotion of a float32 times a Python number)",
       "sympy": "SymPy before 1.14 lacks functions symopt extends"}


def release(version: str) -> tuple[int, int] | None:
    """``(major, minor)`` of a version string (``"2.4.6"``, ``"1.14.0rc1"``, ``"2.0.0.dev0+git"``); None for one
    it cannot read (``"2"``, ``"v2.1"``)."""
    found = re.match(r"(\d+)\.(\d+)", version)
    return (int(found.group(1)), int(found.group(2))) if found else None


def too_old(versions: dict) -> list[str]:
    """The names in ``versions`` (``{"numpy": "1.26.4", ...}``) older than :data:`OLDEST` (one whose version cannot be
    read is not judged: a refusal would contradict itself)."""
    return [name for name, version in versions.items() if (release(version) or OLDEST[name]) < OLDEST[name]]


def check_requirements(versions: dict | None = None) -> None:
    """Raise :class:`~symopt.errors.DependencyError` naming each dependency older than :data:`OLDEST`."""
    versions = versions or {"numpy": numpy.__version__, "sympy": sympy.__version__}
    old = too_old(versions)
    if old:
        found = ", ".join(f"{name} {versions[name]} (symopt needs {'.'.join(map(str, OLDEST[name]))} or newer)"
                          for name in old)
        upgrade = " ".join(f"'{name}>={'.'.join(map(str, OLDEST[name]))}'" for name in old)
        why = "; ".join(WHY[name] for name in old)
        raise DependencyError(f"symopt cannot run with the installed {found}: {why}. Upgrade with: "
                              f"pip install --upgrade {upgrade}")


check_requirements()

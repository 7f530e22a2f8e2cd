r"""An opt-in compile cache on disk: a fresh process skips differentiation and code generation.

Enabled by ``cache_dir=`` (of :func:`~symopt.minimize`) or the ``SYMOPT_CACHE_DIR`` environment variable.
An entry is one JSON file ``step-<sha256>.json`` holding the generated source text and a little
metadata (the generated module, the hyperparameter arguments' names, values and dtypes).  Its key is
the SHA-256 of

.. math:: \text{key} = (\text{srepr}(J),\ \text{srepr}(\theta),\ \text{srepr}(\text{data}),\ \text{optimizer},
          \text{dtype},\ \text{tol},\ \text{clipping},\ \text{symopt's version and source fingerprint},
          \text{SymPy's and NumPy's versions})

and the full key text is stored in the entry and compared on load, so a hash collision or an entry
from another version is a miss, never a wrong function.  Nothing is unpickled: the source is
compiled with :func:`~symopt.codegen.compile_source`, exactly as when it was generated.  Writes are
atomic (a temporary file, then :func:`os.replace`); an unreadable, partial or inconsistent entry is
ignored and rebuilt; a failed write (disk full, read-only) only means no caching.  The entries are code
that symopt compiles and runs, so the directory must be as trusted as your own code (like
``__pycache__``): one that other users can write is refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy

from .codegen import compile_source
from .errors import ConfigurationError
from .printers import PRINTERS, printer_for

__all__ = ["ENVIRONMENT_VARIABLE", "STATS", "StoredNames", "cache_directory", "step_key", "load_step", "store_step",
           "code_fingerprint"]

#: The environment variable that turns the disk cache on for every call.
ENVIRONMENT_VARIABLE = "SYMOPT_CACHE_DIR"
#: Counts for this process: ``hits`` (loaded from disk), ``misses`` (built), ``writes``, ``rejected`` entries.
STATS = {"hits": 0, "misses": 0, "writes": 0, "rejected": 0}
_FORMAT = 1
_fingerprint: list[str] = []


@dataclass(frozen=True)
class StoredNames:
    """The Python names of a loaded step's state and arguments, in order (what a
    :class:`~symopt.program.Update` names; its expressions are not stored: the source already holds them)."""

    parameters: tuple
    gradients: tuple
    slots: tuple
    shared: tuple
    hyper: tuple
    data: tuple


def code_fingerprint() -> str:
    """SHA-256 of symopt's own ``.py`` files and versions: a changed code generator never reuses an entry."""
    if not _fingerprint:
        from . import __version__
        digest = hashlib.sha256(f"{__version__} sympy {sympy.__version__} numpy {np.__version__}".encode())
        for path in sorted(Path(__file__).parent.rglob("*.py")):
            digest.update(path.relative_to(Path(__file__).parent).as_posix().encode() + path.read_bytes())
        _fingerprint.append(digest.hexdigest())
    return _fingerprint[0]


def cache_directory(cache_dir=None) -> Path | None:
    """``cache_dir``, else ``$SYMOPT_CACHE_DIR``, else ``None`` (no disk cache); created if missing."""
    chosen = cache_dir if cache_dir is not None else os.environ.get(ENVIRONMENT_VARIABLE) or None
    if chosen is None:
        return None
    path = Path(chosen)
    if path.exists() and not path.is_dir():
        raise ConfigurationError(f"cache_dir {str(path)!r} exists and is not a directory; pass a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(f"cache_dir {str(path)!r}: expected a directory symopt can create and write; "
                                 f"{type(error).__name__}: {error}. Pass another cache_dir= or unset "
                                 f"{ENVIRONMENT_VARIABLE}") from None
    if path.stat().st_mode & 0o022:
        raise ConfigurationError(f"cache_dir {str(path)!r} is writable by other users, and its entries are code "
                                 "symopt runs: use a directory only you can write (chmod go-w)")
    return path


def step_key(cost, parameters, optimizer, data, dtype, options: dict) -> str:
    """The full key text of a fused step (what the entry's hash is taken of).  SymPy numbers its ``Dummy``
    symbols (the bound variable of an elementwise function) from a random start in each process, so
    they are renumbered in order of first appearance: the same expression has the same key everywhere."""
    return _canonical_dummies(json.dumps({"format": _FORMAT, "code": code_fingerprint(), "cost": sympy.srepr(cost),
                       "parameters": [sympy.srepr(p) for p in parameters], "data": [sympy.srepr(d) for d in data],
                       "optimizer": repr(optimizer.key()), "dtype": dtype,
                       "options": {k: repr(v) for k, v in sorted(options.items())}}, sort_keys=True))


def _canonical_dummies(text: str) -> str:
    numbers: dict[str, int] = {}
    return re.sub(r"dummy_index=(\d+)", lambda m: f"dummy_index={numbers.setdefault(m[1], len(numbers))}", text)


def _path(directory: Path, key: str) -> Path:
    return directory / f"step-{hashlib.sha256(key.encode()).hexdigest()}.json"


def load_step(directory: Path, key: str):
    """``(step, train, module, hyper, names)`` from the entry for ``key``, or ``None`` (missing or unusable)."""
    path = _path(directory, key)
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry["key"] != key:
            raise ValueError("key mismatch")
        module = entry["module"]
        if module not in PRINTERS:
            raise ValueError(f"module {module!r}")
        namespace = printer_for(module)({}, dtype=entry["dtype"]).namespace()
        step = compile_source(entry["step_source"], "step", namespace)
        train = compile_source(entry["train_source"], "train", dict(namespace))
        hyper = {name: np.dtype(kind).type(value) for name, value, kind in entry["hyper"]}
        names = StoredNames(**{field: tuple(entry["names"][field]) for field in StoredNames.__dataclass_fields__})
        if not all(isinstance(n, str) for group in vars(names).values() for n in group):
            raise ValueError("names")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, SyntaxError):
        STATS["rejected"] += 1  # partial, corrupt or foreign: rebuilt and overwritten
        return None
    STATS["hits"] += 1
    return step, train, module, hyper, names


def store_step(directory: Path, key: str, compiled) -> None:
    """Write ``compiled``'s sources and metadata atomically; a failure to write is not an error."""
    entry = {"key": key, "dtype": compiled.dtype, "module": compiled.module,
             "step_source": compiled.step.source, "train_source": compiled.train.source,
             "hyper": [[name, value.item(), np.asarray(value).dtype.name] for name, value in compiled.hyper.items()],
             "names": {field: list(getattr(compiled.update, field)) for field in StoredNames.__dataclass_fields__}}
    path = _path(directory, key)
    temporary = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, prefix=path.name, suffix=".tmp",
                                         delete=False) as file:
            temporary = file.name
            json.dump(entry, file)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        return
    STATS["writes"] += 1


def cached_step(cost, parameters, optimizer, data, dtype, options: dict, cache_dir, build, assemble):
    """``build()`` unless the disk cache holds the step; ``assemble(step, train, module, hyper, names)`` makes a
    loaded one."""
    directory = cache_directory(cache_dir)
    if directory is None:
        return build()
    key = step_key(cost, parameters, optimizer, data, dtype, options)
    loaded = load_step(directory, key)
    if loaded is not None:
        return assemble(*loaded)
    STATS["misses"] += 1
    compiled = build()
    store_step(directory, key, compiled)
    return compiled

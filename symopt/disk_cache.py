r"""An opt-in compile cache on disk: a fresh process skips differentiation and code generation.

Enabled by ``cache_dir=`` (of :func:`~symopt.minimize` and :func:`~symopt.compile`) or the ``SYMOPT_CACHE_DIR``
environment variable.  An entry is one JSON file holding the generated source text and a little metadata:
``step-<sha256>.json`` for a fused training step (the generated module, the hyperparameter arguments' names,
values and dtypes), ``function-<sha256>.json`` for :func:`~symopt.compile`'s value-and-gradient function (the
generated module: ``numpy``, ``math`` or ``jax``).  A step's key is the SHA-256 of

.. math:: \text{key} = (\text{dag}(J),\ \text{srepr}(\theta),\ \text{srepr}(\text{data}),\ \text{optimizer},
          \text{dtype},\ \text{tol},\ \text{clipping},\ \text{symopt's version and source fingerprint},
          \text{SymPy's and NumPy's versions})

(a function's: of :math:`J`, :math:`\theta`, the other inputs, dtype and backend, and the same versions),
and the full key text is stored in the entry and compared on load, so a hash collision or an entry
from another version is a miss, never a wrong function.  Nothing is unpickled: the source is
compiled with :func:`~symopt.codegen.compile_source`, exactly as when it was generated.  Writes are
atomic (a temporary file, then :func:`os.replace`); an unreadable, partial or inconsistent entry is
ignored and rebuilt; a failed write (disk full, read-only) only means no caching.  An entry the directory lacks
is written also where the in-memory cache answers (a cost compiled earlier in the process without a disk cache, or
with another directory: :func:`kept_on_disk`).  The keys are :mod:`symopt.cache_keys`'.  The entries are code
that symopt compiles and runs, so the directory must be as trusted as your own code (like
``__pycache__``): one that other users can write, or that another user owns, is refused, and an entry that
another user owns or can write is ignored and rebuilt (probe34 P34-7).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .cache import BoundedCache
from .cache_entries import check_arguments, check_counts, check_fields, hyperparameters
from .cache_keys import code_fingerprint, cost_text, function_key, input_text, step_key
from .codegen import compile_source
from .repeated_calls import with_unshared
from .errors import ConfigurationError
from .printers import PRINTERS, printer_for
from .program import parameter_state

__all__ = ["ENVIRONMENT_VARIABLE", "STATS", "StoredNames", "cache_directory", "chosen_directory", "cost_text",
           "input_text", "step_key", "load_step", "store_step", "code_fingerprint", "function_key", "cached",
           "cached_step", "cached_function", "load_entry", "store_entry", "kept_on_disk", "kept_once", "keep_step", "keep_function",
           "carried_directory", "usable_directory"]

#: The environment variable that turns the disk cache on for every call.
ENVIRONMENT_VARIABLE = "SYMOPT_CACHE_DIR"
#: Counts for this process: ``hits`` (loaded from disk), ``misses`` (built), ``writes``, ``rejected`` entries.
STATS = {"hits": 0, "misses": 0, "writes": 0, "rejected": 0}


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
    column_major: tuple = ()

    def parameter_state(self) -> list[tuple]:
        """As :meth:`symopt.program.Update.parameter_state`: each parameter's name with its slots' names."""
        return parameter_state(self.parameters, self.slots)

    def arguments(self) -> tuple:
        """The generated step's arguments, in order: the state, the hyperparameters, the data."""
        return self.parameters + self.slots + self.shared + self.hyper + self.data


def chosen_directory(cache_dir=None):
    """``cache_dir``, else ``$SYMOPT_CACHE_DIR``, else ``None`` (no disk cache), as given: unchecked.  An empty
    string means no disk cache, as an empty ``$SYMOPT_CACHE_DIR`` does (``cache_dir=""`` wrote entries into the
    working directory: probe34 P34-10)."""
    if cache_dir is not None:
        return None if isinstance(cache_dir, str) and cache_dir == "" else cache_dir
    return os.environ.get(ENVIRONMENT_VARIABLE) or None


def carried_directory(cache_dir, directory: Path | None):
    """What a pickled :func:`~symopt.compile` carries of its ``cache_dir``: ``None`` where none was given (the loading
    process's ``$SYMOPT_CACHE_DIR`` applies there), else the :func:`cache_directory` ``directory`` as an absolute
    path, or ``""`` where ``cache_dir=""`` turned the disk cache off (probe95 P95-4)."""
    if cache_dir is None:
        return None
    return "" if directory is None else os.fspath(directory.absolute())


def usable_directory(carried):
    """``carried`` (:func:`carried_directory`) where this process can use it, else ``None`` (its own
    ``$SYMOPT_CACHE_DIR``): a worker on another machine or of another user loads the function without that disk
    cache, which only saves time, rather than failing to load it."""
    try:
        cache_directory(carried)
    except ConfigurationError:
        return None
    return carried


def _trusted(status: os.stat_result) -> bool:
    """Owned by this process's user and writable by no other (where the system has users)."""
    owner = os.geteuid() if hasattr(os, "geteuid") else None
    return not status.st_mode & 0o022 and (owner is None or status.st_uid == owner)


def cache_directory(cache_dir=None) -> Path | None:
    """:func:`chosen_directory`, ``~`` expanded to the home directory (as a shell would; a quoted
    ``SYMOPT_CACHE_DIR="~/cache"`` or ``cache_dir="~/cache"`` made a directory named ``~`` in the working
    directory), checked and created if missing: the directory itself only its owner can write (mode ``0o700``;
    under ``umask 002`` it was group-writable, and refused as such: probe71 P71-7), its missing parents as the
    umask makes them."""
    chosen = chosen_directory(cache_dir)
    if chosen is None:
        return None
    if not isinstance(chosen, (str, os.PathLike)) or isinstance(os.fspath(chosen), bytes):
        raise ConfigurationError(f"cache_dir: expected a directory's path, a str or a pathlib.Path; given "
                                 f"{type(chosen).__name__} {chosen!r}. Pass cache_dir='path/to/a/directory' (symopt "
                                 f"creates it), or leave it None for no disk cache"
                                 + (f" (a bytes path: cache_dir={chosen.decode(errors='replace')!r})"
                                    if isinstance(chosen, bytes) else ""))
    try:
        path = Path(chosen).expanduser()
    except RuntimeError as error:  # ~nosuchuser, or no home directory to expand ~ into
        raise ConfigurationError(f"cache_dir {os.fspath(chosen)!r}: expected a directory's path; its ~ names no home "
                                 f"directory ({error}). Give the path in full, or cache_dir=None (or '') for no "
                                 "disk cache") from None
    if not os.fspath(path).strip():
        raise ConfigurationError(f"cache_dir {os.fspath(chosen)!r}: expected a directory's path; given only blanks. "
                                 "Pass cache_dir='path/to/a/directory', or cache_dir=None (or '') for no disk cache")
    if path.exists() and not path.is_dir():
        raise ConfigurationError(f"cache_dir {str(path)!r} exists and is not a directory; pass a directory")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(f"cache_dir {str(path)!r}: expected a directory symopt can create and write; "
                                 f"{type(error).__name__}: {error}. Pass another cache_dir= or unset "
                                 f"{ENVIRONMENT_VARIABLE}") from None
    status = path.stat()
    if status.st_mode & 0o022:
        raise ConfigurationError(f"cache_dir {str(path)!r} is writable by other users, and its entries are code "
                                 "symopt runs: use a directory only you can write (chmod go-w)")
    if not _trusted(status):
        raise ConfigurationError(f"cache_dir {str(path)!r} is owned by another user (uid {status.st_uid}; you are "
                                 f"uid {os.geteuid()}), who could put code there that symopt would run: use a "
                                 "directory of your own (for example under your home directory)")
    return path


def _path(directory: Path, key: str, kind: str) -> Path:
    return directory / f"{kind}-{hashlib.sha256(key.encode()).hexdigest()}.json"


def load_entry(directory: Path, key: str, kind: str, parse):
    """``parse(entry)`` of the JSON entry of ``kind`` (``"step"``, ``"function"``) for ``key``, or ``None`` when it is
    missing or unusable (``parse`` raising ``ValueError``, ``KeyError``, ``TypeError`` or ``SyntaxError``; JSON nested
    past the recursion limit)."""
    try:
        with open(_path(directory, key, kind), encoding="utf-8") as file:
            if not _trusted(os.fstat(file.fileno())):
                raise ValueError("an entry another user owns or can write")  # code symopt would run
            entry = json.loads(file.read())
        check_fields(entry, "entry")
        if entry["key"] != key:
            raise ValueError("key mismatch")
        parsed = parse(entry)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, SyntaxError, RecursionError):
        STATS["rejected"] += 1  # partial, corrupt or foreign: rebuilt and overwritten
        return None
    STATS["hits"] += 1
    return parsed


#: The step's in-place kinds (``CompiledStep`` fields), stored beside ``step`` and ``train``.
IN_PLACE_KINDS = ("advance", "guarded_advance")


def _parse_step(entry: dict):
    """The compiled functions and metadata of a step entry whose metadata agrees with its functions' arguments
    (:mod:`symopt.cache_entries`)."""
    check_fields(entry, "step")
    module = entry["module"]
    if module not in PRINTERS:
        raise ValueError(f"module {module!r}")
    namespace = printer_for(module)({}, dtype=entry["dtype"]).namespace()
    def source(kind: str) -> str:
        return with_unshared(entry[f"{kind}_source"], entry.get(f"{kind}_unshared"))
    step = compile_source(source("step"), "step", namespace)
    train = compile_source(source("train"), "train", dict(namespace))
    in_place = [compile_source(source(kind), kind, dict(namespace)) if f"{kind}_source" in entry else None
                for kind in IN_PLACE_KINDS]  # entries written before these kinds existed lack them
    hyper = hyperparameters(entry["hyper"])
    names = StoredNames(**{field: tuple(entry["names"][field]) for field in StoredNames.__dataclass_fields__})
    if not all(isinstance(n, str) for group in vars(names).values() for n in group) or tuple(hyper) != names.hyper:
        raise ValueError("names")
    for function in (step, train, *in_place):
        if function is not None:
            check_arguments(function, names.arguments())
    return step, train, module, hyper, names, *in_place


def _sources(prefix: str, function) -> dict:
    """``{prefix + "source": ...}``, and ``prefix + "unshared"`` where repeated calls were hoisted (the domain
    diagnoses rerun that text: :mod:`symopt.repeated_calls`)."""
    unshared = getattr(function.source, "unshared", "")
    return {f"{prefix}source": function.source, **({f"{prefix}unshared": unshared} if unshared else {})}


def _step_fields(compiled) -> dict:
    kinds = [("step", compiled.step), ("train", compiled.train)] + \
        [(kind, getattr(compiled, kind)) for kind in IN_PLACE_KINDS if getattr(compiled, kind) is not None]
    return {"dtype": compiled.dtype, "module": compiled.module,
            **{field: text for kind, function in kinds for field, text in _sources(f"{kind}_", function).items()},
            "hyper": [[name, value.item(), np.asarray(value).dtype.name] for name, value in compiled.hyper.items()],
            "names": {field: list(getattr(compiled.update, field)) for field in StoredNames.__dataclass_fields__}}


def load_step(directory: Path, key: str):
    """``(step, train, module, hyper, names, advance, guarded_advance)`` from the entry for ``key``, or ``None``
    (missing or unusable)."""
    return load_entry(directory, key, "step", _parse_step)


def store_step(directory: Path, key: str, compiled) -> None:
    """Write ``compiled``'s sources and metadata atomically; a failure to write is not an error."""
    store_entry(directory, key, "step", _step_fields(compiled))


def store_entry(directory: Path, key: str, kind: str, fields: dict) -> None:
    """Write the entry ``{"key": key, **fields}`` of ``kind`` atomically; a failure to write is not an error."""
    entry = {"key": key, **fields}
    path = _path(directory, key, kind)
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


def cached(cache_dir, key_of, kind: str, build, parse, fields_of, kept_as=None):
    """``build()`` unless the disk cache (``cache_dir`` or ``$SYMOPT_CACHE_DIR``) holds the entry of ``kind`` for
    ``key_of()``: then ``parse(entry)``.  A built one is stored as ``fields_of(built)``.  ``kept_as``: the memory
    cache's key of what is built, noted as kept in that directory (:func:`kept_on_disk` then looks no further)."""
    directory = cache_directory(cache_dir)
    if directory is None:
        return build()
    key = key_of()
    loaded = load_entry(directory, key, kind, parse)
    if loaded is None:
        STATS["misses"] += 1
        loaded = build()
        store_entry(directory, key, kind, fields_of(loaded))
    if kept_as is not None:
        _KEPT.get_or_build((directory, kept_as), lambda: True)
    return loaded


#: ``(directory, memory key)`` of what this process has found or written in a disk cache (bounded; emptied by
#: :func:`~symopt.cache.clear_caches`).
_KEPT = BoundedCache(256)


def kept_on_disk(directory: Path | None, kept_as, key_of, kind: str, fields_of) -> None:
    """Write the entry of ``kind`` for ``key_of()``, holding ``fields_of()``, into ``directory`` where it is missing.
    The memory cache answers a compile before any disk lookup, so a cost compiled earlier in the process without a
    disk cache, or with another directory, was never written to this one (probe95 P95-3: every later process
    missed).  Looked at once per ``directory`` and memory key ``kept_as``; nothing without a directory."""
    if directory is not None:
        _KEPT.get_or_build((directory, kept_as), lambda: _store_if_missing(directory, key_of(), kind, fields_of))


def kept_once(directory: Path | None, memory_key, keep) -> None:
    """``keep()`` (a :func:`kept_on_disk` whose memory key is a rule, printed at a cost) once per ``directory`` and
    the memory cache's key ``memory_key`` of the answer: a step the memory cache answers again is neither keyed by
    its rule nor looked for on disk again (final48d 48d-5).  Nothing without a directory."""
    if directory is not None:
        _KEPT.get_or_build((directory, "kept once", memory_key), lambda: keep() or True)


def _store_if_missing(directory: Path, key: str, kind: str, fields_of) -> bool:
    if not _path(directory, key, kind).exists():
        store_entry(directory, key, kind, fields_of())
    return True


def cached_step(cost, parameters, optimizer, data, dtype, options: dict, cache_dir, build, assemble, kept_as=None):
    """``build()`` unless the disk cache holds the step; ``assemble(step, train, module, hyper, names, advance,
    guarded_advance)`` makes a loaded one.  ``kept_as``: as for :func:`cached`."""
    def parse(entry):
        loaded = _parse_step(entry)
        check_counts(loaded[4], len(parameters), len(data))
        if entry["dtype"] != dtype:
            raise ValueError(f"dtype {entry['dtype']!r}")
        return assemble(*loaded)
    return cached(cache_dir, lambda: step_key(cost, parameters, optimizer, data, dtype, options), "step", build,
                  parse, _step_fields, kept_as)


def keep_step(directory: Path | None, kept_as, key_fields: tuple, compiled) -> None:
    """:func:`kept_on_disk` for the fused step ``compiled`` of ``key_fields = (cost, parameters, optimizer, data,
    dtype, options)``, the memory cache's answer under ``kept_as``."""
    kept_on_disk(directory, kept_as, lambda: step_key(*key_fields), "step", lambda: _step_fields(compiled))


def cached_function(cache_dir, key_fields: tuple, build, load, program, kept_as=None):
    """``build() -> (function, program, module)`` unless the disk cache holds the function of
    ``key_fields = (cost, parameters, inputs, dtype, module)``: then ``(load(source, module), program, module)``,
    ``program`` rebuilding the Program when it is asked for (differentiating then, not now).  ``kept_as``: as for
    :func:`cached`."""
    dtype = key_fields[3]

    def parse(entry):
        check_fields(entry, "function")
        if entry["dtype"] != dtype:
            raise ValueError("entry")
        function = load(with_unshared(entry["source"], entry.get("unshared")), entry["module"])
        if len(inspect.signature(function).parameters) != len(key_fields[2]):  # final44d F44d-4
            raise ValueError(f"the entry's function does not take the run's {len(key_fields[2])} arguments")
        return function, program, entry["module"]
    return cached(cache_dir, lambda: function_key(*key_fields), "function", build, parse,
                  lambda built: _function_fields(dtype, built[0], built[2]), kept_as)


def keep_function(directory: Path | None, kept_as, key_fields: tuple, function, module: str) -> None:
    """:func:`kept_on_disk` for the compiled ``function`` (generated for ``module``) of ``key_fields`` (as
    :func:`cached_function`'s), the memory cache's answer under ``kept_as``."""
    kept_on_disk(directory, kept_as, lambda: function_key(*key_fields), "function",
                 lambda: _function_fields(key_fields[3], function, module))


def _function_fields(dtype: str, function, module: str) -> dict:
    return {"dtype": dtype, "module": module, **_sources("", function)}

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
ignored and rebuilt; a failed write (disk full, read-only) only means no caching.  The entries are code
that symopt compiles and runs, so the directory must be as trusted as your own code (like
``__pycache__``): one that other users can write, or that another user owns, is refused, and an entry that
another user owns or can write is ignored and rebuilt (probe34 P34-7).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy

from .cache_entries import check_arguments, check_counts, check_fields, hyperparameters
from .codegen import compile_source
from .repeated_calls import with_unshared
from .errors import ConfigurationError
from .printers import PRINTERS, printer_for
from .program import parameter_state
from .symbols import creation_order, is_matrix
from .traversal import arguments, postorder

__all__ = ["ENVIRONMENT_VARIABLE", "STATS", "StoredNames", "cache_directory", "chosen_directory", "cost_text",
           "step_key", "load_step", "store_step", "code_fingerprint", "function_key", "cached", "cached_step",
           "cached_function", "load_entry", "store_entry"]

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
    column_major: tuple = ()

    def parameter_state(self) -> list[tuple]:
        """As :meth:`symopt.program.Update.parameter_state`: each parameter's name with its slots' names."""
        return parameter_state(self.parameters, self.slots)

    def arguments(self) -> tuple:
        """The generated step's arguments, in order: the state, the hyperparameters, the data."""
        return self.parameters + self.slots + self.shared + self.hyper + self.data


def code_fingerprint() -> str:
    """SHA-256 of symopt's own ``.py`` files and versions: a changed code generator never reuses an entry."""
    if not _fingerprint:
        from . import __version__
        digest = hashlib.sha256(f"{__version__} sympy {sympy.__version__} numpy {np.__version__}".encode())
        for path in sorted(Path(__file__).parent.rglob("*.py")):
            digest.update(path.relative_to(Path(__file__).parent).as_posix().encode() + path.read_bytes())
        _fingerprint.append(digest.hexdigest())
    return _fingerprint[0]


def chosen_directory(cache_dir=None):
    """``cache_dir``, else ``$SYMOPT_CACHE_DIR``, else ``None`` (no disk cache), as given: unchecked.  An empty
    string means no disk cache, as an empty ``$SYMOPT_CACHE_DIR`` does (``cache_dir=""`` wrote entries into the
    working directory: probe34 P34-10)."""
    if cache_dir is not None:
        return None if isinstance(cache_dir, str) and cache_dir == "" else cache_dir
    return os.environ.get(ENVIRONMENT_VARIABLE) or None


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


def expression_text(expressions: list, inputs: list) -> str:
    """``expressions`` as key text, linear in their DAG: one entry per distinct node in post-order, its class and
    its operands' entry numbers (a leaf: its ``srepr``), then the entries of the expressions.  An input is written
    ``input<k>`` by its position in ``inputs``, so two distinct ``Variable("v")`` are told apart (``srepr`` wrote
    them alike) and which one is the parameter is part of the key.  (``srepr`` printed the tree: exponential on a
    shared DAG, a RecursionError past ~100 layers.)"""
    position = {symbol: k for k, symbol in enumerate(inputs)}
    entry, lines = {}, []
    for node in postorder(expressions, lambda node: () if node in position else arguments(node)):
        if node in position:
            text = f"input{position[node]}"
        elif node.args:
            text = f"{type(node).__module__}.{type(node).__qualname__}({','.join(str(entry[id(a)]) for a in node.args)})"
        else:
            text = sympy.srepr(node)
        entry[id(node)] = len(lines)
        lines.append(text)
    return ";".join(lines) + " -> " + ",".join(str(entry[id(e)]) for e in expressions)


def _inputs(parameters, others) -> list:
    return list(dict.fromkeys(list(parameters) + list(others)))  # compile's inputs repeat the parameters


def input_text(symbol) -> str:
    """An input's key text: its ``srepr`` without a symopt symbol's serial number (unique to the process and the
    symbol's creation), so a model rebuilt with new symbols (a notebook cell run again, a worker per request, a
    fresh process) has the key it had (probe34 P34-8); which input is which is the position ``input<k>`` of
    :func:`expression_text`."""
    if creation_order(symbol) >= 0 and is_matrix(symbol):
        name, rows, cols = symbol.args[:3]
        return f"{type(symbol).__name__}({sympy.srepr(name)}, {sympy.srepr(rows)}, {sympy.srepr(cols)})"
    return sympy.srepr(symbol)


def step_key(cost, parameters, optimizer, data, dtype, options: dict) -> str:
    """The full key text of a fused step (what the entry's hash is taken of).  SymPy numbers its ``Dummy``
    symbols (the bound variable of an elementwise function) from a random start in each process, so
    they are renumbered in order of first appearance: the same expression has the same key everywhere."""
    inputs = _inputs(parameters, data)
    gradients = options.get("gradients")
    return _key_text({"cost": expression_text([cost], inputs), "inputs": [input_text(s) for s in inputs],
                      "parameters": len(parameters), "optimizer": repr(optimizer.key()), "dtype": dtype,
                      "rule": [f"{target} = {value}" for target, value in optimizer.rule()],  # a class redefined
                      "gradients": None if gradients is None else expression_text(list(gradients), inputs),
                      "options": {k: repr(v) for k, v in sorted(options.items()) if k != "gradients"}})


def cost_text(cost, inputs) -> str:
    """The key text of ``cost`` over ``inputs`` alone (:func:`expression_text` and :func:`input_text`), the same in
    every process: what a checkpoint records of the cost it trained (:mod:`symopt.run_identity`)."""
    inputs = list(dict.fromkeys(inputs))
    return _canonical_dummies(json.dumps({"cost": expression_text([cost], inputs),
                                          "inputs": [input_text(s) for s in inputs]}, sort_keys=True))


def function_key(cost, parameters, inputs, dtype: str, module: str | None) -> str:
    """The full key text of :func:`~symopt.compile`'s function of ``cost`` (``module``: the backend asked for,
    ``None`` where symopt chooses between ``math`` and ``numpy``)."""
    inputs = _inputs(parameters, inputs)
    return _key_text({"kind": "value_and_grad", "cost": expression_text([cost], inputs), "dtype": dtype,
                      "module": module, "inputs": [input_text(s) for s in inputs], "parameters": len(parameters)})


def _key_text(fields: dict) -> str:
    return _canonical_dummies(json.dumps({"format": _FORMAT, "code": code_fingerprint(), **fields}, sort_keys=True))


def _canonical_dummies(text: str) -> str:
    numbers: dict[str, int] = {}
    return re.sub(r"dummy_index=(\d+)", lambda m: f"dummy_index={numbers.setdefault(m[1], len(numbers))}", text)


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


def cached(cache_dir, key_of, kind: str, build, parse, fields_of):
    """``build()`` unless the disk cache (``cache_dir`` or ``$SYMOPT_CACHE_DIR``) holds the entry of ``kind`` for
    ``key_of()``: then ``parse(entry)``.  A built one is stored as ``fields_of(built)``."""
    directory = cache_directory(cache_dir)
    if directory is None:
        return build()
    key = key_of()
    loaded = load_entry(directory, key, kind, parse)
    if loaded is not None:
        return loaded
    STATS["misses"] += 1
    built = build()
    store_entry(directory, key, kind, fields_of(built))
    return built


def cached_step(cost, parameters, optimizer, data, dtype, options: dict, cache_dir, build, assemble):
    """``build()`` unless the disk cache holds the step; ``assemble(step, train, module, hyper, names, advance,
    guarded_advance)`` makes a loaded one."""
    def parse(entry):
        loaded = _parse_step(entry)
        check_counts(loaded[4], len(parameters), len(data))
        if entry["dtype"] != dtype:
            raise ValueError(f"dtype {entry['dtype']!r}")
        return assemble(*loaded)
    return cached(cache_dir, lambda: step_key(cost, parameters, optimizer, data, dtype, options), "step", build,
                  parse, _step_fields)


def cached_function(cache_dir, key_fields: tuple, build, load, program):
    """``build() -> (function, program, module)`` unless the disk cache holds the function of
    ``key_fields = (cost, parameters, inputs, dtype, module)``: then ``(load(source, module), program, module)``,
    ``program`` rebuilding the Program when it is asked for (differentiating then, not now)."""
    dtype = key_fields[3]

    def parse(entry):
        check_fields(entry, "function")
        if entry["dtype"] != dtype:
            raise ValueError("entry")
        function = load(with_unshared(entry["source"], entry.get("unshared")), entry["module"])
        if len(inspect.signature(function).parameters) != len(key_fields[2]):  # final44d F44d-4
            raise ValueError(f"{function.__name__} does not take the run's {len(key_fields[2])} arguments")
        return function, program, entry["module"]
    return cached(cache_dir, lambda: function_key(*key_fields), "function", build, parse,
                  lambda built: {"dtype": dtype, "module": built[2], **_sources("", built[0])})

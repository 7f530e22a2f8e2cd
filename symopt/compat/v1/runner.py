"""Run a TF1 program untouched: ``symopt tf1 prog.py [args]`` / ``python -m symopt.compat.v1 prog.py [args]``.

:class:`TensorFlowImporter` is a meta-path finder that serves every ``tensorflow`` import
(``import tensorflow as tf``, ``import tensorflow.compat.v1 as tf``,
``from tensorflow.python.framework import ops``) from ``symopt.compat.v1``; the runner installs it
for the program it runs only (importing symopt installs nothing).  An import path symopt does not
mirror raises ``ModuleNotFoundError`` naming it.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import os
import runpy
import sys
import types
from collections.abc import Sequence
from pathlib import Path

from ...child_processes import carried_into_children
from .app import IllegalFlagValueError, UnrecognizedFlagError
from .errors import REPLACEMENTS

__all__ = ["TensorFlowImporter", "run_program", "main", "served_module", "tensorflow_name"]

#: TensorFlow module paths and the symopt modules that serve them (anything else under ``tensorflow.``
#: is looked up under ``symopt.compat.v1.`` with the same tail).
ALIASES = {
    "tensorflow": "symopt.compat.v1",
    "tensorflow.compat": "symopt.compat",
    "tensorflow.compat.v1": "symopt.compat.v1",
    "tensorflow.compat.v1.train": "symopt.compat.v1.train",
    "tensorflow.compat.v1.nn": "symopt.compat.v1.nn",
    "tensorflow.contrib.layers": "symopt.compat.v1.contrib_layers",
}


def served_module(fullname: str) -> str | None:
    """The symopt module that serves the TensorFlow module ``fullname`` (None for other packages)."""
    if fullname != "tensorflow" and not fullname.startswith("tensorflow."):
        return None
    return ALIASES.get(fullname) or "symopt.compat.v1" + fullname[len("tensorflow"):]


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module) -> None:
        """The symopt module is already executed."""


def tensorflow_name(fullname: str) -> str | None:
    """The TensorFlow name of the submodule ``fullname`` of a served module (``symopt.compat.v1.keras`` is
    ``tensorflow.keras``, ``symopt.compat.v1.contrib_layers.batch_norm`` ``tensorflow.contrib.layers.batch_norm``);
    None for other modules."""
    parent, _, tail = fullname.rpartition(".")
    if parent != "symopt.compat.v1" and not parent.startswith("symopt.compat.v1."):
        return None
    aliased = [name for name, target in ALIASES.items() if target == parent and ".compat" not in name]
    return f"{aliased[0] if aliased else 'tensorflow' + parent[len('symopt.compat.v1'):]}.{tail}"


def _unsupported(fullname: str, served: str) -> ModuleNotFoundError:
    advice = next((REPLACEMENTS[name] for name in (fullname, fullname.rpartition(".")[0]) if name in REPLACEMENTS),
                  None)
    return ModuleNotFoundError(f"{fullname} is not supported yet by symopt.compat.v1 (symopt serves TensorFlow 1.x "
                               f"imports from symopt.compat.v1; it has no {served})" + (f"; {advice}" if advice else ""),
                               name=fullname)


class TensorFlowImporter(importlib.abc.MetaPathFinder):
    """Serves ``tensorflow`` and ``tensorflow.*`` imports from ``symopt.compat.v1``.  ``from tensorflow import
    keras`` (``from tensorflow.contrib import rnn``, ``from tensorflow.nn import rnn_cell``) of a name symopt lacks
    raises the same ``ModuleNotFoundError`` as ``import tensorflow.keras`` (probe11 U1): the import system tries the
    name as a submodule of the served module (a package, or a module with an empty ``__path__``), which this
    finder refuses under its TensorFlow name, where Python's own message named symopt's file."""

    def find_spec(self, fullname, path=None, target=None):
        served = served_module(fullname)
        if served is None:
            missing = tensorflow_name(fullname)
            if missing is None or fullname in sys.modules or importlib.machinery.PathFinder.find_spec(fullname, path):
                return None
            raise _unsupported(missing, fullname)
        if importlib.util.find_spec(served) is None:
            raise _unsupported(fullname, served)
        return importlib.util.spec_from_loader(fullname, _AliasLoader(served))


def run_program(path: str, argv: Sequence[str] = ()) -> dict:
    """Run the TF1 program at ``path`` as ``__main__`` with ``sys.argv = [path, *argv]`` and every
    ``tensorflow`` import served by symopt; everything is put back afterwards.  Returns the program's globals."""
    _fresh_process_state()
    importer = TensorFlowImporter()
    saved_argv, saved_path = sys.argv, list(sys.path)
    shadowed = {name: module for name, module in sys.modules.items() if served_module(name)}
    for name in shadowed:
        del sys.modules[name]
    sys.meta_path.insert(0, importer)
    sys.argv = [str(path), *argv]
    sys.path.insert(0, str(Path(path).resolve().parent))  # the program's own modules, as `python prog.py`
    try:
        with carried_into_children(importer):  # multiprocessing's spawned workers import tensorflow from symopt too
            if not Path(path).is_file():  # a folder or zip file with a __main__.py
                return runpy.run_path(str(path), run_name="__main__")
            return _run_as_main(str(path))
    finally:
        sys.meta_path.remove(importer)
        sys.argv, sys.path[:] = saved_argv, saved_path
        for name in [n for n in sys.modules if served_module(n)]:
            del sys.modules[name]
        sys.modules.update(shadowed)


def _run_as_main(path: str) -> dict:
    """Run the file ``path`` as ``python path`` does: in a module ``__main__`` that is ``sys.modules["__main__"]``
    while it runs, with an absolute ``__file__`` (``os.path.dirname(__file__)`` still finds the program's files after
    an ``os.chdir``), ``__package__`` None and the ``builtins`` module; ``sys.argv[0]`` stays as typed (runpy would
    set it to the path it runs).  Returns the program's globals."""
    absolute = os.path.abspath(path)
    module = types.ModuleType("__main__")
    module.__dict__.update(__file__=absolute, __cached__=None, __package__=None, __spec__=None, __annotations__={},
                           __loader__=importlib.machinery.SourceFileLoader("__main__", absolute),
                           __builtins__=builtins)
    with io.open_code(absolute) as source:
        code = compile(source.read(), absolute, "exec")
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    try:
        exec(code, module.__dict__)  # noqa: S102 - the program the user asked to run, as python would run it
    finally:
        if saved is None:
            del sys.modules["__main__"]
        else:
            sys.modules["__main__"] = saved
    return module.__dict__


def _fresh_process_state() -> None:
    """What a new TF1 process starts with: an empty default graph, no flags, no default session."""
    from . import app, graph, session
    graph.reset_default_graph()
    app.FLAGS.reset()
    session.clear_default_sessions()


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m symopt.compat.v1 prog.py [args]``: run ``prog.py``; the exit status is the program's."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] in ("-h", "--help"):
        print("usage: python -m symopt.compat.v1 PROGRAM.py [ARGS...]\n\nRuns a TensorFlow 1.x program unchanged: "
              "every `tensorflow` import is served by symopt.compat.v1.")
        return 0 if arguments else 2
    program = Path(arguments[0])
    if not program.is_file():
        print(f"symopt tf1: {program}: {'not a file' if program.exists() else 'no such file'}", file=sys.stderr)
        return 2
    try:
        run_program(arguments[0], arguments[1:])
    except (UnrecognizedFlagError, IllegalFlagValueError) as error:  # uncaught under python: absl's exit status 1
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    except SystemExit as exit_:
        code = exit_.code
        if code is None or isinstance(code, int):
            return code or 0
        print(code, file=sys.stderr)
        return 1
    return 0

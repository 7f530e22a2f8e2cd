"""Packages whose public names are imported on first use (PEP 562), so importing them stays cheap.

A lazy package lists ``name → defining module`` in a table; :func:`lazy_attribute` serves a
name from it on first access, and :class:`LazyPackage` keeps an exported name from being
replaced when the import system records a submodule of the same name.

A lazy import runs under :func:`importing`, a lock that ``os.fork`` waits for: a child forked while another
thread was half-way through importing a symopt module would wait for ever on that module's import lock (held by a
thread the child does not have: probe34 P34-3), so a fork happens between lazy imports, never inside one.
"""

from __future__ import annotations

import importlib
import os
import threading
import types
from collections.abc import Callable, Mapping

__all__ = ["LazyPackage", "lazy_attribute", "import_module"]

_IMPORTING = [threading.RLock()]  # a list: the child of a fork replaces the lock (the held one is the parent's)


def import_module(name: str, package: str):
    """:func:`importlib.import_module` under the lock a fork waits for."""
    with _IMPORTING[0]:
        return importlib.import_module(name, package)


def _before_fork() -> None:
    _IMPORTING[0].acquire()


def _after_fork_in_parent() -> None:
    _IMPORTING[0].release()


def _after_fork_in_child() -> None:
    _IMPORTING[0] = threading.RLock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                        after_in_child=_after_fork_in_child)


class LazyPackage(types.ModuleType):
    """A package module whose ``EXPORTS`` table wins over same-named submodules.

    Loading the submodule ``pkg.name`` makes the import system set ``pkg.name`` to that
    submodule; for a name the package exports (a function ``variable_scope`` defined in the
    module ``variable_scope``) that would hide the export, so the assignment is ignored.
    """

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, types.ModuleType) and name in self.__dict__.get("EXPORTS", {}):
            return
        super().__setattr__(name, value)


def lazy_attribute(package: types.ModuleType, exports: Mapping[str, str], submodules: tuple[str, ...], name: str,
                   missing: Callable[[str], Exception]):
    """``package.name``: the export imported from its module (then cached in the package), else the submodule
    of that name; any other name raises ``missing(name)``."""
    if name not in exports:
        if name in submodules:
            return import_module(f".{name}", package.__name__)
        raise missing(name)
    value = getattr(import_module(f".{exports[name]}", package.__name__), name)
    package.__dict__[name] = value
    return value

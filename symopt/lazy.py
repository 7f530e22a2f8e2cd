"""Packages whose public names are imported on first use (PEP 562), so importing them stays cheap.

A lazy package (``symopt``, ``symopt.compat.v1``) lists ``name → defining module`` in its ``EXPORTS``
table; :func:`lazy_attribute` serves a name from it on first access, and :class:`LazyPackage` keeps an
exported name from being replaced when the import system records a submodule of the same name, and pickles
the package by reference, as any module is.
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable, Mapping

__all__ = ["LazyPackage", "lazy_attribute"]


class LazyPackage(types.ModuleType):
    """A package module whose ``EXPORTS`` table wins over same-named submodules.

    Loading the submodule ``pkg.name`` makes the import system set ``pkg.name`` to that
    submodule; for a name the package exports (a function ``variable_scope`` defined in the
    module ``variable_scope``) that would hide the export, so the assignment is ignored.

    Pickled by name (``importlib.import_module(name)`` when loaded), as cloudpickle pickles a plain module: a
    function sent to joblib's processes, dask or ray may use ``symopt.`` or ``tf.`` (probe58 P58-2).
    """

    def __reduce__(self):
        return importlib.import_module, (self.__name__,)

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
            return importlib.import_module(f".{name}", package.__name__)
        raise missing(name)
    value = getattr(importlib.import_module(f".{exports[name]}", package.__name__), name)
    package.__dict__[name] = value
    return value

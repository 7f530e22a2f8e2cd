"""A generated function as a module that runs without symopt: ``CompiledFunction.standalone_source``.

``.source`` is the function alone, for reading; it calls the runtime helpers (``sigmoid``, ``logistic_loss``,
``heaviside``, ...) and modules (``numpy``, ``math``) that symopt binds as its globals.  The standalone text adds what
the function reads: the imports, ``dtype``, and the source of each helper it calls, with every helper, constant and
import those read in turn (from :mod:`symopt.runtime` and the symopt modules it imports), dependencies first.
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import inspect
import types

import numpy

from .errors import UnsupportedOperationError

__all__ = ["standalone_source", "MATH_ERRORS"]


def standalone_source(function, numpy_function=None) -> str:
    """The module text of the generated ``function`` (a ``compile_source`` result: ``.source`` and its globals).

    With ``numpy_function`` (the NumPy program of a ``math`` one), the text holds both, and ``function``'s name
    calls the ``math`` program and, where Python's floats raise (``math.log(0)``), the NumPy one on float64s: NumPy's
    inf or nan, as a call of the compiled function gives (probe76 P76-3)."""
    text = _Module()
    sources = []
    for generated in (function,) if numpy_function is None else (function, numpy_function):
        namespace = getattr(generated, "__globals__", None)
        if namespace is None or not hasattr(generated, "source"):
            raise UnsupportedOperationError(
                "standalone_source is written for the NumPy and math backends, whose generated function runs with "
                "the globals symopt gives it; the JAX backend's function runs under jax.jit: take .source, which "
                "calls jax.numpy as jnp, and symopt.jax_printer.jax_namespace(dtype) for its helpers")
        for name in sorted(_names_read(generated.source) & set(namespace)):
            text.bind(name, namespace[name])
        sources.append(generated.source.rstrip())
    name = function.__name__
    if numpy_function is None:
        return text.render(sources[0], name)
    text.bind("numpy", numpy)
    math_source, numpy_source = (_renamed(source, name, f"{name}_{kind}")
                                 for source, kind in zip(sources, ("math", "numpy")))
    return text.render("\n\n\n".join([math_source, numpy_source, _FALLBACK.format(name=name, errors=", ".join(error.__name__ for error in MATH_ERRORS))]), name)


#: What Python's float arithmetic raises where NumPy gives inf or nan (``math.log(0)``, ``math.exp(1000)``,
#: ``1/0``): a ``math`` program's call, and its standalone text, run the NumPy program then.
MATH_ERRORS = (OverflowError, ValueError, ZeroDivisionError)

#: The function a ``math`` program is exported as: symopt's call (:data:`MATH_ERRORS`), written out.
_FALLBACK = '''def {name}(*values):
    """{name}_math; where Python's floats raise (math.log(0)), {name}_numpy on float64s: NumPy's inf or nan,
    as symopt's call gives."""
    try:
        return {name}_math(*values)
    except ({errors}):
        return {name}_numpy(*map(numpy.float64, values))'''


def _renamed(source: str, old: str, new: str) -> str:
    """``source`` with its function ``def old(`` named ``new``."""
    return source.replace(f"def {old}(", f"def {new}(", 1)


def _names_read(source: str) -> set:
    return {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}


class _Module:
    """Imports and definitions gathered for one standalone text, each once, in dependency order."""

    def __init__(self):
        self.imports: list[str] = []
        self.definitions: list[str] = []
        self.done: set = set()

    def _import(self, line: str) -> None:
        if line not in self.imports:
            self.imports.append(line)

    def bind(self, name: str, value) -> None:
        """``name`` bound to ``value`` as the generated function reads it."""
        if isinstance(value, types.ModuleType):
            self._import(f"import {value.__name__}" if value.__name__ == name else
                         f"import {value.__name__} as {name}")
        elif isinstance(value, numpy.dtype):
            self._import("import numpy")
            self.definitions.append(f"{name} = numpy.dtype({str(value)!r})")
        elif getattr(value, "__module__", "").startswith("symopt"):
            self.define(value.__module__, value.__name__)
            if value.__name__ != name:
                self.definitions.append(f"{name} = {value.__name__}")
        else:  # a function of a library module: math.isfinite
            module = getattr(value, "__module__", None) or type(value).__module__
            self._import(f"from {module} import {value.__name__}" + ("" if value.__name__ == name else f" as {name}"))

    def define(self, module_name: str, name: str) -> None:
        """The top-level statement of ``module_name`` that binds ``name``, after everything it reads from its module."""
        if (module_name, name) in self.done:
            return
        self.done.add((module_name, name))
        statements = _top_level(module_name)
        statement = statements.get(name)
        if statement is None:
            raise UnsupportedOperationError(f"standalone_source: {module_name}.{name} has no top-level definition "
                                            "to copy; run the generated function through symopt instead")
        if isinstance(statement, ast.Import):
            self._import(ast.unparse(statement))
            return
        if isinstance(statement, ast.ImportFrom):
            origin = importlib.util.resolve_name("." * statement.level + (statement.module or ""), _package(module_name))
            if origin.startswith("symopt"):
                source_name = next(alias.name for alias in statement.names if (alias.asname or alias.name) == name)
                self.define(origin, source_name)
            else:
                self._import(ast.unparse(statement))
            return
        for read in sorted(_names_read(ast.unparse(statement)) - {name}):
            if read in statements:
                self.define(module_name, read)
        self.definitions.append(_source_of(module_name, statement))

    def render(self, source: str, function_name: str) -> str:
        header = (f'"""symopt\'s generated {function_name} with the imports and helpers it calls: runs without '
                  'symopt (needs NumPy)."""\n\nfrom __future__ import annotations\n\n')
        imports = "\n".join(sorted(self.imports)) + "\n\n\n" if self.imports else ""
        return header + imports + "\n\n\n".join(self.definitions + [source.rstrip()]) + "\n"


def _package(module_name: str) -> str:
    return module_name if hasattr(importlib.import_module(module_name), "__path__") else module_name.rpartition(".")[0]


@functools.cache
def _top_level(module_name: str) -> dict:
    """``{name: statement}`` of the top-level functions, classes, assignments and imports of ``module_name``."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    bound = {}
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            bound[statement.name] = statement
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                bound.update({node.id: statement for node in ast.walk(target) if isinstance(node, ast.Name)})
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                name = alias.asname or alias.name.partition(".")[0]
                bound[name] = ast.Import(names=[a for a in statement.names if (a.asname or a.name.partition(".")[0])
                                                == name])
        elif isinstance(statement, ast.ImportFrom) and statement.module != "__future__":
            for alias in statement.names:
                bound[alias.asname or alias.name] = statement
    return bound


def _source_of(module_name: str, statement) -> str:
    """The statement as written in its module (comments and docstrings kept), decorators included."""
    lines = inspect.getsource(importlib.import_module(module_name)).splitlines()
    first = min([statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", [])])
    return "\n".join(lines[first - 1:statement.end_lineno])

r"""Generated source as runnable code: Python names for symbols, and compiling a generated function.

Printing is :mod:`symopt.printers` (one printer class per backend); :class:`ProgramPrinter` is the
NumPy printer under its earlier name.
"""

from __future__ import annotations

import builtins
import itertools
import keyword
import linecache
import re
import weakref
from typing import Sequence

import sympy

from .printers import NumPyProgramPrinter
from .symbols import BATCH

__all__ = ["ProgramPrinter", "python_names", "compile_source", "namespace_for", "RESERVED_NAMES"]

#: The NumPy printer (:class:`symopt.printers.NumPyProgramPrinter`).
ProgramPrinter = NumPyProgramPrinter

#: Names generated code defines itself, and Python's builtins (``range``, ``abs``, ``max``, ``float``, ...) that
#: it calls: user symbols never take them.  A step's optimizer adds its own declared names
#: (:meth:`symopt.optimizers.Optimizer.generated_names`, passed as ``reserved`` / ``prefixes``); the built-in
#: optimizers' names stay listed here too, for callers that name symbols without an optimizer at hand.
RESERVED_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_")) | frozenset({
    "numpy", "math", "dtype", "heaviside", "sigmoid", "softplus", "logsumexp", "isfinite", "step", "train", "erf", "erfc",
    "value_and_grad", "evaluate", "cost", "steps", "history", "tol", "gradient_norm", "m", "lr", "momentum",
    "decay", "epsilon", "beta1", "beta2", "beta1_power", "beta2_power", "beta1_float32", "beta2_float32",
})
#: Patterns of generated names: temporaries ``t0``, hoisted constants ``c0``, gradients ``g_w`` and the built-in
#: optimizers' slots.
_GENERATED = re.compile(r"[tc]\d+|(g|m|v|accumulator|ms|mom|mg)_\w+")


def python_names(symbols: Sequence[sympy.Basic], reserved: frozenset = frozenset(), prefixes: tuple = ()) -> dict:
    """Readable, unique Python identifiers for symbols (``W``, ``x``, ``b_1``, ...).

    A name generated code uses itself (``cost``, ``t0``, ``g_w``, the batch size ``m``, and the names in
    ``reserved`` or starting with one of ``prefixes``: an optimizer's ``lr``, ``m_w``) gets a trailing
    underscore, so a user's symbol can never be overwritten by generated code.
    """
    names, taken = {}, set(RESERVED_NAMES)
    for symbol in symbols:
        if symbol == BATCH:
            names[symbol] = "m"
            continue
        base = re.sub(r"\W", "_", str(getattr(symbol, "name", symbol))) or "v"
        if base[0].isdigit() or keyword.iskeyword(base):
            base = f"v_{base}"
        if base in RESERVED_NAMES or base in reserved or _GENERATED.fullmatch(base) or base.startswith(prefixes):
            base = f"{base}_"
        name = base
        for counter in itertools.count(1):
            if name not in taken:
                break
            name = f"{base}_{counter}"
        taken.add(name)
        names[symbol] = name
    return names


def namespace_for(dtype: str) -> dict:
    """Globals a generated NumPy or ``math`` function runs with (:meth:`NumPyProgramPrinter.namespace`)."""
    return NumPyProgramPrinter({}, dtype=dtype).namespace()


_counter = itertools.count()


def compile_source(source: str, function_name: str, namespace: dict):
    """Compile generated source; register it in ``linecache`` so tracebacks show its lines."""
    filename = f"<symopt-generated-{next(_counter)}>"
    code = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(code, namespace)  # the source is symopt's own printer output, never user text
    function = namespace[function_name]
    function.source = source
    weakref.finalize(function, linecache.cache.pop, filename, None)  # the lines leave with the function
    return function

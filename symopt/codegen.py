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
import unicodedata
import weakref
from typing import Sequence

import sympy

from .allocator import settle_allocator
from .printers import PRINTERS, NumPyProgramPrinter, printer_for
from .symbols import BATCH

__all__ = ["ProgramPrinter", "python_names", "python_identifier", "looks_generated", "DERIVED_PREFIXES", "compile_source", "namespace_for", "RESERVED_NAMES", "EMITTED_NAMES",
           "OPTIMIZER_NAMES"]

#: The NumPy printer (:class:`symopt.printers.NumPyProgramPrinter`).
ProgramPrinter = NumPyProgramPrinter

#: Names the emitter (:mod:`symopt.emit`) binds in generated functions besides the program's own names: the functions
#: (one per kind of :data:`symopt.emit.EMITTERS`), the batch size ``m``, the cost, the ``train`` loop's arguments and
#: counter, ``guarded_advance``'s arguments, the gradients' global norm.  ``tests/test_emit_names.py`` checks every
#: name bound in emitted code against it.
EMITTED_NAMES = frozenset({"value_and_grad", "evaluate", "step", "train", "advance", "guarded_advance", "m", "cost",
                           "steps", "history", "tol", "best_cost", "keep", "gradient_norm", "largest_entry"})
#: The names the built-in optimizers give their arguments (each optimizer declares them:
#: :meth:`symopt.optimizers.Optimizer.generated_names`, passed to :func:`python_names` as ``reserved`` / ``prefixes``),
#: kept here for callers that name symbols without an optimizer at hand; ``tests/test_emit_names.py`` checks them.
OPTIMIZER_NAMES = frozenset({"lr", "momentum", "decay", "epsilon", "beta1", "beta2", "beta1_power", "beta2_power",
                             "beta1_float32", "beta2_float32"})
#: Names no user symbol takes: Python's builtins (``range``, ``abs``, ``max``, ``float``, ...), the globals of every
#: backend's generated code (from the printer classes, :data:`symopt.printers.PRINTERS`), :data:`EMITTED_NAMES` and
#: :data:`OPTIMIZER_NAMES`.
RESERVED_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_")) | \
    frozenset().union(*(printer_for(backend).reserved_names() for backend in PRINTERS)) | EMITTED_NAMES | OPTIMIZER_NAMES
#: Generated temporaries ``t0`` and hoisted constants ``c0``.
_TEMPORARY = re.compile(r"[tc]\d+")
#: Prefixes of names derived from a parameter's: its gradient ``g_w`` and the built-in optimizers' slots ``m_w``.
DERIVED_PREFIXES = ("g_", "m_", "v_", "accumulator_", "ms_", "mom_", "mg_")


def looks_generated(name: str, prefixes: tuple = ()) -> bool:
    """Whether generated code may use ``name`` for itself: a temporary ``t0``, a constant ``c0``, or a name derived
    from a parameter's (a prefix of :data:`DERIVED_PREFIXES` or of ``prefixes``)."""
    return bool(_TEMPORARY.fullmatch(name)) or name.startswith(DERIVED_PREFIXES + tuple(prefixes))


def python_identifier(name: str) -> str:
    """``name`` as the identifier Python will read: NFKC-normalized first (Python normalizes identifiers so, making
    ``ｍ`` the ``m`` of the batch size and ``ϵ`` an ``ε``), then every character an identifier cannot hold
    (``-``, ``·``; a subscript ``₀`` normalizes to ``0``) replaced by ``_``."""
    normal = unicodedata.normalize("NFKC", name)
    return "".join(ch if ("_" + ch).isidentifier() else "_" for ch in normal) or "v"


def python_names(symbols: Sequence[sympy.Basic], reserved: frozenset = frozenset(), prefixes: tuple = ()) -> dict:
    """Readable, unique Python identifiers for symbols (``W``, ``x``, ``b_1``, ...).

    A name generated code uses itself (``cost``, ``t0``, the batch size ``m``, a keyword, and the names in
    ``reserved``: an optimizer's ``lr``) gets a trailing underscore; a name starting as a derived one does
    (:data:`DERIVED_PREFIXES`, or one of ``prefixes``: ``g_w``, ``m_w``), and one that cannot start an identifier
    (``1x``), gets ``u_`` in front.  So no user name starts with a derived prefix, and the names derived from the
    parameters' (``g_`` + name, ``m_`` + name) can never equal a user's: generated code never overwrites a symbol.
    """
    names, taken = {}, set(RESERVED_NAMES)
    for symbol in symbols:
        if symbol == BATCH:
            names[symbol] = "m"
            continue
        base = python_identifier(str(getattr(symbol, "name", symbol)))
        if not base.isidentifier() or base.startswith(DERIVED_PREFIXES + tuple(prefixes)):  # 1x, g_w, m_w
            base = f"u_{base}"
        elif keyword.iskeyword(base) or base in RESERVED_NAMES or base in reserved or _TEMPORARY.fullmatch(base):
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
    """Compile generated source; register it in ``linecache`` so tracebacks show its lines.  The first time, settle
    the allocator (:func:`symopt.allocator.settle_allocator`): generated functions free their temporaries at every
    call."""
    settle_allocator()
    filename = f"<symopt-generated-{next(_counter)}>"
    code = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(code, namespace)  # the source is symopt's own printer output, never user text
    function = namespace[function_name]
    function.source = source
    weakref.finalize(function, linecache.cache.pop, filename, None)  # the lines leave with the function
    return function

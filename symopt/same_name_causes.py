"""Why two symbols of one name are two symbols, where their assumptions tell (probe82 P82-1): SymPy keeps
``Symbol('w', real=True)`` and ``Symbol('w')`` apart (``==`` is False), and text read by ``parse_expr`` or
``sympify`` makes the plain one, so a cost built from both reads two ``w``.  Messages then name the assumptions that
differ and the fix, ``parse_expr(text, local_dict={'w': w})``, not a notebook cell run again."""

from __future__ import annotations

import keyword

import sympy

__all__ = ["given_assumptions", "assumptions_differ", "assumption_cause"]


def given_assumptions(symbol) -> str:
    """The assumptions ``symbol`` was made with, as typed: ``real=True``, ``positive=True, integer=True``; or
    ``no assumptions``."""
    given = getattr(symbol, "_assumptions_orig", None)
    if given is None:  # SymPy before 1.12: what the symbol holds beyond commutativity
        given = {key: value for key, value in symbol.assumptions0.items() if key != "commutative"}
    return ", ".join(f"{key}={value}" for key, value in sorted(given.items())) or "no assumptions"


def assumptions_differ(symbols) -> bool:
    """Whether ``symbols`` (of one name) were made with different assumptions."""
    return len({given_assumptions(symbol) for symbol in symbols}) > 1


def assumption_cause(symbols) -> str | None:
    """Why scalar ``symbols`` of one name differ and what to do, where their assumptions differ; else None (a
    ``MatrixSymbol`` beside a ``Symbol`` differs by kind).  Where one is plain, text read by ``parse_expr`` made it:
    ``... build the cost from one symbol, e.g. parse_expr(text, local_dict={'w': w}) ...``."""
    if not all(isinstance(symbol, sympy.Symbol) for symbol in symbols) or not assumptions_differ(symbols):
        return None
    name = str(symbols[0].name)
    cause = "they differ by their assumptions, and SymPy keeps such symbols apart"
    if "no assumptions" not in {given_assumptions(symbol) for symbol in symbols}:
        return f"{cause}; give both the same assumptions"
    holder = name if name.isidentifier() and not keyword.iskeyword(name) else "your_symbol"
    return (f"{cause} (text read by parse_expr or sympify makes a plain Symbol({name!r})); build the cost from one "
            f"symbol, e.g. parse_expr(text, local_dict={{{name!r}: {holder}}}), or give both the same assumptions")

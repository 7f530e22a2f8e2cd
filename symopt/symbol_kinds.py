"""Whether a SymPy object is one of symopt's own symbols (a Variable or a Placeholder, scalar or matrix)."""

from __future__ import annotations

__all__ = ["is_symopt_symbol"]


def is_symopt_symbol(thing) -> bool:
    """True for a symopt Variable or Placeholder of any shape; False for plain SymPy symbols and anything else."""
    return bool(getattr(thing, "is_variable", False) or getattr(thing, "is_placeholder", False))

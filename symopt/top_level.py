"""Splitting a comma-separated text at its top level: ``'w=max(1,2),b'`` → ``['w=max(1,2)', 'b']``.  Used for
command-line values and for an optimizer's repr read back by value; no SymPy here (the CLI imports it)."""

from __future__ import annotations

__all__ = ["top_level_parts"]

#: How each bracket changes the nesting depth: commas inside ``()``, ``[]`` or ``{}`` do not separate.
DEPTH_CHANGE = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


def top_level_parts(text: str) -> list[str]:
    """``text`` split at its commas outside brackets, each part stripped; an unbalanced closing bracket does not
    stop the splitting (depth at most 0 counts as the top level)."""
    parts, depth, start = [], 0, 0
    for index, character in enumerate(text + ","):
        depth += DEPTH_CHANGE.get(character, 0)
        if character == "," and depth <= 0:
            parts.append(text[start:index].strip())
            start = index + 1
    return parts

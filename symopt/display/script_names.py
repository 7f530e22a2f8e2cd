"""How a name splits into SymPy's scripts, and whether that split shows the name clearly.

* :func:`split_name` — ``x_ij`` → ``("x", [], ["ij"])``, ``x^{(i)}`` → ``("x", ["(i)"], [])``;
* :func:`split_unclearly` — whether the split would show another name (``x__2`` as ``x²``), so the name is shown
  as typed.
"""

from __future__ import annotations

import re

from sympy.printing.conventions import split_super_sub

from ..script_glyphs import SUBSCRIPT

__all__ = ["split_name", "split_unclearly"]

_SCRIPT_GROUP = re.compile(r"([_^])\{([^{}_^]+)\}")


def split_name(name: str) -> tuple[str, list[str], list[str]]:
    """SymPy's split of ``name`` into base, superscripts and subscripts, reading braces that only group a script as
    TeX does: ``x^{(i)}`` is ``x`` with the superscript ``(i)``, as ``x^(i)`` (SymPy kept the braces: the text form
    ``x^({(i)})``); a name with other braces (``a{b``) splits as typed."""
    plain = _SCRIPT_GROUP.sub(r"\1\2", name)
    return split_super_sub(name if "{" in plain or "}" in plain else plain)


def split_unclearly(name: str) -> bool:
    """Whether SymPy's split of ``name`` into scripts would show another name: a ``__`` (SymPy's superscript mark:
    ``x__2`` as ``x²``, ``a__b`` as ``a^b``: probe80 P80-2); several typed ``_`` (``x_1_2`` as ``x₁₂``, the glyph of
    ``x_12``; ``w_hidden_layer_1`` as LaTeX ``w_{hidden layer 1}``, typeset ``hiddenlayer1``: probe83 P83-3); or one
    typed ``_`` after a stem ending in a digit whose scripts have no glyphs (``layer1_weight``: text
    ``layer₁_(weight)``, LaTeX ``layer_{1 weight}``).  ``beta1_t`` keeps its glyph ``β₁ₜ`` (final46c 46c-1)."""
    if "__" in name or name.count("_") > 1:
        return True
    subscripts = split_name(name)[2]
    return len(subscripts) > 1 and not all(char in SUBSCRIPT for script in subscripts for char in script)

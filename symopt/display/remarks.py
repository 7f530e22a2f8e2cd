r"""Remarks beside a derivation's section, written once and shown in every format.

A remark states what a line needs or where a term comes from ("Y is one-hot ..., so softmax and log cancel to
A - Y"; "the penalty's gradient is added to dW₁").  :func:`remark` builds it from words and symbols: a
:class:`~symopt.display.render.Side` whose text is Unicode and whose LaTeX is *text mode* (the words escaped, each
symbol as inline math ``$W_{1}$``), so it can stand in ``\text{...}`` of an ``aligned`` row and in a Markdown
paragraph alike.
"""

from __future__ import annotations

import sympy

from .notation import latex as latex_of
from .notation import text as text_of
from .render import Side

__all__ = ["remark", "math", "escaped"]

#: LaTeX's special characters in text mode, as they are written to print themselves.
SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
           "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def escaped(words: str) -> str:
    """``words`` as LaTeX text that prints them (``W_1`` -> ``W\\_1``)."""
    return "".join(SPECIAL.get(character, character) for character in words)


def math(text: str, latex: str) -> Side:
    """A piece of math of a remark: ``text`` in the Unicode form, ``latex`` (math mode) in the others."""
    return Side(text, f"${latex}$")


def remark(*parts) -> Side:
    """A remark from its parts in order: words (``str``), symbols and expressions (``sympy.Basic``: their display
    names), or pieces of math (:func:`math`)."""
    pieces = []
    for part in parts:
        if isinstance(part, Side):
            pieces.append(part)
        elif isinstance(part, sympy.Basic):
            pieces.append(math(text_of(part), latex_of(part)))
        else:
            pieces.append(Side(part, escaped(part)))
    return Side("".join(piece.text for piece in pieces), "".join(piece.latex for piece in pieces))

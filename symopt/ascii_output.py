"""The command line's output on a console that cannot show its Unicode (a Windows cp1252 console or redirect,
``PYTHONIOENCODING=ascii``): each character the stream's encoding lacks is written in ASCII instead of raising
``UnicodeEncodeError`` (``σ`` → ``sigma``, ``←`` → ``<-``, ``w₁`` → ``w_1``).  A UTF-8 stream is left alone."""

from __future__ import annotations

import codecs
import unicodedata

__all__ = ["HANDLER", "FALLBACK", "transliterated", "protect"]

#: The codec error handler's name (``str.encode(encoding, errors=HANDLER)``).
HANDLER = "symopt-ascii"

#: ASCII for the glyphs symopt's displays print; other characters fall back to their Unicode name.
FALLBACK = {"←": "<-", "→": "->", "·": "*", "∘": "o", "×": "x", "∗": "*", "√": "sqrt", "∂": "d", "Σ": "sum",
            "𝟙": "1", "ᵀ": "^T", "≤": "<=", "≥": ">=", "≠": "!=", "∞": "inf", "…": "...", "−": "-", "∈": " in ",
            "÷": "/", "′": "'", "ℓ": "l", "∧": "and", "∨": "or", "¬": "not "}
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", "0123456789+-aehijklmnoprstuvx"))
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿⁱᵗ", "0123456789+-nit"))


def transliterated(text: str) -> str:
    """``text`` in ASCII: a run of subscripts as ``_12``, of superscripts as ``^12``, known glyphs from
    :data:`FALLBACK`, a Greek letter by its name (``sigma``), anything else as ``?``."""
    out, index = [], 0
    while index < len(text):
        character = text[index]
        for table, marker in ((_SUBSCRIPTS, "_"), (_SUPERSCRIPTS, "^")):
            if character in table:  # the whole run: w²⁰ as w^20, never w^2^0
                end = index
                while end < len(text) and text[end] in table:
                    end += 1
                out.append(marker + "".join(table[c] for c in text[index:end]))
                index = end
                break
        else:
            out.append(character if ord(character) < 128 else FALLBACK.get(character) or _named(character))
            index += 1
    return "".join(out)


def _named(character: str) -> str:
    name = unicodedata.name(character, "")
    if name.startswith(("GREEK SMALL LETTER ", "GREEK CAPITAL LETTER ")):
        letter = name.rsplit(" ", 1)[1].lower()
        return letter if "SMALL" in name else letter.capitalize()
    return "?"


def _handler(error: UnicodeError):
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return transliterated(error.object[error.start:error.end]), error.end


codecs.register_error(HANDLER, _handler)


def protect(*streams) -> None:
    """Let each text stream write what its encoding lacks through :data:`HANDLER` (streams that cannot be
    reconfigured, or encode all of Unicode, are left as they are)."""
    for stream in streams:
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding.startswith("utf") or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors=HANDLER)
        except (ValueError, OSError):  # a stream that refuses (already closed, detached): left as it is
            continue

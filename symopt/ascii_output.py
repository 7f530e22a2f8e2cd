"""The command line's output on a console that cannot show its Unicode (a Windows cp1252 console or redirect,
``PYTHONIOENCODING=ascii``): each character the stream's encoding lacks is written in ASCII instead of raising
``UnicodeEncodeError`` (``σ`` → ``sigma``, ``←`` → ``<-``, ``w₁`` → ``w_1``, ``√w`` → ``sqrt(w)``, ``∂J/∂w`` →
``partial J/partial w``, never the total derivative's ``dJ/dw``), and a run of superscripts or subscripts the encoding
cannot write whole is written in ASCII whole (cp1252 has ``²`` but not ``⁰``: ``w²⁰`` is ``w^20``, never ``w²^0``).
A name spelled out or a script run written so is kept apart from the factor juxtaposed after it (``αwx`` is
``alpha*w*x``, never ``alphawx``; ``β₁w`` is ``beta_1*w``).  A UTF-8 stream is left alone."""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata

from .script_glyphs import SUBSCRIPT, SUPERSCRIPT

__all__ = ["HANDLER", "FALLBACK", "SCRIPTS", "transliterated", "whole_runs", "quoted_escapes", "ConsoleStream", "protect",
           "for_stdout"]

#: The codec error handler's name (``str.encode(encoding, errors=HANDLER)``).
HANDLER = "symopt-ascii"

#: ASCII for the glyphs symopt's displays print; other characters fall back to their Unicode name.
FALLBACK = {"←": "<-", "→": "->", "·": "*", "∘": "o", "×": "*", "∗": "*", "√": "sqrt", "∂": "partial ", "Σ": "sum",
            "𝟙": "ones", "ᵀ": "^T", "≤": "<=", "≥": ">=", "≠": "!=", "∞": "inf", "…": "...", "−": "-", "∈": " in ",
            "÷": "/", "′": "'", "ℓ": "l", "λ": "lambda", "Λ": "Lambda", "∧": "and", "∨": "or", "¬": "not "}
_SUBSCRIPTS = {glyph: character for character, glyph in SUBSCRIPT.items()}
_SUPERSCRIPTS = {glyph: character for character, glyph in SUPERSCRIPT.items() if character != "T"}  # ᵀ: "^T" whole
#: The glyphs the text printer writes after a letter as part of its name (display.glyphs.SCRIPT_GLYPHS).
SCRIPTS = "".join(_SUBSCRIPTS) + "".join(_SUPERSCRIPTS) + "ᵀ"


#: What a root sign without parentheses applies to, as the text printer writes it (``notation._print_Pow``): a number,
#: or one letter with its subscripts and superscripts (``√w₁`` is √(w₁), ``√w²`` is √(w²), ``√ab`` is √a·b).
_ROOT_OPERAND = re.compile(r"\d+(?:\.\d+)?(?:e[+-]?\d+)?|[^\W\d_][" + re.escape(SCRIPTS) + "]*")


def _shape_sign(text: str, index: int, following: str, preceding: str) -> bool:
    """Whether the ``×`` at ``text[index]`` joins two dimensions (``3×m``), written ``x`` (``(3xm)``, a shape), not
    the product sign ``*``, which would read ``(3*m)`` as a factor (final43d F43d-8)."""
    before = text[index - 1] if index else preceding[-1:]
    after = (text[index + 1:] + following)[:1]
    return before.isalnum() and after.isalnum()


def transliterated(text: str, following: str = "", preceding: str = "") -> str:
    """``text`` in ASCII: a run of subscripts as ``_12``, of superscripts as ``^12``, a root sign with its operand in
    parentheses (``√w`` as ``sqrt(w)``, ``2√x₁y`` as ``2sqrt(x_1)y``, never ``2sqrtx_1y``), known glyphs from
    :data:`FALLBACK`, a Greek letter by its name (``sigma``), anything else as ``?``.  A Greek name or a script run
    juxtaposed with the next factor (in ``text``, or ``following``, the character after it) gets a ``*`` between
    (:func:`_runs_into`).  The sign ``×`` between two dimensions (``preceding`` is the character before ``text``) is
    ``x``, a shape ``(3xm)``; elsewhere ``*`` (``u: *  <- w, x``)."""
    out, index = [], 0
    while index < len(text):
        character = text[index]
        operand = _ROOT_OPERAND.match(text, index + 1) if character == "√" else None
        if operand is not None:
            out.append(f"sqrt({transliterated(operand.group())})")
            index = operand.end()
            continue
        for table, marker in ((_SUBSCRIPTS, "_"), (_SUPERSCRIPTS, "^")):
            if character in table:  # the whole run: w²⁰ as w^20, never w^2^0
                end = index
                while end < len(text) and text[end] in table:
                    end += 1
                out.append(marker + "".join(table[c] for c in text[index:end]))
                index = end
                break
        else:
            if character == "×" and _shape_sign(text, index, following, preceding):
                character = "x"
            out.append(character if ord(character) < 128 else FALLBACK.get(character) or _named(character))
            index += 1
        if _runs_into(text[index - 1], (text[index:] + following)[:1]):
            out.append("*")
    return "".join(out)


def _runs_into(last: str, next_character: str) -> bool:
    """Whether the ASCII of ``last`` (a Greek letter spelled out, the end of a script run) would run into
    ``next_character`` as one name: ``alphawx`` for ``αwx``, ``beta_1w`` for ``β₁w``, ``sigmau`` for ``σu``.  A Greek
    letter before a parenthesis is a function's (``σ(w)``, the sigmoid: the displays join a symbol σ to a parenthesis
    with ``·``) only for σ; ``α(1 - u)`` is ``alpha*(1 - u)``."""
    if not next_character or next_character in "_'′" or next_character in SCRIPTS:
        return False
    written = (FALLBACK.get(last) or _named(last)) if ord(last) >= 128 else last
    spelled = len(written) > 1 and written.isalpha()  # alpha, lambda, sum
    if not (spelled or last in _SUBSCRIPTS or last in _SUPERSCRIPTS):
        return False
    if next_character == "(":
        return spelled and last not in "σ√"  # the sigmoid's σ(w), a root's √(w + 1)
    return next_character.isalnum() or next_character == "√"


#: A root sign with its operand (its scripts are the operand's: ``√w₂`` is ``sqrt(w_2)``, never ``sqrt(w)_2``), a
#: run of superscripts, or of subscripts.
_RUNS = re.compile("√(?:" + _ROOT_OPERAND.pattern + ")|[" + "".join(_SUPERSCRIPTS) + "]+|["
                   + "".join(_SUBSCRIPTS) + "]+")


def whole_runs(text: str, encoding: str) -> str:
    """``text`` with each run of superscripts or subscripts, and each root sign with its operand, that ``encoding``
    cannot encode whole in ASCII (``w²⁰`` → ``w^20`` in cp1252; ``w²`` stays; ``√w₂`` → ``sqrt(w_2)``); the codec's
    error handler, which sees only the characters it cannot encode, would write ``w²^0``."""
    def run(match: re.Match) -> str:
        try:
            match.group().encode(encoding)
        except UnicodeEncodeError:
            return transliterated(match.group(), match.string[match.end():match.end() + 1])
        return match.group()
    return _RUNS.sub(run, text)


#: One character in single quotes: how a message quotes a character the user typed (``repr(ch)``: ``'²'``).
_QUOTED_CHARACTER = re.compile(r"'([^\x00-\x7f])'")


def quoted_escapes(text: str, encoding: str) -> str:
    r"""``text`` with each quoted character that ``encoding`` cannot write (``'²'``, what the user typed) as its
    escape, ``'\u00b2'``: its transliteration ``'^2'`` would quote ASCII the user never typed as the non-ASCII
    character."""
    def escaped(match: re.Match) -> str:
        try:
            match.group().encode(encoding)
        except UnicodeEncodeError:
            return ascii(match.group(1))
        return match.group()
    return _QUOTED_CHARACTER.sub(escaped, text)


class ConsoleStream:
    """A text stream that writes whole runs of superscripts and subscripts in ASCII where its encoding lacks part of
    them (:func:`whole_runs`), and a quoted character it lacks as its escape (:func:`quoted_escapes`); every other
    attribute is the stream's own."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        encoding = self._stream.encoding
        self._stream.write(whole_runs(quoted_escapes(text, encoding), encoding))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _named(character: str) -> str:
    name = unicodedata.name(character, "")
    if name.startswith(("GREEK SMALL LETTER ", "GREEK CAPITAL LETTER ")):
        letter = name.rsplit(" ", 1)[1].lower()
        return letter if "SMALL" in name else letter.capitalize()
    return "?"


def _handler(error: UnicodeError):
    """The characters ``error`` could not encode, in ASCII; a root sign's operand (encodable or not) is taken with it,
    into the parentheses of ``sqrt(...)``."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    end, root = error.end, error.object.rfind("√", error.start, error.end)
    operand = _ROOT_OPERAND.match(error.object, root + 1) if root >= 0 else None
    if operand is not None:
        end = max(end, operand.end())
    return transliterated(error.object[error.start:end], error.object[end:end + 1],
                          error.object[max(error.start - 1, 0):error.start]), end


codecs.register_error(HANDLER, _handler)


def protect(stream):
    """The stream to write ``stream``'s output through: ``stream`` itself where its encoding is UTF or it cannot be
    reconfigured; else ``stream`` set to write what its encoding lacks through :data:`HANDLER`, wrapped in a
    :class:`ConsoleStream` (whole runs of exponents)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding.startswith("utf") or not hasattr(stream, "reconfigure"):
        return stream
    try:
        stream.reconfigure(errors=HANDLER)
    except (ValueError, OSError):  # a stream that refuses (already closed, detached): left as it is
        return stream
    return ConsoleStream(stream)


def for_stdout(text: str) -> str:
    """``text`` as ``print`` can write it to ``sys.stdout``: unchanged where its encoding has every character (UTF-8, a
    notebook), else with what it lacks in ASCII, as the command line writes it (``print(symopt.derive(...))`` on a
    cp1252 or ASCII console raised ``UnicodeEncodeError``: probe67 P67-5)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        return whole_runs(text, encoding).encode(encoding, errors=HANDLER).decode(encoding)
    except LookupError:  # an encoding Python does not know: left to the stream
        return text

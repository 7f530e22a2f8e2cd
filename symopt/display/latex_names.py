r"""Non-ASCII names in LaTeX (probe68 P68-3, final43d F43d-1, -2, -11): a Greek letter typed in Unicode is its
command, letter by letter inside a longer name (``Δw`` → ``\Delta w``); any other non-ASCII run is set in ``\text{}``,
since pdflatex stops at such a character in math mode and xelatex's CJK fonts set it only in text mode."""

from __future__ import annotations

import unicodedata

from sympy.printing.latex import translate

from .glyphs import shown_as_typed

__all__ = ["GREEK_VARIANTS", "TEXT_ESCAPES", "greek_command", "math_mode_name", "typed_name"]

#: The Greek letters whose LaTeX command is not their Unicode name: LaTeX's ``\epsilon`` is drawn ϵ and
#: ``\varepsilon`` ε, ``\phi`` ϕ and ``\varphi`` φ, so each keeps the form it was typed in (F43d-2).
GREEK_VARIANTS = {"ϵ": r"\epsilon", "ε": r"\varepsilon", "ϕ": r"\phi", "φ": r"\varphi", "ϑ": r"\vartheta",
                  "ϰ": r"\varkappa", "ϱ": r"\varrho", "ϖ": r"\varpi", "ς": r"\varsigma"}

#: What LaTeX reads as a command in text mode, escaped there (``\text{权\_1}``: a raw ``_`` stops xelatex, F43d-11).
TEXT_ESCAPES = {"\\": r"\textbackslash{}", "_": r"\_", "^": r"\^{}", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "\n": " ", "\t": " "}


def _letter(character: str) -> str | None:
    """``character``'s Greek letter as SymPy spells it (``α`` → ``alpha``, ``Δ`` → ``Delta``), else None."""
    words = unicodedata.name(character, "").split()
    if len(words) != 4 or words[0] != "GREEK" or words[2] != "LETTER" or words[1] not in ("SMALL", "CAPITAL"):
        return None
    return words[3].capitalize() if words[1] == "CAPITAL" else words[3].lower()


def greek_command(character: str, *, spell_lookalike: bool = False) -> str | None:
    r"""``character``'s LaTeX command (``α`` → ``\alpha``, ``ϵ`` → ``\epsilon``), or None for no Greek letter.
    A letter drawn as a Latin one (``Α``, ``ο``) is that letter (``\mathrm{A}``, ``o``), or with
    ``spell_lookalike`` its name (``Alpha``, ``omicron``), for a name shown as typed beside the Latin one (F43d-1)."""
    if character in GREEK_VARIANTS:
        return GREEK_VARIANTS[character]
    letter = _letter(character)
    if letter is None:
        return None
    command = translate(letter)
    if command == letter or not command.startswith("\\") or command.startswith(r"\mathrm"):
        return _spelled(letter) if spell_lookalike else (command if command != letter else None)
    return command


def _runs(name: str, spell_lookalike: bool):
    """``name`` cut into Greek letters ``(command, True)`` and the runs between them ``(text, False)``."""
    runs: list = []
    for character in name:
        command = greek_command(character, spell_lookalike=spell_lookalike)
        if command is not None:
            runs.append((command, True))
        elif runs and not runs[-1][1]:
            runs[-1] = (runs[-1][0] + character, False)
        else:
            runs.append((character, False))
    return runs


def _joined(pieces: list[str]) -> str:
    """LaTeX pieces side by side, a space after a command that a letter follows (``\\Delta w``, not ``\\Deltaw``)."""
    out = ""
    for piece in pieces:
        if out and out[-1].isalpha() and piece[:1].isalpha() and "\\" in out and out.rsplit("\\", 1)[1].isalpha():
            out += " "
        out += piece
    return out


def math_mode_name(part: str) -> str:
    r"""A part of a name (its base or a script, already escaped for math mode) as math mode can set it: ASCII as it
    is; a Greek letter as its command, letter by letter (``αβ`` → ``\alpha\beta``); any other non-ASCII run whole in
    ``\text{}`` (``权重`` → ``\text{权重}``)."""
    if part is None or part.isascii():
        return part
    return _joined([text if greek or text.isascii() else r"\text{" + text + "}"
                    for text, greek in _runs(part, spell_lookalike=False)])


def typed_name(name: str, math_escapes: dict) -> str:
    r"""``name`` upright as typed, its characters escaped (``math_escapes`` in math mode, :data:`TEXT_ESCAPES` in
    ``\text{}``; ``_`` is ``\_``): ``权_1`` → ``\mathrm{\text{权\_1}}``, ``α_1`` → ``\mathrm{\alpha\_1}``, ``Α``
    beside ``A`` → ``\mathrm{Alpha}`` (F43d-1, -11); an apostrophe stays one (``\mathrm{w\text{'}}``)."""
    pieces = []
    for text, greek in _runs(name, spell_lookalike=True):
        if greek:
            pieces.append(text)
        elif text.isascii():
            pieces.append("".join(math_escapes.get(c, c) for c in text).replace("_", r"\_").replace("'", r"\text{'}"))
        else:
            pieces.append(r"\text{" + "".join(TEXT_ESCAPES.get(c, c) for c in text) + "}")
    return r"\mathrm{" + _joined(pieces) + "}"


def _spelled(letter: str) -> str:
    """A Greek letter drawn as a Latin one, spelled (``Alpha``), or ``Greek\\;Alpha`` where the ASCII name ``Alpha``
    is shown as typed in the same display too."""
    return "Greek\\;" + letter if shown_as_typed(letter) else letter

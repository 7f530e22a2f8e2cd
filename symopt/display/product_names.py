"""Names that read as a product: a name of several letters (``bc``, ``tu2``) whose glyph is the juxtaposed run of
one-letter names of the same display (``b``, ``c``; ``t``, ``u₂``), so ``3bc`` could be 3·b·c or 3·bc (probe68
P68-4). :func:`~symopt.display.glyphs.distinct_names` shows such a name as typed (LaTeX ``\\mathrm{bc}``) and, for
the block, :func:`letters_joined` tells the text printer to join one-letter factors by ``·`` (``3b·c``)."""

from __future__ import annotations

from contextvars import ContextVar

from ..script_glyphs import SUBSCRIPT, SUPERSCRIPT

__all__ = ["one_letter", "read_as_products", "letters_joined", "LETTERS_JOINED", "spelling_letters",
           "LATIN_LOOKALIKES"]

_SCRIPTS = set(SUBSCRIPT.values()) | set(SUPERSCRIPT.values())

#: The Greek letters drawn as a Latin one (``Tau`` is Τ, ``omicron`` ο; SymPy's LaTeX prints them ``T``, ``o``): two
#: names whose glyphs differ only by them look alike (``T`` and ``Tau``, ``o`` and ``omicron``: probe55 P55-6).
LATIN_LOOKALIKES = str.maketrans("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABEZHIKMNOPTYXo")

#: Whether the display being made joins one-letter factors by ``·`` (it has a name that reads as a product).
LETTERS_JOINED: ContextVar[bool] = ContextVar("letters_joined", default=False)


def one_letter(glyph: str) -> bool:
    """A letter with its scripts only: ``b``, ``u₂``, ``x²``."""
    return bool(glyph) and glyph[0].isalpha() and all(character in _SCRIPTS for character in glyph[1:])


def _spelled_by(glyph: str, letters: set) -> bool:
    """Whether ``glyph`` is a run of two or more of ``letters`` (``tu₂`` from ``t`` and ``u₂``)."""
    ends = {0}
    for end in range(1, len(glyph) + 1):
        if any(start in ends and glyph[start:end] in letters for start in range(end)):
            ends.add(end)
    return len(glyph) in ends and not one_letter(glyph)


def read_as_products(glyphs: dict) -> frozenset:
    """The names of ``glyphs`` (``{name: glyph}``) that are spelled by the one-letter glyphs among them:
    ``{"b": "b", "c": "c", "bc": "bc"}`` → ``{"bc"}``."""
    letters = {glyph for glyph in glyphs.values() if one_letter(glyph)}
    return frozenset(name for name, glyph in glyphs.items() if _spelled_by(glyph, letters))


def letters_joined() -> bool:
    """Whether one-letter factors are joined by ``·`` in the display being made (``3b·c`` beside a name ``bc``)."""
    return LETTERS_JOINED.get()


def spelling_letters(taken: set, step_letters) -> set:
    """The ``step_letters`` that would spell a name of ``taken`` with its one-letter names (``u`` and ``v`` beside an
    input ``uv``; ``u`` beside ``au`` and ``a``): no step takes them, so ``w = uv`` never stands beside the input
    ``uv`` (final43d F43d-3)."""
    single = {name for name in taken if len(name) == 1}
    return {letter for name in taken if len(name) > 1 and name.isascii() and name.isalpha()
            and set(name) <= single | set(step_letters) for letter in set(name) - single}

"""Names that print as a constant or a number word (``pi`` is π, ``nan``, ``oo``, ``I``, ``inf``): a symbol or a step
named so would make a formula read as another one (``dJ/dw = nan``, ``J = u + undefined``).  The one list for the
displays' ``names=`` check (:mod:`symopt.display.steps`) and the command line's names (:mod:`symopt.parse`)."""

from __future__ import annotations

__all__ = ["CONSTANT_WORDS", "NUMBER_WORDS", "reads_as_constant", "constant_word_reason"]

#: How the displays print SymPy's constants and the words they use for numbers (``∞`` is ``inf`` on an ASCII
#: console, as in NumPy; ``None``, ``True`` and ``False`` are Python's values): a name printed so reads as the value.
CONSTANT_WORDS = ("π", "e", "I", "i", "oo", "zoo", "nan", "undefined", "∞", "inf", "None", "True", "False")
#: Words that read as a number whatever their case (probe80 P80-3): ``NaN`` is NumPy's and R's spelling, ``Inf`` R's,
#: ``Infinity`` JavaScript's, so ``dJ/dx = NaN`` reads as a failed gradient as much as ``dJ/dx = nan``.
NUMBER_WORDS = ("nan", "inf", "infinity", "undefined")


def reads_as_constant(name: str) -> bool:
    """Whether ``name`` prints as a constant: ``pi`` and ``PI`` (π; LaTeX ``\\pi``), ``e`` (Euler's number, as
    ``exp(1)`` prints), ``I`` and ``i`` (the imaginary unit), ``oo``, ``zoo``, ``nan``, ``undefined``, ``∞``, ``inf``,
    ``None``, ``True``, ``False``.  (``pi`` is the one name whose Greek glyph is among them; ``pi_``, ``pi1`` are
    not.)  The :data:`NUMBER_WORDS` in any case too: ``NaN``, ``INF``, ``Infinity``."""
    return name in CONSTANT_WORDS or name in ("pi", "PI") or name.lower() in NUMBER_WORDS


def constant_word_reason(name: str, given_for: str = "") -> str:
    """Why ``name`` (``given_for`` an expression, where one is named so) is refused as a name: the words of
    :data:`CONSTANT_WORDS` and what a formula would then read."""
    named = f"{name!r} for {given_for}" if given_for else repr(name)
    if name not in CONSTANT_WORDS and name.lower() in NUMBER_WORDS:
        return (f"{named} reads as a number word in any case ({', '.join(NUMBER_WORDS)}, as NaN, Inf, Infinity), "
                f"so the formulas would read as another cost's (dJ/dw = {name})")
    return (f"{named} prints as a constant or a number word ({', '.join(CONSTANT_WORDS)}), so the formulas would "
            "read as another cost's (J = π + log(1 + exp(π)))")

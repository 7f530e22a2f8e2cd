"""The Unicode subscripts and superscripts symopt prints after a name (``w₁``, ``w²``, ``Xᵀ``): one table each,
character → glyph, for the displays (:mod:`symopt.display.glyphs`) and the ASCII console
(:mod:`symopt.ascii_output`), which reads them the other way round.  No SymPy here: the CLI loads it at start."""

__all__ = ["SUBSCRIPT", "SUPERSCRIPT"]

SUBSCRIPT = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
SUPERSCRIPT = dict(zip("0123456789+-=()nitT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵗᵀ"))

r"""Glyphs of the course's notation: names, numbers and the adjoint symbol ``dx``.

* :func:`pretty_name` — ``w1`` → ``w₁``, ``beta1`` → ``β₁``, ``x_ij`` → ``xᵢⱼ``;
* :func:`format_number` — ``33`` (not ``33.0``), ``0.731059``;
* :func:`format_array` — an example's matrix, ``[[0.5, -1.5]]``, or its shape and range when large;
* :class:`Adjoint` — the symbol ``dx`` standing for :math:`\partial J/\partial x`.
"""

from __future__ import annotations

import math
import re
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np
import sympy
from sympy.core.symbol import Str
from sympy.printing.latex import other_symbols
from sympy.printing.pretty.pretty_symbology import greek_unicode
from sympy.printing.pretty.pretty_symbology import modifier_dict as pretty_modifiers

from ..constant_words import CONSTANT_WORDS, reads_as_constant
from ..functions import sigmoid, softplus
from ..latex_numbers import latex_of_printed
from ..nodes import ElementSum
from ..script_glyphs import SUBSCRIPT, SUPERSCRIPT
from ..symbols import BATCH
from ..traversal import contains, free_symbols, unique_nodes
from .ieee import NEGATIVE_ZERO
from .primed_names import counting_primes, made_order, parameter_name, prime_counts, primes
from .product_names import LATIN_LOOKALIKES, LETTERS_JOINED, read_as_products
from .script_names import split_name, split_unclearly

__all__ = ["Adjoint", "MatrixAdjoint", "Verbatim", "pretty_name", "split_name", "format_number", "latex_number",
           "latex_of_printed", "format_entry", "format_array", "SHOWN_ENTRIES", "TYPESET_COLUMNS", "superscript",
           "SCRIPT_GLYPHS", "FUNCTION_GLYPHS", "distinct_names", "function_letters_in", "shown_as_typed",
           "spelled_out", "primes", "parameter_name", "readable_name", "ARITHMETIC_SIGNS", "reads_as_constant",
           "CONSTANT_WORDS", "FUNCTION_LETTERS", "reads_as_function", "LATIN_LOOKALIKES"]

SCRIPT_GLYPHS = set(SUBSCRIPT.values()) | set(SUPERSCRIPT.values())

#: Functions printed under another name in text.
FUNCTION_GLYPHS = {"sigmoid": "σ"}
#: The letters that are also functions in the displays, with the nodes whose lines show them: σ the sigmoid (a
#: softplus's slope is σ), Σ a sum (a reduction, in the course's formulas).  A symbol with that glyph (``sigma``,
#: ``Sigma``) is shown as typed beside them, and never juxtaposed where it would read as the function (probe29 P29-2).
FUNCTION_LETTERS = {"σ": (sigmoid, softplus), "Σ": (ElementSum,)}


def function_letters_in(expressions) -> set:
    """The letters of :data:`FUNCTION_LETTERS` whose functions ``expressions`` hold (σ beside a sigmoid or a
    softplus, Σ beside a sum): there a symbol or a step with that glyph would read as the function."""
    functions = {type(node) for node in unique_nodes(expressions)}
    return {glyph for glyph, nodes in FUNCTION_LETTERS.items() if any(issubclass(f, nodes) for f in functions)}


def reads_as_function(printed: str, following: str) -> bool:
    """Whether a symbol printed ``printed`` (``σ``, ``σ₁``, ``Σ``) juxtaposed with a factor of kind ``following``
    (``"letter"``, ``"group"``) would read as a function of it: ``σ(2w - 2)`` as the sigmoid, ``Σu`` as a sum."""
    letter = printed[:1]
    return letter in FUNCTION_LETTERS and (following == "group" or letter == "Σ")


class Adjoint(sympy.Symbol):
    r"""The adjoint :math:`\partial J/\partial x` of ``x`` in the course's code notation, printed ``dx``."""

    def __new__(cls, of: sympy.Symbol):
        name = of.name if hasattr(of, "name") else f"{of.parent.name}[{of.i},{of.j}]"  # an entry W[i, j]
        obj = sympy.Symbol.__xnew__(cls, "d" + name)
        obj.of = of
        return obj

    def _hashable_content(self):
        return super()._hashable_content() + (self.of,)

    def __getnewargs_ex__(self):
        return ((self.of,), {})


class MatrixAdjoint(sympy.MatrixSymbol):
    r"""The adjoint :math:`\partial J/\partial X` of a matrix ``X``, printed ``dX``; ``X`` is its fourth argument,
    so the adjoints of two matrices of one name and shape differ (``dW``, ``dW′``)."""

    def __new__(cls, name, rows, cols, of):
        return sympy.MatrixExpr.__new__(cls, Str(str(name)), sympy.sympify(rows), sympy.sympify(cols), of)

    @property
    def shape(self):
        return self.args[1], self.args[2]

    @property
    def of(self):
        return self.args[3]


class Verbatim(sympy.Symbol):
    """A symbol printed exactly as its name (stands for an already printed argument)."""


def _script(text: str, table: dict, marker: str) -> str:
    if all(ch in table for ch in text):
        return "".join(table[ch] for ch in text)
    return f"{marker}{text}" if len(text) == 1 else f"{marker}({text})"


#: The names the display being made shows as typed: two names whose glyphs would coincide (``x1`` and ``x_1``
#: are both x₁), or a symbol whose glyph is a constant's of the same expression (a Symbol ``pi`` beside π) or a
#: function's (a Symbol ``sigma`` beside the sigmoid σ: :data:`FUNCTION_LETTERS`).
_AS_TYPED: ContextVar[frozenset] = ContextVar("shown_as_typed", default=frozenset())
#: The glyphs of the constants, taken where the constant occurs.
CONSTANT_GLYPHS = {sympy.pi: "π", sympy.E: "e"}
#: The constants whose glyph is a name a user may type (``e``; ``I``, the identity matrix): beside a symbol of that
#: name, shown as typed too, the constant is spelled out instead (``exp(1)``, ``Id``: probe35 P35-1).
TYPED_GLYPHS = {sympy.E: "e", sympy.Identity: "I"}
#: What else prints with a constant's glyph: LaTeX's ``e^{w}`` for ``exp(w)`` (final37b F37b-5).
GLYPH_CARRIERS = {sympy.E: (sympy.E, sympy.exp), sympy.Identity: (sympy.Identity,)}
_SPELLED: ContextVar[frozenset] = ContextVar("spelled_constants", default=frozenset())


def shown_as_typed(name: str) -> bool:
    """Whether ``name`` is shown as typed: :func:`distinct_names` marks it, or :func:`split_unclearly`."""
    return name in _AS_TYPED.get() or split_unclearly(name)


def spelled_out(constant) -> bool:
    """Whether the display being made spells ``constant`` (``sympy.E``, or the class ``sympy.Identity``) out, as
    ``exp(1)`` or ``Id``: a symbol of the cost is named as its glyph (:data:`TYPED_GLYPHS`)."""
    return constant in _SPELLED.get()


@contextmanager
def distinct_names(expressions):
    """Within the block, each name of ``expressions``' symbols whose glyph another name (or a constant of theirs)
    also has, or one that looks the same (:data:`LATIN_LOOKALIKES`: ``Tau`` beside ``T``), is shown as typed, so
    different symbols never print alike (probe6 P20); so is a name that reads as a product of one-letter names (``bc``
    beside ``b`` and ``c``: :mod:`.product_names`), one-letter factors then joined by ``·``; different symbols of one
    name print with primes after the first (``W``, ``W′``: symopt's in the order they were made, then plain SymPy
    symbols: :func:`~.primed_names.made_order`); the number of examples :data:`~symopt.symbols.BATCH` beside an
    input named ``m`` is ``n`` instead (:func:`~symopt.display.notation.examples_counted_as`)."""
    expressions = [expr for expr in expressions if isinstance(expr, sympy.Basic)]
    symbols = free_symbols(expressions)  # the DAG walked once, not its tree
    names = {str(symbol.name) for symbol in symbols}
    taken = {glyph for constant, glyph in CONSTANT_GLYPHS.items() if any(contains(e, constant) for e in expressions)}
    taken |= function_letters_in(expressions)
    by_glyph: dict = {}
    for name in names:
        by_glyph.setdefault(_glyph(name).translate(LATIN_LOOKALIKES), set()).add(name)
    clashing = frozenset(name for glyph, group in by_glyph.items() if len(group) > 1 or glyph in taken
                         for name in group)
    spelled = frozenset(constant for constant, glyph in TYPED_GLYPHS.items()
                        if glyph in by_glyph and any(contains(e, *GLYPH_CARRIERS[constant]) for e in expressions))
    by_name: dict = {}
    for symbol in made_order(symbols - {BATCH}, expressions):
        by_name.setdefault(str(symbol.name), []).append(symbol)
    primed = prime_counts(list(by_name.values()), names)
    clashing |= _typed_like_primed(primed, by_glyph)
    products = read_as_products({name: _glyph(name) for name in names})  # bc beside b and c (probe68 P68-4)
    tokens = _AS_TYPED.set(_AS_TYPED.get() | clashing | products)
    spelling = _SPELLED.set(_SPELLED.get() | spelled)
    joining = LETTERS_JOINED.set(LETTERS_JOINED.get() or bool(products))
    try:
        with counting_primes(primed):
            yield
    finally:
        LETTERS_JOINED.reset(joining)
        _SPELLED.reset(spelling)
        _AS_TYPED.reset(tokens)


def _typed_like_primed(primed: dict, by_glyph: dict) -> frozenset:
    """The names typed with apostrophes (``w'``) that a primed second symbol (``w′``, LaTeX ``w'``) would print as:
    shown as typed (``\\mathrm{w'}``), so two parameters never share a line ``dJ/dw'`` (probe59 P59-14)."""
    primed_glyphs = {_glyph(str(symbol.name)) + "'" * count for symbol, count in primed.items()}
    return frozenset(name for glyph in primed_glyphs for name in by_glyph.get(glyph, ()))


#: ``^{(i)}``, ``_{ij}``: braces that group a superscript or a subscript, as in TeX (probe47 P47-2).
#: SymPy's name modifiers (``wbar``, ``thetahat``: LaTeX ``\bar{w}``, ``\hat{\theta}``) drawn as SymPy's pretty printer
#: draws them (``w̅``, ``θ̂``), so text and LaTeX show one name (probe52 P52-2); not ``prime``: a prime marks another
#: symbol of one name (``w′``, :func:`primes`).
_TEXT_MODIFIERS = {key: draw for key, draw in pretty_modifiers.items() if key not in ("prime", "prm")}
#: LaTeX accents a name may be typed with (``Symbol(r"\bar{w}")``, as SymPy users name them) and their modifier.
_LATEX_ACCENTS = {**{key: key for key in _TEXT_MODIFIERS if key not in ("abs", "avg", "mag", "norm")},
                  "overline": "bar", "widehat": "hat", "widetilde": "tilde"}
_COMMAND = re.compile(r"\\([A-Za-z]+) ?")


def _modified(base: str) -> str:
    """``base`` as SymPy's ``translate`` reads it: a Greek name (``theta``: θ), or a name ending in a modifier
    (``wbar``: w̅, ``thetahat``: θ̂); other names as typed (``hbar``, a symbol of SymPy's own)."""
    if base in greek_unicode or base in other_symbols:
        return greek_unicode.get(base, base)
    for key in sorted(_TEXT_MODIFIERS, key=len, reverse=True):
        if base.lower().endswith(key) and len(base) > len(key):
            return _TEXT_MODIFIERS[key](_modified(base[:-len(key)]))
    return base


def _closing_brace(text: str, start: int) -> int | None:
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def latex_name_glyph(name: str) -> str | None:
    r"""The text form of a name typed in LaTeX, Greek letters and accents only (``\hat{\theta}``: θ̂, ``\bar{w}``:
    w̅); None for any other command or a brace that groups nothing (the name is then shown and escaped as typed)."""
    shown, index = "", 0
    while index < len(name):
        if name[index] in "{}%#&$~":  # LaTeX's special characters: the name is escaped as typed (final40c F40c-2)
            return None
        command = _COMMAND.match(name, index)
        if command is None:
            if name[index] == "\\":
                return None
            shown, index = shown + name[index], index + 1
            continue
        word, index = command.group(1), command.end()
        if word in greek_unicode:
            shown += greek_unicode[word]
            continue
        if word not in _LATEX_ACCENTS or index >= len(name):
            return None
        end = _closing_brace(name, index) if name[index] == "{" else index
        inner = None if end is None else latex_name_glyph(name[index + 1:end] if name[index] == "{" else name[index])
        if not inner:
            return None
        shown, index = shown + _TEXT_MODIFIERS[_LATEX_ACCENTS[word]](inner), end + 1
    return shown


def latex_typed_parts(name: str) -> tuple[str, list[str], list[str]] | None:
    r"""A name typed in LaTeX (``\hat{\theta}_{1}``) split as :func:`split_name` splits it, each part's glyph
    (:func:`latex_name_glyph`); None where a part is no Greek letter or accent of one."""
    base, supers, subs = split_name(name)
    parts = [latex_name_glyph(part[1:-1] if part[:1] == "{" and part[-1:] == "}" else part)
             for part in (base, *supers, *subs)]
    if any(part is None for part in parts):
        return None
    return parts[0], parts[1:1 + len(supers)], parts[1 + len(supers):]


def _glyph(name: str) -> str:
    if "\\" in name:  # a name typed in LaTeX: Greek letters and accents drawn, else shown as typed
        parts = latex_typed_parts(name)
        if parts is None:
            return name
        base, supers, subs = parts
    else:
        base, supers, subs = split_name(name)
        base = _modified(base)
    return (base + "".join(_script(s, SUPERSCRIPT, "^") for s in supers)
            + "".join(_script(s, SUBSCRIPT, "_") if s else "_" for s in subs))  # lambda_: λ_, not λ


def pretty_name(name: str) -> str:
    """``w1`` → ``w₁``, ``beta`` → ``β``, ``x_ij`` → ``xᵢⱼ``, ``u^2`` → ``u²``, ``lambda_`` → ``λ_``; a name
    :func:`distinct_names` marks is shown as typed."""
    return name if shown_as_typed(name) else _glyph(name)


def format_number(value) -> str:
    """An exact integer as such, anything else with six significant digits (``33``, ``0.731059``); a matrix of
    numbers row by row (``[[2], [3]]``), one of more than :data:`SHOWN_ENTRIES` entries as :func:`format_array`
    summarises it."""
    value = sympy.sympify(value)
    if isinstance(value, sympy.MatrixBase) and len(value) > SHOWN_ENTRIES:  # a batch of data: its shape and range
        try:
            return format_array(np.array(value.tolist(), dtype=float))[0]
        except (TypeError, ValueError):  # an entry with no real number: every entry as it is
            pass
    if isinstance(value, sympy.MatrixBase):
        return "[" + ", ".join("[" + ", ".join(format_number(entry) for entry in value.row(i)) + "]"
                               for i in range(value.rows)) + "]"
    if value.is_Integer:
        return str(int(value))
    if value is NEGATIVE_ZERO:  # the code's -0.0 (-w at w = 0), which decides the sign of what divides by it
        return "-0"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "undefined"
    if math.isnan(number):
        return "undefined"
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if number == int(number) and abs(number) < 1e15:
        return str(int(number))
    return format(number, ".6g")


def latex_number(value) -> str:
    r"""A number in LaTeX: ``0.1``, and ``1e-08`` as ``10^{-8}``, ``2.5e-07`` as ``2.5 \cdot 10^{-7}``."""
    return latex_of_printed(format_number(value))


#: Significant digits an entry of a matrix keeps at least (and four decimals at most where it is larger).
ENTRY_DIGITS = 4


def format_entry(number: float) -> str:
    """Four significant digits (four decimals where the number is 1 or more), as few as needed: ``0.5``,
    ``-0.2857``, ``0``, ``5e-05``, ``12.3457`` (an entry of an example's matrix).  A small entry keeps its digits:
    rounding to four decimals printed a gradient of 2e-05 as 0 and 5e-05 as 0.0001 (probe40 P40-6)."""
    number = float(number)
    if not math.isfinite(number) or number == 0:
        return format_number(number)
    decimals = max(ENTRY_DIGITS, ENTRY_DIGITS - 1 - math.floor(math.log10(abs(number))))
    return format_number(round(number, decimals))


#: Matrices with more entries than this are summarised by their shape and range, not printed entry by entry.
SHOWN_ENTRIES = 40
#: A typeset matrix continues on the next row after this many columns: a row of 32 numbers typeset 2436 pixels
#: wide in a notebook's 668-pixel output area (probe59 P59-3); five of four digits fit on a row of their own.
TYPESET_COLUMNS = 5


def format_array(array) -> tuple[str, str]:
    """``(text, LaTeX)`` of a matrix of numbers: ``[[0.5, -1.5], [0, 2]]`` and a ``bmatrix`` (see
    :func:`latex_matrix`); one with more than :data:`SHOWN_ENTRIES` entries as its shape and range,
    ``(3×100 matrix, entries from -0.5213 to 1.181)``."""
    array = np.atleast_2d(np.asarray(array, dtype=float))
    if array.size > SHOWN_ENTRIES:
        finite = array[np.isfinite(array)]
        spread = (f", entries from {format_entry(finite.min())} to {format_entry(finite.max())}" if finite.size
                  else "")
        if finite.size < array.size:
            spread += f", {array.size - finite.size} not finite"
        summary = f"{array.shape[0]}×{array.shape[1]} matrix{spread}"
        latex = rf"{array.shape[0]}$\times${array.shape[1]} matrix{spread}"
        return f"({summary})", rf"\text{{({latex})}}"
    entries = [[format_entry(v) for v in row] for row in array]
    text = "[" + ", ".join("[" + ", ".join(row) + "]" for row in entries) + "]"
    return text, latex_matrix([[latex_of_printed(entry) for entry in row] for row in entries])


def latex_matrix(entries: list) -> str:
    r"""A ``bmatrix`` of LaTeX entries; one of more than :data:`TYPESET_COLUMNS` columns in blocks of that many,
    one below the other, each marked with its columns (``columns 1–5``), its bracket opened on the first block and
    closed on the last (every number kept)."""
    starts = range(0, len(entries[0]), TYPESET_COLUMNS)
    blocks = [r" \\ ".join(" & ".join(row[start:start + TYPESET_COLUMNS]) for row in entries) for start in starts]
    if len(blocks) == 1:
        return r"\begin{bmatrix} %s \end{bmatrix}" % blocks[0]
    opening, closing = ["["] + ["."] * (len(blocks) - 1), ["."] * (len(blocks) - 1) + ["]"]
    count = len(entries[0])  # each block names its columns: unmarked, a 2x10 read as a 4x5 (final42g F42g-3)
    return r"\begin{array}{l} %s \end{array}" % r" \\ ".join(
        rf"{{\scriptstyle \text{{columns {start + 1}–{min(start + TYPESET_COLUMNS, count)}}}}} \\ "
        rf"\left{left}\begin{{matrix}} {block} \end{{matrix}}\right{right}"
        for start, left, block, right in zip(starts, opening, blocks, closing))


def superscript(text: str) -> str:
    """``2`` → ``²``, ``T`` → ``ᵀ``; ``^text`` where Unicode has no superscript."""
    return _script(text, SUPERSCRIPT, "^")


#: Characters a step's name may not hold: in ``σ(z)²``, ``dJ/dz`` they would read as other math.
ARITHMETIC_SIGNS = "+-*/^()=,·"


def readable_name(name) -> bool:
    """Whether ``name`` reads back as one name in a formula: a string that starts with a letter (``z``, ``A1``,
    ``δ``), with no whitespace (``"z z"``, a newline) and none of :data:`ARITHMETIC_SIGNS` (``"1"`` made ``σ(z)`` print
    as ``σ(1)``, a number)."""
    return isinstance(name, str) and name[:1].isalpha() and not any(
        character.isspace() or character in ARITHMETIC_SIGNS for character in name)

r"""The lexer of the CLI's whitelist parser (:mod:`symopt.parse`): command-line text as tokens, and number literals as
exact SymPy numbers, each bounded before SymPy sees it.

A regular expression over an ASCII whitelist makes the tokens (numbers, names, the operators ``+ - * / ** ^ ( ) ,``);
any other character is refused naming it, with the fix.  Integers become ``Integer``, decimals the exact ``Rational``
('0.1' is 1/10), except a literal beyond ``MAX_EXACT_DECADES`` decimal places either way (``1e-12``, ``1e30``): it
stays the ``Float`` typed, so an ε is shown as written.  A literal has at most ``MAX_LITERAL_DIGITS`` digits, a decimal
exponent of at most ``MAX_LITERAL_EXPONENT`` and a value within float64's range.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import NamedTuple

import sympy

from symopt.errors import ParseError
from symopt.matrix_shapes import short

__all__ = ["Token", "tokenize", "typed_character", "non_ascii_error", "number_literal", "parse_error", "CHOICE_ADVICE", "MAX_LITERAL_DIGITS",
           "MAX_LITERAL_EXPONENT", "MAX_EXACT_DECADES", "FLOAT64_DECADES"]

MAX_LITERAL_DIGITS = 50
MAX_LITERAL_EXPONENT = 400
#: A literal whose decimal exponent (``1e-12``: -12, ``0.0000001``: -7) lies beyond this many decades stays the
#: float it was typed as: exact, SymPy would clear its denominator out of sight (``1/(w + 1e-12)`` shown as
#: ``1000000000000/(1000000000000w + 1)``, probe6 P23).
MAX_EXACT_DECADES = 6
#: The decimal logarithms of float64's smallest (subnormal) and largest numbers: a literal outside is 0 or ∞ there.
FLOAT64_DECADES = (math.log10(5e-324), math.log10(1.7976931348623157e308))

_TOKEN_RE = re.compile(r"(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"
                       r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>\*\*|[-+*/^(),])|(?P<space>[ \t]+)")
#: What to write for a choice (a Piecewise, a comparison), which the command line's language has no spelling for.
CHOICE_ADVICE = "write the choice with max(a, b), min(a, b), abs, relu, step or leaky_relu, or build the cost in Python"
_CHAR_HINTS = {
    ".": "attribute access is not allowed; '.' may only appear inside a number like 0.5",
    **dict.fromkeys("[]{}", "brackets, braces and indexing are not allowed; use ( ) for grouping"),
    **dict.fromkeys("'\"", "strings are not allowed; remove the quotes"),
    "=": "assignments and comparisons (==) are not in the CLI language; pass values as name=value data, and "
         + CHOICE_ADVICE,
    **dict.fromkeys("<>!", "comparisons and Piecewise are not in the CLI language; " + CHOICE_ADVICE),
    ";": "only one expression is allowed; remove ';' and what follows",
    ":": "lambdas, slices and annotations are not allowed",
    "|": "write the absolute value as abs(w), not |w|",
}
#: The spelling the parser takes for a symbol a textbook (or symopt's own displays) prints (probe23 P23-8);
#: superscript digits are read by rule (:func:`_spelling`).
_GLYPH_SPELLINGS = {
    "\u2212": "-", "\u2013": "-", "\u00b7": "*", "\u00d7": "*", "\u22c5": "*", "\u00f7": "/", "\u221a": "sqrt(...)",
    "\u03c3": "sigmoid(...) for the logistic function, or a name such as sigma", "\u03c0": "pi",
}


def _spelling(ch: str) -> str | None:
    """What to write for the non-ASCII ``ch``: a superscript digit is a power (``²`` is ``^2``), else the table's."""
    decomposition = unicodedata.decomposition(ch)
    if decomposition.startswith("<super>") and chr(int(decomposition.split()[1], 16)).isdigit():
        return "^" + chr(int(decomposition.split()[1], 16))
    return _GLYPH_SPELLINGS.get(ch)


#: The lone surrogates U+DC80..U+DCFF by which Python's ``surrogateescape`` holds the bytes 0x80..0xFF of a command
#: line it could not decode (an ASCII locale: ``LC_ALL=C``).
_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def typed_character(text: str, pos: int) -> str:
    """The character at ``pos`` as the user typed it: where an ASCII console's Python gave the bytes of a UTF-8
    character as surrogate escapes (``w²`` is ``'w\\udcc2\\udcb2'``), those bytes decoded (``'²'``), so a message
    names the character and its fix, not its first byte (probe55 P55-3)."""
    escaped = bytearray()
    for ch in text[pos:pos + 4]:
        if ord(ch) not in _ESCAPED_BYTES:
            break
        escaped.append(ord(ch) - 0xDC00)
        try:
            return escaped.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return text[pos]


class Token(NamedTuple):
    kind: str  # "number", "name", "op" or "end"
    text: str
    col: int  # 1-based column

    def describe(self) -> str:
        if self.kind == "end":
            return "the end of the input"
        return f"{'' if self.kind == 'op' else self.kind + ' '}{short(self.text)!r}"


def parse_error(expected: str, got: str, col: int, fix: str) -> ParseError:
    """``expected <expected>, got <got> at column <col>; <fix>``: the parser's one form of message."""
    return ParseError(f"expected {expected}, got {got} at column {col}; {fix}")


def non_ascii_error(text: str, pos: int, column: int = 1, fix: str | None = None) -> ParseError:
    """The error for the non-ASCII character typed at ``pos`` of ``text`` (``text`` starting at ``column``): its
    escape, code point and name, and ``fix``, by default its ASCII spelling where it has one (``write ^2 for it``)."""
    ch = typed_character(text, pos)
    meant = _single_byte_character(ch)
    spelling = _spelling(meant or ch)
    fix = fix or ("retype it in plain ASCII ('-' for minus, digits 0-9, letters a-z)" if spelling is None else
                  f"write {spelling}" if " " in spelling else f"write {spelling} for it")
    if ord(ch) in _ESCAPED_BYTES:  # a byte no UTF-8 text holds there: the terminal's encoding is another (P80-5)
        byte = bytes([ord(ch) - 0xDC00])  # 0x80-0x9F: cp1252's €, …, ‘, – are Latin-1's control characters
        terminals = "Latin-1 or cp1252" if byte.decode("latin-1") == meant else "cp1252"
        got = f"the byte 0x{byte[0]:02X}, which is not UTF-8" + (
            f" (a {terminals} terminal's {meant!r}, U+{ord(meant):04X} {unicodedata.name(meant, 'unnamed')})"
            if meant else "")
        return parse_error("ASCII text", got, column + pos, f"{fix}, or set the terminal's encoding to UTF-8")
    return parse_error("ASCII text", f"non-ASCII character {ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})",
                       column + pos, fix)


def _single_byte_character(ch: str) -> str | None:
    """The character a cp1252 (Windows' Latin-1) terminal sends as the byte ``ch`` escapes (``'\\udcb2'`` is the
    byte 0xB2, ``'²'``); None where ``ch`` is no escaped byte, or the byte has no printable character there."""
    if ord(ch) not in _ESCAPED_BYTES:
        return None
    byte = bytes([ord(ch) - 0xDC00])
    meant = byte.decode("cp1252", errors="ignore") or byte.decode("latin-1")
    return meant if meant.isprintable() else None


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` (spaces dropped), ending with an ``end`` token; a character outside the whitelist
    raises a :class:`ParseError` naming it."""
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            ch = typed_character(text, pos)
            if not ch.isascii():
                raise non_ascii_error(text, pos)
            hint = _CHAR_HINTS.get(ch, "remove that character")
            if ch == "!" and not text.startswith("!=", pos):  # w!: a factorial, not a comparison
                hint = "factorials are not in the CLI language; build the cost in Python"
            raise parse_error("numbers, ASCII names, spaces or one of + - * / ** ^ ( ) ,", repr(ch), pos + 1, hint)
        if match.lastgroup != "space":
            tokens.append(Token(match.lastgroup, match.group(), pos + 1))
        pos = match.end()
    return tokens + [Token("end", "", len(text) + 1)]


def number_literal(tok: Token) -> sympy.Number:
    """The number of a ``number`` token: exact, or the ``Float`` typed beyond ``MAX_EXACT_DECADES`` (see the
    module); refused beyond its bounds."""
    if sum(ch.isdigit() for ch in tok.text) > MAX_LITERAL_DIGITS:
        raise parse_error(f"a number of at most {MAX_LITERAL_DIGITS} digits", f"{tok.describe()} ({len(tok.text)} "
                          "characters)", tok.col, "use scientific notation like 1e30")
    mantissa, _, exponent = tok.text.lower().partition("e")
    whole, _, frac = mantissa.partition(".")
    power = int(exponent or 0) - len(frac)
    if abs(power) > MAX_LITERAL_EXPONENT:
        raise parse_error(f"a decimal exponent of at most {MAX_LITERAL_EXPONENT}", tok.describe(), tok.col,
                          "rescale the problem")
    digits = int(whole + frac or "0")
    magnitude = math.log10(digits) + power if digits else 0.0  # log10 of the number
    if not FLOAT64_DECADES[0] <= magnitude <= FLOAT64_DECADES[1]:
        becomes = "0" if magnitude < 0 else "infinite"
        raise parse_error("a number within float64's range (about 5e-324 to 1.8e308)", tok.describe(), tok.col,
                          f"it would be {becomes} in the computation: rescale the problem")
    if abs(power) > MAX_EXACT_DECADES and digits:
        return sympy.Float(tok.text, max(15, len(str(digits))))
    return sympy.Rational(digits * 10**power) if power >= 0 else sympy.Rational(digits, 10**-power)

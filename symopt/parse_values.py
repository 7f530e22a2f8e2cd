"""Refusals of the command line (:mod:`symopt.parse`) that concern values, not names.

* A value spelled as a word that prints as a constant (``--at w=nan``, ``--wrt w=inf``, ``--data a=I``) is no number
  symopt can use; it is refused as a *value*, with what the word means (probe55 P55-1), before the expression parser
  would refuse it as a *name* ("choose another name", which the user cannot do).
* A list of names given a value (``derive --wrt w=1``, minimize's syntax) is pointed to ``--at`` (probe55 P55-4).
* A data set given for one symbol (``--data "x=[1,2,3]"``, ``x=(1,2,3)``, ``x=(1 2 3)``) is told that the command line
  takes one number per symbol, and how to write a cost over examples (probe55 P55-7).
* A power of a fraction too long to be exact (``1.01^365`` is ``(101/100)**365``, 732 digits) is told its float
  value and how to give the base as a symbol (probe55 P55-10; a power of a symbolic base, ``(1 + r/12)^360``, builds
  no number and is not bounded so).
"""

from __future__ import annotations

import re

import sympy

from symopt.errors import ParseError
from symopt.parse_tokens import parse_error, tokenize

__all__ = ["VALUE_WORDS", "VALUE_WORDS_FOLDED", "DATA_SET_ADVICE", "power_advice", "refuse_data_set", "refuse_value_word", "refuse_value_in_names"]

#: What each word that prints as a constant means where a number is expected (``pi`` and ``e`` are numbers there).
VALUE_WORDS = {
    **dict.fromkeys(("nan", "undefined"), "not a number"),
    **dict.fromkeys(("inf", "infinity", "oo"), "infinity"),
    "zoo": "SymPy's complex infinity",
    **dict.fromkeys(("I", "i"), "the imaginary unit"),
    "None": "Python's None, not a number",
    **dict.fromkeys(("True", "False"), "Python's truth value, not a number"),
}

#: :data:`VALUE_WORDS` whatever their case (``NaN``, ``Infinity``, ``INF``: numpy's and spreadsheets' spellings).
VALUE_WORDS_FOLDED = {word.casefold(): meaning for word, meaning in VALUE_WORDS.items()}

#: How to fit a cost to several examples, which the command line's one number per symbol cannot give.
#: A least-squares fit of data arrays in Python, as the command line cannot take them (runs as written, final41c F41c-8:
#: the advice had read ``data={x: [1, 2, 3]}`` with ``w`` and ``x`` never declared).
PYTHON_FIT = ("w = symopt.Variable('w', 0.0); x = symopt.Placeholder('x', shape=(None, 1)); "
              "y = symopt.Placeholder('y', shape=(None, 1)); "
              "symopt.minimize(symopt.ops.mean(symopt.ops.square(w*x - y)), w, data={x: [[1], [2], [3]], y: [[2], [4], [6]]})")

DATA_SET_ADVICE = ("write a cost over examples out as a sum, e.g. (w*1 - 2)^2 + (w*2 - 4)^2, or fit data arrays from "
                   "Python: " + PYTHON_FIT)


def refuse_data_set(name: str, value: str, column: int) -> None:
    """Raise a :class:`ParseError` where the value ``value`` of ``name`` is a list of numbers: brackets or braces
    (``[1``, the first item of ``x=[1,2,3]``), a comma in parentheses that call no function (``(1,2,3)``), or two
    numbers side by side (``(1 2 3)``)."""
    try:
        tokens = tokenize(value)
    except ParseError:
        tokens = None
    if tokens is None and any(bracket in value for bracket in "[]{}"):
        listed = True
    elif tokens is None:
        return
    else:
        calls, listed = [], False
        for before, token, after in zip([None, *tokens], tokens, tokens[1:]):
            if token.text == "(":
                calls.append(before is not None and before.kind == "name")
            elif token.text == ")" and calls:
                calls.pop()
            listed |= (token.text == "," and calls[-1:] == [False]) or token.kind == after.kind == "number"
    if listed:
        raise parse_error(f"one number for {name!r}", f"a list of values {value.strip()!r}", column,
                          "the command line takes one number per symbol: " + DATA_SET_ADVICE)


def refuse_value_word(name: str, value: str, column: int) -> None:
    """Raise a :class:`ParseError` where the value ``value`` of ``name`` (its first character at ``column``) holds a
    word of :data:`VALUE_WORDS` (``nan``, ``-inf``, ``2*I``): symopt computes at finite real values."""
    try:
        tokens = tokenize(value)
    except ParseError:  # a character outside the whitelist: the expression parser names it
        return
    for token in tokens:
        if token.kind == "name" and token.text.casefold() in VALUE_WORDS_FOLDED:
            meaning = VALUE_WORDS_FOLDED[token.text.casefold()]
            raise parse_error(f"a finite real number for {name!r}", f"{token.text!r} ({meaning})",
                              column + token.col - 1,
                              f"symopt derives and runs at finite real values: give one, e.g. {name}=1")


def refuse_value_in_names(item: str, column: int, items: list[str]) -> None:
    """Raise a :class:`ParseError` where an item of a list of names ``items`` (``--wrt`` of derive and explain) is
    ``name=value``, minimize's syntax: the values of derive and explain go in ``--at`` (the advice keeps every name
    in ``--wrt``: ``w, b=2`` is ``--wrt w,b --at b=2``); or several names separated by spaces or semicolons
    (``w b``, ``w;b``), where the list separator is a comma."""
    parts = re.split(r"[\s;]+", item.strip())
    if "=" not in item and len(parts) > 1:
        raise parse_error("names separated by commas", repr(item.strip()), column,
                          f"separate them with commas: {','.join(parts)}")
    if "=" in item:
        names = ",".join(other.partition("=")[0].strip() for other in items)
        values = ",".join(other.strip() for other in items if "=" in other)
        raise parse_error("a name alone (derive and explain take no starting values)", repr(item.strip()), column,
                          f"give the point with --at: --wrt {names} --at {values}, with any other values of --at")


def power_advice(base: sympy.Expr, exponent: sympy.Expr) -> str:
    """What to write for the number ``base**exponent`` whose exact digits are too many: for a fraction (``101/100``,
    typed ``1.01``), the power's float value or the base as a symbol; else smaller numbers."""
    if not (base.is_Rational and base.q != 1 and exponent.is_number):
        return "use smaller numbers"
    typed = repr(float(base))
    try:
        value = float(base) ** float(exponent)
    except (OverflowError, ZeroDivisionError, TypeError, ValueError):
        value = 0.0
    real = isinstance(value, float) and value != 0 and abs(value) != float("inf")  # (-1.01)**365.5 is complex
    written = f"write the power's value, {value!r}, or " if real else ""
    power = f"b^{exponent}" if exponent.is_Integer and exponent >= 0 else f"b^({exponent})"  # b^731/2 is b^731 / 2
    example = f"{typed} is {base}" if sympy.Rational(typed) == base else "1.01 is 101/100"  # 0.5 is 1/2; 241/240
    return (f"the base is the exact fraction {base} (symopt keeps decimals exact: {example}), so its powers "
            f"grow in digits: {written}give the base as a symbol ({power} with --at or --data b={typed})")

"""Whitelist parser that turns command-line text into SymPy expressions.

Nothing here evaluates Python (no eval/exec, no sympify/parse_expr): a regular
expression over an ASCII whitelist makes tokens (:mod:`symopt.parse_tokens`, the lexer), and recursive descent
with Python's precedence builds the expression::

    sum     := product (('+' | '-') product)*
    product := factor (('*' | '/') factor)*
    factor  := ('+' | '-')* atom [('**' | '^') factor]   # -2**2 == -4, 2**3**2 == 512
    atom    := NUMBER | NAME | NAME '(' sum (',' sum)* ')' | '(' sum ')'

Integers become ``Integer``, decimals the exact ``Rational`` ('0.1' is 1/10), except a literal beyond
``MAX_EXACT_DECADES`` decimal places either way (``1e-12``, ``1e30``): it stays the ``Float`` typed, so an ε is
shown as written.  Names in
:data:`FUNCTIONS` (symopt's function table, :data:`symopt.functions.TABLE`) must be called;
:data:`CONSTANTS` are ``pi`` and Euler's number ``e`` (also ``E``: a teacher's ``e^x`` is :math:`e^x`);
:data:`ALIASES` spell functions another way (``ln`` is ``log``); any other name is a real
``Symbol`` (symopt's parameters and data are real; SymPy's assumption queries on symbols of
unknown sign grow exponentially with nested ``tanh``).

The work is bounded by the structure of the input, never by a clock (no signals, the same
in every thread).  Each bound fails with a ParseError that names it:

* ``MAX_LENGTH`` characters, ``MAX_TOKENS`` tokens, ``MAX_DEPTH`` levels of parentheses,
  call arguments and exponents, ``MAX_LITERAL_DIGITS`` digits per literal (the literals' bounds are
  :mod:`symopt.parse_tokens`');
* exact numbers of at most ``MAX_NUMBER_DIGITS`` digits.  SymPy evaluates powers,
  products and ``exp(n*log(2))`` of numbers eagerly, so their size is estimated before
  SymPy builds them and ``9**9**9**9`` is rejected (not kept as an unevaluated Pow,
  which later SymPy arithmetic would evaluate anyway);
* real numbers only: ``sqrt(-1)``, ``log(-1)``, ``(-1)**(1/3)``, ``acos(2)`` are refused;
* ``MAX_EXTREMUM_CALLS`` calls of ``min``/``max`` (SymPy compares every pair of arguments
  when it builds one);
* ``MAX_NONLINEAR_DEPTH`` levels of functions and powers of symbols nested in each other
  (a power tower ``w**w**w**...`` or ``exp(exp(...))``), and an estimated derivative size
  ``MAX_GROWTH``: each function, power of a symbol, product of non-trivial factors and
  min/max adds the size of its subtree (times its number of symbolic arguments less one for
  products and min/max), which is about how often ``derive`` repeats that subtree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import sympy
from sympy.core.cache import clear_cache

from symopt.constant_words import constant_word_reason, reads_as_constant
from symopt.errors import ParseError
from symopt.functions import TABLE, TableEntry
from symopt.matrix_shapes import short
from symopt.measure import Measure, Measurer, power_bits, product_growth
from symopt.parse_printing import cli_text
from symopt.parse_tokens import CHOICE_ADVICE, Token, non_ascii_error, number_literal, parse_error, tokenize
from symopt.parse_values import (DATA_SET_ADVICE, power_advice, refuse_data_set, refuse_value_in_names,
                                  refuse_value_word)

__all__ = ["ALIASES", "CONSTANTS", "FUNCTIONS", "SYMPY_NAMES", "cli_text", "parse_assignments",
           "parse_expression", "parse_symbol_list"]

MAX_LENGTH = 10_000
MAX_TOKENS = 5_000
MAX_DEPTH = 100
MAX_NONLINEAR_DEPTH = 12
MAX_GROWTH = 5_000
MAX_EXTREMUM_CALLS = 100
MAX_NUMBER_DIGITS = 330
MAX_NUMBER_BITS = MAX_NUMBER_DIGITS * math.log2(10)


#: Functions by name: symopt's one table (relu, sigmoid, max, ... are the library's own functions).
FUNCTIONS: dict[str, TableEntry] = TABLE
#: Functions that build exp(+-arg): SymPy may evaluate exp(n*log(b)) = b**n, so the argument is size-checked.
_EXPONENTIAL = frozenset({"exp", "sigmoid", "softplus"})
CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "E": sympy.E, "e": sympy.E}
#: Other spellings of functions of :data:`FUNCTIONS`, as teachers write them.
ALIASES: dict[str, str] = {"ln": "log"}
#: SymPy's printed names of functions, read as functions where called (elsewhere they stay plain names): a cost
#: copied from ``str(cost)`` reads back (probe49 P49-1).  ``Abs``, ``Max``, ``Min`` and ``ceiling`` are the table's
#: ``abs``, ``max``, ``min`` and ``ceil``; ``Heaviside(x)`` is SymPy's step, 1/2 at 0 (``Heaviside(x, h0)``: h0),
#: where the table's ``step(x)`` is 0 there (TF1).
SYMPY_NAMES: dict[str, TableEntry] = {
    "Abs": TABLE["abs"], "Max": TABLE["max"], "Min": TABLE["min"], "ceiling": TABLE["ceil"],
    "Heaviside": TableEntry(sympy.Heaviside, 1, 2, "SymPy's step: 1 for x > 0, 0 for x < 0, 1/2 (or h0 in "
                            "Heaviside(x, h0)) at 0; derivative 0"),
}
#: Names SymPy prints that the CLI language has no spelling for: a choice and its conditions.
_NOT_IN_LANGUAGE = {**dict.fromkeys(("Piecewise", "ITE", "Eq", "Ne", "And", "Or", "Not", "Xor"),
                                   "Piecewise and comparisons are not in the CLI language; " + CHOICE_ADVICE),
                    **dict.fromkeys(("sum", "Sum", "mean", "Mean"),
                                    "sums over data are not in the CLI language; " + DATA_SET_ADVICE)}

_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SIGNS = {"+": 1, "-": -1}
_PRODUCT_OPS = {"*": lambda f: f, "/": lambda f: sympy.Pow(f, -1)}
_POWER_OPS = ("**", "^")
_COMMA_HINT = "commas only separate function arguments, as in max(a, b)"
_OPERAND_HINTS = {"": "the expression is incomplete; finish it, e.g. 'x + 1'",
                  ")": "remove the empty '()' or add the missing operand", ",": _COMMA_HINT}
_TRAILING_HINTS = {",": _COMMA_HINT, ")": "remove the extra ')' or add the matching '('"}
_NONFINITE = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


class _Parser:
    def __init__(self, text: str, symbols: dict[str, sympy.Symbol] | None):
        self.tokens = tokenize(text)
        if len(self.tokens) - 1 > MAX_TOKENS:
            raise ParseError(f"expected at most {MAX_TOKENS} tokens (numbers, names, operators), got "
                             f"{len(self.tokens) - 1}; shorten the expression")
        self.pos = 0
        self.symbols = symbols or {}
        self.measure = Measurer(self.refuse_value)
        self.extremum_calls = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def fail(self, expected: str, fix: str, tok: Token | None = None) -> ParseError:
        tok = tok or self.tok
        return parse_error(expected, tok.describe(), tok.col, fix)

    def enter(self, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise self.fail(f"at most {MAX_DEPTH} levels of nesting", "simplify the expression")

    def parse(self) -> sympy.Expr:
        if self.tok.kind == "end":
            raise ParseError("expected an expression, got empty input; write e.g. 'w**2 - 10*w + 25'")
        expr = self.sum(0)
        if self.tok.kind != "end":
            raise self.fail("an operator (+ - * / ** ^) or the end of the input",
                            _TRAILING_HINTS.get(self.tok.text, "insert an operator, e.g. '*' to multiply"))
        return expr

    def sum(self, depth: int) -> sympy.Expr:
        self.enter(depth)
        terms = [self.product(depth)]
        growth = self.measure(terms[0]).growth
        while self.tok.text in _SIGNS:
            op = self.take()
            terms.append(_SIGNS[op.text] * self.product(depth))
            growth += self.measure(terms[-1]).growth
            self.check_growth(growth, op)
        return self.checked(sympy.Add(*terms))

    def product(self, depth: int) -> sympy.Expr:
        factors = [self.factor(depth)]
        total = self.bits(factors[0])
        while self.tok.text in _PRODUCT_OPS:
            op = self.take()
            factors.append(self.factor(depth))
            total += self.bits(factors[-1])
            if total > MAX_NUMBER_BITS:
                raise self.too_big("this product would exceed that", op)
            self.check_growth(product_growth(factors, [self.measure(f) for f in factors]), op)
            factors[-1] = _PRODUCT_OPS[op.text](factors[-1])
        return self.checked(sympy.Mul(*factors))

    def factor(self, depth: int) -> sympy.Expr:
        self.enter(depth)
        sign = 1
        while self.tok.text in _SIGNS:
            sign *= _SIGNS[self.take().text]
        base = self.atom(depth)
        if self.tok.text in _POWER_OPS:
            op = self.take()
            exponent = self.factor(depth + 1)
            if base == sympy.E:
                self.check_exp(exponent, op)
            digits = power_bits(base, self.bits(base), exponent) / math.log2(10)
            if digits > MAX_NUMBER_DIGITS:
                raise self.fail(f"numbers of at most {MAX_NUMBER_DIGITS} digits", f"({short(base)})**({short(exponent)}) "
                                f"would have about {digits:.3g} digits; {power_advice(base, exponent)}", op)
            base = self.checked(sympy.Pow(base, exponent))
        return sign * base

    def atom(self, depth: int) -> sympy.Expr:
        tok = self.take()
        if tok.kind == "number":
            return self.checked(number_literal(tok))
        if tok.kind == "name":
            return self.name(tok, depth)
        if tok.text == "(":
            inner = self.sum(depth + 1)
            self.close(tok)
            return inner
        raise self.fail("a number, a name or '('", _OPERAND_HINTS.get(tok.text, "an operand is missing"), tok)

    def close(self, opener: Token) -> None:
        if self.tok.text != ")":
            raise self.fail(f"')' to close the '(' at column {opener.col}", "add the missing ')'")
        self.take()

    def name(self, tok: Token, depth: int) -> sympy.Expr:
        name, calling = tok.text, self.tok.text == "("
        if name.startswith("__"):
            raise self.fail("a plain name", "names starting with '__' are not allowed; rename it", tok)
        if name in FUNCTIONS or name in ALIASES:
            if not calling:
                raise self.fail(f"'(' after function {name}", f"call it, e.g. {name}(x)")
            return self.call(tok, FUNCTIONS[ALIASES.get(name, name)], depth)
        if calling and name in SYMPY_NAMES:
            return self.call(tok, SYMPY_NAMES[name], depth)
        if calling:
            raise self.fail("a known function before '('", _unknown_function_hint(name), tok)
        if name in CONSTANTS:
            return CONSTANTS[name]
        if reads_as_constant(name):  # nan, oo, I, inf, None: dJ/dw = nan would read as a NaN gradient
            raise self.fail("a variable name", f"{constant_word_reason(name)}; choose another name", tok)
        return self.symbols[name] if name in self.symbols else sympy.Symbol(name, real=True)

    def call(self, tok: Token, fn: TableEntry, depth: int) -> sympy.Expr:
        opener = self.take()
        args = [self.sum(depth + 1)]
        while self.tok.text == ",":
            self.take()
            args.append(self.sum(depth + 1))
        self.close(opener)
        if not fn.min_args <= len(args) <= fn.max_args:
            count = fn.min_args if fn.min_args == fn.max_args else f"{fn.min_args} to {fn.max_args}"
            raise parse_error(f"{count} argument(s) for {tok.text}", str(len(args)), tok.col, "fix the call")
        if tok.text in _EXPONENTIAL:
            self.check_exp(args[0], tok)
        if ALIASES.get(tok.text, tok.text) == "log" and len(args) == 2:
            self.check_log_base(args[1], tok)
        if fn.build in (sympy.Min, sympy.Max):
            self.extremum_calls += 1
            if self.extremum_calls > MAX_EXTREMUM_CALLS:
                raise parse_error(f"at most {MAX_EXTREMUM_CALLS} calls of min and max", "another one", tok.col,
                                  "SymPy compares every pair of their arguments: use fewer")
        try:
            result = fn.build(*args)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise self.fail(f"arguments that {tok.text} accepts", f"SymPy refused them: {exc}", tok) from exc
        return self.checked(result)

    def check_exp(self, arg: sympy.Expr, tok: Token) -> None:
        """SymPy turns exp(n*log(b)) into b**n: bound that like a power."""
        logs = arg.atoms(sympy.log)
        if logs and max(map(self.bits, (log.args[0] for log in logs))) * 2 ** min(self.bits(arg), 64) \
                > MAX_NUMBER_BITS:
            raise self.too_big(f"exp({short(arg)}) would exceed that", tok)

    def check_log_base(self, base: sympy.Expr, tok: Token) -> None:
        """``log(x, b) = log(x)/log(b)``: a base whose logarithm is 0 or not finite (``0``: SymPy makes ``log(x, 0)``
        silently 0, then the symbols of ``x`` are gone) is refused naming the logarithm (probe8 R18)."""
        if base.is_number and (base == 0 or sympy.log(base) in _NONFINITE):
            raise self.fail("a logarithm base that is positive and not 1",
                            f"log(..., {short(base)}): log({short(base)}) is not finite, so the base-{short(base)} "
                            "logarithm is undefined; write log(x) for the natural logarithm or log(x, b) with b > 0, "
                            "b != 1", tok)

    def too_big(self, why: str, tok: Token) -> ParseError:
        return self.fail(f"numbers of at most {MAX_NUMBER_DIGITS} digits", f"{why}; use smaller numbers", tok)

    def bits(self, expr: sympy.Basic) -> float:
        """Estimated bits of the numbers SymPy may compute from ``expr``."""
        return self.measure(expr).bits

    def refuse_value(self, expr: sympy.Basic) -> None:
        """Non-finite and complex values are refused as soon as SymPy has built them."""
        if expr in _NONFINITE:
            raise self.fail("a finite expression", f"it evaluates to {expr} (a division by zero or a pole, "
                            "e.g. 1/0 or log(0)); remove the singular term", self.tokens[self.pos - 1])
        if expr is sympy.I or ((expr.is_Pow or expr.is_Function) and expr.is_number
                               and expr.is_extended_real is False):
            raise parse_error("a real number", f"the complex number {short(expr)}", self.tokens[self.pos - 1].col,
                              "symopt computes with real numbers: keep square roots and logarithms of negative "
                              "numbers, (-1)**(1/3) and acos(2) out of the expression")

    def checked(self, expr: sympy.Expr) -> sympy.Expr:
        measured: Measure = self.measure(expr)
        tok = self.tokens[self.pos - 1]
        if measured.bits > MAX_NUMBER_BITS:
            raise self.too_big("this operation would exceed that", tok)
        if measured.depth > MAX_NONLINEAR_DEPTH:
            raise parse_error(f"at most {MAX_NONLINEAR_DEPTH} functions and powers of symbols nested in each other",
                              f"{measured.depth} levels (a power tower or a chain of functions)", tok.col,
                              "its derivative grows with the square of that depth: simplify the expression")
        self.check_growth(measured.growth, tok)
        return expr

    def check_growth(self, growth: int, tok: Token) -> None:
        if growth > MAX_GROWTH:
            raise parse_error(f"an expression whose derivative has an estimated size of at most {MAX_GROWTH}",
                              f"about {growth}", tok.col, "functions, powers and products of long "
                              "subexpressions repeat them in the derivative: shorten the expression")


def _unknown_function_hint(name: str) -> str:
    """What to write for an unknown ``name(...)``: the table's name of another case (``Sin`` -> ``sin``), why
    ``Piecewise`` has none, or the known functions and how to multiply."""
    if name in _NOT_IN_LANGUAGE:
        return _NOT_IN_LANGUAGE[name]
    known = {known.lower(): known for known in [*SYMPY_NAMES, *ALIASES, *FUNCTIONS]}  # the table's spelling last:
    # it wins (MAX is told max, not SymPy's Max)
    if name.lower() in known:
        return f"write {known[name.lower()]}(...)"
    return f"known functions: {', '.join(sorted(FUNCTIONS))}; to multiply write {name}*(...)"


def parse_expression(text: str, *, symbols: dict[str, sympy.Symbol] | None = None) -> sympy.Expr:
    """Parse whitelisted math ``text`` into a SymPy expression without evaluating any Python.

    ``symbols`` maps names to existing Symbol objects to use instead of new ones.
    Raises :class:`ParseError` for anything outside the grammar or the bounds.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the expression as str, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"expected at most {MAX_LENGTH} characters, got {len(text)}; shorten the expression")
    try:
        return _Parser(text, symbols).parse()
    except RecursionError:
        clear_cache()  # an interrupted SymPy query may have cached partial answers
        raise ParseError("expected an expression SymPy can build, got one nested too deeply for Python's stack; "
                         "simplify or shorten it") from None


def _items(text: str, what: str) -> Iterator[tuple[str, int]]:
    """Yield (item, column) for the comma-separated items of ``text`` outside parentheses and brackets; an
    unclosed one ends at the end of ``text`` (its item's parser names what is missing)."""
    if len(text) > MAX_LENGTH:
        raise ParseError(f"expected at most {MAX_LENGTH} characters of {what}, got {len(text)}; shorten it")
    depth, start = 0, 0
    for i, ch in enumerate(text + ","):
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(ch, 0)  # a list typed as a value stays one item
        if ch == "," and (depth <= 0 or i == len(text)):
            item = text[start:i]
            if not item.strip():
                raise parse_error(f"{what} separated by single commas", "an empty item", start + 1,
                                  "remove the extra comma or add the missing item")
            yield item, start + 1 + len(item) - len(item.lstrip())
            start = i + 1


def _check_name(name: str, col: int, seen) -> str:
    if not name.isascii():  # w² typed as a name: the character and its spelling, as in an expression
        raise non_ascii_error(name, next(i for i, ch in enumerate(name) if not ch.isascii()), col,
                              "rename it with ASCII letters, digits and '_' (w2, nu)")
    if not _NAME_RE.fullmatch(name) or name.startswith("__"):
        raise parse_error("a name like w or b_1 (ASCII letters, digits, '_'; not starting with a digit or '__')",
                          repr(short(name)), col, "rename it")
    if name in FUNCTIONS or name in CONSTANTS or name in ALIASES:
        raise parse_error("a variable name", f"the built-in {name!r}", col, "choose another name")
    if reads_as_constant(name):
        raise parse_error("a variable name", repr(name), col, f"{constant_word_reason(name)}; choose another name")
    if name in seen:
        raise parse_error("each name once", f"{name!r} again", col, "remove the duplicate")
    return name


def parse_assignments(text: str) -> dict[str, float]:
    """Parse ``'a=1,b=-10,c=25'`` into ``{'a': 1.0, 'b': -10.0, 'c': 25.0}``.

    Values are numeric expressions of the same grammar (``2*pi``, ``1e-3``, ``max(1, 2)``).
    """
    values: dict[str, float] = {}
    for item, col in _items(text, "name=value items"):
        name, eq, value = item.partition("=")
        if not eq:
            raise parse_error("name=value", repr(short(item.strip())), col, "write e.g. a=1")
        name = _check_name(name.strip(), col, values)
        refuse_data_set(name, value, col + len(item.lstrip()) - len(value))
        refuse_value_word(name, value, col + len(item.lstrip()) - len(value))
        try:
            expr = parse_expression(value)
        except ParseError as exc:
            raise ParseError(f"in the value of {name!r} (item at column {col}): {exc}") from exc
        if expr.free_symbols:
            names = ", ".join(sorted(map(str, expr.free_symbols)))
            raise parse_error(f"a number for {name!r}", f"an expression of {names}", col, "give a numeric value")
        try:
            number = float(expr)
        except (TypeError, ValueError, ArithmeticError):
            number = math.nan
        if not math.isfinite(number):
            raise parse_error(f"a finite real number for {name!r}", short(expr), col, "give a real value")
        values[name] = number
    return values


def parse_symbol_list(text: str) -> list[str]:
    """Parse ``'w,b'`` into ``['w', 'b']`` (distinct variable names)."""
    names: list[str] = []
    items = list(_items(text, "names"))
    for item, col in items:
        refuse_value_in_names(item, col, [other for other, _ in items])
        names.append(_check_name(item.strip(), col, names))
    return names

"""Whitelist parser that turns command-line text into SymPy expressions.

Nothing here evaluates Python: no ``eval``/``exec``, no ``sympify``/``parse_expr``.
One regular expression over an ASCII whitelist splits the text into tokens, and a
recursive-descent parser with Python's precedence builds the expression::

    sum     := product (('+' | '-') product)*
    product := factor (('*' | '/') factor)*
    factor  := ('+' | '-')* atom [('**' | '^') factor]   # -2**2 == -4, 2**3**2 == 512
    atom    := NUMBER | NAME | NAME '(' sum (',' sum)* ')' | '(' sum ')'

Integers become ``sympy.Integer``, decimals the exact ``sympy.Rational`` ('0.1' -> 1/10).
Names in :data:`FUNCTIONS` must be called; :data:`CONSTANTS` are ``pi`` and ``E``
(lowercase ``e`` is an ordinary symbol); every other name is a ``sympy.Symbol``.

Bounds, so that hostile text fails fast with :class:`ParseError` instead of hanging:

* at most ``MAX_LENGTH`` (10 000) characters and ``MAX_DEPTH`` (100) levels of
  nesting (parentheses, call arguments, exponents);
* numeric literals of at most ``MAX_LITERAL_DIGITS`` (50) digits, with a decimal
  exponent of at most ``MAX_LITERAL_EXPONENT`` (400);
* every exact number at most ``MAX_NUMBER_DIGITS`` (330) digits, a little beyond the
  float range.  SymPy evaluates ``Integer**Integer``, products and ``exp(n*log(2))``
  eagerly, so powers, products and exponentials are estimated *before* SymPy builds
  them and rejected when too large: ``9**9**9**9`` raises ParseError.  (Rejecting is
  chosen over ``Pow(..., evaluate=False)``: SymPy re-evaluates unevaluated numeric
  powers in later arithmetic, and numbers that size are useless numerically.)
* ``min``/``max`` take at most ``MAX_MINMAX_ARGS`` (16) arguments (SymPy compares
  them pairwise).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Callable, NamedTuple

import sympy

from symopt.errors import ParseError

__all__ = ["parse_expression", "parse_assignments", "parse_symbol_list", "FUNCTIONS", "CONSTANTS"]

MAX_LENGTH = 10_000
MAX_DEPTH = 100
MAX_LITERAL_DIGITS = 50
MAX_LITERAL_EXPONENT = 400
MAX_NUMBER_DIGITS = 330
MAX_NUMBER_BITS = MAX_NUMBER_DIGITS * math.log2(10)
MAX_MINMAX_ARGS = 16


class _Function(NamedTuple):
    build: Callable[..., sympy.Expr]
    min_args: int
    max_args: int
    exponential: bool = False  # builds exp(+-arg): its argument is size-checked first


_UNARY = {"sqrt": sympy.sqrt, "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan,
          "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh, "asin": sympy.asin,
          "acos": sympy.acos, "atan": sympy.atan, "abs": sympy.Abs}

FUNCTIONS: dict[str, _Function] = {
    **{name: _Function(build, 1, 1) for name, build in _UNARY.items()},
    "exp": _Function(sympy.exp, 1, 1, exponential=True),
    "log": _Function(sympy.log, 1, 2),  # log(x) or log(x, base)
    "sigmoid": _Function(lambda x: 1 / (1 + sympy.exp(-x)), 1, 1, exponential=True),
    "softplus": _Function(lambda x: sympy.log(1 + sympy.exp(x)), 1, 1, exponential=True),
    "relu": _Function(lambda x: sympy.Max(x, 0), 1, 1),
    "min": _Function(sympy.Min, 2, MAX_MINMAX_ARGS),
    "max": _Function(sympy.Max, 2, MAX_MINMAX_ARGS),
}
CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "E": sympy.E}

_TOKEN_RE = re.compile(
    r"(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|[-+*/^(),])"
    r"|(?P<space>[ \t]+)"
)
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ALLOWED = "numbers, ASCII names, spaces and + - * / ** ^ ( ) ,"
_CHAR_HINTS = {
    ".": "attribute access is not allowed; '.' may only appear inside a number like 0.5",
    "[": "brackets and indexing are not allowed; use ( ) for grouping",
    "]": "brackets and indexing are not allowed; use ( ) for grouping",
    "{": "braces are not allowed; use ( ) for grouping",
    "}": "braces are not allowed; use ( ) for grouping",
    "'": "strings are not allowed; remove the quotes",
    '"': "strings are not allowed; remove the quotes",
    "=": "assignments are not allowed in an expression; pass values as name=value data",
    ";": "only one expression is allowed; remove ';' and what follows",
    ":": "lambdas, slices and annotations are not allowed",
}
_SIGNS = {"+": 1, "-": -1}
_PRODUCT_OPS = {"*": lambda f: f, "/": lambda f: sympy.Pow(f, -1)}
_POWER_OPS = ("**", "^")
_OPERAND_HINTS = {"": "the expression is incomplete; finish it, e.g. 'x + 1'",
                  ")": "remove the empty '()' or add the missing operand",
                  ",": "commas only separate function arguments, as in max(a, b)"}
_TRAILING_HINTS = {",": "commas only separate function arguments, as in max(a, b)",
                   ")": "remove the extra ')' or add the matching '('"}
_NONFINITE = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


class _Token(NamedTuple):
    kind: str  # "number", "name", "op" or "end"
    text: str
    col: int  # 1-based column

    def describe(self) -> str:
        if self.kind == "end":
            return "the end of the input"
        return f"{'' if self.kind == 'op' else self.kind + ' '}{_short(self.text)!r}"


def _short(text: object, limit: int = 40) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _tokenize(text: str) -> list[_Token]:
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            ch, col = text[pos], pos + 1
            if not ch.isascii():
                name = unicodedata.name(ch, "unnamed character")
                raise ParseError(f"expected ASCII text, got non-ASCII character {ch!r} (U+{ord(ch):04X} "
                                 f"{name}) at column {col}; retype it in plain ASCII ('-' for minus, 0-9, a-z)")
            raise ParseError(f"expected {_ALLOWED}, got {ch!r} at column {col}; "
                             f"{_CHAR_HINTS.get(ch, 'remove that character')}")
        if match.lastgroup != "space":
            tokens.append(_Token(match.lastgroup, match.group(), pos + 1))
        pos = match.end()
    return tokens + [_Token("end", "", len(text) + 1)]


def _literal(tok: _Token) -> sympy.Rational:
    if sum(ch.isdigit() for ch in tok.text) > MAX_LITERAL_DIGITS:
        raise ParseError(f"expected a number of at most {MAX_LITERAL_DIGITS} digits, got {tok.describe()} "
                         f"({len(tok.text)} characters) at column {tok.col}; use scientific notation like 1e30")
    mantissa, _, exponent = tok.text.lower().partition("e")
    whole, _, frac = mantissa.partition(".")
    power = int(exponent or 0) - len(frac)
    if abs(power) > MAX_LITERAL_EXPONENT:
        raise ParseError(f"expected a decimal exponent of at most {MAX_LITERAL_EXPONENT}, got {tok.describe()} "
                         f"at column {tok.col}; rescale the problem")
    digits = int(whole + frac or "0")
    return sympy.Rational(digits * 10**power) if power >= 0 else sympy.Rational(digits, 10**-power)


def _pow_weight(base_bits: float, exponent: sympy.Expr) -> float:
    """Bits of the numbers SymPy may compute for ``base**exponent``, ``base`` having ``base_bits``."""
    if not exponent.is_Rational or base_bits == 0:
        return base_bits
    if abs(exponent.p) > exponent.q << 64:
        return math.inf
    return base_bits * max(1.0, abs(exponent.p) / exponent.q)


class _Parser:
    def __init__(self, text: str, symbols: dict[str, sympy.Symbol] | None):
        self.tokens = _tokenize(text)
        self.pos = 0
        self.symbols = symbols or {}
        self.weights: dict[sympy.Basic, float] = {}

    @property
    def tok(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        self.pos += 1
        return self.tokens[self.pos - 1]

    def fail(self, expected: str, fix: str, tok: _Token | None = None) -> ParseError:
        tok = tok or self.tok
        return ParseError(f"expected {expected}, got {tok.describe()} at column {tok.col}; {fix}")

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
        while self.tok.text in _SIGNS:
            sign = _SIGNS[self.take().text]
            terms.append(sign * self.product(depth))
        return self.checked(sympy.Add(*terms))

    def product(self, depth: int) -> sympy.Expr:
        factors = [self.factor(depth)]
        bits = self.weight(factors[0])
        while self.tok.text in _PRODUCT_OPS:
            op = self.take()
            factors.append(self.factor(depth))
            bits += self.weight(factors[-1])
            if bits > MAX_NUMBER_BITS:
                raise self.fail(f"numbers of at most {MAX_NUMBER_DIGITS} digits",
                                "this product would exceed that; use smaller numbers", op)
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
            digits = _pow_weight(self.weight(base), exponent) / math.log2(10)
            if digits > MAX_NUMBER_DIGITS:
                raise self.fail(f"numbers of at most {MAX_NUMBER_DIGITS} digits",
                                f"{_short(base)}**{_short(exponent)} would have about {digits:.3g} digits; "
                                "use a smaller exponent", op)
            base = self.checked(sympy.Pow(base, exponent))
        return sign * base

    def atom(self, depth: int) -> sympy.Expr:
        tok = self.take()
        if tok.kind == "number":
            return self.checked(_literal(tok))
        if tok.kind == "name":
            return self.name(tok, depth)
        if tok.text == "(":
            inner = self.sum(depth + 1)
            self.expect_close(tok)
            return inner
        raise self.fail("a number, a name or '('", _OPERAND_HINTS.get(tok.text, "an operand is missing"), tok)

    def expect_close(self, opener: _Token) -> None:
        if self.tok.text != ")":
            raise self.fail(f"')' to close the '(' at column {opener.col}", "add the missing ')'")
        self.take()

    def name(self, tok: _Token, depth: int) -> sympy.Expr:
        name, calling = tok.text, self.tok.text == "("
        if name.startswith("__"):
            raise self.fail("a plain name", "names starting with '__' are not allowed; rename it", tok)
        if name in FUNCTIONS:
            if not calling:
                raise self.fail(f"'(' after function {name}", f"call it, e.g. {name}(x)")
            return self.call(tok, FUNCTIONS[name], depth)
        if calling:
            raise self.fail("a known function before '('", f"known functions: {', '.join(sorted(FUNCTIONS))}; "
                            f"to multiply write {name}*(...)", tok)
        if name in CONSTANTS:
            return CONSTANTS[name]
        return self.symbols[name] if name in self.symbols else sympy.Symbol(name)

    def call(self, tok: _Token, fn: _Function, depth: int) -> sympy.Expr:
        opener = self.take()
        args = [self.sum(depth + 1)]
        while self.tok.text == ",":
            self.take()
            args.append(self.sum(depth + 1))
        self.expect_close(opener)
        if not fn.min_args <= len(args) <= fn.max_args:
            count = fn.min_args if fn.min_args == fn.max_args else f"{fn.min_args} to {fn.max_args}"
            raise ParseError(f"expected {count} argument(s) for {tok.text}, got {len(args)} at column {tok.col}; "
                             "fix the call's arguments")
        if fn.exponential:
            self.check_exp(args[0], tok)
        try:
            return self.checked(fn.build(*args))
        except (TypeError, ValueError, ArithmeticError) as exc:
            if isinstance(exc, ParseError):
                raise
            raise self.fail(f"arguments that {tok.text} accepts", f"SymPy refused them: {exc}", tok) from exc

    def check_exp(self, arg: sympy.Expr, tok: _Token) -> None:
        """SymPy turns exp(n*log(b)) into b**n: bound it like a power."""
        logs = arg.atoms(sympy.log)
        if logs and max(self.weight(log.args[0]) for log in logs) * 2 ** min(self.weight(arg), 64) \
                > MAX_NUMBER_BITS:
            raise self.fail(f"numbers of at most {MAX_NUMBER_DIGITS} digits",
                            f"exp({_short(arg)}) would exceed that; use a smaller multiple of log", tok)

    def weight(self, expr: sympy.Basic) -> float:
        """Estimated bits of the numbers SymPy may compute from ``expr``; rejects non-finite values."""
        if expr in self.weights:
            return self.weights[expr]
        if expr.is_Rational:
            bits = math.log2(max(abs(expr.p), expr.q))
        elif expr in _NONFINITE:
            raise self.fail("a finite expression", f"it evaluates to {expr} (division by zero or a pole, "
                            "e.g. 1/0 or log(0)) here; remove the singular term", self.tokens[self.pos - 1])
        elif expr.is_Pow:
            self.weight(expr.exp)  # visited only to reject non-finite parts
            bits = _pow_weight(self.weight(expr.base), expr.exp)
        elif expr.is_Mul:
            bits = sum(map(self.weight, expr.args))
        else:
            bits = max(map(self.weight, expr.args), default=0.0)
        self.weights[expr] = bits
        return bits

    def checked(self, expr: sympy.Expr) -> sympy.Expr:
        if self.weight(expr) > MAX_NUMBER_BITS:
            raise self.fail(f"numbers of at most {MAX_NUMBER_DIGITS} digits", "use smaller numbers",
                            self.tokens[self.pos - 1])
        return expr


def parse_expression(text: str, *, symbols: dict[str, sympy.Symbol] | None = None) -> sympy.Expr:
    """Parse whitelisted math ``text`` into a SymPy expression, evaluating no Python.

    ``symbols`` maps names to existing Symbol objects to use instead of new ones.
    Raises :class:`ParseError` for anything outside the grammar or the bounds.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the expression as str, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"expected at most {MAX_LENGTH} characters, got {len(text)}; shorten the expression")
    try:
        return _Parser(text, symbols).parse()
    except RecursionError as exc:
        raise ParseError("expected an expression SymPy can nest, got one nested too deeply; simplify it") from exc


def _items(text: str, what: str):
    """Yield (item, column) for the top-level comma-separated items of ``text``."""
    if len(text) > MAX_LENGTH:
        raise ParseError(f"expected at most {MAX_LENGTH} characters of {what}, got {len(text)}; shorten it")
    depth, start = 0, 0
    for i, ch in enumerate(text + ","):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth <= 0:
            item = text[start:i]
            if not item.strip():
                raise ParseError(f"expected {what} separated by single commas, got an empty item at column "
                                 f"{start + 1}; remove the extra comma or add the missing item")
            yield item, start + 1 + len(item) - len(item.lstrip())
            start = i + 1


def _check_name(name: str, col: int, seen) -> str:
    if not _NAME_RE.fullmatch(name) or name.startswith("__"):
        raise ParseError(f"expected a name like w or b_1 (ASCII letters, digits, '_'; not starting with a digit "
                         f"or '__'), got {_short(name)!r} at column {col}; rename it")
    if name in FUNCTIONS or name in CONSTANTS:
        raise ParseError(f"expected a variable name, got the built-in {name!r} at column {col}; choose another name")
    if name in seen:
        raise ParseError(f"expected each name once, got {name!r} again at column {col}; remove the duplicate")
    return name


def parse_assignments(text: str) -> dict[str, float]:
    """Parse ``'a=1,b=-10,c=25'`` into ``{'a': 1.0, 'b': -10.0, 'c': 25.0}``.

    Values are numeric expressions (``2*pi``, ``1e-3``, ``max(1, 2)``) in the same grammar.
    """
    values: dict[str, float] = {}
    for item, col in _items(text, "name=value items"):
        name, eq, value = item.partition("=")
        if not eq:
            raise ParseError(f"expected name=value, got {_short(item.strip())!r} at column {col}; write e.g. a=1")
        name = _check_name(name.strip(), col, values)
        try:
            expr = parse_expression(value)
        except ParseError as exc:
            raise ParseError(f"in the value of {name!r} (item at column {col}): {exc}") from exc
        if expr.free_symbols:
            names = ", ".join(sorted(map(str, expr.free_symbols)))
            raise ParseError(f"expected a number for {name!r}, got an expression of {names} at column {col}; "
                             "give a numeric value")
        try:
            number = float(expr)
        except (TypeError, ValueError, ArithmeticError):
            number = math.nan
        if not math.isfinite(number):
            raise ParseError(f"expected a finite real number for {name!r}, got {_short(expr)} at column {col}; "
                             "give a real value")
        values[name] = number
    return values


def parse_symbol_list(text: str) -> list[str]:
    """Parse ``'w,b'`` into ``['w', 'b']`` (distinct variable names)."""
    names: list[str] = []
    for item, col in _items(text, "names"):
        names.append(_check_name(item.strip(), col, names))
    return names

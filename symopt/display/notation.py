r"""The course's notation: SymPy expressions printed as Unicode text and as LaTeX.

Text follows the blackboard: products of one-letter factors are juxtaposed
(:math:`bc`, :math:`3v`, :math:`a(1 - a)`), longer names get a centre dot
(``x₁·dz``), digits in names become subscripts (``w1`` → ``w₁``), integer powers
superscripts (``w²``), :math:`\sigma` is the sigmoid, ``ᵀ`` the transpose, ``∘`` the
elementwise product, ``𝟙`` a matrix of ones, ``sum(A)`` :math:`\sum_{ij} A_{ij}` and ``tr(A)`` :math:`\sum_i A_{ii}`.

Terms and factors are ordered as in :mod:`.ordering` (``w² - 10w + 25``,
``-y/a + (1 - y)/(1 - a)``, ``1 - a``); a sum of negative terms prints as a negated
sum, ``-(y·log(a) + (1 - y)·log(1 - a))``.  :class:`LatexPrinter` uses the same order,
so text and LaTeX agree.  With ``unevaluated=True`` an expression built with
``evaluate=False`` (an optimizer's update rule) prints in the order it was built.
"""

from __future__ import annotations

import contextlib
import contextvars

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy import HadamardProduct, MatAdd, MatMul, Mul, Pow
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.printing.conventions import split_super_sub
from sympy.printing.latex import LatexPrinter as _SympyLatexPrinter
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

from ..nodes import lambda_parts
from ..symbols import BATCH
from .glyphs import (
    FUNCTION_GLYPHS,
    SCRIPT_GLYPHS,
    Adjoint,
    Verbatim,
    shown_as_typed,
    format_number,
    latex_number,
    pretty_name,
    primes,
    superscript,
)
from .ordering import (
    all_negative,
    factor_rank,
    is_negative,
    is_reciprocal,
    negated,
    positive_first,
    textbook_terms,
)

__all__ = ["TextPrinter", "LatexPrinter", "text", "latex", "RELATION_GLYPHS", "indicator_conditions",
           "count_name", "examples_counted_as"]

#: How the number of examples :data:`~symopt.symbols.BATCH` prints while a display renders (None: ``m``).
_COUNT_NAME: contextvars.ContextVar = contextvars.ContextVar("count_name", default=None)


def count_name(inputs) -> str | None:
    """The name the number of examples prints as where one of ``inputs`` (symbols; an entry ``V[1,0]`` counts as
    ``V``) is named ``m`` (the slope of ``y = mx + b``): the first of ``n, N, M, m_examples`` that no input uses;
    None (it prints ``m``) otherwise."""
    taken = {str(getattr(leaf, "parent", leaf).name) for leaf in inputs if leaf != BATCH}
    if "m" not in taken:
        return None
    return next(name for name in ("n", "N", "M", "m_examples") if name not in taken)


@contextlib.contextmanager
def examples_counted_as(name: str | None):
    """Print :data:`~symopt.symbols.BATCH` as ``name`` inside the block (nothing changes for None)."""
    token = _COUNT_NAME.set(name)
    try:
        yield
    finally:
        _COUNT_NAME.reset(token)


def _shown_count(expr):
    """The symbol that prints in place of ``expr``: a renamed number of examples, or None."""
    name = _COUNT_NAME.get()
    return sympy.Symbol(name) if name is not None and expr == BATCH else None

#: Relations as a blackboard writes them.
RELATION_GLYPHS = {">=": "≥", "<=": "≤", "!=": "≠", "==": "=", ">": ">", "<": "<"}


def indicator_conditions(expr) -> tuple | None:
    r"""The conditions of an indicator ``Piecewise((1, c₁ ∧ c₂ …), (0, True))``, printed as Iverson
    brackets :math:`[c_1][c_2]` (1 where every condition holds, else 0); ``None`` for another piecewise."""
    if len(expr.args) != 2 or expr.args[0].expr != 1 or expr.args[1] != (0, True):
        return None
    condition = expr.args[0].cond
    return condition.args if isinstance(condition, sympy.And) else (condition,)


def _is_letter(text: str) -> bool:
    return bool(text) and text[0].isalpha() and all(ch in SCRIPT_GLYPHS for ch in text[1:])


def _kind(factor, printed: str) -> str:
    if factor.is_Number:
        return "number"
    if factor is sympy.E:  # Euler's e is never juxtaposed: "e·u", not "eu" (a name of two letters)
        return "other"
    if _wrapped(printed) or printed.startswith("√") or isinstance(factor, sympy.Piecewise) and printed[0] == "[":
        return "group"
    return "letter" if _is_letter(printed) else "other"


def _wrapped(printed: str) -> bool:
    """True when one pair of parentheses encloses all of ``printed``: ``(a + b)``, not ``(a + b)c``."""
    if not (printed.startswith("(") and printed.endswith(")")):
        return False
    depth = 0
    for index, character in enumerate(printed):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0 and index < len(printed) - 1:
            return False
    return True


def _needs_group(argument, body, dummy) -> bool:
    """An entrywise body that is not a plain call ``f(x)`` needs a compound argument in parentheses:
    ``1/(𝟙 - A)``, not ``1/𝟙 - A``."""
    compound = isinstance(argument, (MatAdd, MatMul, HadamardProduct)) or getattr(argument, "is_Add", False)
    plain_call = isinstance(body, sympy.Function) and body.args == (dummy,)
    return compound and not plain_call


class TextPrinter(StrPrinter):
    """Unicode text in the course's notation; ``order="none"`` keeps unevaluated expressions as built."""

    _default_settings = {**StrPrinter._default_settings, "symbol_names": {}, "step_order": {}, "entrywise": False}

    def _print(self, expr, **kwargs):
        # elementwise maps print in the course's notation here, not through their own str/latex methods
        if isinstance(expr, ElementwiseApplyFunction):
            return self._print_ElementwiseApplyFunction(expr)
        return super()._print(expr, **kwargs)

    def _print_Symbol(self, expr):
        name = self._settings["symbol_names"].get(expr)
        if name is None and _shown_count(expr) is not None:
            return pretty_name(_shown_count(expr).name)
        return name if name is not None else pretty_name(expr.name) + "′" * primes(expr)

    _print_Dummy = _print_Symbol

    def _print_Adjoint(self, expr):
        return "d" + self._print(expr.of)

    _print_MatrixAdjoint = _print_Adjoint

    def _print_Verbatim(self, expr):
        return expr.name

    def _print_MatrixSymbol(self, expr):
        return pretty_name(expr.name) + "′" * primes(expr)

    def _print_MatrixElement(self, expr):
        parent = self._print(expr.parent)
        parent = parent if isinstance(expr.parent, sympy.MatrixSymbol) else f"({parent})"
        return f"{parent}[{self._print(expr.i)},{self._print(expr.j)}]"

    def _print_MatrixBase(self, expr):
        """An explicit matrix on one line, row by row: ``[[0, 0, 0], [0, 0, dv]]`` (SymPy prints several lines)."""
        return "[" + ", ".join("[" + ", ".join(self._print(entry) for entry in expr.row(i)) + "]"
                               for i in range(expr.rows)) + "]"

    _print_ImmutableDenseMatrix = _print_MutableDenseMatrix = _print_MatrixBase

    def _print_Float(self, expr):
        return format_number(expr)

    def _print_Rational(self, expr):
        return f"{expr.p}/{expr.q}" if expr.q != 1 else str(expr.p)

    def _print_OneMatrix(self, expr):
        return "𝟙"

    def _print_Trace(self, expr):
        return f"tr({self._print(expr.arg)})"

    def _print_Determinant(self, expr):
        return f"det({self._print(expr.arg)})"

    def _print_MatPow(self, expr):
        """``A⁻¹``, ``(Aᵀ)⁻¹``, ``S²``: the exponent as a superscript."""
        base = self._print(expr.base)
        base = base if isinstance(expr.base, sympy.MatrixSymbol) or _wrapped(base) else f"({base})"
        return base + superscript(self._print(expr.exp))

    _print_Inverse = _print_MatPow

    def _print_Pi(self, expr):
        return "π"

    def _print_Exp1(self, expr):
        return "e"

    def _print_Transpose(self, expr):
        return self.parenthesize(expr.arg, PRECEDENCE["Atom"], strict=True) + "ᵀ"

    def _print_HadamardProduct(self, expr):
        return "∘".join(self._matrix_operand(arg) for arg in expr.args)

    def _matrix_operand(self, expr) -> str:
        """An operand of ∘ or of a matrix product, in parentheses unless it is a name, a call or a power."""
        printed = self._print(expr)
        compound = isinstance(expr, (MatAdd, MatMul, HadamardProduct)) or expr.is_Add
        return f"({printed})" if compound and not _wrapped(printed) else printed

    def _print_HadamardPower(self, expr):
        base = self.parenthesize(expr.base, PRECEDENCE["Atom"], strict=True)
        return base + "∘" + superscript(self._print(expr.exp))

    def _print_ElementwiseApplyFunction(self, expr):
        dummy, body = lambda_parts(expr.function)
        argument = self._print(expr.expr)
        if _needs_group(expr.expr, body, dummy):
            argument = f"({argument})"
        printed = self._print(body.xreplace({dummy: Verbatim(argument)}))
        reciprocal = body.is_Pow and body.exp.is_negative
        return f"({printed})" if body.is_Add or body.is_Mul or reciprocal else printed

    def _print_Function(self, expr):
        name = FUNCTION_GLYPHS.get(expr.func.__name__, expr.func.__name__)
        return f"{name}({', '.join(self._print(arg) for arg in expr.args)})"

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_Relational(self, expr):
        return f"{self._print(expr.lhs)} {RELATION_GLYPHS[expr.rel_op]} {self._print(expr.rhs)}"

    def _print_Piecewise(self, expr):
        conditions = indicator_conditions(expr)
        if conditions is not None:
            return "".join(f"[{self._print(condition)}]" for condition in conditions)
        pieces = [f"{self._print(piece.expr)} if {self._print(piece.cond)}" if piece.cond is not sympy.true
                  else f"{self._print(piece.expr)} otherwise" for piece in expr.args]
        return "{" + "; ".join(pieces) + "}"

    def _print_Max(self, expr):
        return f"max({', '.join(self._print(arg) for arg in expr.args)})"

    def _print_Min(self, expr):
        return f"min({', '.join(self._print(arg) for arg in expr.args)})"

    def _print_to_dtype(self, expr):
        return self._print(expr.args[0])

    def _print_Add(self, expr, order=None):
        unevaluated = "none" in (order, self._settings["order"])
        if not unevaluated and all_negative(expr):
            return "-(" + self._print_Add(-expr) + ")"
        terms = list(expr.args) if unevaluated else textbook_terms(expr, self._settings["step_order"])
        pieces = []
        for index, term in enumerate(terms):
            negative = is_negative(term)
            shown = negated(term) if negative else term
            printed = self.parenthesize(shown, PRECEDENCE["Add"], strict=not negative)
            if index == 0:
                pieces.append("-" + printed if negative else printed)
            else:
                pieces.append((" - " if negative else " + ") + printed)
        return "".join(pieces)

    def _print_MatAdd(self, expr):
        return self._print_Add(MatAdd(*positive_first(list(expr.args))), order="none")

    def _print_Mul(self, expr):
        factors = list(expr.args) if self._settings["order"] == "none" else list(expr.as_ordered_factors())
        coefficient = sympy.S.One
        rest = []
        for factor in factors:
            if factor.is_Number:
                coefficient *= factor
            else:
                rest.append(factor)
        sign = ""
        if coefficient < 0:
            sign, coefficient = "-", -coefficient
        numerator, denominator = [], []
        if not coefficient.is_Rational:
            numerator.append(coefficient)
        elif coefficient.p != 1:
            numerator.append(sympy.Integer(coefficient.p))
        if coefficient.is_Rational and coefficient.q != 1:
            denominator.append(sympy.Integer(coefficient.q))
        for factor in rest:
            if is_reciprocal(factor):
                exponent = -factor.exp
                denominator.append(factor.base if exponent == 1 else Pow(factor.base, exponent, evaluate=False))
            else:
                numerator.append(factor)
        numerator.sort(key=factor_rank)
        above = self._join(numerator) if numerator else "1"
        if denominator:
            below = self._join(denominator)
            if len(denominator) > 1 or denominator[0].is_Mul:
                below = f"({below})"
            above = f"{above}/{below}"
        return sign + above

    def _print_MatMul(self, expr):
        coefficient, matrices = expr.as_coeff_matrices()
        sign = ""
        if coefficient.could_extract_minus_sign():
            sign, coefficient = "-", -coefficient
        if coefficient == 1:
            return sign + self._join(list(matrices))
        scalar = self._print(coefficient)
        if scalar.startswith("1/"):
            return f"{sign}{self._join(list(matrices))}{scalar[1:]}"
        return sign + self._join([coefficient] + list(matrices))

    def _join(self, factors: list) -> str:
        """Factors juxtaposed where each is a number, a one-letter name or a group (``3bc``), else with ``·``."""
        flat = []
        for factor in factors:
            inline = factor.is_Mul and not factor.args[0].is_Number and not any(map(is_reciprocal, factor.args))
            flat.extend(factor.args if inline else [factor])
        merged = []
        for factor in flat:
            if merged and not factor.is_Number and factor == merged[-1][0] and not factor.is_Matrix:
                merged[-1][1] += 1
            else:
                merged.append([factor, 1])
        printed = []
        for factor, count in merged:
            if count > 1:
                factor = Pow(factor, count, evaluate=False)
            shown = self.parenthesize(factor, PRECEDENCE["Mul"], strict=True)
            if (factor.is_Mul and any(is_reciprocal(f) for f in factor.args)) or isinstance(factor, HadamardProduct):
                shown = f"({shown})"
            printed.append((_kind(factor, shown), shown))
        result = printed[0][1]
        for (before, shown_before), (kind, shown) in zip(printed, printed[1:]):
            glue = before in ("number", "letter", "group") and kind in ("letter", "group")
            if shown_before == "d":
                glue = False  # an input named d: d·w, never dw (a differential)
            if self._settings["entrywise"] and before == kind == "letter":
                glue = False  # Y·Z entry by entry, never YZ (a matrix product)
            result += ("" if glue else "·") + shown
        return result

    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.args
        if exponent == sympy.S.Half:
            inner = self._print(base)
            return "√" + (inner if _is_letter(inner) or base.is_Number else f"({inner})")
        if exponent.is_Number and exponent < 0:
            inverse = base if exponent == -1 else Pow(base, -exponent, evaluate=False)
            return "1/" + self.parenthesize(inverse, PRECEDENCE["Mul"], strict=False)
        printed_base = self.parenthesize(base, PRECEDENCE["Pow"], strict=True)
        if exponent.is_Integer:
            return printed_base + superscript(str(exponent))
        return f"{printed_base}^{self.parenthesize(exponent, PRECEDENCE['Atom'], strict=True)}"


# ---------------------------------------------------------------- LaTeX

#: Characters of a user's name that LaTeX reads as commands (``%`` starts a comment, ``&`` a column), escaped for
#: math mode; ``_`` and ``^`` keep SymPy's meaning (subscript, superscript).
LATEX_ESCAPES = {"\\": r"\backslash ", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "{": r"\{", "}": r"\}",
                 "~": r"\sim ", "\n": r"\ ", "\t": r"\ "}


def escape_latex(name: str) -> str:
    """``name`` with the characters of :data:`LATEX_ESCAPES` escaped (``a%b`` → ``a\\%b``)."""
    return "".join(LATEX_ESCAPES.get(character, character) for character in name)


class LatexPrinter(_SympyLatexPrinter):
    """SymPy's LaTeX with the textbook term order, adjoints ``dx`` last in products, ``\\mathbb{1}`` for ones."""

    _default_settings = {**_SympyLatexPrinter._default_settings, "step_order": {}}

    def _split_super_sub(self, name):
        """SymPy's split of a name into base, superscripts and subscripts (``z_1``: ``z_{1}``, ``alpha``:
        ``\\alpha``); a part with a LaTeX special character is escaped, not translated (SymPy would print it
        raw: a name ``a%b`` commented out the rest of the line)."""
        if name is None or not any(character in name for character in LATEX_ESCAPES):
            return super()._split_super_sub(name)
        base, supers, subs = split_super_sub(name)
        return escape_latex(base), [escape_latex(p) for p in supers], [escape_latex(p) for p in subs]

    def _print(self, expr, **kwargs):
        # elementwise maps print in the course's notation here, not through their own str/latex methods
        if isinstance(expr, ElementwiseApplyFunction):
            return self._print_ElementwiseApplyFunction(expr)
        return super()._print(expr, **kwargs)

    def _print_Symbol(self, expr, style="plain"):
        shown = _shown_count(expr)
        if shown is None and (shown_as_typed(expr.name) or expr.name.endswith("_")):  # x1 beside x_1; lambda_
            return r"\mathrm{" + escape_latex(expr.name).replace("_", r"\_") + "}" + "'" * primes(expr)
        return super()._print_Symbol(expr if shown is None else shown, style) + "'" * primes(expr)

    def _print_log1p(self, expr, exp=None):
        return self._named_function(r"\operatorname{log1p}", expr, exp)

    def _print_expm1(self, expr, exp=None):
        return self._named_function(r"\operatorname{expm1}", expr, exp)

    def _named_function(self, name: str, expr, exp=None) -> str:
        """``name(x)`` whole (SymPy's default reads a trailing digit as a subscript: expm_1)."""
        text = rf"{name}\left({self._print(expr.args[0])}\right)"
        return text if exp is None else rf"{text}^{{{exp}}}"

    def _as_ordered_terms(self, expr, order=None):
        if (order or self._settings["order"]) in ("none", "old"):
            return super()._as_ordered_terms(expr, order)
        return textbook_terms(expr, self._settings["step_order"])

    def _print_Add(self, expr, order=None):
        if self._settings["order"] != "none" and all_negative(expr):
            return r"- \left(" + super()._print_Add(-expr, order) + r"\right)"
        return super()._print_Add(expr, order)

    def _print_MatAdd(self, expr):
        pieces = []
        for index, term in enumerate(positive_first(list(expr.args))):
            negative = is_negative(term)
            printed = self._print(negated(term) if negative else term)
            if self._needs_add_brackets(term) and not negative:
                printed = rf"\left({printed}\right)"
            pieces.append(("- " if index == 0 else " - ") + printed if negative else (" + " if index else "") + printed)
        return "".join(pieces)

    def _print_Mul(self, expr):
        args = expr.args
        if len(args) == 2 and args[0] == args[1] and not args[0].is_Number:
            return self._print(Pow(args[0], 2, evaluate=False))
        if len(args) == 2 and args[0] == -1 and args[1].is_Add:
            return r"- \left(" + self._print(args[1]) + r"\right)"
        front = [f for f in expr.args if isinstance(f, MatrixElement)]
        back = [f for f in expr.args if isinstance(f, Adjoint)]
        if not (front or back) or self._settings["order"] == "none":
            return super()._print_Mul(expr)
        coefficient, middle = Mul(*(f for f in expr.args if f not in front and f not in back)).as_coeff_Mul()
        pieces = [self._print(f) for f in front]
        if middle != 1:
            pieces.append(self.parenthesize(middle, PRECEDENCE["Mul"]))
        pieces += [self._print(f) for f in back]
        sign = "- " if coefficient == -1 else ("" if coefficient == 1 else self._print(coefficient) + " ")
        return sign + " ".join(pieces)

    def _print_Adjoint(self, expr):
        return "d" + self._print(expr.of)

    _print_MatrixAdjoint = _print_Adjoint

    def _print_Piecewise(self, expr):
        conditions = indicator_conditions(expr)
        if conditions is None:
            return super()._print_Piecewise(expr)
        return "".join(rf"\left[{self._print(condition)}\right]" for condition in conditions)

    def _needs_mul_brackets(self, expr, first=False, last=False) -> bool:
        if isinstance(expr, sympy.Piecewise) and indicator_conditions(expr) is not None:
            return False  # an Iverson bracket is its own group
        return super()._needs_mul_brackets(expr, first=first, last=last)

    def _print_Verbatim(self, expr):
        return expr.name

    def _print_Float(self, expr):
        return latex_number(expr)  # 10^{-7}, never 1e-07 (math mode reads it as 1·e − 07)

    def _print_OneMatrix(self, expr):
        return r"\mathbb{1}"

    def _print_to_dtype(self, expr):
        return self._print(expr.args[0])

    def _print_ElementwiseApplyFunction(self, expr):
        dummy, body = lambda_parts(expr.function)
        argument = self._print(expr.expr)
        if _needs_group(expr.expr, body, dummy):
            argument = rf"\left({argument}\right)"
        printed = self._print(body.xreplace({dummy: Verbatim(argument)}))
        return rf"\left({printed}\right)" if body.is_Add or body.is_Mul else printed


def _settings(unevaluated: bool, symbol_names, step_order) -> dict:
    settings = {"order": "none"} if unevaluated else {}
    if symbol_names:
        settings["symbol_names"] = symbol_names
    if step_order:
        settings["step_order"] = step_order
    return settings


def text(expr, *, unevaluated: bool = False, symbol_names: dict | None = None, step_order: dict | None = None,
         entrywise: bool = False) -> str:
    """``expr`` in the course's Unicode text notation.

    ``unevaluated`` keeps argument order as built; ``symbol_names`` ({symbol: text}) overrides how
    symbols print; ``step_order`` ({step symbol: index}) orders intermediate values in sums;
    ``entrywise`` (symbols stand for matrices, products are entrywise) writes ``Y·Z``, not ``YZ``.
    """
    settings = _settings(unevaluated, symbol_names, step_order)
    if entrywise:
        settings["entrywise"] = True
    return TextPrinter(settings).doprint(expr)


def latex(expr, *, unevaluated: bool = False, symbol_names: dict | None = None, step_order: dict | None = None) -> str:
    """``expr`` in LaTeX with the same conventions as :func:`text`."""
    return LatexPrinter(_settings(unevaluated, symbol_names, step_order)).doprint(expr)

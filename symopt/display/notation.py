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

This module is the text printer; the LaTeX printer is :mod:`.latex_notation` and what both share is
:mod:`.notation_rules`, their public names re-exported here.
"""

from __future__ import annotations

import sympy
from sympy import HadamardProduct, MatAdd, MatMul, Pow
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

from ..float_literals import elided, too_long_to_write
from ..grouped_products import GroupedProduct
from ..nodes import lambda_parts
from .glyphs import (
    FUNCTION_GLYPHS,
    SCRIPT_GLYPHS,
    Verbatim,
    pretty_name,
    primes,
    reads_as_function,
    spelled_out,
    superscript,
)
from .latex_notation import LatexPrinter, latex
from .typed_numbers import formula_number
from .notation_rules import (RELATION_GLYPHS, count_name, examples_counted_as, extremum_mask, extremum_order,
                             indicator_conditions, needs_group, printer_settings, shown_count)
from .ordering import (
    all_negative,
    factor_rank,
    is_negative,
    is_reciprocal,
    negated,
    positive_first,
    textbook_terms,
)
from .product_names import letters_joined

__all__ = ["TextPrinter", "LatexPrinter", "text", "latex", "RELATION_GLYPHS", "indicator_conditions",
           "count_name", "examples_counted_as"]


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


class TextPrinter(StrPrinter):
    """Unicode text in the course's notation; ``order="none"`` keeps unevaluated expressions as built."""

    _default_settings = {**StrPrinter._default_settings, "symbol_names": {}, "step_order": {}, "step_values": {},
                         "entrywise": False}

    def _print(self, expr, **kwargs):
        # elementwise maps print in the course's notation here, not through their own str/latex methods
        if isinstance(expr, ElementwiseApplyFunction):
            return self._print_ElementwiseApplyFunction(expr)
        return super()._print(expr, **kwargs)

    def _print_Symbol(self, expr):
        name = self._settings["symbol_names"].get(expr)
        if name is None and shown_count(expr) is not None:
            return pretty_name(shown_count(expr).name)
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
        return formula_number(expr)

    def _print_Integer(self, expr):
        """An integer in full, or cut (``331627509245... (5736 digits)``) past the digits Python writes out."""
        return elided(expr) if too_long_to_write(expr) else super()._print_Integer(expr)

    def _print_Rational(self, expr):
        if too_long_to_write(expr.p) or too_long_to_write(expr.q):
            return f"{elided(expr.p)}/{elided(expr.q)}" if expr.q != 1 else elided(expr.p)
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

    def _print_Infinity(self, expr):
        return "∞"  # a barrier's branch, {∞ if w < -1; w² otherwise}, as the numbers print it

    def _print_NegativeInfinity(self, expr):
        return "-∞"

    def _print_Exp1(self, expr):
        return "exp(1)" if spelled_out(sympy.E) else "e"  # beside a symbol named e (probe35 P35-1)

    def _print_Identity(self, expr):
        return "Id" if spelled_out(sympy.Identity) else "I"  # beside a matrix named I (probe35 P35-1)

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
        if needs_group(expr.expr, body, dummy):
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
        mask = extremum_mask(expr)
        if mask is not None:  # argmax(w, 2v, u) = u
            name, arguments, selected = mask
            return f"{name}({', '.join(self._print(a) for a in arguments)}) = {self._print(selected)}"
        return f"{self._print(expr.lhs)} {RELATION_GLYPHS[expr.rel_op]} {self._print(expr.rhs)}"

    def _print_Piecewise(self, expr):
        conditions = indicator_conditions(expr)
        if conditions is not None:
            return "".join(f"[{self._print(condition)}]" for condition in conditions)
        pieces = [f"{self._print(piece.expr)} if {self._print(piece.cond)}" if piece.cond is not sympy.true
                  else f"{self._print(piece.expr)} otherwise" for piece in expr.args]
        return "{" + "; ".join(pieces) + "}"

    def _print_ITE(self, expr):
        """SymPy's ``ITE(c, a, b)`` (a comparison of a Piecewise folds into it) as the Piecewise it is,
        ``{a if c; b otherwise}``, as SymPy's LaTeX printer writes it (probe92 P92-6)."""
        return self._print(expr.rewrite(sympy.Piecewise))

    def _print_Max(self, expr):
        return f"max({', '.join(self._print(arg) for arg in extremum_order(expr.args, self._settings['step_values']))})"

    def _print_Min(self, expr):
        return f"min({', '.join(self._print(arg) for arg in extremum_order(expr.args, self._settings['step_values']))})"

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
            inline = factor.is_Mul and not factor.args[0].is_Number and not any(map(is_reciprocal, factor.args)) \
                and not isinstance(factor, GroupedProduct)
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
            if (factor.is_Mul and any(is_reciprocal(f) for f in factor.args)) or \
                    isinstance(factor, (HadamardProduct, GroupedProduct)):  # the user's X(Wv): final43a F43a-11
                shown = f"({shown})"
            printed.append((_kind(factor, shown), shown))
        result = printed[0][1]
        for (before, shown_before), (kind, shown) in zip(printed, printed[1:]):
            glue = before in ("number", "letter", "group") and kind in ("letter", "group")
            if shown_before == "d":
                glue = False  # an input named d: d·w, never dw (a differential)
            if before == "letter" and reads_as_function(shown_before, kind):
                glue = False  # a symbol sigma: σ·(2w - 2), never σ(2w - 2) (the sigmoid of it); Σ·u, never Σu
            if self._settings["entrywise"] and before == kind == "letter":
                glue = False  # Y·Z entry by entry, never YZ (a matrix product)
            if before == kind == "letter" and letters_joined():
                glue = False  # b·c beside a name bc (probe68 P68-4)
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


def text(expr, *, unevaluated: bool = False, symbol_names: dict | None = None, step_order: dict | None = None,
         entrywise: bool = False, step_values: dict | None = None) -> str:
    """``expr`` in the course's Unicode text notation.

    ``unevaluated`` keeps argument order as built; ``symbol_names`` ({symbol: text}) overrides how
    symbols print; ``step_order`` ({step symbol: index}) orders intermediate values in sums;
    ``entrywise`` (symbols stand for matrices, products are entrywise) writes ``Y·Z``, not ``YZ``; ``step_values``
    ({step symbol: its value in the inputs}) lists a max's arguments in grad's order (``extremum_order``).
    """
    settings = printer_settings(unevaluated, symbol_names, step_order, step_values)
    if entrywise:
        settings["entrywise"] = True
    return TextPrinter(settings).doprint(expr)

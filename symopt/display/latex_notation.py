r"""The course's notation in LaTeX: :class:`LatexPrinter` (SymPy's LaTeX with the textbook term order of
:mod:`.ordering`, adjoints ``dx`` last in products, ``\mathbb{1}`` for ones, Iverson brackets) and :func:`latex`,
the same conventions as :func:`~symopt.display.notation.text`."""

from __future__ import annotations

import re

import sympy
from sympy import Mul, Pow
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.printing.latex import LatexPrinter as _SympyLatexPrinter
from sympy.printing.latex import greek_letters_set, translate
from sympy.printing.precedence import PRECEDENCE, precedence_traditional

from ..float_literals import elided, too_long_to_write
from ..nodes import lambda_parts
from .glyphs import Adjoint, Verbatim, latex_typed_parts, primes, shown_as_typed, split_name, spelled_out
from .latex_names import math_mode_name, typed_name
from .notation_rules import extremum_mask, extremum_order, indicator_conditions, needs_group, printer_settings, shown_count
from .typed_numbers import latex_formula_number
from .ordering import all_negative, is_negative, negated, positive_first, textbook_terms

__all__ = ["LatexPrinter", "latex", "LATEX_ESCAPES", "escape_latex", "joined_factors"]

#: Characters of a user's name that LaTeX reads as commands (``%`` starts a comment, ``&`` a column), escaped for
#: math mode; ``_`` and ``^`` keep SymPy's meaning (subscript, superscript); white space is ``\;``, not the control
#: space ``\ ``, which MathJax expands as a macro (see :data:`~symopt.display.render.LIST_SEPARATOR`).
LATEX_ESCAPES = {"\\": r"\backslash ", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "{": r"\{", "}": r"\}",
                 "~": r"\sim ", "\n": r"\;", "\t": r"\;"}

#: A symbol printed ``\sigma`` (``\sigma_{1}``) before a parenthesis, or ``\Sigma`` before any factor, in a
#: product: it would read as the sigmoid of the group (``\sigma\left(u\right)``) or as a sum (probe29 P29-2),
#: so a ``\cdot`` joins them, as ``·`` does in text (:func:`~symopt.display.glyphs.reads_as_function`).
_FUNCTION_LETTER_FACTOR = re.compile(r"\\sigma(?:[_^]\{[^{}]*\})* (?=\\left\()"
                                     r"|\\Sigma(?:[_^]\{[^{}]*\})* (?=[A-Za-z0-9]|\\(?!right|cdot))")


#: Marks where SymPy joins two factors while a product prints; ``str.split`` reads it as white space, as the
#: space it replaces, so SymPy's choice of a fraction's layout (by counting words) is unchanged.
_FACTOR_JOIN = "\x1f"
#: A factor printed as a name of several letters (``inp``, ``weight``, ``输入``, an adjoint ``dz``, ``d\theta``),
#: with its scripts: juxtaposed, ``inp weight`` would typeset as one italic run ``inpweight`` (probe47 P47-3).
#: A letter of a name as SymPy prints it: a letter, a Greek letter's command (``\alpha``, ``\Delta``, ``\varepsilon``),
#: an escaped ``\_`` (``\lambda\_`` of ``lambda_``).
_LETTER = r"(?:[^\W\d_]|\\_|\\(?:var)?(?:" + "|".join(sorted(
    {name for letter in greek_letters_set for name in (letter, letter.capitalize())}, key=len, reverse=True)) + \
    r")(?![A-Za-z]))"
#: A name of several such letters, one space at most between two (``\Delta w``, ``\alpha\beta``: probe75 P75-10).
_NAME_RUN = _LETTER + r"(?: ?" + _LETTER + r")+"
_WORD = (r"(?:[^\W\d_]{2,}|d\\[A-Za-z]+|d?\\text\{[^{}]*\}|d?\\mathrm\{[^{}]*\\_[^{}]*\}|" + _NAME_RUN
         + r")(?:[_^]\{[^{}]*\}|')*")  # \mathrm{w\_hidden\_layer\_1}: a name shown as typed, as text joins it
_ENDS_WITH_WORD = re.compile(r"(?:^|[\s{(])" + _WORD + r"$")
_STARTS_WITH_WORD = re.compile(_WORD + r"(?:$|[\s})])")


def joined_factors(pieces: list[str], separator: str) -> str:
    r"""The factors of a product joined as the text form joins them: ``\cdot`` beside a name of several letters
    (``2 \cdot inp \cdot v``, text ``2·inp·v``; ``x_{1} \cdot dz``, text ``x₁·dz``), else SymPy's ``separator``
    (``2 v x``)."""
    joined = pieces[0]
    for before, after in zip(pieces, pieces[1:]):
        word = _ENDS_WITH_WORD.search(before) or _STARTS_WITH_WORD.match(after)
        joined += (r" \cdot " if word else separator) + after
    return joined


def escape_latex(name: str) -> str:
    """``name`` with the characters of :data:`LATEX_ESCAPES` escaped (``a%b`` → ``a\\%b``)."""
    return "".join(LATEX_ESCAPES.get(character, character) for character in name)


def _as_typed(name: str) -> str:
    r"""``name`` upright as typed: ``\mathrm{x\_1}``; an apostrophe stays one (``\mathrm{w\text{'}}``), never the
    prime ``w'`` that marks a second symbol named ``w`` (probe59 P59-14); a non-ASCII name as
    :func:`~symopt.display.latex_names.typed_name` sets it (``\mathrm{\text{权\_1}}``, ``\mathrm{Alpha}``)."""
    return typed_name(name, LATEX_ESCAPES)


class LatexPrinter(_SympyLatexPrinter):
    """SymPy's LaTeX with the textbook term order, adjoints ``dx`` last in products, ``\\mathbb{1}`` for ones."""

    _default_settings = {**_SympyLatexPrinter._default_settings, "step_order": {}, "step_values": {}}

    def _split_super_sub(self, name):
        base, supers, subs = self._split_escaped(name)
        return (math_mode_name(base), [math_mode_name(p) for p in supers], [math_mode_name(p) for p in subs])

    def _split_escaped(self, name):
        """SymPy's split of a name into base, superscripts and subscripts (``z_1``: ``z_{1}``, ``alpha``:
        ``\\alpha``); braces that group a script are TeX's (``x^{(i)}``: :func:`~symopt.display.glyphs.split_name`);
        a part with a LaTeX special character is escaped, not translated (SymPy would print it raw: a name ``a%b``
        commented out the rest of the line)."""
        if name is None or not any(character in name for character in LATEX_ESCAPES):
            return super()._split_super_sub(name)
        if "\\" in name and latex_typed_parts(name) is not None:  # \bar{w}, \hat{\theta}: as sympy.latex prints it (probe52 P52-2)
            return super()._split_super_sub(name)
        base, supers, subs = split_name(name)  # x^{(i)}: the braces group the superscript (probe47 P47-2)
        if not any(character in part for part in (base, *supers, *subs) for character in LATEX_ESCAPES):
            return translate(base), [translate(p) for p in supers], [translate(p) for p in subs]
        return escape_latex(base), [escape_latex(p) for p in supers], [escape_latex(p) for p in subs]

    def _print(self, expr, **kwargs):
        # elementwise maps print in the course's notation here, not through their own str/latex methods
        if isinstance(expr, ElementwiseApplyFunction):
            return self._print_ElementwiseApplyFunction(expr)
        if expr is sympy.E and spelled_out(sympy.E):  # beside a symbol named e (probe35 P35-1); E has its own _latex
            return r"\exp\left(1\right)"
        return super()._print(expr, **kwargs)

    def _print_Symbol(self, expr, style="plain"):
        shown = shown_count(expr)
        if expr in self._settings["symbol_names"]:  # a glyph the caller chose (an optimizer's beta1_power: β₁ᵗ)
            return super()._print_Symbol(expr, style) + "'" * primes(expr)
        if shown is None and shown_as_typed(expr.name):  # x1 beside x_1; x__2, w_hidden_layer_1 (split_unclearly)
            return _as_typed(expr.name) + "'" * primes(expr)
        if shown is None and expr.name.endswith("_"):
            stem = expr.name[:-1]
            if stem and not stem.endswith("_"):  # lambda_: \lambda\_, as text's λ_ (probe40 P40-8)
                return super()._print_Symbol(sympy.Symbol(stem), style) + r"\_" + "'" * primes(expr)
            return _as_typed(expr.name) + "'" * primes(expr)
        return super()._print_Symbol(expr if shown is None else shown, style) + "'" * primes(expr)

    def parenthesize_super(self, s):
        r"""A power's base that is a name of several letters, with its subscript, in parentheses,
        ``\left(\Delta w\right)^{2}`` and ``\left(\Delta w_{1}\right)^{2}``, never ``\Delta w^{2}`` (Δ·w²), as a base
        with a superscript is (``\left(W^{[1]}\right)^{2}``)."""
        if re.fullmatch(r"(?:" + _NAME_RUN + r"|[^\W\d_]{2,})(?:_\{[^{}]*\})?", s):
            return rf"\left({s}\right)"
        return super().parenthesize_super(s)

    def _print_ExpBase(self, expr, exp=None):
        r"""``e^{w}``, or ``\exp\left(w\right)`` beside a symbol named e (final37 F37-6: ``\mathrm{e} e^{w}``)."""
        if spelled_out(sympy.E):
            return self._named_function(r"\exp", expr, exp)
        return super()._print_ExpBase(expr, exp)

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
        separator = self._settings["mul_symbol_latex"]
        self._settings["mul_symbol_latex"] = _FACTOR_JOIN
        try:
            printed = self._print_product(expr)
        finally:
            self._settings["mul_symbol_latex"] = separator
        printed = joined_factors(printed.split(_FACTOR_JOIN), separator)
        return _FUNCTION_LETTER_FACTOR.sub(lambda found: found.group(0) + r"\cdot ", printed)

    def _print_MatMul(self, expr):
        r"""SymPy's matrix product, its factors joined as a scalar product's (:func:`joined_factors`): ``inp \cdot weight``,
        ``\mathbb{1} \cdot bias``, never the italic run ``inpweight`` (final39b F39b-9); ``X W``, ``b \mathbb{1}``."""
        def grouped(factor):
            if isinstance(factor, Mul) and not isinstance(factor, sympy.MatMul):
                return self._print(factor)
            return self.parenthesize(factor, precedence_traditional(expr), False)

        args, sign = list(expr.args), ""
        if expr.could_extract_minus_sign():
            args = args[1:] if args[0] == -1 else [-args[0], *args[1:]]
            sign = "- "
        return sign + joined_factors([grouped(factor) for factor in args], " ")

    def _print_product(self, expr):
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
        join = self._settings["mul_symbol_latex"]
        sign = "- " if coefficient == -1 else ("" if coefficient == 1 else self._print(coefficient) + join)
        return sign + join.join(pieces)

    def _print_Adjoint(self, expr):
        return "d" + self._print(expr.of)

    _print_MatrixAdjoint = _print_Adjoint

    def _print_Max(self, expr, exp=None):
        return self._extremum(r"\max", expr, exp)

    def _print_Min(self, expr, exp=None):
        return self._extremum(r"\min", expr, exp)

    def _extremum(self, name: str, expr, exp=None) -> str:
        listed = ", ".join(self._print(argument) for argument in extremum_order(expr.args, self._settings["step_values"]))
        text = rf"{name}\left({listed}\right)"
        return text if exp is None else rf"{text}^{{{exp}}}"

    def _print_Equality(self, expr):
        mask = extremum_mask(expr)
        if mask is None:
            return super()._print_Relational(expr)
        name, arguments, selected = mask  # \operatorname{argmax}\left(w, 2 v, u\right) = u
        listed = ", ".join(self._print(argument) for argument in arguments)
        return rf"\operatorname{{{name}}}\left({listed}\right) = {self._print(selected)}"

    def _print_Piecewise(self, expr):
        conditions = indicator_conditions(expr)
        if conditions is None:
            return super()._print_Piecewise(expr)
        return "".join(rf"\left[{self._print(condition)}\right]" for condition in conditions)

    def _print_ITE(self, expr):
        """``ITE(c, a, b)`` as the cases of its Piecewise, as the text writes it (P92-6)."""
        return self._print(expr.rewrite(sympy.Piecewise))

    def _needs_mul_brackets(self, expr, first=False, last=False) -> bool:
        if isinstance(expr, sympy.Piecewise) and indicator_conditions(expr) is not None:
            return False  # an Iverson bracket is its own group
        return super()._needs_mul_brackets(expr, first=first, last=last)

    def _print_Verbatim(self, expr):
        return expr.name

    def _print_Integer(self, expr):
        r"""An integer in full, or cut (``331627509245\ldots`` and its count of digits) past the digits Python writes
        out."""
        if too_long_to_write(expr):
            head, count = elided(expr).split("... (")
            return rf"{head}\ldots\;(\text{{{count[:-1]}}})"
        return super()._print_Rational(expr)  # SymPy's LaTeX printer writes an Integer as a Rational

    def _print_Rational(self, expr):
        if too_long_to_write(expr.p) or too_long_to_write(expr.q):
            numerator, denominator = self._print(sympy.Integer(expr.p)), self._print(sympy.Integer(expr.q))
            return numerator if expr.q == 1 else rf"\frac{{{numerator}}}{{{denominator}}}"
        return super()._print_Rational(expr)

    def _print_Float(self, expr):
        return latex_formula_number(expr)  # 10^{-7}, never 1e-07 (math mode reads it as 1·e − 07)

    def _print_OneMatrix(self, expr):
        return r"\mathbb{1}"

    def _print_to_dtype(self, expr):
        return self._print(expr.args[0])

    def _print_ElementwiseApplyFunction(self, expr):
        dummy, body = lambda_parts(expr.function)
        argument = self._print(expr.expr)
        if needs_group(expr.expr, body, dummy):
            argument = rf"\left({argument}\right)"
        printed = self._print(body.xreplace({dummy: Verbatim(argument)}))
        return rf"\left({printed}\right)" if body.is_Add or body.is_Mul else printed


def latex(expr, *, unevaluated: bool = False, symbol_names: dict | None = None, step_order: dict | None = None,
          step_values: dict | None = None) -> str:
    """``expr`` in LaTeX with the same conventions as :func:`~symopt.display.notation.text`."""
    return LatexPrinter(printer_settings(unevaluated, symbol_names, step_order, step_values)).doprint(expr)

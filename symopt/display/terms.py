r"""Matrix formulas of the course's backward pass, printed three ways and evaluated with NumPy.

A formula is a small tree of :class:`Name` (``dZ₂``, ``A₁``), :class:`Transposed`
(``Xᵀ``), :class:`Product` (matrix product), :class:`Entrywise` (a scalar formula read
entry by entry: ``A₂ - Y``, ``1 - A₁²``), :class:`Times` (``∗``, the entrywise
product), :class:`Scaled` (``(1/m) ...``) and :class:`ExampleSum` (``Σ``: the sum
over the examples with dimensions kept, NumPy's ``np.sum(dZ, axis=1, keepdims=True)``).

Each node prints as Unicode text (``(1/m) dZ₁ Xᵀ``), LaTeX and NumPy code
(``1/m * dZ1 @ X.T``); with ``shapes=True`` every matrix operand carries its shape
(``(1/m) dZ₁ (4×m) · Xᵀ (m×2)``).  :func:`value` computes a formula from arrays.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass
from functools import partial
from typing import Union

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from ..evaluation import evaluate
from ..functions import step
from .glyphs import Verbatim, primes
from .latex_notation import joined_factors
from .notation import LatexPrinter
from .notation import latex as latex_of
from .notation import text as text_of
from .ordering import textbook_terms

__all__ = ["Name", "Transposed", "Plus", "Product", "Entrywise", "Times", "Scaled", "ExampleSum", "Formula",
           "text", "latex", "code", "value", "shape_text", "NUMPY_FUNCTIONS", "code_name"]


@dataclass(frozen=True)
class Name:
    """A matrix by name (``symbol`` is a ``MatrixSymbol``: its name and shape)."""

    symbol: sympy.MatrixSymbol


@dataclass(frozen=True)
class Transposed:
    of: "Formula"


@dataclass(frozen=True)
class Plus:
    """The sum ``left + right``, a row or column broadcast over the other (``W X + b``)."""

    left: "Formula"
    right: "Formula"


@dataclass(frozen=True)
class Product:
    """The matrix product ``left · right``."""

    left: "Formula"
    right: "Formula"


@dataclass(frozen=True)
class Entrywise:
    """A scalar formula over scalar stand-ins of matrices (``{stand-in: matrix symbol}``), read entry by entry."""

    expression: sympy.Basic
    matrices: tuple  # ((scalar symbol, MatrixSymbol), ...)
    shape: tuple


@dataclass(frozen=True)
class Times:
    """The entrywise product ``left ∗ right``."""

    left: "Formula"
    right: "Formula"


@dataclass(frozen=True)
class Scaled:
    """``factor`` (a scalar such as ``1/m``) times a matrix formula."""

    factor: sympy.Basic
    of: "Formula"


@dataclass(frozen=True)
class ExampleSum:
    """``Σ``: the sum over the examples along ``axis``, dimensions kept; ``axis=None`` sums every entry
    (``np.sum(dZ)``, the gradient of a scalar bias)."""

    of: "Formula"
    axis: int | None


Formula = Union[Name, Transposed, Plus, Product, Entrywise, Times, Scaled, ExampleSum]


# ---------------------------------------------------------------- shapes

def shape_of(formula) -> tuple:
    """The shape ``(rows, cols)`` of a formula, as SymPy dimensions."""
    if isinstance(formula, Name):
        return tuple(formula.symbol.shape)
    if isinstance(formula, Transposed):
        rows, cols = shape_of(formula.of)
        return (cols, rows)
    if isinstance(formula, Product):
        return (shape_of(formula.left)[0], shape_of(formula.right)[1])
    if isinstance(formula, Plus):
        return shape_of(formula.left)
    if isinstance(formula, Entrywise):
        return formula.shape
    if isinstance(formula, Times):
        return shape_of(formula.left)
    if isinstance(formula, Scaled):
        return shape_of(formula.of)
    rows, cols = shape_of(formula.of)
    if formula.axis is None:
        return (sympy.Integer(1), sympy.Integer(1))
    return (sympy.Integer(1), cols) if formula.axis == 0 else (rows, sympy.Integer(1))


def shape_text(shape, latex: bool = False, names: dict | None = None) -> str:
    """``(4×m)``, or ``4 \\times m`` for LaTeX; ``names`` ({symbol: text}) renames a symbol (the count ``m``)."""
    rows, cols = (latex_of(d, symbol_names=names) if latex else text_of(d, symbol_names=names) for d in shape)
    return rf"{rows} \times {cols}" if latex else f"({rows}×{cols})"


# ---------------------------------------------------------------- text and LaTeX

def _annotate(printed: str, formula, shapes: bool, as_latex: bool, names: dict | None) -> str:
    if not shapes:
        return printed
    if as_latex:
        return rf"\underset{{{shape_text(shape_of(formula), True, names)}}}{{{printed}}}"
    return f"{printed} {shape_text(shape_of(formula), False, names)}"


def _entrywise_latex(expr) -> str:
    """LaTeX of an entrywise formula; ``Y \\cdot Z`` where two names meet (never ``Y Z``, a matrix product)."""
    named_pairs = any(sum(1 for factor in product.args if factor.is_Symbol) >= 2 for product in expr.find(sympy.Mul))
    return LatexPrinter({"mul_symbol": "dot"} if named_pairs else {}).doprint(expr)


def _entrywise(formula: Entrywise, as_latex: bool) -> str:
    """The scalar formula with each stand-in printed as its matrix; ``step(Z)`` as ``(Z > 0)``."""
    shown = formula.expression.xreplace({scalar: sympy.Symbol(str(matrix.name)) for scalar, matrix in formula.matrices})
    printer = _entrywise_latex if as_latex else partial(text_of, entrywise=True)
    pattern = r"\left(%s > 0\right)" if as_latex else "(%s > 0)"
    shown = shown.replace(step, lambda argument: Verbatim(pattern % printer(argument)))
    return printer(shown)


def _operand(formula, shapes: bool, as_latex: bool, names: dict | None) -> str:
    """A factor of a product or of ``∗``: sums in parentheses, then the shape."""
    printed = _print(formula, shapes, as_latex, names)
    if isinstance(formula, Entrywise) and (formula.expression.is_Add or formula.expression.is_Mul) \
            and not printed.startswith("("):
        printed = rf"\left({printed}\right)" if as_latex else f"({printed})"
    if isinstance(formula, (Name, Transposed, Entrywise)):
        return _annotate(printed, formula, shapes, as_latex, names)
    return printed


def _print(formula, shapes: bool, as_latex: bool, names: dict | None = None) -> str:
    if isinstance(formula, Name):
        return latex_of(formula.symbol) if as_latex else text_of(formula.symbol)
    if isinstance(formula, Transposed):
        inner = _print(formula.of, False, as_latex, names)
        if not isinstance(formula.of, Name):
            inner = rf"\left({inner}\right)" if as_latex else f"({inner})"
        return f"{inner}^{{T}}" if as_latex else f"{inner}ᵀ"
    if isinstance(formula, Plus):
        return _operand(formula.left, shapes, as_latex, names) + " + " + _operand(formula.right, shapes, as_latex, names)
    if isinstance(formula, Product):
        factors = [_operand(formula.left, shapes, as_latex, names), _operand(formula.right, shapes, as_latex, names)]
        if shapes:
            return (r" \cdot " if as_latex else " · ").join(factors)
        return joined_factors(factors, " ") if as_latex else " ".join(factors)  # never the italic run XdW₁
    if isinstance(formula, Entrywise):
        return _entrywise(formula, as_latex)
    if isinstance(formula, Times):
        glue = r" \ast " if as_latex else " ∗ "
        return _operand(formula.left, shapes, as_latex, names) + glue + _operand(formula.right, shapes, as_latex, names)
    if isinstance(formula, Scaled):
        factor = latex_of(formula.factor, symbol_names=names) if as_latex else _factor_text(formula.factor, names)
        return f"{factor} {_operand(formula.of, shapes, as_latex, names)}"
    inner = _operand(formula.of, shapes, as_latex, names)
    return rf"\sum {inner}" if as_latex else f"Σ {inner}"


def _factor_text(factor, names: dict | None = None) -> str:
    """A scale factor as text: ``2λ``, ``0.02``, in parentheses where it holds a quotient, a sum or a sign
    (``(1/m)``, ``(λ/m)``)."""
    printed = text_of(factor, symbol_names=names)
    return f"({printed})" if any(mark in printed for mark in "/+- ") else printed


def text(formula, shapes: bool = False, names: dict | None = None) -> str:
    """Unicode text: ``(1/m) dZ₁ Xᵀ``; with shapes ``(1/m) dZ₁ (4×m) · Xᵀ (m×2)``; ``names`` ({symbol: text})
    renames symbols of shapes and factors (the count ``m`` where an input is named ``m``)."""
    return _print(formula, shapes, False, names)


def latex(formula, shapes: bool = False, names: dict | None = None) -> str:
    r"""LaTeX: ``\frac{1}{m} dZ_{1} X^{T}``; with shapes each operand is ``\underset{4 \times m}{dZ_{1}}``."""
    return _print(formula, shapes, True, names)


# ---------------------------------------------------------------- NumPy code

class _CodePrinter(StrPrinter):
    """Entrywise formulas as NumPy code: ``np.log(A2)``, ``(Z1 > 0)``; a sum's terms in the text's textbook order
    (``Z - Y``, never SymPy's ``-Y + Z``: probe68 P68-6)."""

    def _as_ordered_terms(self, expr, order=None):
        return textbook_terms(expr)

    def _print_Function(self, expr):
        name = expr.func.__name__
        prefix = "np." if name in ("exp", "log", "tanh", "sqrt", "abs", "sign") else ""
        return f"{prefix}{name}({', '.join(self._print(a) for a in expr.args)})"

    def _print_Verbatim(self, expr):
        return expr.name

    def _print_Piecewise(self, expr):
        """``(Z*y <= 1)`` of the indicator ``[Zy ≤ 1]``, else nested ``np.where(condition, value, rest)``."""
        (value, condition), rest = expr.args[0], expr.args[1:]
        if not rest:
            return self._print(value)
        if value == 1 and rest[0].expr == 0 and rest[0].cond == sympy.true:
            return f"({self._print(condition)})"
        return f"np.where({self._print(condition)}, {self._print(value)}, {self._print(sympy.Piecewise(*rest))})"

    def _print_Float(self, expr):
        return repr(float(expr))

    def _print_Symbol(self, expr):
        """A name Python reserves gets an underscore: ``lambda_``."""
        name = str(expr.name)
        return name + "_" if keyword.iskeyword(name) else name


def code_name(symbol) -> str:
    """``symbol``'s name in the course's NumPy code: ``W``; ``W_1`` for a second matrix named ``W`` (it prints
    ``W′``), as symopt's generated code names it; ``dW_1`` for its adjoint."""
    of = getattr(symbol, "of", None)
    if of is not None:
        return "d" + code_name(of)
    count = primes(symbol)
    return str(symbol.name) + (f"_{count}" if count else "")


def _code(formula, names: dict) -> str:
    if isinstance(formula, Name):
        return code_name(formula.symbol)
    if isinstance(formula, Transposed):
        inner = _code(formula.of, names)
        return (inner if isinstance(formula.of, Name) else f"({inner})") + ".T"
    if isinstance(formula, Plus):
        return f"{_code(formula.left, names)} + {_code(formula.right, names)}"
    if isinstance(formula, Product):
        return f"{_code_operand(formula.left, names)} @ {_code_operand(formula.right, names)}"
    if isinstance(formula, Entrywise):
        shown = formula.expression.xreplace({s: Verbatim(str(m.name)) for s, m in formula.matrices})
        shown = shown.replace(step, lambda x: Verbatim(f"({_CodePrinter().doprint(x)} > 0)"))
        return _CodePrinter().doprint(shown)
    if isinstance(formula, Times):
        return f"{_code_operand(formula.left, names)} * {_code_operand(formula.right, names)}"
    if isinstance(formula, Scaled):
        factor = formula.factor.xreplace({symbol: Verbatim(name) for symbol, name in names.items()})
        return f"{_CodePrinter().doprint(factor)} * {_code_operand(formula.of, names)}"
    if formula.axis is None:
        return f"np.sum({_code(formula.of, names)})"
    return f"np.sum({_code(formula.of, names)}, axis={formula.axis}, keepdims=True)"


def _code_operand(formula, names: dict) -> str:
    printed = _code(formula, names)
    if isinstance(formula, Entrywise) and (formula.expression.is_Add or formula.expression.is_Mul):
        return f"({printed})"
    return printed


def code(formula, names: dict | None = None) -> str:
    """NumPy code: ``1/m * dZ1 @ X.T``, ``1/m * np.sum(dZ1, axis=1, keepdims=True)``; ``names`` as in :func:`text`."""
    return _code(formula, names or {})


# ---------------------------------------------------------------- values

def _step(x):
    return (np.asarray(x) > 0).astype(float)


def _sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.exp(-np.logaddexp(0.0, -x))


#: NumPy implementations of symopt's scalar functions, for evaluating entrywise formulas.
NUMPY_FUNCTIONS = {"sigmoid": _sigmoid, "step": _step, "relu": lambda x: np.maximum(x, 0.0),
                   "softplus": lambda x: np.logaddexp(0.0, x),
                   "leaky_relu": lambda x, a: np.where(np.asarray(x) > 0, x, a * np.asarray(x))}


def entrywise_value(expression, arrays: dict, dimensions: dict):
    """A scalar formula evaluated entry by entry on ``{scalar symbol: array}``."""
    symbols = list(arrays)
    function = sympy.lambdify(symbols, expression.xreplace(dimensions), modules=[NUMPY_FUNCTIONS, "numpy"])
    with np.errstate(all="ignore"):
        return np.asarray(function(*(arrays[s] for s in symbols)), dtype=float)


def factor_value(factor, arrays: dict, dimensions: dict) -> float:
    r"""A scalar factor's number: a constant (``1/m``, ``2λ``) or one that reads the parameters (a norm penalty's
    :math:`0.1/\sqrt{\sum W\circ W}`), evaluated at their arrays."""
    factor = sympy.sympify(sympy.sympify(factor).xreplace(dimensions))  # a bare λ is replaced by a Python float
    if factor.is_number:
        return float(factor)
    return float(evaluate(factor, {symbol: arrays[symbol] for symbol in arrays if factor.has(symbol)}))


def value(formula, arrays: dict, dimensions: dict):
    """The formula's value from ``{MatrixSymbol: array}``; ``dimensions`` binds ``m`` (``{m: 5}``)."""
    if isinstance(formula, Name):
        return np.asarray(arrays[formula.symbol], dtype=float)
    if isinstance(formula, Transposed):
        return value(formula.of, arrays, dimensions).T
    if isinstance(formula, Product):
        return value(formula.left, arrays, dimensions) @ value(formula.right, arrays, dimensions)
    if isinstance(formula, Plus):
        return value(formula.left, arrays, dimensions) + value(formula.right, arrays, dimensions)
    if isinstance(formula, Entrywise):
        stand_ins = {scalar: arrays[matrix] for scalar, matrix in formula.matrices}
        rows, cols = (int(sympy.sympify(d).xreplace(dimensions)) for d in formula.shape)
        return np.broadcast_to(entrywise_value(formula.expression, stand_ins, dimensions), (rows, cols))
    with np.errstate(all="ignore"):
        if isinstance(formula, Times):
            return value(formula.left, arrays, dimensions) * value(formula.right, arrays, dimensions)
        if isinstance(formula, Scaled):
            return factor_value(formula.factor, arrays, dimensions) * value(formula.of, arrays, dimensions)
        return np.sum(value(formula.of, arrays, dimensions), axis=formula.axis, keepdims=True)

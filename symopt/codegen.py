r"""Print a :class:`~symopt.program.Program` as Python source, and compile it.

:class:`ProgramPrinter` is a SymPy ``NumPyPrinter`` with one ``_print_<Class>``
method per matrix node.  Products with all-ones matrices become reductions and
broadcasts (:math:`\mathbf 1^\top A` → ``A.sum(axis=0, keepdims=True)``), so no
:math:`m \times m` temporary is ever built.  Scalar programs in float64 print
with the ``math`` module on Python floats, which is fastest for the lecture's costs.
"""

from __future__ import annotations

import builtins
import itertools
import keyword
import linecache
import math
import re
import weakref
from typing import Sequence

import numpy
import sympy
from sympy import OneMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.printing.numpy import NumPyPrinter
from sympy.printing.precedence import PRECEDENCE, precedence

from . import runtime
from .nodes import lambda_parts
from .errors import UnsupportedOperationError
from .symbols import BATCH

__all__ = ["ProgramPrinter", "python_names", "compile_source", "namespace_for"]

_MATH_FUNCTIONS = {"sigmoid": "sigmoid", "softplus": "softplus", "step": "step"}


#: SymPy function name -> ``math`` module name where they differ (NumPy says arcsin, math says asin).
_MATH_NAMES = {"ln": "log", "Sqrt": "sqrt"}


class ProgramPrinter(NumPyPrinter):
    """Prints symopt programs; ``module`` is ``"numpy"`` (arrays) or ``"math"`` (Python floats)."""

    printmethod = "_symopt_code"

    def __init__(self, names: dict, module: str = "numpy", dtype: str = "float64"):
        super().__init__({"fully_qualified_modules": True, "order": "none", "allow_unknown_functions": False})
        self.printmethod = "_symopt_code"  # NumPyPrinter sets "_numpycode" on the instance
        self.names = names
        self.module = module
        self.dtype = dtype
        if module == "math":
            self.known_functions = {name: f"math.{_MATH_NAMES.get(name, name)}" for name in self.known_functions
                                    if hasattr(math, _MATH_NAMES.get(name, name))}

    # -- names
    def _print_Symbol(self, expr):
        try:
            return self.names[expr]
        except KeyError:
            raise UnsupportedOperationError(f"symbol {expr} is not an input of the program") from None

    _print_MatrixSymbol = _print_Symbol
    _print_Dummy = _print_Symbol

    def _module_format(self, fqn, register=True):
        """Only names the generated code's globals hold (``numpy``, ``math``): anything else is refused
        when the code is generated, never a ``NameError`` when it runs."""
        if _resolve(fqn) is None:
            raise UnsupportedOperationError(f"generated {self.module} code would call {fqn}, which it does not "
                                            "have; rewrite the expression with supported operations")
        return super()._module_format(fqn, register)

    def _helper_minimum_maximum(self, op: str, *args):
        """``op(a, op(b, c))``: nested binary calls (NumPy's printer folds with ``functools.reduce``)."""
        texts = [self._print(arg) for arg in args]
        folded = texts[-1]
        for text in reversed(texts[:-1]):
            folded = f"{op}({text}, {folded})"
        return folded

    def _print_MatrixElement(self, expr):
        return f"{self._print(expr.parent)}[{int(expr.i)}, {int(expr.j)}]"

    # -- scalar functions
    def _print_sigmoid(self, expr):
        return f"sigmoid({self._print(expr.args[0])})"

    def _print_softplus(self, expr):
        return f"softplus({self._print(expr.args[0])})"

    def _print_step(self, expr):
        # not ``step``: the generated ``step`` function and ``train``'s loop variable would shadow it
        return f"heaviside({self._print(expr.args[0])})"

    def _print_relu(self, expr):
        arg = self._print(expr.args[0])
        return f"max({arg}, 0.0)" if self.module == "math" else f"numpy.maximum({arg}, 0)"

    def _print_leaky_relu(self, expr):
        """``max(x, a*x)``: the product's factors parenthesized, so ``leaky_relu(u + v)`` is ``(u + v)*a``."""
        x, slope = expr.args
        scaled = f"{self.parenthesize(slope, PRECEDENCE['Mul'])}*{self.parenthesize(x, PRECEDENCE['Mul'])}"
        text = self._print(x)
        return f"max({text}, {scaled})" if self.module == "math" else f"numpy.maximum({text}, {scaled})"

    def _print_Float(self, expr):
        """Every bit of a double: SymPy's own printer rounds a 53-bit Float to 15 significant digits."""
        return repr(float(expr)) if expr._prec <= 53 else super()._print_Float(expr)

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_sign(self, expr):
        arg = self._print(expr.args[0])
        return f"(math.copysign(1.0, {arg}) if {arg} else 0.0)" if self.module == "math" else f"numpy.sign({arg})"

    def _print_Max(self, expr):
        return self._extremum(expr, "max", "numpy.maximum")

    def _print_Min(self, expr):
        return self._extremum(expr, "min", "numpy.minimum")

    def _extremum(self, expr, builtin: str, ufunc: str) -> str:
        """``max(a, b, c)`` on floats; ``numpy.maximum(a, numpy.maximum(b, c))`` on arrays (keeps the dtype)."""
        args = [self._print(a) for a in expr.args]
        if self.module == "math":
            return f"{builtin}({', '.join(args)})"
        text = args[-1]
        for arg in reversed(args[:-1]):
            text = f"{ufunc}({arg}, {text})"
        return text

    def _print_Piecewise(self, expr):
        """``(a if c else b)`` on floats, ``numpy.where(c, a, b)`` (a mask) on arrays; no true condition: nan."""
        text = "math.nan" if self.module == "math" else "numpy.nan"
        for pair in reversed(expr.args):
            value = self._branch(pair.expr)
            if pair.cond is sympy.true:
                text = value
            elif self.module == "math":
                text = f"({value} if {self._print(pair.cond)} else {text})"
            else:
                text = f"numpy.where({self._print(pair.cond)}, {value}, {text})"
        return text

    def _branch(self, value) -> str:
        """A constant branch in the program's dtype, so a 0/1 mask never turns float32 into float64."""
        if value.is_number:
            number = repr(float(value))
            return number if self.module == "math" else f"dtype.type({number})"
        return self._print(value)

    def _print_Relational(self, expr):
        left = self.parenthesize(expr.lhs, PRECEDENCE["Relational"] + 1)
        right = self.parenthesize(expr.rhs, PRECEDENCE["Relational"] + 1)
        return f"({left} {expr.rel_op} {right})"

    def _print_And(self, expr):
        return self._connective(expr, "and", "&")

    def _print_Or(self, expr):
        return self._connective(expr, "or", "|")

    def _connective(self, expr, word: str, operator: str) -> str:
        joiner = f" {word} " if self.module == "math" else f" {operator} "
        return "(" + joiner.join(self._print(a) for a in expr.args) + ")"

    def _print_Not(self, expr):
        inner = self._print(expr.args[0])
        return f"(not {inner})" if self.module == "math" else f"numpy.logical_not({inner})"

    def _print_BooleanTrue(self, expr):
        return "True"

    def _print_BooleanFalse(self, expr):
        return "False"

    def _print_Heaviside(self, expr):
        """:math:`H(x)` with SymPy's :math:`H(0) = 1/2` (or the value given as second argument)."""
        x, at_zero = (self._print(a) for a in expr.args)
        if self.module == "math":
            return f"(1.0 if {x} > 0 else ({float(expr.args[1])!r} if {x} == 0 else 0.0))"
        return f"numpy.heaviside({x}, {float(expr.args[1])!r})"

    def _print_floor(self, expr):
        return self._rounding(expr, "floor")

    def _print_ceiling(self, expr):
        return self._rounding(expr, "ceil")

    def _rounding(self, expr, name: str) -> str:
        arg = self._print(expr.args[0])
        return f"float(math.{name}({arg}))" if self.module == "math" else f"numpy.{name}({arg})"

    def _print_erf(self, expr):
        return self._error_function(expr, "erf")

    def _print_erfc(self, expr):
        return self._error_function(expr, "erfc")

    def _error_function(self, expr, name: str) -> str:
        prefix = "math." if self.module == "math" else ""  # NumPy has no erf: symopt.runtime's, in the input dtype
        return f"{prefix}{name}({self._print(expr.args[0])})"

    def _print_MatPow(self, expr):
        """``S**n`` as ``numpy.linalg.matrix_power``; a 1 x 1 matrix's power (``sqrt(r @ q)``) entry by entry."""
        base, exponent = expr.args
        if tuple(base.shape) == (1, 1):
            return self._print_HadamardPower(expr)
        return f"numpy.linalg.matrix_power({self._print(base)}, {self._print(exponent)})"

    def _print_Pi(self, expr):
        return "math.pi" if self.module == "math" else super()._print_Pi(expr)

    def _print_Exp1(self, expr):
        return "math.e" if self.module == "math" else super()._print_Exp1(expr)

    def _print_not_supported(self, expr):
        from .derivatives import PARTIALS
        name = getattr(getattr(expr, "func", None), "__name__", type(expr).__name__)
        raise UnsupportedOperationError(
            f"no code printer for {name} (in {expr}) on the {self.module} backend: generated code can compute "
            f"{', '.join(sorted(cls.__name__ for cls in PARTIALS))}, sympy's elementary functions and symopt's "
            "matrix nodes. Rewrite the expression with those (see docs/functions.md).")

    def _print_loggamma(self, expr):
        return self._math_only(expr, "lgamma")

    def _print_gamma(self, expr):
        return self._math_only(expr, "gamma")

    def _math_only(self, expr, name: str) -> str:
        if self.module != "math":
            return self._print_not_supported(expr)
        return f"math.{name}({self._print(expr.args[0])})"

    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.args
        if self.module == "math" and not exponent.is_Integer and exponent not in (sympy.S.Half, -sympy.S.Half):
            # Python's (-8.0)**(1/3) is a complex number; math.pow raises like math.sqrt(-1) (NumPy: nan)
            return f"math.pow({self._print(base)}, {self._print(exponent)})"
        if exponent == sympy.Rational(-1, 2):
            return f"(1/{self.module}.sqrt({self._print(base)}))"
        if exponent == sympy.S.Half:
            return f"{self.module}.sqrt({self._print(base)})"
        if exponent == -1:
            return f"1/{self.parenthesize(base, PRECEDENCE['Pow'])}"
        if self.module == "math" and not exponent.is_integer:
            # Python's float ** gives a complex number for (-8.0)**(1/3); math.pow raises, like NumPy's nan
            return f"math.pow({self._print(base)}, {self._print(exponent)})"
        return super()._print_Pow(expr, rational=rational)

    def _print_Mul(self, expr):
        # An unevaluated product (it holds a nested Mul, as the optimizers' rules do) multiplies by
        # x**(-1/2) as written, ``a*(1/sqrt(x))`` (TF1's rsqrt), never ``a/sqrt(x)``: the digits differ.
        factors = expr.args
        if len(factors) == 2 and factors[0] == -1 and isinstance(factors[1], sympy.Mul):
            inner = self._print_Mul(factors[1])
            return f"-{inner}" if inner.startswith("(") or not inner.startswith("-") else f"-({inner})"
        if any(isinstance(f, sympy.Mul) for f in factors) and \
                any(isinstance(f, sympy.Pow) and f.exp == sympy.Rational(-1, 2) for f in factors):
            return "*".join(self.parenthesize(f, PRECEDENCE["Mul"]) for f in factors)
        return super()._print_Mul(expr)

    # -- matrix nodes
    def _print_Transpose(self, expr):
        return f"{self.parenthesize(expr.arg, PRECEDENCE['Atom'], strict=True)}.T"

    def _print_MatAdd(self, expr):
        pieces = []
        for text in self._elementwise_operands(expr.args):
            if pieces and text.startswith("-"):
                pieces.append(f"- {text[1:]}")
            else:
                pieces.append(f"+ {text}" if pieces else text)
        return " ".join(pieces)

    def _print_HadamardProduct(self, expr):
        return "*".join(self._elementwise_operands(expr.args, PRECEDENCE["Mul"]))

    def _elementwise_operands(self, operands, level=None) -> list[str]:
        """Print operands of ``+`` or ``*``; broadcasts become NumPy's implicit broadcasting
        when another operand already has the full shape."""
        bare = [self._unbroadcast(a) for a in operands]
        full = any(b is None for b in bare)
        boolean_steps = level is not None and not all(_is_step(a) for a in operands)
        texts = []
        for operand, plain in zip(operands, bare):
            if full and plain is not None:
                texts.append(plain if level is None else f"({plain})")
            elif boolean_steps and _is_step(operand):
                texts.append(f"({self.parenthesize(operand.expr, PRECEDENCE['Atom'], strict=True)} > 0)")
            else:
                texts.append(self._print(operand) if level is None else self.parenthesize(operand, level))
        return texts

    def _unbroadcast(self, operand):
        """The text of a broadcasting product without its ``broadcast_to``, or None."""
        if not isinstance(operand, sympy.MatMul):
            return None
        coefficient, matrices = operand.as_coeff_matrices()
        _, _, bare = self._fold(list(matrices))
        if bare is None:
            return None
        if coefficient == 1:
            return bare
        if coefficient == -1:
            return f"-{self.parenthesize_text(bare)}"
        return f"{self.parenthesize(coefficient, PRECEDENCE['Mul'])}*{self.parenthesize_text(bare)}"

    def _print_HadamardPower(self, expr):
        base, exponent = expr.args
        return f"{self.parenthesize(base, PRECEDENCE['Pow'] + 1)}**{self.parenthesize(exponent, PRECEDENCE['Pow'] + 1)}"

    def _print_ElementwiseApplyFunction(self, expr):
        dummy, body = lambda_parts(expr.function)
        argument = self.parenthesize(expr.expr, PRECEDENCE["Atom"], strict=True)
        placeholder = sympy.Dummy("arg")
        previous = self.names.get(placeholder)
        self.names[placeholder] = argument
        try:
            text = self._print(body.xreplace({dummy: placeholder}))
        finally:
            self.names.pop(placeholder, previous)
        # the body may be a sum or product: keep it one operand of the enclosing @, *, + ...
        # (nodes that declare their precedence are parenthesized by the caller instead)
        if hasattr(expr, "precedence") or precedence(body) >= PRECEDENCE["Func"]:
            return text
        return f"({text})"

    def _print_ElementSum(self, expr):
        r"""``sum(A)``; all-ones factors at either end of a product only scale it:
        :math:`\sum (\mathbf 1_{a\times r} M \mathbf 1_{c\times b}) = a\,b \sum M`."""
        matrix, factor = expr.matrix, sympy.S.One
        if isinstance(matrix, sympy.MatMul):
            coefficient, matrices = matrix.as_coeff_matrices()
            matrices = list(matrices)
            while len(matrices) > 1 and isinstance(matrices[0], OneMatrix):
                factor *= matrices.pop(0).shape[0]
            while len(matrices) > 1 and isinstance(matrices[-1], OneMatrix):
                factor *= matrices.pop().shape[1]
            if factor != 1 or len(matrices) < len(matrix.as_coeff_matrices()[1]):
                matrix, factor = sympy.MatMul(*matrices) if len(matrices) > 1 else matrices[0], factor * coefficient
        total = f"{self.parenthesize(matrix, PRECEDENCE['Atom'], strict=True)}.sum()"
        if factor == 1 or factor == -1:
            return total if factor == 1 else f"-{total}"
        return f"{self.parenthesize(factor, PRECEDENCE['Mul'])}*{total}"

    def _print_LogSumExp(self, expr):
        return f"logsumexp({self._print(expr.matrix)}, axis={expr.axis})"

    def _print_OneMatrix(self, expr):
        return f"numpy.ones(({self._print(expr.shape[0])}, {self._print(expr.shape[1])}), dtype={self.dtype!r})"

    def _print_ZeroMatrix(self, expr):
        return f"numpy.zeros(({self._print(expr.shape[0])}, {self._print(expr.shape[1])}), dtype={self.dtype!r})"

    def _print_Identity(self, expr):
        return f"numpy.eye({self._print(expr.shape[0])}, dtype={self.dtype!r})"

    def _print_Trace(self, expr):
        return f"numpy.trace({self._print(expr.arg)})"

    def _print_ImmutableDenseMatrix(self, expr):
        rows = ", ".join("[" + ", ".join(self._print(v) for v in expr.row(i)) + "]" for i in range(expr.rows))
        return f"numpy.array([{rows}], dtype={self.dtype!r})"

    def _print_MatMul(self, expr):
        coefficient, matrices = expr.as_coeff_matrices()
        text, shape = self._fold_product(list(matrices))
        if coefficient == 1:
            return text
        if " @ " in text:  # scale the (small) product, not its (large) first factor
            text = f"({text})"
        if coefficient == -1:
            return f"-{text}"
        return f"{self.parenthesize(coefficient, PRECEDENCE['Mul'])}*{text}"

    def _fold_product(self, matrices: list) -> tuple[str, tuple]:
        text, shape, _ = self._fold(matrices)
        return text, shape

    def _fold(self, matrices: list) -> tuple[str, tuple, str | None]:
        r"""Fold ``A @ B @ ...`` left to right; all-ones factors become sums and broadcasts.

        Returns the text, the shape, and the text before a final ``broadcast_to`` (or None).
        """
        first = matrices[0]
        pending_ones = first if isinstance(first, OneMatrix) else None
        text = None if pending_ones is not None else self.parenthesize(first, PRECEDENCE["Mul"] + 1)
        shape, bare = first.shape, None
        for matrix in matrices[1:]:
            rows, cols = shape[0], matrix.shape[1]
            bare = None
            if pending_ones is not None and not isinstance(matrix, OneMatrix):
                summed = self.parenthesize(matrix, PRECEDENCE["Mul"] + 1) if matrix.shape[0] == 1 else \
                    f"{self.parenthesize(matrix, PRECEDENCE['Atom'], strict=True)}.sum(axis=0, keepdims=True)"
                text, bare = (summed, None) if rows == 1 else (self._broadcast(summed, rows, cols), summed)
                pending_ones = None
            elif isinstance(matrix, OneMatrix):
                if text is None:
                    raise UnsupportedOperationError("product of all-ones matrices should have been merged")
                summed = text if shape[1] == 1 else f"{self.parenthesize_text(text)}.sum(axis=1, keepdims=True)"
                text, bare = (summed, None) if cols == 1 else (self._broadcast(summed, rows, cols), summed)
            else:
                text = f"{text} @ {self.parenthesize(matrix, PRECEDENCE['Mul'] + 1)}"
            shape = (rows, cols)
        if text is None:
            text = self._print(first)
        return text, shape, bare

    def parenthesize_text(self, text: str) -> str:
        """Parentheses unless ``text`` is a name or a call such as ``f(a, b)``."""
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", text):
            return text
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*\(.*\)", text) and _balanced_call(text):
            return text
        return f"({text})"

    def _broadcast(self, text: str, rows, cols) -> str:
        return f"numpy.broadcast_to({text}, ({self._print(rows)}, {self._print(cols)}))"


def _balanced_call(text: str) -> bool:
    """True when the first parenthesis of ``name(...)`` closes at the end of ``text``."""
    depth = 0
    for position, character in enumerate(text):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0 and character == ")":
            return position == len(text) - 1
    return False


def _is_step(node) -> bool:
    """An elementwise Heaviside step, printed ``(x > 0)`` inside a product."""
    from .functions import step
    if not isinstance(node, ElementwiseApplyFunction):
        return False
    dummy, body = lambda_parts(node.function)
    return body == step(dummy)


#: Names generated code defines itself, and Python's builtins (``range``, ``abs``, ``max``, ``float``, ...) that
#: it calls: user symbols never take them.
RESERVED_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("_")) | frozenset({
    "numpy", "math", "dtype", "heaviside", "sigmoid", "softplus", "logsumexp", "isfinite", "step", "train", "erf", "erfc",
    "value_and_grad", "evaluate", "cost", "steps", "history", "tol", "gradient_norm", "m", "lr", "momentum",
    "decay", "epsilon", "beta1", "beta2", "beta1_power", "beta2_power", "beta1_float32", "beta2_float32",
})
#: Patterns of generated names: temporaries ``t0``, hoisted constants ``c0``, gradients ``g_w`` and slots.
_GENERATED = re.compile(r"[tc]\d+|(g|m|v|accumulator|ms|mom|mg)_\w+")


def python_names(symbols: Sequence[sympy.Basic]) -> dict:
    """Readable, unique Python identifiers for symbols (``W``, ``x``, ``b_1``, ...).

    A name generated code uses itself (``cost``, ``lr``, ``t0``, ``g_w``, the batch size ``m``) gets a
    trailing underscore, so a user's symbol can never be overwritten by generated code.
    """
    names, taken = {}, set(RESERVED_NAMES)
    for symbol in symbols:
        if symbol == BATCH:
            names[symbol] = "m"
            continue
        base = re.sub(r"\W", "_", str(getattr(symbol, "name", symbol))) or "v"
        if base[0].isdigit() or keyword.iskeyword(base):
            base = f"v_{base}"
        if base in RESERVED_NAMES or _GENERATED.fullmatch(base):
            base = f"{base}_"
        name = base
        for counter in itertools.count(1):
            if name not in taken:
                break
            name = f"{base}_{counter}"
        taken.add(name)
        names[symbol] = name
    return names


#: The modules generated code can reach by name.
_MODULES = {"numpy": numpy, "math": math}


def _resolve(qualified: str):
    """The object ``numpy.linalg.det`` names in generated code, or None."""
    head, *rest = qualified.split(".")
    found = _MODULES.get(head)
    for part in rest:
        found = getattr(found, part, None)
    return found


def namespace_for(dtype: str) -> dict:
    """Globals a generated function runs with."""
    return {"numpy": numpy, "math": math, "dtype": numpy.dtype(dtype), "sigmoid": runtime.sigmoid,
            "softplus": runtime.softplus, "heaviside": runtime.step, "logsumexp": runtime.logsumexp,
            "erf": runtime.erf, "erfc": runtime.erfc,
            "isfinite": math.isfinite}


_counter = itertools.count()


def compile_source(source: str, function_name: str, namespace: dict):
    """Compile generated source; register it in ``linecache`` so tracebacks show its lines."""
    filename = f"<symopt-generated-{next(_counter)}>"
    code = compile(source, filename, "exec")
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(code, namespace)  # the source is symopt's own printer output, never user text
    function = namespace[function_name]
    function.source = source
    weakref.finalize(function, linecache.cache.pop, filename, None)  # the lines leave with the function
    return function

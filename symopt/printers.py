r"""One printer class per backend: a :class:`~symopt.program.Program`'s expressions as Python text.

* :class:`NumPyProgramPrinter` — arrays, ``numpy.*`` calls (a SymPy ``NumPyPrinter`` plus one
  ``_print_<Class>`` method per matrix node, :class:`~symopt.matrix_printing.MatrixPrinting`, and per elementwise
  function, :class:`~symopt.function_printing.FunctionPrinting`);
* :class:`~symopt.math_printer.MathProgramPrinter` — Python floats and the ``math`` module (scalar float64
  programs: fastest for the lecture's costs), in its own module.

Backends differ by class attributes — ``module`` (the backend's name), ``array_module`` (the prefix of
calls in the text), ``modules`` (what generated code can reach by name) — and by the few methods that print
differently (``max`` vs ``numpy.maximum``, ``a if c else b`` vs ``numpy.where``).  A new backend is a
subclass (a JAX printer: ``module = "jax"``, ``array_module = "jnp"``, its own :meth:`namespace`).
:data:`PRINTERS` maps a backend's name to its class.
"""

from __future__ import annotations

import functools
import importlib
import math
from typing import Mapping, Sequence

from . import requirements  # noqa: F401 - NumPy >= 2 and SymPy >= 1.14, checked before the names below are imported
import numpy
import sympy
from sympy.printing.codeprinter import CodePrinter, PrintMethodNotImplementedError
from sympy.printing.numpy import NumPyPrinter
from sympy.printing.precedence import PRECEDENCE

from . import runtime
from .errors import UnsupportedOperationError
from .constant_ranges import check_float32_range, cost_functions, made_by_differentiating
from .float_literals import ConstantRangeError, LARGEST_FLOAT, beyond_float64, elided, float_literal, folded_numbers, printed_as_float
from .function_printing import FunctionPrinting
from .matrix_printing import MatrixPrinting, is_unit_fraction
from .symbols import is_matrix
from .size_functions import is_size_function

__all__ = ["NumPyProgramPrinter", "PRINTERS", "printer_for"]


class NumPyProgramPrinter(FunctionPrinting, MatrixPrinting, NumPyPrinter):
    """Prints symopt programs on arrays with NumPy.

    ``names`` maps the program's symbols to Python names; ``substitutions`` maps subexpressions to names
    computed earlier (an optimizer's hoisted constants), printed where an operand is parenthesized.
    """

    printmethod = "_symopt_code"
    #: The backend's name (``CompiledFunction.module``); ``array_module``: the prefix of array calls.
    module = "numpy"
    array_module = "numpy"

    @property
    def matrix_module(self) -> str:
        """The prefix of matrix constructors and products (``numpy.zeros``): the array module, except where
        a scalar backend meets a constant matrix node (``sum(ZeroMatrix)`` in a ``math`` program)."""
        return self.array_module
    #: Zero as ``relu`` compares with it.
    zero = "0"
    #: True where the arithmetic raises (``OverflowError``, ``ValueError``) instead of giving inf or NaN:
    #: generated code guards it, and a failing call runs again as the NumPy program.
    raises_on_overflow = False
    #: The modules generated code can reach by name.
    modules: Mapping = {"numpy": numpy, "math": math}
    #: True where values are arrays whose buffers generated code may release early (``del t3`` after its last
    #: read) and overwrite in place (``W -= ...``); False for immutable values (JAX arrays, Python floats).
    reuses_buffers = True
    #: True where a call printed twice on one line is bound to a temporary and computed once
    #: (:mod:`symopt.repeated_calls`); False where the backend does it itself (XLA) or the Program did (``math``).
    hoists_repeated_calls = True
    chooses_product_layouts = True

    def __init__(self, names: dict, module: str | None = None, dtype: str = "float64",
                 substitutions: Mapping | None = None):
        super().__init__({"fully_qualified_modules": True, "order": "none", "allow_unknown_functions": False})
        if module is not None and module != self.module:
            raise ValueError(f"{type(self).__name__} prints {self.module} code; use printer_for({module!r})")
        self.printmethod = "_symopt_code"  # NumPyPrinter sets "_numpycode" on the instance
        self.names = names
        self.dtype = dtype
        self.substitutions = dict(substitutions or {})
        #: Printing a forward value (:attr:`symopt.program.Program.forward`): a coefficient's divisor divides.
        self.divides = False
        #: The sizes bound from the inputs' shapes (:meth:`learn`), and whether a function of them is being printed.
        self.size_symbols: frozenset = frozenset()
        self.inside_size_number = False

    def learn(self, program) -> None:
        """Facts about ``program`` that this backend prints by: the cost's functions, named where a constant of a
        derivative is refused (JAX adds :meth:`~symopt.jax_printer.JaxPrinter.learn`)."""
        self.cost_functions = cost_functions(program)
        self.size_symbols = frozenset(size for size, _, _ in program.sizes)

    def statement(self, expr, forward: bool) -> str:
        """``expr`` printed as a forward value (``x/3``, one rounding as TF1's ``RealDiv`` and ``Mean``) or as a
        gradient (``(1/3)*x``: TF1's backward pass multiplies by the reciprocal it computed first)."""
        self.divides = forward
        try:
            return self.doprint(expr)
        except ConstantRangeError as error:
            if forward or error.dtype != "float64":
                raise
            raise made_by_differentiating(error, getattr(self, "cost_functions", [])) from None  # P60-4, F42a-4
        finally:
            self.divides = False

    #: Functions generated code calls by bare name (:mod:`symopt.runtime`'s); every backend's namespace binds them.
    runtime_functions: Mapping = {
        "sigmoid": runtime.sigmoid, "softplus": runtime.softplus, "heaviside": runtime.heaviside,
        "logsumexp": runtime.logsumexp, "erf": runtime.erf, "erfc": runtime.erfc, "isfinite": math.isfinite,
        "gamma": runtime.gamma, "loggamma": runtime.loggamma, "log_gamma": runtime.log_gamma,
        "logistic_loss": runtime.logistic_loss, "softmax": runtime.softmax, "log_softmax": runtime.log_softmax,
        "log_softmax_and_softmax": runtime.log_softmax_and_softmax,
        "batch_rows": runtime.batch_rows, "batch_entry": runtime.batch_entry, "select": runtime.select,
        "place": runtime.place, "placed_sum": runtime.placed_sum, "adjugate": runtime.adjugate, "inverse": runtime.inverse,
        "float_max": runtime.float_max, "float_min": runtime.float_min, "float_sign": runtime.float_sign,
        "float_heaviside": runtime.float_heaviside, "float32_power": runtime.float32_power,
        "float32_cos": runtime.float32_cos, "transposed_matmul": runtime.transposed_matmul,
        "scatter_rows": runtime.scatter_rows}
    #: The printer of a learning-rate schedule's line (``None``: :class:`symopt.schedule_printer.SchedulePrinter`).
    schedule_printer = None
    #: The global names of generated code besides ``modules``.
    global_names = ("dtype", *runtime_functions)

    def namespace(self) -> dict:
        """Globals a generated function runs with."""
        return {**self.modules, "dtype": numpy.dtype(self.dtype), **self.runtime_functions}

    @classmethod
    def reserved_names(cls) -> frozenset:
        """Names the generated code of this backend reads as globals: no input may take one."""
        return frozenset(cls.modules) | frozenset(cls.global_names)

    def doprint(self, expr, assign_to=None):
        try:
            return super().doprint(expr, assign_to)
        except PrintMethodNotImplementedError:  # SymPy's own refusal (lowergamma, fresnels): symopt's words
            unsupported = next((node for node in sympy.preorder_traversal(expr) if isinstance(node, sympy.Basic) and
                                getattr(type(self), f"_print_{type(node).__name__}", None)
                                is CodePrinter._print_not_supported), None)
            if unsupported is not None:
                self._print_not_supported(unsupported)  # raises UnsupportedOperationError
            raise UnsupportedOperationError(f"no code printer for a node in {expr} on the {self.module} backend. "
                                            "Rewrite the expression with supported operations (see "
                                            "docs/functions.md).") from None

    def parenthesize(self, item, level, strict=False):
        name = self.substitutions.get(item) if self.substitutions else None
        if name is not None:
            return name
        if isinstance(item, sympy.MatMul):  # SymPy's precedence of a product negates it to look for a minus sign, which
            # for a matrix product walks all of it: a 128-layer network's evaluate printed in 8.5 s instead of 0.6
            negative = item.args[0].is_Number and item.args[0].is_negative
            own = PRECEDENCE["Add"] if negative else PRECEDENCE["Mul"]
            text = self._print(item)
            return f"({text})" if own < level or (not strict and own <= level) else text
        return super().parenthesize(item, level, strict)

    # -- names
    def _print_Symbol(self, expr):
        try:
            return self.names[expr]
        except KeyError:
            raise UnsupportedOperationError(f"symbol {expr} is not an input of the program") from None

    _print_MatrixSymbol = _print_Symbol
    _print_Dummy = _print_Symbol

    def resolve(self, qualified: str):
        """The object ``numpy.linalg.det`` names in generated code, or None."""
        head, *rest = qualified.split(".")
        found = self.modules.get(head)
        for part in rest:
            found = getattr(found, part, None)
        return found

    def _module_format(self, fqn, register=True):
        """Only names the generated code's globals hold (``numpy``, ``math``): anything else is refused
        when the code is generated, never a ``NameError`` when it runs."""
        if self.resolve(fqn) is None:
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
        """``W[i, j]``; a compound parent in parentheses, ``(A - B)[1, 2]`` (not ``A - B[1, 2]``); an entry of a
        batch (rows :math:`m`, known at run time) through ``batch_entry``, which names a row the data lacks."""
        parent = self._print(expr.parent)
        parent = parent if isinstance(expr.parent, sympy.MatrixSymbol) else f"({parent})"
        row, column = int(expr.i), int(expr.j)
        if not sympy.sympify(expr.parent.shape[0]).is_Integer:  # an explicit matrix's rows, or a row a sum kept: a Python int
            return f"batch_entry({parent}, {row}, {column})"
        return f"{parent}[{row}, {column}]"

    def _print(self, expr, **kwargs):
        # a numeric subexpression (exp(1/2), sqrt(2)) as a Python float: NumPy treats it as a weak scalar,
        # where numpy.exp(1/2) is a float64 that would turn a float32 computation into float64
        if printed_as_float(expr):
            return float_literal(expr)
        if self.array_module == "numpy" and self.dtype != "float64" and not self.inside_size_number and \
                is_size_function(expr, self.size_symbols):  # numpy.sqrt(m) is float64 (P76-2); float64 keeps it
            self.inside_size_number = True
            try:
                return f"float({super()._print(expr, **kwargs)})"
            finally:
                self.inside_size_number = False
        return super()._print(expr, **kwargs)

    # -- program outputs and casts
    def constant_output(self, expr, text: str) -> str:
        """A constant scalar output (the gradient of 3*w) in the program's dtype."""
        if not is_matrix(expr) and not sympy.sympify(expr).free_symbols:
            return f"dtype.type({text})"
        return text

    def _print_to_dtype(self, expr):
        inner = self._print(expr.args[0])
        return inner if self.dtype == "float32" else self.float64(inner)

    def float64(self, text: str) -> str:
        return f"{self.array_module}.float64({text})"

    def constant(self, number: str) -> str:
        """A number in the program's dtype, so a 0/1 mask never turns float32 into float64."""
        return f"dtype.type({number})"

    @classmethod
    def scalar_type(cls, dtype: str):
        """The type a scalar input in ``dtype`` is converted to."""
        return numpy.dtype(dtype).type

    # -- statements the emitter asks for (gradient clipping, convergence)
    def clip_lines(self, clip, gradients: Sequence[str]) -> list[str]:
        """Statements applying ``clip`` (a :class:`~symopt.program.Clip`) to the gradients named ``gradients``."""
        return getattr(self, f"clip_by_{clip.kind}_lines")(gradients, clip.limit)

    def clip_by_value_lines(self, gradients: Sequence[str], limit: float) -> list[str]:
        return [f"{g} = {self.clip_text(g, limit)}" for g in gradients]

    def clip_by_norm_lines(self, gradients: Sequence[str], limit: float) -> list[str]:
        r""":math:`\|g\|` summed in double precision; the gradients rescaled where it exceeds the limit.  Where the
        squares overflow (entries past about 1.8e19 in float32, 1.3e154 in float64) the norm is taken again as
        :math:`s\,\|g/s\|` with :math:`s = \max|g|`, as BLAS's ``nrm2`` does (a plain sum would make the scale
        :math:`c/\infty = 0` and every step a silent zero step); an infinite or NaN entry leaves it NaN."""
        norm = " + ".join(self.squared_norm_text(g) for g in gradients)
        largest = ", ".join(self.largest_abs_text(g) for g in gradients)
        scaled = " + ".join(self.squared_norm_text(f"({g}/largest_entry)") for g in gradients)
        return [f"gradient_norm = math.sqrt({norm})",
                "if gradient_norm == math.inf:",
                f"    largest_entry = float({f'max({largest})' if len(gradients) > 1 else largest})",
                f"    gradient_norm = largest_entry*math.sqrt({scaled})",
                f"if gradient_norm > {limit!r}:"] + \
            [f"    {g} = {g}*({limit!r}/gradient_norm)" for g in gradients]

    def clip_text(self, name: str, limit: float) -> str:
        r""":math:`\mathrm{clip}(g, -c, c)`."""
        return f"{self.array_module}.clip({name}, {-limit!r}, {limit!r})"

    def squared_norm_text(self, name: str) -> str:
        r""":math:`\sum g^2` as a Python float."""
        return f"float(({name}*{name}).sum())"

    def largest_abs_text(self, name: str) -> str:
        r""":math:`\max |g|`."""
        return f"{self.array_module}.abs({name}).max()"

    def _print_ComplexInfinity(self, expr):
        raise UnsupportedOperationError(
            "the cost or its gradient holds SymPy's complex infinity zoo (from 0**x, 1/0 or log(0) written in the "
            "cost): it has no real value to compute. Rewrite the cost without it (for 0**x, a Piecewise of its cases)")

    def _print_Integer(self, expr):
        """An integer; one that no float holds (``10**400``) is refused: the computation would be ``inf``."""
        if abs(int(expr)) > LARGEST_FLOAT:
            raise beyond_float64(elided(expr))
        self._check_range(expr)
        return super()._print_Integer(expr)

    def _print_Rational(self, expr):
        """``p/q``; one whose numerator or denominator no float holds (``10**400/(10**399 + 1)``) as its value, which
        is refused beyond float64 (Python's ``int/int`` would raise ``OverflowError`` at every call)."""
        self._check_range(expr)
        if max(abs(expr.p), expr.q) > LARGEST_FLOAT:
            return float_literal(expr)
        return super()._print_Rational(expr)

    def _print_Float(self, expr):
        """Every bit of a double: SymPy's own printer rounds a 53-bit Float to 15 significant digits.  A Float of more
        precision keeps its digits (Python reads the nearest double); one beyond float64 is refused either way."""
        literal = float_literal(expr)
        self._check_range(expr)
        return literal if expr._prec <= 53 else super()._print_Float(expr)

    def _check_range(self, number) -> None:
        """A float32 program refuses a constant of its forward values beyond float32's range (review final42a
        F42a-14); one that differentiating made (``c**2`` in the slope of ``atan(c*w)``) is left to float32's inf,
        as TF1 computes it (final42f F42f-6: ``atan(1e20*w)``'s slope is 0 there, its value 1.5707964)."""
        if self.dtype == "float32" and self.divides:
            check_float32_range(number)

    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.args
        if exponent == sympy.Rational(-1, 2):
            return f"(1/{self.array_module}.sqrt({self._print(base)}))"
        if exponent == sympy.S.Half:
            return f"{self.array_module}.sqrt({self._print(base)})"
        if exponent == -1:
            return f"1/{self.parenthesize(base, PRECEDENCE['Pow'])}"
        return super()._print_Pow(expr, rational=rational)

    def _print_Add(self, expr, order=None):
        """``a + b - c``; a sum of more than :data:`WIDE_SUM` terms as ``sum([b, c, ...], a)``: the same additions
        in the same order, without the expression ``a + b + ...`` whose nesting makes Python's compiler recurse past
        its limit (a least-squares cost with thousands of data terms written inline).  Its numeric terms are one
        literal (:func:`~symopt.float_literals.folded_numbers`)."""
        expr = folded_numbers(expr)
        if not isinstance(expr, sympy.Add):
            return self._print(expr)
        terms = self._as_ordered_terms(expr, order=order)
        if len(terms) <= WIDE_SUM:
            return super()._print_Add(expr, order=order)
        first, *rest = (self._print(term) for term in terms)
        return f"sum([{', '.join(rest)}], {first})"

    def chained(self, steps: list) -> str:
        """``a*c/b/b`` from ``[("*", "a"), ("*", "c"), ("/", "b"), ("/", "b")]``, left to right (a quotient's gradient
        divides by its denominator twice, TF1's RealDiv ``(-a/b)/b``: ``b*b`` overflows first)."""
        return steps[0][1] + "".join(operator + text for operator, text in steps[1:])

    def _print_Mul(self, expr):
        # Its numeric factors are one literal (float_literals.folded_numbers).
        # An unevaluated product (it holds a nested Mul, as the optimizers' rules do) multiplies by
        # x**(-1/2) as written, ``a*(1/sqrt(x))`` (TF1's rsqrt), never ``a/sqrt(x)``: the digits differ.
        expr = folded_numbers(expr)
        if not isinstance(expr, sympy.Mul):
            return self._print(expr)
        factors = expr.args
        if len(factors) == 2 and factors[0] == -1 and isinstance(factors[1], sympy.Mul):
            inner = self._print_Mul(factors[1])
            return f"-{inner}" if inner.startswith("(") or not inner.startswith("-") else f"-({inner})"
        if any(isinstance(f, sympy.Mul) for f in factors) and \
                any(isinstance(f, sympy.Pow) and f.exp == sympy.Rational(-1, 2) for f in factors):
            return "*".join(self.parenthesize(f, PRECEDENCE["Mul"]) for f in factors)
        squares = [f for f in factors if f.is_Pow and f.exp == -2 and not f.base.is_number]
        if squares:  # a/b**2 as a/b/b, TF1's RealDiv gradient (-a/b)/b: b**2 overflows (and underflows) first
            numerator, sign = sympy.Mul(*[f for f in factors if f not in squares]), ""
            if numerator.could_extract_minus_sign():
                numerator, sign = -numerator, "-"
            steps = [("*", self.parenthesize(numerator, PRECEDENCE["Mul"]) if numerator != 1 else "1")]
            for square in squares:
                steps.extend([("/", self.parenthesize(square.base, PRECEDENCE['Pow'], strict=True))] * 2)
            return sign + self.chained(steps)
        coefficient, rest = expr.as_coeff_Mul()
        counts = [f for f in sympy.Mul.make_args(rest) if f.is_Pow and f.exp == -1 and f.base.is_integer]
        if self.divides and is_unit_fraction(coefficient) and counts:  # x/(30*m), not x/m/30: one rounding, TF1's mean
            numerator = sympy.Mul(*[f for f in sympy.Mul.make_args(rest) if f not in counts])  # (probe37 P37-5)
            divisor = sympy.Mul(abs(coefficient.q), *[f.base for f in counts], evaluate=False)
            return f"{'-' if coefficient.p < 0 else ''}{self.parenthesize(numerator, PRECEDENCE['Mul'], strict=True)}/" \
                   f"({self._print(divisor)})"
        if self.divides and is_unit_fraction(coefficient) and rest != 1:  # x/3, not (1/3)*x
            return f"{'-' if coefficient.p < 0 else ''}{self.parenthesize(rest, PRECEDENCE['Mul'], strict=True)}/" \
                   f"{coefficient.q}"
        return super()._print_Mul(expr)


#: The most terms a sum prints as ``a + b + ...`` (:meth:`NumPyProgramPrinter._print_Add`).
WIDE_SUM = 256

#: A backend's name -> its printer class, or where a subclass of the NumPy printer is defined (imported on first
#: use: the ``math`` printer's module imports this one, and JAX's printer is kept from NumPy users).
PRINTERS = {"numpy": NumPyProgramPrinter, "math": "symopt.math_printer.MathProgramPrinter",
            "jax": "symopt.jax_printer.JaxPrinter"}


@functools.cache
def printer_for(module: str) -> type[NumPyProgramPrinter]:
    """The printer class of backend ``module`` (``"numpy"``, ``"math"``, ``"jax"``)."""
    found = PRINTERS[module]
    if isinstance(found, str):
        where, _, name = found.rpartition(".")
        found = getattr(importlib.import_module(where), name)
    return found


def __getattr__(name: str):
    """``symopt.printers.MathProgramPrinter``, where it was defined before it got its own module."""
    if name == "MathProgramPrinter":
        return printer_for("math")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

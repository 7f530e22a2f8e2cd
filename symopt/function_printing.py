r"""How array printers print elementwise functions, comparisons and logic: one ``_print_<Class>`` method each.

:class:`FunctionPrinting` is a mixin of :class:`symopt.printers.NumPyProgramPrinter` (as
:class:`~symopt.matrix_printing.MatrixPrinting` is for matrix nodes).  Calls go through the printer's
``array_module`` (``numpy.maximum``, ``numpy.where``); symopt's own functions (``sigmoid``, ``softplus``,
``heaviside``, ``erf``) are the generated code's globals (:mod:`symopt.runtime`).  A scalar backend overrides the
few helpers that read differently on floats (``_maximum``, ``_extremum``, ``_where``, ``_rounding``,
``_error_function``): :class:`symopt.math_printer.MathProgramPrinter`.
"""

from __future__ import annotations

import math

import sympy
from sympy.codegen import cfunctions
from sympy.printing.precedence import PRECEDENCE

from .errors import UnsupportedOperationError

__all__ = ["FunctionPrinting"]


class FunctionPrinting:
    """``_print_<Class>`` methods for elementwise functions, extrema, piecewise values and logic."""

    #: ``And`` / ``Or`` joined by these (elementwise on arrays; ``and`` / ``or`` on floats).
    connectives = {"And": "&", "Or": "|"}

    def _print_sigmoid(self, expr):
        return f"sigmoid({self._print(expr.args[0])})"

    def _print_softplus(self, expr):
        return f"softplus({self._print(expr.args[0])})"

    def _print_step(self, expr):
        # not ``step``: the generated ``step`` function and ``train``'s loop variable would shadow it
        return f"heaviside({self._print(expr.args[0])})"

    def _print_relu(self, expr):
        return self._maximum(self._print(expr.args[0]), self.zero)

    def _print_leaky_relu(self, expr):
        """``max(x, a*x)`` for a number slope :math:`a \\le 1`; else (:math:`a > 1`, or a symbol such as a learned
        slope) ``where(x > 0, x, a*x)``, TF1's kernel.  The product's factors are parenthesized, so
        ``leaky_relu(u + v)`` is ``(u + v)*a``."""
        x, slope = expr.args
        scaled = f"{self.parenthesize(slope, PRECEDENCE['Mul'])}*{self.parenthesize(x, PRECEDENCE['Mul'])}"
        if slope.is_Number and slope <= 1:
            return self._maximum(self._print(x), scaled)
        return self._where(self._print(x > 0), self._print(x), scaled)

    def _maximum(self, a: str, b: str) -> str:
        return f"{self.array_module}.maximum({a}, {b})"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_conjugate(self, expr):
        """``conjugate(x)`` of data from a plain ``sympy.Symbol`` (``Matrix.H``): the array module's ``conjugate``,
        which is ``x`` for the real numbers symopt feeds, as ``re(x)`` prints its ``real`` (probe87 P87-2)."""
        return f"{self._module_format(self._module + '.conjugate')}({self._print(expr.args[0])})"

    def _print_sign(self, expr):
        return f"{self.array_module}.sign({self._print(expr.args[0])})"

    def _print_Max(self, expr):
        return self._extremum(expr, "maximum")

    def _print_Min(self, expr):
        return self._extremum(expr, "minimum")

    def _extremum(self, expr, ufunc: str) -> str:
        """``numpy.maximum(a, numpy.maximum(b, c))`` (keeps the dtype)."""
        args = [self._print(a) for a in expr.args]
        text = args[-1]
        for arg in reversed(args[:-1]):
            text = f"{self.array_module}.{ufunc}({arg}, {text})"
        return text

    def _print_Piecewise(self, expr):
        """``numpy.where(c, a, b)`` (a mask); no true condition: nan."""
        text = f"{self.array_module}.nan"
        for pair in reversed(expr.args):
            value = self._branch(pair.expr)
            text = value if pair.cond is sympy.true else self._where(self._print(pair.cond), value, text)
        return text

    def _where(self, condition: str, value: str, otherwise: str) -> str:
        return f"{self.array_module}.where({condition}, {value}, {otherwise})"

    def _print_ITE(self, expr):
        """``where(c, a, b)`` of the conditions as they are (SymPy's printer rewrites the whole ``ITE`` as a
        ``Piecewise``, ``Max`` inside it too, and a power of that folds its branches: ``Max(-1, w)**(3/2)`` held
        ``(-1)**(3/2) = -I``, probe49 P49-2)."""
        condition, value, otherwise = (self._print(argument) for argument in expr.args)
        return self._where(condition, value, otherwise)

    def _print_KroneckerDelta(self, expr):
        r""":math:`\delta_{ab}`: 1 where :math:`a = b`, else 0, entry by entry in the program's dtype (SymPy's own
        printer writes a Python ``1 if a == b else 0``, which no array can run)."""
        a, b = (self.parenthesize(x, PRECEDENCE["Relational"] + 1) for x in expr.args)
        return self._where(f"({a} == {b})", self.constant("1.0"), self.constant("0.0"))

    def _branch(self, value) -> str:
        if not value.is_number:
            return self._print(value)
        # SymPy's complex infinity (1/0 in an untaken branch: the derivative of log(max(x, 0)) where x <= 0) and a
        # constant SymPy folded to a complex number (log(-1) = I*pi) have no real value: NaN, as the same function
        # computed at run time, never a float() that raises while the code is generated (probe49 P49-2)
        number = math.nan if value is sympy.zoo or value.is_extended_real is False else float(value)
        if math.isnan(number) or math.isinf(number):  # no Python literal: the module's nan / inf
            return f"{'-' if number < 0 else ''}{self.array_module}.{'nan' if math.isnan(number) else 'inf'}"
        return self.constant(repr(number))

    def _print_Relational(self, expr):
        if any(_not_real_number(side) for side in (expr.lhs, expr.rhs)):
            return "False"  # a comparison of a constant SymPy folded to a complex number, (log(2) + I*pi)**2 >= -1,
            # in a branch where the function has no real value (NaN there): never a complex literal in the code
            # (final40a F40a-6)
        left = self.parenthesize(expr.lhs, PRECEDENCE["Relational"] + 1)
        right = self.parenthesize(expr.rhs, PRECEDENCE["Relational"] + 1)
        return f"({left} {expr.rel_op} {right})"

    def _print_And(self, expr):
        return self._connective(expr, self.connectives["And"])

    def _print_Or(self, expr):
        return self._connective(expr, self.connectives["Or"])

    def _connective(self, expr, joiner: str) -> str:
        return "(" + f" {joiner} ".join(self._print(a) for a in expr.args) + ")"

    def _print_Not(self, expr):
        return f"{self.array_module}.logical_not({self._print(expr.args[0])})"

    def _print_BooleanTrue(self, expr):
        return "True"

    def _print_BooleanFalse(self, expr):
        return "False"

    def _print_Heaviside(self, expr):
        """:math:`H(x)` with SymPy's :math:`H(0) = 1/2` (or the value given as second argument)."""
        return f"{self.array_module}.heaviside({self._print(expr.args[0])}, {self._at_zero(expr.args[1])})"

    def _at_zero(self, value) -> str:
        """Heaviside's value at 0: a number, or an input (``Heaviside(x, h0)``, a parameter or data)."""
        finite = value.is_Number and value.is_finite  # nan, oo: the printer's own spelling (probe73 P73-5)
        return repr(float(value)) if finite else self._print(value)

    def _print_floor(self, expr):
        return self._rounding(expr, "floor")

    def _print_ceiling(self, expr):
        return self._rounding(expr, "ceil")

    def _rounding(self, expr, name: str) -> str:
        return f"{self.array_module}.{name}({self._print(expr.args[0])})"

    def _print_erf(self, expr):
        return self._error_function(expr, "erf")

    def _print_erfc(self, expr):
        return self._error_function(expr, "erfc")

    def _error_function(self, expr, name: str) -> str:
        return f"{name}({self._print(expr.args[0])})"  # NumPy has no erf: symopt.runtime's, in the input dtype

    def _print_not_supported(self, expr):
        from .derivatives import PARTIALS
        from . import ops
        name = getattr(getattr(expr, "func", None), "__name__", type(expr).__name__)
        writable = sorted(cls.__name__ for cls in PARTIALS  # those a user can write (not symopt's internal nodes)
                          if any(hasattr(module, cls.__name__) for module in (sympy, ops, cfunctions)))
        raise UnsupportedOperationError(
            f"no code printer for {name} (in {expr}) on the {self.module} backend: generated code can compute "
            f"{', '.join(writable)}, sympy's elementary functions and symopt's matrix nodes. Rewrite the expression "
            f"with those (see docs/functions.md); where {name} reads only data, compute it beforehand "
            "(scipy.special) and feed the result as an input of its own.")

    def _print_loggamma(self, expr):
        r""":func:`symopt.runtime.loggamma`: ``math.lgamma`` where :math:`x > 0`, NaN where SymPy's value is
        complex (``math.lgamma`` alone gives its real part :math:`\ln|\Gamma(x)|`)."""
        return f"loggamma({self._print(expr.args[0])})"

    def _print_gamma(self, expr):
        return f"gamma({self._print(expr.args[0])})"  # symopt.runtime's: NumPy has no gamma

    def _print_log(self, expr):
        r""":math:`\ln\Gamma(x)` and :math:`\ln x!` as :func:`symopt.runtime.log_gamma` (never forming
        :math:`\Gamma(x)`, which overflows from :math:`x = 171.7`); any other logarithm as the backend's ``log``."""
        (argument,) = expr.args
        if isinstance(argument, (sympy.gamma, sympy.factorial)):
            inner = argument.args[0] + (1 if isinstance(argument, sympy.factorial) else 0)
            return f"log_gamma({self._print(inner)})"
        if isinstance(argument, (sympy.binomial, sympy.beta)) and len(argument.args) == 2:
            return f"({self._print(_log_gamma_form(argument))})"  # a sum where a call stood: -log(binomial(n, k))
        return super()._print_log(expr)

    def _print_binomial(self, expr):
        r""":math:`\binom{n}{k}` for a whole number :math:`0 \le k \le` :data:`WHOLE_TERMS` as the product
        :math:`n(n-1)\cdots(n-k+1)/k!`, exact for every :math:`n` (0 for a whole :math:`n < k`, as SymPy's); SymPy's
        own print, :math:`\Gamma(n+1)/(\Gamma(k+1)\Gamma(n-k+1))`, is NaN there and past :math:`n = 170`
        (probe33 P33-4).  A :math:`k` read from data is refused, naming the forms that compute it."""
        n, k = expr.args
        if k.is_Integer and 0 <= k <= WHOLE_TERMS:
            return f"({self._print(sympy.expand_func(expr))})"  # a product where a call stood: w/binomial(n, 3)
        raise UnsupportedOperationError(_special_refusal(expr, self.module, "scipy.special.binom(n, k)"))

    def _print_beta(self, expr):
        r""":math:`B(a, b)` with one argument a whole number :math:`1 \le b \le` :data:`WHOLE_TERMS` as
        :math:`(b-1)!/(a(a+1)\cdots(a+b-1))`, exact for every :math:`a` (SymPy's ratio of :math:`\Gamma` is NaN past
        :math:`a = 170`); otherwise refused, naming the forms that compute it."""
        if len(expr.args) == 2:
            for whole, other in (expr.args, expr.args[::-1]):
                if whole.is_Integer and 1 <= whole <= WHOLE_TERMS:
                    rising = sympy.Mul(*(other + i for i in range(int(whole))))
                    return f"({self._print(sympy.factorial(whole - 1) / rising)})"  # one operand, as a call
        raise UnsupportedOperationError(_special_refusal(expr, self.module, "scipy.special.beta(a, b)"))

    def _print_catalan(self, expr):
        raise UnsupportedOperationError(_special_refusal(expr, self.module, "scipy.special.binom(2*n, n)/(n + 1)"))

    # reciprocal hyperbolic functions and their inverses through the function they invert: SymPy's rewrite into
    # exponentials, (e^x + e^-x)/(e^x - e^-x), loses every digit near 0 and is inf at 1e-300 (probe33 P33-9)
    def _print_coth(self, expr):
        return f"({self._print(sympy.Pow(sympy.tanh(expr.args[0]), -1, evaluate=False))})"  # one operand, as a call

    def _print_csch(self, expr):
        return f"({self._print(sympy.Pow(sympy.sinh(expr.args[0]), -1, evaluate=False))})"  # one operand, as a call

    def _print_sech(self, expr):
        return f"({self._print(sympy.Pow(sympy.cosh(expr.args[0]), -1, evaluate=False))})"  # one operand, as a call

    def _print_acoth(self, expr):
        return self._print(sympy.atanh(sympy.Pow(expr.args[0], -1, evaluate=False), evaluate=False))

    def _print_acsch(self, expr):
        return self._print(sympy.asinh(sympy.Pow(expr.args[0], -1, evaluate=False), evaluate=False))

    def _print_asech(self, expr):
        return self._print(sympy.acosh(sympy.Pow(expr.args[0], -1, evaluate=False), evaluate=False))

    def _print_factorial(self, expr):
        r""":math:`k! = \Gamma(k + 1)`: data arrive as floats, and ``math.factorial(3.0)`` raises (the Poisson
        likelihood's :math:`\log k!`, printed as ``log_gamma(k + 1)``)."""
        return self._print(sympy.gamma(expr.args[0] + 1))

    def _print_factorial2(self, expr):
        raise UnsupportedOperationError(
            f"no code printer for the double factorial {expr} on the {self.module} backend (math.factorial2 takes "
            "integers, and data arrive as floats); write it with sympy.gamma, e.g. for even k: "
            "2**(k/2)*gamma(k/2 + 1)")


#: The most factors :math:`\binom{n}{k}` and :math:`B(a, b)` of a whole-number argument print as a product.
WHOLE_TERMS = 64


def _log_gamma_form(function):
    r""":math:`\ln\binom{n}{k} = \ln\Gamma(n+1) - \ln\Gamma(k+1) - \ln\Gamma(n-k+1)` and :math:`\ln B(a, b) =
    \ln\Gamma(a) + \ln\Gamma(b) - \ln\Gamma(a+b)`, each term without forming :math:`\Gamma` (a Binomial likelihood
    at n = 200 was NaN); a term subtracted is SymPy's ``loggamma``, :math:`+\infty` at 0, -1, ..., so a binomial
    that is 0 (a whole :math:`k > n`) has logarithm :math:`-\infty`."""
    if isinstance(function, sympy.binomial):
        n, k = function.args
        added, subtracted = [sympy.log(sympy.gamma(n + 1))], [sympy.loggamma(k + 1), sympy.loggamma(n - k + 1)]
    else:
        a, b = function.args
        added, subtracted = [sympy.log(sympy.gamma(a)), sympy.log(sympy.gamma(b))], [sympy.loggamma(a + b)]
    return sympy.Add(*added, *(sympy.Mul(-1, term, evaluate=False) for term in subtracted), evaluate=False)


def _special_refusal(expr, module: str, outside: str) -> str:
    """The refusal of ``binomial``, ``beta`` or ``catalan`` of data: what computes it, and the likelihood's log."""
    name = expr.func.__name__
    return (f"no code printer for {expr} on the {module} backend: expected {name} with a whole-number literal "
            f"argument (binomial(n, 3), beta(a, 2): printed as exact products), or its logarithm (log({name}(...)) "
            "prints as differences of log Γ, finite for any size); given one that reads data, which SymPy writes as "
            "a ratio of Γ, NaN past 170 and at Γ's poles. Compute it beforehand, e.g. " + outside +
            ", and feed the result as an input of its own, or write its logarithm (a likelihood needs only that)")


def _not_real_number(value) -> bool:
    """Whether ``value`` is a constant with no real value (``I*pi``; ``(log(2) + I*pi)**2``, whose realness SymPy
    leaves undecided, by its numeric imaginary part)."""
    if not getattr(value, "is_number", False) or value.is_extended_real:
        return False
    if value.is_extended_real is False:
        return True
    imaginary = sympy.im(value.evalf())
    return imaginary.is_number and imaginary != 0

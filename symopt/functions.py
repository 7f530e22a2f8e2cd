r"""Scalar functions the course uses, as genuine SymPy functions with derivatives.

=================  ========================================  ==========================
function           value                                     derivative
=================  ========================================  ==========================
``sigmoid(x)``     :math:`\sigma(x) = 1/(1+e^{-x})`           :math:`\sigma(x)(1-\sigma(x))`
``relu(x)``        :math:`\max(x, 0)`                         :math:`H(x)`, with :math:`H(0)=0` (TF1)
``softplus(x)``    :math:`\log(1+e^{x})`                      :math:`\sigma(x)`
``leaky_relu(x,a)`` :math:`x` if :math:`x>0`, else :math:`a x`  :math:`a + (1-a) H(x)`
``step(x)``        :math:`H(x)` with :math:`H(0)=0`           :math:`0`
=================  ========================================  ==========================

Each one evaluates numerically in SymPy (``evalf``) and rewrites to elementary
functions with ``.rewrite(sympy.exp)``; the code printer emits stable NumPy forms.

:data:`TABLE` is the one list of functions by name that the command-line parser, the CLI
and the library share (``docs/functions.md`` documents each with its derivative).
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import sympy
from sympy.codegen.cfunctions import expm1, log1p
from sympy.core.parameters import global_parameters
from sympy.printing.precedence import PRECEDENCE

from .safe_slopes import elementary_code

__all__ = ["sigmoid", "relu", "softplus", "leaky_relu", "step", "stop_gradient", "in_float", "log_where_nonzero",
           "reciprocal_where_nonzero",
           "TABLE", "TableEntry",
           "MAX_EXTREMUM_ARGS", "TF1_LEAKY_RELU_SLOPE"]

#: The most arguments ``min``/``max`` take by name.
MAX_EXTREMUM_ARGS = 16
#: ``leaky_relu(x)`` without a slope uses TF1's default ``alpha``.
TF1_LEAKY_RELU_SLOPE = sympy.Rational(1, 5)


class _NumericFunction(sympy.Function):
    """A function that evaluates through its elementary rewrite; of a NaN it is NaN (``relu(nan)``, ``step(nan)``:
    SymPy's ``Max``/comparisons raise on NaN, and a display's undefined value reached them: probe29 P29-13)."""

    def __new__(cls, *args, **options):
        if options.get("evaluate", global_parameters.evaluate) and len(args) in cls.nargs and any(
                sympy.sympify(argument) is sympy.nan for argument in args):
            return sympy.nan
        return super().__new__(cls, *args, **options)

    def _elementary(self):
        raise NotImplementedError

    def _eval_evalf(self, prec):
        return self._elementary()._eval_evalf(prec)

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return self._elementary()

    def _eval_is_real(self):
        return self.args[0].is_real

    def _elementary_code(self, printer) -> str:
        """SymPy's own code printers (``sympy.lambdify`` to numpy, math, mpmath, jax, ...) print the elementary
        form, parenthesized: the printer takes a function call for an atom, and ``sigmoid(w)**2`` printed as
        ``(1 + exp(-w))**(-1.0)**2``, :math:`(1 + e^{-w})^{1}` (probe92 P92-3); symopt's printers (``printmethod``
        ``_symopt_code``) keep their ``_print_<Class>`` methods."""
        return elementary_code(printer, self._elementary())

    _numpycode = _cupycode = _jaxcode = _pythoncode = _mpmathcode = _lambdacode = _tensorflowcode = _elementary_code

    def _elementary_series(self, x, n, logx, cdir=0):
        """The series of the elementary form (``Max``, ``Piecewise``): a function with a kink has no Taylor series
        there, and the one from the derivatives at the kink (:math:`H(0) = 0`) made ``relu(w)`` the series 0."""
        return self._elementary()._eval_nseries(x, n, logx, cdir)


class sigmoid(_NumericFunction):
    r"""Logistic function :math:`\sigma(x) = 1/(1+e^{-x})`; :math:`\sigma' = \sigma(1-\sigma)`."""

    @classmethod
    def eval(cls, x):
        if x.is_Number and x == 0:  # not x.is_zero: SymPy's assumptions walk the tree of a shared argument
            return sympy.S.Half

    def fdiff(self, argindex=1):
        return self * (1 - self)

    def _elementary(self):
        return 1 / (1 + sympy.exp(-self.args[0]))

    def _latex(self, printer, exp=None):
        text = r"\sigma\left(%s\right)" % printer._print(self.args[0])
        return text if exp is None else r"%s^{%s}" % (text, exp)  # sigma(x)**2 as \sigma(x)^{2}

    def _eval_is_positive(self):
        return self.args[0].is_extended_real


class step(_NumericFunction):
    r"""Heaviside step with :math:`H(0) = 0` (TF1's ReLU gradient convention); :math:`H' = 0`."""

    def fdiff(self, argindex=1):
        return sympy.S.Zero

    def _elementary(self):
        return sympy.Piecewise((1, self.args[0] > 0), (0, True))

    _eval_nseries = _NumericFunction._elementary_series

    def _eval_evalf(self, prec):
        x = self.args[0].evalf(prec)
        if x is sympy.nan:
            return sympy.nan
        if not x.is_comparable:  # not a real number: no value
            return None
        return sympy.Float(1 if x > 0 else 0, prec)


class relu(_NumericFunction):
    r"""Rectified linear unit :math:`\max(x, 0)`; derivative :math:`H(x)` with :math:`H(0)=0`."""

    @classmethod
    def eval(cls, x):
        if x.is_Rational:
            return max(x, sympy.S.Zero)

    def fdiff(self, argindex=1):
        return step(self.args[0])

    def _elementary(self):
        return sympy.Max(self.args[0], 0)

    _eval_nseries = _NumericFunction._elementary_series


class softplus(_NumericFunction):
    r"""Softplus :math:`\log(1+e^{x})`, printed as the stable ``logaddexp(0, x)``; derivative :math:`\sigma(x)`."""

    @classmethod
    def eval(cls, x):
        if x.is_Number and x == 0:  # as sigmoid
            return sympy.log(2)

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _elementary(self):
        return sympy.log(1 + sympy.exp(self.args[0]))

    def _eval_is_positive(self):
        return self.args[0].is_extended_real


class leaky_relu(_NumericFunction):
    r"""Leaky ReLU :math:`x` for :math:`x > 0`, else :math:`a x` (TF1's kernel and torch's, for every slope: it is
    :math:`\max(x, a x)` only for :math:`a \le 1`); derivative :math:`a + (1-a)H(x)` (for a slope that is an
    expression, :math:`1` where :math:`x > 0`, else :math:`a`), :math:`\partial/\partial a = \min(x, 0)`."""

    nargs = 2

    def __new__(cls, x, slope=sympy.Rational(1, 5), **options):
        """The slope defaults to 0.2, as ``ops.leaky_relu`` and TF1's ``tf.nn.leaky_relu``."""
        return super().__new__(cls, x, slope, **options)

    @classmethod
    def eval(cls, x, slope):
        if x.is_Rational and slope.is_Rational:
            return x if x > 0 else slope * x

    def _latex(self, printer, exp=None):
        x, slope = (printer._print(a) for a in self.args)
        text = r"\operatorname{leaky\_relu}\left(%s, %s\right)" % (x, slope)
        return text if exp is None else r"%s^{%s}" % (text, exp)

    def fdiff(self, argindex=1):
        """:math:`a + (1-a)H(x)` for a number slope; for a slope that is an expression, :math:`1` where :math:`x > 0`,
        else :math:`a` (TF1's ``features > 0 ? 1 : alpha``): a slope with no real value (``acos(2)``, NaN) made
        :math:`a + (1-a)H(x)` NaN at :math:`x > 0`, where the value :math:`x` is finite (probe49 P49-3)."""
        x, slope = self.args
        if argindex == 2:
            return sympy.Min(x, 0)
        if slope.is_number:
            return slope + (1 - slope) * step(x)
        return sympy.Piecewise((1, x > 0), (slope, True))

    def _elementary(self):
        x, slope = self.args
        return sympy.Piecewise((x, x > 0), (slope * x, True))

    _eval_nseries = _NumericFunction._elementary_series


class stop_gradient(_NumericFunction):
    r"""The identity with derivative 0 (TF1's ``tf.stop_gradient``): :math:`\operatorname{sg}(x) = x`,
    :math:`\operatorname{sg}'(x) = 0`, so :math:`\partial(\operatorname{sg}(w)\,w)/\partial w = w`.
    The generated code reads its argument, parenthesized."""

    @classmethod
    def eval(cls, x):
        if x.is_number:
            return x

    def fdiff(self, argindex=1):
        return sympy.S.Zero

    def _elementary(self):
        return self.args[0]

    def _symopt_code(self, printer) -> str:
        return f"({printer._print(self.args[0])})"

    _numpycode = _symopt_code

    def _latex(self, printer, exp=None):
        text = r"\operatorname{stop\_gradient}\left(%s\right)" % printer._print(self.args[0])
        return text if exp is None else r"%s^{%s}" % (text, exp)


class in_float(_NumericFunction):
    r"""``in_float(x, bits)``: :math:`x` rounded to an IEEE float of ``bits`` (16, 32 or 64) bits, and computed in that
    precision afterwards (float16 values are computed in float32); derivative 1 (TF1's ``Cast`` between floats).
    What ``tf.cast(x, tf.float64)`` of a float32 tensor is: the code after it runs in float64."""

    #: bits -> (the dtype values are rounded to, the dtype later arithmetic runs in)
    DTYPES = {16: ("float16", "float32"), 32: ("float32", "float32"), 64: ("float64", "float64")}

    @classmethod
    def eval(cls, x, bits):
        if int(bits) not in cls.DTYPES:
            raise ValueError(f"in_float: expected 16, 32 or 64 bits; given {bits}")
        if x.is_Number and x.is_real:
            import numpy  # a constant is rounded now, as the generated code would round it
            with numpy.errstate(over="ignore"):  # past the dtype's range: inf, as the generated code's, unwarned
                return sympy.Float(float(getattr(numpy, cls.DTYPES[int(bits)][0])(float(x))), precision=64)

    def fdiff(self, argindex=1):
        return sympy.S.One

    def _elementary(self):
        return self.args[0]

    def _eval_is_real(self):
        return self.args[0].is_real

    def _symopt_code(self, printer) -> str:
        rounded, computed = (self._dtype_text(printer, name) for name in self.DTYPES[int(self.args[1])])
        module = getattr(printer, "matrix_module", "numpy")
        text = f"{module}.asarray({printer._print(self.args[0])}, dtype={rounded})"
        return text if rounded == computed else f"{module}.asarray({text}, dtype={computed})"

    @staticmethod
    def _dtype_text(printer, name: str) -> str:
        """``'float32'``, ``'float64'``; in a JAX program float64 is ``float``, JAX's widest float (float64 in
        64-bit mode; without it float32, where asking for float64 warned at every build: probe31 P31-7)."""
        return "float" if name == "float64" and getattr(printer, "module", None) == "jax" else repr(name)

    _numpycode = _symopt_code

    def _latex(self, printer, exp=None):
        text = r"\operatorname{float%d}\left(%s\right)" % (int(self.args[1]), printer._print(self.args[0]))
        return text if exp is None else r"%s^{%s}" % (text, exp)


class _WhereNonzero(_NumericFunction):
    r"""A factor of :math:`a^p`'s derivatives that is 0 where the power is, :math:`a = 0 < p` (the guard of
    :class:`log_where_nonzero` and :class:`reciprocal_where_nonzero`); with numbers substituted there, 0."""

    @classmethod
    def eval(cls, a, p):
        if a.is_Number and a == 0 and p.is_Number and p.is_extended_positive:  # numbers substituted: the guard's 0
            return sympy.S.Zero

    def _zero_power(self):
        a, p = self.args
        return sympy.And(sympy.Eq(a, 0), sympy.StrictGreaterThan(p, 0))


class log_where_nonzero(_WhereNonzero):
    r""":math:`\log a` where :math:`a^p \ne 0`, else 0: the factor of :math:`\partial_p a^p = a^p \log a`, which is
    0 where the power is (:math:`\partial_p 0^p = 0` for :math:`p > 0`; as written, :math:`0 \cdot \log 0` was NaN:
    a power law :math:`k x^p` fitted to data with an :math:`x = 0`).  Shown as :math:`\log a` (the convention
    :math:`0 \log 0 = 0` of an entropy); computed ``log(where((a == 0) & (p > 0), 1, a))``: the bits of ``log(a)``
    elsewhere, and no second power (:math:`a^p = 0` exactly where :math:`a = 0 < p`, or where it underflows, and
    there :math:`a^p \log a` is 0 already; review11 R11-1)."""

    def fdiff(self, argindex=1):
        return reciprocal_where_nonzero(*self.args) if argindex == 1 else sympy.S.Zero

    def _elementary(self):
        return sympy.Piecewise((0, self._zero_power()), (sympy.log(self.args[0]), True))

    def _symopt_code(self, printer) -> str:
        return printer._print(sympy.log(sympy.Piecewise((1, self._zero_power()), (self.args[0], True))))

    def _sympystr(self, printer) -> str:
        return printer._print(sympy.log(self.args[0]))

    def _pretty(self, printer):
        return printer._print(sympy.log(self.args[0]))

    def _latex(self, printer, exp=None):
        text = printer._print(sympy.log(self.args[0]))
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


class reciprocal_where_nonzero(_WhereNonzero):
    r""":math:`1/a` where :math:`a^p \ne 0`, else 0: the derivative of :class:`log_where_nonzero` in :math:`a` (a second
    derivative of :math:`a^p` in its base and exponent: Hessians, Newton, ``hvp``).  Shown as :math:`1/a`, computed
    with the same guard as the log: 0 where :math:`a = 0 < p`, ``1/a`` elsewhere (review11 R11-8: shown as SymPy's
    ``Piecewise``, a Hessian-vector product's formula read as a case analysis)."""

    def fdiff(self, argindex=1):
        return -reciprocal_where_nonzero(*self.args) ** 2 if argindex == 1 else sympy.S.Zero

    def _elementary(self):
        return sympy.Piecewise((0, self._zero_power()), (1 / self.args[0], True))

    def _symopt_code(self, printer) -> str:
        return printer._print(self._elementary())

    def _sympystr(self, printer) -> str:
        return f"(1/{printer.parenthesize(self.args[0], PRECEDENCE['Pow'])})"

    def _pretty(self, printer):
        return printer._print(1 / self.args[0])

    def _latex(self, printer, exp=None):
        text = printer._print(1 / self.args[0])
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


class TableEntry(NamedTuple):
    """One function by name: how to build it, how many arguments it takes, and what it is."""

    build: Callable[..., sympy.Expr]
    min_args: int
    max_args: int
    meaning: str  # value and derivative, for help texts and docs


def _leaky_relu(x, slope=TF1_LEAKY_RELU_SLOPE):
    return leaky_relu(x, slope)


def _unary(build, meaning: str) -> TableEntry:
    return TableEntry(build, 1, 1, meaning)


#: Functions by name, shared by the command-line parser (``symopt derive "relu(w)"``), the CLI and
#: the library; each has a derivative rule in :data:`symopt.derivatives.PARTIALS` and prints on both
#: backends.
TABLE: dict[str, TableEntry] = {
    "relu": _unary(relu, "max(x, 0); derivative step(x), 0 at 0 (TF1)"),
    "leaky_relu": TableEntry(_leaky_relu, 1, 2,
                             "x if x > 0 else a*x, a = 0.2 by default (TF1); derivative a + (1-a)*step(x)"),
    "sigmoid": _unary(sigmoid, "1/(1 + exp(-x)), stable at +-1000; derivative sigmoid(x)*(1 - sigmoid(x))"),
    "softplus": _unary(softplus, "log(1 + exp(x)) as logaddexp(0, x); derivative sigmoid(x)"),
    "step": _unary(step, "1 for x > 0, else 0; derivative 0"),
    "exp": _unary(sympy.exp, "e**x; derivative exp(x)"),
    "log": TableEntry(sympy.log, 1, 2, "natural logarithm, log(x, b) = log(x)/log(b); derivative 1/x"),
    "sqrt": _unary(sympy.sqrt, "x**(1/2); derivative 1/(2*sqrt(x))"),
    "abs": _unary(sympy.Abs, "|x|; derivative sign(x), 0 at 0 (TF1)"),
    "sign": _unary(sympy.sign, "-1, 0 or 1; derivative 0"),
    "floor": _unary(sympy.floor, "largest integer <= x; derivative 0 (almost everywhere)"),
    "ceil": _unary(sympy.ceiling, "smallest integer >= x; derivative 0 (almost everywhere)"),
    "min": TableEntry(sympy.Min, 2, MAX_EXTREMUM_ARGS, "smallest argument; derivative 1 for one argument where it "
                      "is <= the others (TF1's tf.minimum), else 0"),
    "max": TableEntry(sympy.Max, 2, MAX_EXTREMUM_ARGS, "largest argument; derivative 1 for one argument where it "
                      "is >= the others (TF1's tf.maximum), else 0"),
    "sin": _unary(sympy.sin, "derivative cos(x)"),
    "cos": _unary(sympy.cos, "derivative -sin(x)"),
    "tan": _unary(sympy.tan, "derivative 1 + tan(x)**2"),
    "asin": _unary(sympy.asin, "derivative 1/sqrt(1 - x**2)"),
    "acos": _unary(sympy.acos, "derivative -1/sqrt(1 - x**2)"),
    "atan": _unary(sympy.atan, "derivative 1/(1 + x**2)"),
    "atan2": TableEntry(sympy.atan2, 2, 2, "atan2(y, x), the angle of (x, y); derivatives x/(x**2+y**2), "
                        "-y/(x**2+y**2)"),
    "sinh": _unary(sympy.sinh, "derivative cosh(x)"),
    "cosh": _unary(sympy.cosh, "derivative sinh(x)"),
    "tanh": _unary(sympy.tanh, "derivative 1 - tanh(x)**2"),
    "asinh": _unary(sympy.asinh, "derivative 1/sqrt(x**2 + 1)"),
    "acosh": _unary(sympy.acosh, "derivative 1/(sqrt(x - 1)*sqrt(x + 1))"),
    "atanh": _unary(sympy.atanh, "derivative 1/(1 - x**2)"),
    "erf": _unary(sympy.erf, "error function; derivative 2*exp(-x**2)/sqrt(pi)"),
    "erfc": _unary(sympy.erfc, "1 - erf(x); derivative -2*exp(-x**2)/sqrt(pi)"),
    "log1p": _unary(log1p, "log(1 + x), accurate for small x; derivative 1/(1 + x)"),
    "expm1": _unary(expm1, "exp(x) - 1, accurate for small x; derivative exp(x) (TF1)"),
}

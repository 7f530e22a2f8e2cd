r"""The base of learning-rate schedules: :class:`Schedule` (a rate :math:`\eta_t` as a SymPy expression of the step
:data:`STEP`, shown as math and evaluated in float32 as TF1 computes it) and :func:`schedule_code`, the rate printed
as Python source for the generated step.  The schedules themselves are in :mod:`symopt.schedules`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import sympy
from sympy import Pow, Symbol

from .codegen import compile_source, namespace_for
from .latex_numbers import latex_of_printed
from .schedule_printer import SchedulePrinter

__all__ = ["STEP", "ZeroSetting", "Schedule", "schedule_code", "whole_step", "numbers_first"]

#: The step :math:`t` (the number of updates applied before this one) in displayed formulas.
STEP = Symbol("t", integer=True, nonnegative=True)


def numbers_first(expr: sympy.Basic) -> sympy.Basic:
    """``expr`` with each product's integers moved before its other factors (``π·2·n`` → ``2·π·n``), every sum and
    product kept unevaluated in its written order (SymPy's ``order='none'`` prints a product as stored)."""
    if not expr.args or isinstance(expr, sympy.Number):
        return expr
    args = [numbers_first(arg) for arg in expr.args]
    if isinstance(expr, sympy.Mul):
        return sympy.Mul(*sorted(args, key=lambda factor: not factor.is_Integer), evaluate=False)
    if isinstance(expr, (sympy.Add, Pow)):
        return expr.func(*args, evaluate=False)
    return expr if args == list(expr.args) else expr.func(*args)


@dataclass(frozen=True)
class ZeroSetting:
    r"""A setting that can make a schedule's float32 rate 0 (:meth:`Schedule.zero_setting`): ``name = value`` makes
    the lowest rate, the float32 product of ``value`` and ``factors`` (:math:`\eta_0\alpha`), 0 ``where``, for a
    factor of 0 or two tiny ones; ``fix`` says what to give instead."""

    name: str
    value: float
    where: str
    fix: str
    factors: tuple = ()

    def reason(self) -> str | None:
        """Why the rate is 0, or None where the product is not 0 in float32."""
        if float(np.prod(np.float32((self.value, *self.factors)), dtype=np.float32)) != 0:
            return None
        shown = "0" if self.value == 0 else f"{self.value:g} (0 in float32 once multiplied by the rate)"
        return f"{self.name} = {shown} makes the rate 0 {self.where}; give {self.fix}"


def _shown_reciprocals(symbols: Mapping[str, Symbol]) -> dict:
    """Each ``<name>_reciprocal`` constant displayed as :math:`1/\\text{name}`."""
    return {name: Pow(symbols[name[:-len("_reciprocal")]], -1, evaluate=False) for name in symbols
            if name.endswith("_reciprocal") and name[:-len("_reciprocal")] in symbols}


class Schedule:
    r"""A learning rate :math:`\eta_t` that depends on the step :math:`t`.

    Subclasses give their float32 ``constants()`` (name → value) and ``expression(t, c)``, the rate
    as SymPy in TF1's arithmetic order, reading the constants through the symbols ``c[name]``.
    """

    def constants(self) -> dict[str, float]:
        raise NotImplementedError

    def expression(self, t, c: Mapping[str, Symbol]) -> sympy.Expr:
        raise NotImplementedError

    def traced_expression(self, t, c: Mapping[str, Symbol]) -> sympy.Expr:
        """The rate as traced code (JAX) computes it: :meth:`expression`, unless a subclass guards a step that XLA
        rounds otherwise (it computes :math:`a - b c` with one rounding, a fused multiply-add)."""
        return self.expression(t, c)

    def symbols(self) -> dict[str, Symbol]:
        return {name: Symbol(name, positive=True) for name in self.constants()}

    def integer_constants(self) -> dict[str, int]:
        """The constants counted in steps, name → ``int`` (:class:`~symopt.schedules.PiecewiseConstant`'s
        boundaries, :class:`~symopt.schedules.Warmup`'s length): the integer step is compared with them (and shifted
        by them) in integers, exact past :math:`2^{24}`, as TF1 compares its int64 ``global_step`` with int64
        boundaries.  In float32 a boundary past :math:`2^{24}` rounded and fired late (review final35 F35-2)."""
        return {}

    def run_constants(self) -> dict:
        """The constants as a run passes them (name → value): each of :meth:`integer_constants` a Python ``int``,
        every other a float32."""
        compared = self.integer_constants()
        return {name: compared[name] if name in compared else np.float32(value)
                for name, value in self.constants().items()}

    def why_undefined(self) -> str | None:
        """Why the rate has no value past some step, for the error of a run that reaches it; None where the rate is
        defined at every step."""
        return None

    def zero_setting(self) -> ZeroSetting | None:
        """The setting that can make the rate 0 at some step (an end rate, a final fraction alpha), or None."""
        return None

    def why_zero(self) -> str | None:
        """Which setting lets the float32 rate be 0 at some step, and the fix, for an optimizer that divides by the
        rate (:class:`~symopt.Ftrl`); None where the rate stays above 0 (float32 underflow of a decay run for
        millions of steps aside: :meth:`first_step`)."""
        setting = self.zero_setting()
        return None if setting is None else setting.reason()

    def first_step(self, condition: Callable[[float], bool], last: int) -> int:
        """The first step :math:`t \\le` ``last`` whose rate meets ``condition``, which the rate at ``last`` meets
        and, once met, every later rate does (a decay's float32 underflow to 0, the NaN past the last restart of
        a shrinking restart schedule): by bisection, ``log2(last)`` rates."""
        met_before, met = -1, last
        while met - met_before > 1:
            middle = (met_before + met) // 2
            met_before, met = (met_before, middle) if condition(self(middle)) else (middle, met)
        return met

    def shown_as(self, symbols: Mapping[str, Symbol]) -> dict:
        """Constants displayed as an expression of others (CosineDecay's float32 :math:`1-\\alpha`; each
        reciprocal of :func:`~symopt.schedule_folding.per` as :math:`1/s`)."""
        return _shown_reciprocals(symbols)

    def formula(self) -> sympy.Expr:
        r"""The rate as math in :data:`STEP` and named constants (:math:`\eta_0`, :math:`r`, :math:`s`, ...)."""
        symbols = self.symbols()
        return self.expression(STEP, {**symbols, **self.shown_as(symbols)})

    def latex(self) -> str:
        r"""``\eta_t = <formula> \quad (<constant> = <value>, ...)``: the formula's terms in their written order, as
        the update rule prints them (probe68 P68-6), a product's integers first (``\frac{2 \pi n}{s}``, final43d F43d-5)."""
        hidden = self.shown_as(self.symbols())
        values = ", ".join(f"{sympy.latex(Symbol(n))} = {latex_of_printed(_shown(v))}" for n, v in self.constants().items()
                           if n not in hidden)
        return rf"\eta_t = {sympy.latex(numbers_first(self.formula()), order='none')} \quad ({values})"

    def _repr_latex_(self) -> str:
        return f"$${self.latex()}$$"

    def __call__(self, step) -> np.float32:
        """The rate at ``step`` (an integer, or an array of them), in float32 as TF1 computes it: the step is
        compared as an integer, and converted to float32 inside the arithmetic.  An array is evaluated step by step,
        as a run does: NumPy's array functions (its SIMD ``power`` and ``cos``) round differently from its scalar
        ones, and a schedule's ``if`` and ``max`` read one step."""
        rate = _compiled(self)
        constants = list(self.run_constants().values())
        if np.ndim(step) == 0:
            return np.float32(rate(whole_step(step), *constants))
        steps = np.asarray(step)
        return np.array([rate(whole_step(t), *constants) for t in steps.ravel()], dtype=np.float32).reshape(steps.shape)


def whole_step(step):
    """A whole-number step as a Python ``int`` (exact, as the run's counter: the schedule's arithmetic converts it to
    float32, its comparisons read it as it is); any other step as float32."""
    return int(step) if float(step).is_integer() else np.float32(step)


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else f"{value:g}"


@functools.lru_cache(maxsize=64)
def _compiled(schedule: Schedule):
    names = {name: name for name in schedule.constants()}
    text = schedule_code(schedule, "t", names)
    source = f"def learning_rate(t, {', '.join(names.values())}):\n    return {text}\n"
    return compile_source(source, "learning_rate", namespace_for("float32"))


def schedule_code(schedule: Schedule, step: str, names: Mapping[str, str], printer_class=None,
                  compared_step: str | None = None) -> str:
    """Python source of the rate in float32 NumPy arithmetic: the step is read from ``step`` (an integer, which the
    float32 constants' arithmetic converts, or a float32), each constant from ``names[constant]`` (float32 scalars,
    integers for :meth:`Schedule.integer_constants`); a comparison reads the step from ``compared_step``
    (default ``step``; an integer, so that it is exact).  ``printer_class`` (default :class:`SchedulePrinter`)
    prints it for another backend (JAX's traced code has no Python ``if``)."""
    symbols = schedule.symbols()
    t = Symbol(step)
    printer = (printer_class or SchedulePrinter)({t: step, **{symbols[n]: names[n] for n in symbols}}, module="numpy",
                                                 dtype="float32")
    printer.compared_names = {t: compared_step or step}
    printer.constant_values = {symbols[name]: float(np.float32(value)) for name, value in schedule.constants().items()}
    rate = schedule.traced_expression if printer.traced else schedule.expression
    return printer.doprint(rate(t, symbols))

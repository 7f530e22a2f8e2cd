r"""Learning-rate schedules: :math:`\eta_t` as a SymPy expression of the step :math:`t`.

A schedule is accepted wherever a learning rate is (``symopt.Adam(ExponentialDecay(0.1, 10, 0.5))``).
Its expression is shown as math (:meth:`Schedule.latex`) and printed into the fused step, where it
is evaluated once per step from the optimizer's step counter ``global_step``.

The arithmetic is TensorFlow 1.x's (``tf.train.exponential_decay`` and friends): every constant is a
float32, the step is cast to float32, and the operations run in TF1's order, so the rates, and the
trajectories they drive, carry TF1's digits.  The float32 step counts exactly up to :math:`2^{24}` steps.

======================  ==============================================================================
``ExponentialDecay``    :math:`\eta_0\, r^{t/s}` (staircase: :math:`r^{\lfloor t/s\rfloor}`)
``PiecewiseConstant``   :math:`v_0` for :math:`t \le b_1`, :math:`v_1` for :math:`b_1 < t \le b_2`, ...
``PolynomialDecay``     :math:`(\eta_0 - \eta_{end})(1 - \min(t, s)/s)^p + \eta_{end}`
``InverseTimeDecay``    :math:`\eta_0 / (1 + r\, t/s)`
``CosineDecay``         :math:`\eta_0\,((1-\alpha)\,\tfrac12(1 + \cos(\pi \min(t,s)/s)) + \alpha)`
``Warmup``              linear from :math:`\eta_{init}` to the next schedule's first rate over :math:`w` steps,
                        then that schedule of :math:`t - w`
======================  ==============================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy
from sympy import Add, Mul, Pow

from .errors import ConfigurationError
from .jax_tracers import refuse_traced
from .hyperparameters import check_kind
from .keyword_advice import SCHEDULE_ADVICE, refusing_unknown_keywords
from .run_arguments import check_flag, plain_number
from .schedule_base import STEP, Schedule, ZeroSetting, schedule_code
from .schedule_folding import per, pi_times, reciprocal
from .unevaluated import minus, over, times

__all__ = ["Schedule", "ZeroSetting", "Constant", "ExponentialDecay", "PiecewiseConstant", "PolynomialDecay",
           "InverseTimeDecay", "CosineDecay", "Warmup", "STEP", "schedule_code", "as_schedule", "schedule_number"]


def schedule_number(name: str, value, *, positive: bool = True, float32: bool = True) -> float:
    """A schedule's number as a float: a finite number above 0 (``positive``) or at least 0, taken as the optimizers
    take theirs (a SymPy number, a NumPy scalar or 0-d array: :func:`~symopt.hyperparameters.check_kind`; probe36
    P36-7).  ``float32``: the rate's arithmetic is float32 (TF1's decay functions), so a number that float32 makes 0
    or infinite is refused, as ``GradientDescent(1e-50)`` is (probe36 P36-6: the run trained nothing)."""
    number = float(check_kind(name, value, "positive" if positive else "non-negative"))
    with np.errstate(over="ignore"):  # 1e39 is infinite in float32: refused below, without NumPy's warning
        single = np.float32(number)
    rounded = abs(float(single)) if np.isfinite(single) else np.inf
    if float32 and (rounded == np.inf or (number != 0 and rounded == 0)):
        smallest = float(np.finfo(np.float32).smallest_subnormal)
        fix = f"a value of at least {smallest:.1e} (float32's smallest)" if rounded == 0 else \
            f"a value below {float(np.finfo(np.float32).max):.4g} (float32's largest)"
        raise ConfigurationError(f"{name}={value!r} becomes {'0' if rounded == 0 else 'infinite'} in float32, in "
                                 f"which a schedule computes its rate (as TF1's decay functions do), so the run would "
                                 f"use {name}={'0' if rounded == 0 else 'inf'}; use {fix}")
    return number


def _steps(name: str, value) -> int:
    """A positive whole number of steps; a whole-valued float (Python 3's ``60000 / 100``), a SymPy integer or a 0-d
    NumPy array of one is that number."""
    value = plain_number(value)
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        refuse_traced(name, value)
        raise ConfigurationError(f"{name}: expected a positive whole number of steps; given {value!r}")
    return int(value)


def as_schedule(value) -> Schedule:
    """A schedule as given, or a constant rate for a number."""
    return value if isinstance(value, Schedule) else Constant(value)


def with_keyword_advice(cls):
    """``cls`` whose constructor answers another library's keyword (optax's ``transition_steps=``, PyTorch's
    ``T_max=``) with a ConfigurationError naming symopt's spelling (:data:`~symopt.keyword_advice.SCHEDULE_ADVICE`),
    not Python's TypeError (probe30 P30-3)."""
    cls.__init__ = refusing_unknown_keywords(cls.__init__, advice=SCHEDULE_ADVICE, name=f"symopt.{cls.__name__}")
    return cls


@with_keyword_advice
@dataclass(frozen=True)
class Constant(Schedule):
    r"""A constant rate :math:`\eta_t = \eta_0`."""

    learning_rate: float

    def __post_init__(self):
        object.__setattr__(self, "learning_rate", schedule_number("learning_rate", self.learning_rate))

    def constants(self):
        return {"eta_0": self.learning_rate}

    def expression(self, t, c):
        return c["eta_0"]


@with_keyword_advice
@dataclass(frozen=True)
class StepDecay(Schedule):
    """Shared parts of the decays of :math:`p = t/s` (or :math:`\\lfloor t/s\\rfloor` with ``staircase``)."""

    learning_rate: float
    decay_steps: int
    decay_rate: float
    staircase: bool = False

    def __post_init__(self):
        object.__setattr__(self, "learning_rate", schedule_number("learning_rate", self.learning_rate))
        object.__setattr__(self, "decay_steps", _steps("decay_steps", self.decay_steps))
        object.__setattr__(self, "decay_rate", schedule_number("decay_rate", self.decay_rate))
        check_flag(f"{type(self).__name__}(staircase=...)", self.staircase)  # "False" is no False (probe26)
        object.__setattr__(self, "staircase", bool(self.staircase))

    def constants(self):
        return {"eta_0": self.learning_rate, "s": float(self.decay_steps), "r": self.decay_rate,
                "s_reciprocal": reciprocal(self.decay_steps)}

    def progress(self, t, c):
        """:math:`p = t/s` (TF1's :func:`per`), floored with ``staircase``."""
        p = per(t, c)
        return sympy.floor(p, evaluate=False) if self.staircase else p


@with_keyword_advice
@dataclass(frozen=True)
class ExponentialDecay(StepDecay):
    r""":math:`\eta_t = \eta_0\, r^{t/s}`, or :math:`\eta_0\, r^{\lfloor t/s\rfloor}` with ``staircase``
    (``tf.train.exponential_decay``: ``p = t/s``, ``floor``, then ``η₀·pow(r, p)``, in float32)."""

    def expression(self, t, c):
        return Mul(c["eta_0"], Pow(c["r"], self.progress(t, c), evaluate=False), evaluate=False)


@with_keyword_advice
@dataclass(frozen=True)
class PiecewiseConstant(Schedule):
    r""":math:`\eta_t = v_0` for :math:`t \le b_1`, :math:`v_i` for :math:`b_i < t \le b_{i+1}`,
    :math:`v_n` for :math:`t > b_n` (``tf.train.piecewise_constant``)."""

    boundaries: tuple
    values: tuple

    def __post_init__(self):
        for field in ("boundaries", "values"):
            given = getattr(self, field)
            if isinstance(given, np.ndarray) and given.ndim == 1:  # a 1-D array is its list (review11 R11-7)
                object.__setattr__(self, field, tuple(given.tolist()))
            if not isinstance(getattr(self, field), (list, tuple)):
                raise ConfigurationError(f"PiecewiseConstant: {field} must be a list of numbers, e.g. "
                                         f"PiecewiseConstant([1000], [0.1, 0.01]); given {getattr(self, field)!r}")
        boundaries = tuple(schedule_number("boundaries", b, positive=False, float32=False)  # compared as integers
                           for b in self.boundaries)
        values = tuple(schedule_number("values", v) for v in self.values)
        if len(values) != len(boundaries) + 1 or not boundaries:
            raise ConfigurationError(f"PiecewiseConstant: expected one more value than boundaries (at least one "
                                     f"boundary); given {len(boundaries)} boundaries and {len(values)} values")
        if any(later <= earlier for earlier, later in zip(boundaries, boundaries[1:])):
            raise ConfigurationError(f"PiecewiseConstant: boundaries must increase strictly; given {boundaries}")
        object.__setattr__(self, "boundaries", boundaries)
        object.__setattr__(self, "values", values)

    def constants(self):
        found = {f"v_{i}": v for i, v in enumerate(self.values)}
        found.update({f"b_{i + 1}": b for i, b in enumerate(self.boundaries)})
        return found

    def integer_constants(self):
        """The whole-number boundaries as integers: the step is compared with them in integers, as TF1's
        ``piecewise_constant`` compares its int64 step (F35-2).  A boundary with a fraction (below :math:`2^{23}`,
        so no step rounds across it) stays a float32."""
        return {f"b_{i + 1}": int(b) for i, b in enumerate(self.boundaries) if b.is_integer()}

    def expression(self, t, c):
        cases = [(c[f"v_{i}"], sympy.Le(t, c[f"b_{i + 1}"], evaluate=False)) for i in range(len(self.boundaries))]
        return sympy.Piecewise(*cases, (c[f"v_{len(self.boundaries)}"], True), evaluate=False)


@with_keyword_advice
@dataclass(frozen=True)
class PolynomialDecay(Schedule):
    r""":math:`\eta_t = (\eta_0 - \eta_{end})(1 - \min(t, s)/s)^p + \eta_{end}`; with ``cycle``, :math:`s`
    becomes :math:`s\max(1, \lceil t/s\rceil)` (``tf.train.polynomial_decay``)."""

    learning_rate: float
    decay_steps: int
    end_learning_rate: float = 0.0001
    power: float = 1.0
    cycle: bool = False

    def __post_init__(self):
        object.__setattr__(self, "learning_rate", schedule_number("learning_rate", self.learning_rate))
        object.__setattr__(self, "decay_steps", _steps("decay_steps", self.decay_steps))
        object.__setattr__(self, "end_learning_rate", schedule_number("end_learning_rate",
                                                                              self.end_learning_rate, positive=False))
        object.__setattr__(self, "power", schedule_number("power", self.power))
        check_flag("PolynomialDecay(cycle=...)", self.cycle)
        object.__setattr__(self, "cycle", bool(self.cycle))

    def constants(self):
        return {"eta_0": self.learning_rate, "s": float(self.decay_steps), "eta_end": self.end_learning_rate,
                "p": self.power, "s_reciprocal": reciprocal(self.decay_steps)}

    def expression(self, t, c):
        return self._rate(t, c, lambda base: base)

    def traced_expression(self, t, c):
        r"""The base :math:`1 - \min(t, s)/s` clamped at 0, which it is in exact arithmetic from step :math:`s` on:
        XLA computes :math:`1 - \min(t, s) \cdot (1/s)` with one rounding, :math:`-4.5 \times 10^{-8}` at
        :math:`t = s = 7` in float32 where NumPy and TF1 round the product first and get 0 (a product
        :math:`s \cdot \mathrm{fl}(1/s)` never rounds above 1), and a fractional power of it was NaN."""
        return self._rate(t, c, lambda base: sympy.Max(base, 0, evaluate=False))

    def _rate(self, t, c, guarded):
        if self.cycle:  # the cycle's length is no constant: t divided by it
            steps = Mul(c["s"], sympy.Max(1, sympy.ceiling(per(t, c), evaluate=False), evaluate=False),
                        evaluate=False)
            fraction = over(t, steps)
        else:
            fraction = per(sympy.Min(t, c["s"], evaluate=False), c)
        decayed = Mul(minus(c["eta_0"], c["eta_end"]), Pow(guarded(minus(1, fraction)), c["p"], evaluate=False),
                      evaluate=False)
        return Add(decayed, c["eta_end"], evaluate=False)

    def zero_setting(self) -> ZeroSetting:
        where = "at every multiple of" if self.cycle else "from"
        return ZeroSetting("end_learning_rate", self.end_learning_rate, f"{where} step {self.decay_steps} "
                           f"(decay_steps)", "end_learning_rate > 0 (its default is 0.0001)")


@with_keyword_advice
@dataclass(frozen=True)
class InverseTimeDecay(StepDecay):
    r""":math:`\eta_t = \eta_0 / (1 + r\,t/s)`, or :math:`\eta_0 / (1 + r\lfloor t/s\rfloor)` with ``staircase``
    (``tf.train.inverse_time_decay``)."""

    def expression(self, t, c):
        return over(c["eta_0"], Add(1, Mul(c["r"], self.progress(t, c), evaluate=False), evaluate=False))


@with_keyword_advice
@dataclass(frozen=True)
class CosineDecay(Schedule):
    r""":math:`\eta_t = \eta_0\,\big((1-\alpha)\,\tfrac12(1 + \cos(\pi \min(t,s)/s)) + \alpha\big)`
    (``tf.train.cosine_decay``; :math:`1-\alpha` is rounded to float32 once, as TF1 does)."""

    learning_rate: float
    decay_steps: int
    alpha: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "learning_rate", schedule_number("learning_rate", self.learning_rate))
        object.__setattr__(self, "decay_steps", _steps("decay_steps", self.decay_steps))
        alpha = schedule_number("alpha", self.alpha, positive=False)
        if alpha > 1:
            raise ConfigurationError(f"alpha: expected the final fraction of the rate, in [0, 1]; given {alpha!r}")
        object.__setattr__(self, "alpha", alpha)

    def constants(self):
        return {"eta_0": self.learning_rate, "s": float(self.decay_steps), "alpha": self.alpha,
                "one_minus_alpha": 1.0 - self.alpha, "pi_over_s": pi_times(reciprocal(self.decay_steps))}

    def expression(self, t, c):
        cosine = Mul(sympy.S.Half, Add(1, sympy.cos(times(c["pi_over_s"], sympy.Min(t, c["s"], evaluate=False)),
                                                     evaluate=False), evaluate=False), evaluate=False)
        decayed = Add(Mul(c["one_minus_alpha"], cosine, evaluate=False), c["alpha"], evaluate=False)
        return Mul(c["eta_0"], decayed, evaluate=False)

    def zero_setting(self) -> ZeroSetting:
        return ZeroSetting("alpha", self.alpha, f"from step {self.decay_steps} (decay_steps) on",
                           "alpha > 0, the final fraction of the rate, e.g. alpha=0.001", (self.learning_rate,))

    def shown_as(self, symbols):
        return {**super().shown_as(symbols), "one_minus_alpha": minus(1, symbols["alpha"]),
                "pi_over_s": over(sympy.pi, symbols["s"])}


@with_keyword_advice
@dataclass(frozen=True)
class Warmup(Schedule):
    r"""Linear warm-up over :math:`w` steps from :math:`\eta_{init}` to the first rate :math:`\eta_{peak}` of
    ``then`` (a schedule or a number), then ``then`` shifted by :math:`w`:
    :math:`\eta_t = \eta_{init} + (\eta_{peak} - \eta_{init})\,t/w` for :math:`t < w`, else
    :math:`\text{then}(t - w)` (optax's ``linear_schedule`` joined to the next schedule)."""

    then: Schedule | float
    warmup_steps: int
    initial_learning_rate: float = 0.0

    def __post_init__(self):
        then = as_schedule(self.then)
        if isinstance(then, Warmup):
            raise ConfigurationError("Warmup: the schedule after the warm-up cannot itself be a Warmup")
        object.__setattr__(self, "then", then)
        object.__setattr__(self, "warmup_steps", _steps("warmup_steps", self.warmup_steps))
        object.__setattr__(self, "initial_learning_rate", schedule_number(
            "initial_learning_rate", self.initial_learning_rate, positive=False))

    def constants(self):
        return {**self.then.constants(), "w": float(self.warmup_steps), "eta_init": self.initial_learning_rate,
                "eta_peak": float(self.then(0))}

    def shown_as(self, symbols):
        return self.then.shown_as(symbols)

    def integer_constants(self):
        """The warm-up's length :math:`w` and the next schedule's: :math:`t < w` and :math:`t - w` in integers."""
        return {**self.then.integer_constants(), "w": self.warmup_steps}

    def zero_setting(self) -> ZeroSetting:
        return ZeroSetting("initial_learning_rate", self.initial_learning_rate, "at step 0 (0 is its default)",
                           "initial_learning_rate > 0, e.g. a tenth of the peak rate")

    def why_zero(self) -> str | None:
        """The warm-up's own start of 0, else the schedule's after it."""
        own = super().why_zero()
        if own is not None:
            return own
        after = self.then.why_zero()
        return None if after is None else f"after the {self.warmup_steps} warm-up steps, {after}"

    def expression(self, t, c):
        return self._rate(t, c, self.then.expression)

    def traced_expression(self, t, c):
        return self._rate(t, c, self.then.traced_expression)

    def _rate(self, t, c, then):
        rise = over(Mul(minus(c["eta_peak"], c["eta_init"]), t, evaluate=False), c["w"])
        after = then(minus(t, c["w"]), c)
        return sympy.Piecewise((Add(c["eta_init"], rise, evaluate=False), sympy.Lt(t, c["w"], evaluate=False)),
                               (after, True), evaluate=False)

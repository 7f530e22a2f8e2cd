r"""TF1's other learning-rate schedules: ``natural_exp_decay``, ``linear_cosine_decay``, ``cosine_decay_restarts``.

Like :mod:`symopt.schedules` (whose :class:`~symopt.schedules.Schedule` they are), every constant is a float32 and
the operations run in TF1's order (``learning_rate_schedule.py``), so rates and trajectories carry TF1's digits:

=======================  =========================================================================================
``NaturalExpDecay``      :math:`\eta_0\,(e^{-k})^{t/s}` (staircase: :math:`\lfloor t/s\rfloor`)
``LinearCosineDecay``    :math:`\eta_0\,((\alpha + (s - \min(t,s))/s)\,\tfrac12(1 + \cos(2\pi n \min(t,s)/s)) + \beta)`
``CosineDecayRestarts``  SGDR: a cosine from :math:`\eta_0` down to :math:`\alpha\eta_0` over :math:`s` steps,
                         restarted with periods :math:`s\,t_{mul}^i` and peaks :math:`m_{mul}^i \eta_0`
=======================  =========================================================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy
from sympy import Add, Pow

from .errors import ConfigurationError
from .schedule_base import Schedule, ZeroSetting
from .schedule_folding import per, pi_times, reciprocal
from .schedules import CosineDecay, ExponentialDecay, schedule_number, with_keyword_advice
from .unevaluated import minus, over, times

__all__ = ["NaturalExpDecay", "LinearCosineDecay", "CosineDecayRestarts"]


def _check(schedule, steps: str, **positive: bool) -> None:
    """Check and set ``schedule``'s rate, its field ``steps`` and ``alpha`` as :class:`CosineDecay` does, and each
    field named in ``positive`` as a finite number above 0 (True) or at least 0 (False)."""
    try:
        checked = CosineDecay(schedule.learning_rate, getattr(schedule, steps), schedule.alpha)
    except ConfigurationError as error:  # named as the schedule names its steps
        raise ConfigurationError(str(error).replace("decay_steps", steps, 1)) from None
    values = {"learning_rate": checked.learning_rate, steps: checked.decay_steps, "alpha": checked.alpha}
    values.update({name: schedule_number(name, getattr(schedule, name), positive=above)
                   for name, above in positive.items()})
    for name, value in values.items():
        object.__setattr__(schedule, name, value)


def _cosine(fraction):
    r""":math:`\tfrac12(1 + \cos(\pi f))` in TF1's order (``0.5 * (1.0 + cos(pi * f))``)."""
    return times(sympy.S.Half, Add(1, sympy.cos(times(sympy.pi, fraction), evaluate=False), evaluate=False))


@with_keyword_advice
@dataclass(frozen=True)
class NaturalExpDecay(ExponentialDecay):
    r""":math:`\eta_t = \eta_0\,(e^{-k})^{t/s}`, or :math:`(e^{-k})^{\lfloor t/s\rfloor}` with ``staircase``
    (``tf.train.natural_exp_decay``: TF1 rounds :math:`r = e^{-k}` to float32 once, then decays exponentially with
    it); ``decay_rate`` is :math:`k`.  :math:`r` is :math:`e^{-k}` for :math:`k` in float32, rounded to float32 once,
    as TF1's scalar ``exp`` gives it (NumPy's float32 ``exp`` is 1 ulp off at :math:`k = 1` and :math:`k = 10`,
    which the power :math:`r^t` multiplied: probe60 P60-12)."""

    def constants(self):
        rate = float(np.float32(math.exp(-float(np.float32(self.decay_rate)))))
        return {"eta_0": self.learning_rate, "s": float(self.decay_steps), "k": self.decay_rate, "r": rate,
                "s_reciprocal": reciprocal(self.decay_steps)}

    def shown_as(self, symbols):
        return {**super().shown_as(symbols), "r": sympy.exp(-symbols["k"], evaluate=False)}


@with_keyword_advice
@dataclass(frozen=True)
class LinearCosineDecay(Schedule):
    r""":math:`\eta_t = \eta_0\,\big((\alpha + (s - \tau)/s)\,\tfrac12(1 + \cos(\pi\, 2n\, \tau/s)) + \beta\big)`
    with :math:`\tau = \min(t, s)` (``tf.train.linear_cosine_decay``; :math:`n` = ``num_periods``)."""

    learning_rate: float
    decay_steps: int
    num_periods: float = 0.5
    alpha: float = 0.0
    beta: float = 0.001

    def __post_init__(self):
        _check(self, "decay_steps", num_periods=True, beta=False)

    def constants(self):
        inverse = reciprocal(self.decay_steps)
        return {"eta_0": self.learning_rate, "s": float(self.decay_steps), "n": self.num_periods,
                "alpha": self.alpha, "beta": self.beta, "s_reciprocal": inverse,
                "angle": pi_times(float(np.float32(2 * np.float32(self.num_periods)) * np.float32(inverse)))}

    def zero_setting(self) -> ZeroSetting:
        return ZeroSetting("beta", self.beta, f"where the cosine factor is 0 (with the default num_periods, from step "
                           f"{self.decay_steps}, decay_steps, on)", "beta > 0 (its default is 0.001)",
                           (self.learning_rate,))

    def shown_as(self, symbols):
        return {**super().shown_as(symbols), "angle": over(times(sympy.pi, 2, symbols["n"]), symbols["s"])}

    def expression(self, t, c):
        steps = sympy.Min(t, c["s"], evaluate=False)
        linear = per(minus(c["s"], steps), c)
        cosine = times(sympy.S.Half, Add(1, sympy.cos(times(c["angle"], steps), evaluate=False), evaluate=False))
        decayed = Add(times(Add(c["alpha"], linear, evaluate=False), cosine), c["beta"], evaluate=False)
        return times(c["eta_0"], decayed)


@with_keyword_advice
@dataclass(frozen=True)
class CosineDecayRestarts(Schedule):
    r"""SGDR (``tf.train.cosine_decay_restarts``): with :math:`f = t/s`, period :math:`i` of the cosine is
    :math:`i = \lfloor f\rfloor` (:math:`t_{mul} = 1`) or :math:`i = \lfloor \log(1 - f(1 - t_{mul}))/\log t_{mul}
    \rfloor`, the fraction of it done :math:`f_i = f - i` or :math:`(f - (1 - t_{mul}^i)/(1 - t_{mul}))/t_{mul}^i`, and
    :math:`\eta_t = \eta_0\,\big((1-\alpha)\,\tfrac12 m_{mul}^i(1 + \cos(\pi f_i)) + \alpha\big)`, its products in the
    order TF1's graph optimizer runs them, :math:`((1-\alpha)\cdot\tfrac12)\cdot m_{mul}^i`, so the float32 rate is
    TensorFlow 2.21's bit for bit where :math:`t_{mul}` is 1 (or 2, 3)."""

    learning_rate: float
    first_decay_steps: int
    t_mul: float = 2.0
    m_mul: float = 1.0
    alpha: float = 0.0

    def __post_init__(self):
        _check(self, "first_decay_steps", t_mul=True, m_mul=False)

    def why_undefined(self) -> str | None:
        if np.float32(self.t_mul) >= 1:
            return None
        end = self.first_decay_steps / (1 - self.t_mul)
        return (f"with t_mul = {self.t_mul} < 1 the restart periods s, s·t_mul, s·t_mul², ... sum to s/(1 - t_mul) = "
                f"{end:g} steps; from there log(1 - (t/s)(1 - t_mul)) has no real value and the rate is NaN, as in "
                f"TF1. Train at most {end:g} steps with it, or use t_mul >= 1")

    def zero_setting(self) -> ZeroSetting:
        return ZeroSetting("alpha", self.alpha, "at the end of a period, where the cosine rounds to -1 in float32 "
                           "(first_decay_steps=41, t_mul=1.0: at step 41)",
                           "alpha > 0, the fraction of the rate each period ends at, e.g. alpha=0.001",
                           (self.learning_rate,))

    def constants(self):
        return {"eta_0": self.learning_rate, "s": float(self.first_decay_steps), "t_mul": self.t_mul,
                "m_mul": self.m_mul, "alpha": self.alpha, "s_reciprocal": reciprocal(self.first_decay_steps)}

    def expression(self, t, c):
        fraction = per(t, c)
        if np.float32(self.t_mul) == 1:  # TF1's cond(t_mul == 1.0, ...), decided once: t_mul is a constant
            period = sympy.floor(fraction, evaluate=False)
            done = minus(fraction, period)
        else:
            growth = minus(1, c["t_mul"])
            period = sympy.floor(over(sympy.log(minus(1, times(fraction, growth)), evaluate=False),
                                      sympy.log(c["t_mul"], evaluate=False)), evaluate=False)
            scale = Pow(c["t_mul"], period, evaluate=False)
            done = over(minus(fraction, over(minus(1, scale), growth)), scale)
        # TF's (1 - alpha)*(0.5*m_fac*(1 + cos)) as Grappler runs it: the constants folded first, ((1 - alpha)*0.5),
        # then m_fac, then 1 + cos, which is its float32 rounding bit for bit (probe66 P66-4)
        decayed = times(times(times(minus(1, c["alpha"]), sympy.S.Half), Pow(c["m_mul"], period, evaluate=False)),
                        Add(1, sympy.cos(times(sympy.pi, done), evaluate=False), evaluate=False))
        return times(c["eta_0"], Add(decayed, c["alpha"], evaluate=False))

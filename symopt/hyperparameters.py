r"""Hyperparameters as the optimizers keep them: read (a SymPy or 0-d NumPy number becomes a plain number) and checked
against the range where each rule means something, with TF1's float32 rounding refused where it would lose the value.

:class:`AnyReal` marks a value taken as TF1 takes it (:mod:`symopt.compat.v1`); :class:`to_dtype` is the cast an
update applies to a float32 state value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from .errors import ConfigurationError
from .jax_tracers import refuse_traced
from .run_arguments import given_value, is_real_number, plain_number
from .schedule_base import Schedule

__all__ = ["to_dtype", "hyperparameter", "TYPICAL_VALUES", "KINDS", "AnyReal", "check_kind",
           "check_positive", "check_non_negative", "check_learning_rate", "check_fraction", "FLOAT32_VANISHES",
           "FLOAT32_OVERFLOWS", "check_float32_holds", "range_kind", "CLOSER_VALUES", "check_rounded_range"]


class to_dtype(sympy.Function):
    """Cast a float32 state value to the variable's dtype (a no-op in float32)."""

    def _latex(self, printer):
        return printer._print(self.args[0])


def hyperparameter(value) -> float:
    """A checked hyperparameter as the optimizer keeps it: ``numpy.float64`` stays itself (exact in a float64 run,
    as TF1 casts a float64 learning rate), any other number becomes a Python float (float32 first, then the
    variable's dtype: TF1's rule for a Python float); :func:`symopt.fused.hyper_values` tells them apart."""
    return value if isinstance(value, np.float64) else float(value)


#: The hint a refused hyperparameter's message gives, by name.
TYPICAL_VALUES = {
    "lr": "0.001 to 0.1",
    "epsilon": "1e-8 (Adam), 1e-10 (RMSProp), 1e-7 (Keras)",
    "initial_accumulator_value": "0.1 (TF1's default)",
    "learning_rate_power": "-0.5 (TF1's default)",
}

#: The values a hyperparameter of each kind may take, where its rule means something: (whether a number is taken,
#: the range in words).  ``"real"`` is TF1's range for the values of :class:`AnyReal` (it checks none of these).
KINDS = {
    "positive": (lambda v: 0 < v < np.inf, "a positive finite number"),
    "non-negative": (lambda v: 0 <= v < np.inf, "a non-negative finite number"),
    "fraction": (lambda v: 0 <= v < 1, "a number in [0, 1)"),
    "closed fraction": (lambda v: 0 <= v <= 1, "a number in [0, 1]"),
    "finite": (lambda v: -np.inf < v < np.inf, "a finite number"),
    "non-positive": (lambda v: -np.inf < v <= 0, "a finite number <= 0"),
    "real": (lambda v: not np.isnan(v), "a real number"),
}


@dataclass(frozen=True)
class AnyReal:
    """A hyperparameter taken at any real value, as TF1 takes it: TF1 checks none of ``momentum``, ``decay``, the
    betas, ``rho``, ``epsilon`` or the l1/l2 strengths, and its kernels run whatever follows (Adam's ``beta1=1``
    divides by 0: NaN).  :mod:`symopt.compat.v1`'s optimizers pass theirs so; a number given to a symopt optimizer
    is checked against the range of :data:`KINDS` where its rule means something (docs/optimizers.md)."""

    value: Any


def check_kind(name: str, value, kind: str) -> float:
    """``value`` as the optimizer keeps it (:func:`hyperparameter`), or a :class:`ConfigurationError` naming the range
    of ``kind`` (:data:`KINDS`); the value of an :class:`AnyReal` is taken as any real number."""
    if isinstance(value, AnyReal):
        value, kind = value.value, "real"
    taken, words = KINDS[kind]
    number = plain_number(value)
    if not is_real_number(number) or not taken(float(number)):
        refuse_traced(name, number)
        typical = f". Typical values: {TYPICAL_VALUES[name]}." if name in TYPICAL_VALUES else ""
        raise ConfigurationError(f"{name}: expected {words}; given {given_value(value)}{typical}")
    return hyperparameter(number)


def range_kind(value, kind: str) -> str:
    """The range ``value`` is held to once rounded to the run's dtype: ``kind``, or ``"real"`` for an
    :class:`AnyReal` (TF1's range: none)."""
    return "real" if isinstance(value, AnyReal) else kind


#: What to give instead of a value its dtype rounds out of a range of :data:`KINDS` (to its closed end).
CLOSER_VALUES = {"fraction": "a value further from 1 (float32's largest number below 1 is 0.99999994)"}


def check_rounded_range(name: str, given, rounded, kind: str, where: str, advice: str) -> None:
    """Refuse a hyperparameter in its range as written whose value rounded to the run's arithmetic (``rounded``,
    ``where`` says which) leaves it: ``Adam(beta2=0.99999999)`` is 1.0 in float32, and beta2 = 1 never
    moves (probe36 P36-1); ``advice``: the other way out (a float64 run)."""
    taken, words = KINDS[kind]
    if np.isnan(rounded) or taken(float(rounded)):
        return
    instead = CLOSER_VALUES.get(kind, "a value inside that range")
    raise ConfigurationError(f"{name}={given_value(given)} becomes {float(rounded)!r} in {where}, outside {name}'s range "
                             f"({words}); use {instead}, {advice}")


def check_positive(name: str, value) -> float:
    return check_kind(name, value, "positive")


def check_non_negative(name: str, value) -> float:
    return check_kind(name, value, "non-negative")


def check_learning_rate(value):
    """A positive number, or a :class:`~symopt.schedules.Schedule` of the step (a Python function or an optax
    schedule is refused naming symopt's schedules: the generated step holds the schedule's formula)."""
    if callable(value) and not isinstance(value, Schedule):
        raise ConfigurationError(
            f"lr: expected a positive finite number or a symopt schedule; given the function {value!r}. symopt writes "
            "a schedule's formula into the generated step, so it takes its own: symopt.ExponentialDecay(0.1, 1000, "
            "0.96), CosineDecay, PiecewiseConstant, PolynomialDecay, InverseTimeDecay, Warmup (docs/optimizers.md)")
    if isinstance(value, Schedule):
        return value
    number = plain_number(value)
    if is_real_number(number) and number < 0:  # gradient ascent (TF1 takes a negative rate)
        raise ConfigurationError(f"lr: expected a positive finite number; given {given_value(value)}. A negative rate climbs the "
                                 "cost: to maximize U, minimize -U (symopt.minimize(-U, ...)) with a positive rate")
    return check_positive("lr", value)


def check_fraction(name: str, value) -> float:
    return check_kind(name, value, "fraction")


#: The largest positive float that float32 rounds to 0: half its smallest subnormal, 2⁻¹⁵⁰ (ties go to the even 0).
FLOAT32_VANISHES = 2.0 ** -150
#: The smallest positive float that float32 rounds to infinity: halfway between its largest number and 2¹²⁸ (the
#: tie goes to the even one, infinity).
FLOAT32_OVERFLOWS = 2.0 ** 128 - 2.0 ** 103


def check_float32_holds(name: str, value) -> None:
    """Refuse a Python-float hyperparameter that float32 rounds to 0 or to infinity (TF1 rounds it to float32
    whatever the variables' dtype, so ``lr=1e-50`` would train nothing and ``lr=1e308`` diverge at once)."""
    if type(value) is float and 0 < value <= FLOAT32_VANISHES:
        smallest = float(np.finfo(np.float32).smallest_subnormal)
        raise ConfigurationError(
            f"{name}={value!r} becomes 0 in float32 (TF1 rounds a Python-float hyperparameter to float32), so "
            f"the run would use {name}=0; use a value of at least {smallest:.1e} (float32's smallest), or "
            f"numpy.float64({value!r}) to keep it exact in a float64 run")
    if type(value) is float and np.isfinite(value) and abs(value) >= FLOAT32_OVERFLOWS:  # in the run's words
        raise ConfigurationError(f"{name}={value!r} becomes infinite in float32 (TF1 rounds a Python-float "
                                 "hyperparameter to float32); use a smaller value")

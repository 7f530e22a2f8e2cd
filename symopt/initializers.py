r"""Initial values for :class:`~symopt.symbols.Variable`: callables ``init(shape, dtype) -> ndarray``.

Each initializer is a small frozen dataclass; calling it draws an array of the
given shape, computed in the given dtype::

    W = symopt.Variable("W", symopt.initializers.glorot_uniform(seed=0), shape=(64, 32))

Random ones draw from a NumPy ``Generator`` seeded with ``seed`` (an int, a
sequence of ints, or ``None`` for fresh entropy): the same seed gives the same
array on every call.

==============================  ==============================================================
initializer                     distribution
==============================  ==============================================================
:class:`Zeros`, :class:`Ones`   :math:`0`, :math:`1`
:class:`Constant`               a number or an array broadcast to the shape
:class:`RandomNormal`           :math:`\mathcal N(\mu, \sigma^2)`
:class:`TruncatedNormal`        :math:`\mathcal N(\mu, \sigma^2)` redrawn outside :math:`\mu \pm 2\sigma`
:class:`RandomUniform`          :math:`\mathcal U[a, b)`
:class:`VarianceScaling`        variance :math:`s/n` with :math:`n` = fan in, fan out or their mean
:func:`glorot_uniform`          :math:`\mathcal U[-l, l)`, :math:`l = \sqrt{6/(n_\text{in}+n_\text{out})}`
:func:`glorot_normal`           truncated normal, :math:`\sigma = \sqrt{2/(n_\text{in}+n_\text{out})}/0.8796\ldots`
==============================  ==============================================================

The definitions follow TensorFlow 1.x (``init_ops.py``), so the statistics match.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Union

import numpy as np

from .errors import ConfigurationError

__all__ = ["Initializer", "Zeros", "Ones", "Constant", "RandomNormal", "TruncatedNormal", "RandomUniform",
           "VarianceScaling", "glorot_uniform", "glorot_normal", "fans"]

Seed = Union[int, Sequence[int], None]

#: Standard deviation of a standard normal truncated to :math:`[-2, 2]`: dividing by it
#: gives a truncated normal the intended standard deviation (TF1's ``0.87962566103423978``).
TRUNCATED_NORMAL_STDDEV = 0.87962566103423978


class Initializer:
    """Base class: ``init(shape, dtype="float64") -> ndarray`` of that shape and dtype."""

    def __call__(self, shape: Sequence[int], dtype: Any = "float64") -> np.ndarray:
        shape = tuple(int(size) for size in shape)
        return np.asarray(self.draw(shape, np.dtype(dtype)), dtype=dtype)

    def draw(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        raise NotImplementedError


def _generator(seed: Seed) -> np.random.Generator:
    return np.random.default_rng(seed)


def _truncated_normal(generator: np.random.Generator, shape: tuple, mean: float, stddev: float) -> np.ndarray:
    """Normal samples, each redrawn until it lies within two standard deviations (TF1's rule)."""
    values = generator.standard_normal(shape)
    outside = np.abs(values) > 2
    while outside.any():
        values[outside] = generator.standard_normal(int(outside.sum()))
        outside = np.abs(values) > 2
    return mean + stddev * values


@dataclass(frozen=True)
class Zeros(Initializer):
    """All zeros."""

    def draw(self, shape, dtype):
        return np.zeros(shape, dtype=dtype)


@dataclass(frozen=True)
class Ones(Initializer):
    """All ones."""

    def draw(self, shape, dtype):
        return np.ones(shape, dtype=dtype)


@dataclass(frozen=True)
class Constant(Initializer):
    """A number, or an array of exactly the requested shape (or one that broadcasts to it)."""

    value: Any = 0.0

    def draw(self, shape, dtype):
        value = np.asarray(self.value, dtype=dtype)
        try:
            return np.broadcast_to(value, shape).copy()
        except ValueError:
            raise ConfigurationError(f"Constant initializer: a value of shape {value.shape} does not fit the "
                                     f"requested shape {shape}; give a number or an array of shape {shape}") from None


@dataclass(frozen=True)
class RandomNormal(Initializer):
    r""":math:`\mathcal N(\mu, \sigma^2)` samples (TF1 defaults :math:`\mu=0, \sigma=1`)."""

    mean: float = 0.0
    stddev: float = 1.0
    seed: Seed = None

    def draw(self, shape, dtype):
        r""":math:`\mu + \sigma z` of standard normal :math:`z` (NumPy's ``normal``, whose bits these are, refuses a
        negative :math:`\sigma`; TF1 scales by it: final36 F36-8)."""
        return self.stddev * _generator(self.seed).standard_normal(shape) + self.mean


@dataclass(frozen=True)
class TruncatedNormal(Initializer):
    r""":math:`\mathcal N(\mu, \sigma^2)` samples, each redrawn until within :math:`\mu \pm 2\sigma`."""

    mean: float = 0.0
    stddev: float = 1.0
    seed: Seed = None

    def draw(self, shape, dtype):
        return _truncated_normal(_generator(self.seed), shape, self.mean, self.stddev)


@dataclass(frozen=True)
class RandomUniform(Initializer):
    r""":math:`\mathcal U[a, b)` samples (TF1 defaults :math:`a=0, b=1`)."""

    minval: float = 0.0
    maxval: float = 1.0
    seed: Seed = None

    def draw(self, shape, dtype):
        r""":math:`a + (b - a)u` of :math:`u \sim \mathcal U[0, 1)` (NumPy's ``uniform``, whose bits these are, refuses
        :math:`a > b`; TF1 computes it: final36 F36-8)."""
        return self.minval + (self.maxval - self.minval) * _generator(self.seed).random(shape)


def fans(shape: Sequence[int]) -> tuple[float, float]:
    r"""``(fan_in, fan_out)`` of a weight shape as TF1 counts them.

    Rank 2 ``(n_in, n_out)``; rank 1 ``(n, n)``; rank 0 ``(1, 1)``; higher ranks multiply
    both by the receptive field (all dimensions but the last two).
    """
    shape = tuple(shape)
    if not shape:
        return 1.0, 1.0
    if len(shape) == 1:
        return float(shape[0]), float(shape[0])
    receptive_field = math.prod(shape[:-2])
    return float(shape[-2] * receptive_field), float(shape[-1] * receptive_field)


_FAN_MODES = {
    "fan_in": lambda fan_in, fan_out: fan_in,
    "fan_out": lambda fan_in, fan_out: fan_out,
    "fan_avg": lambda fan_in, fan_out: (fan_in + fan_out) / 2,
}


@dataclass(frozen=True)
class VarianceScaling(Initializer):
    r"""Samples with variance :math:`s/n`, :math:`n` chosen by ``mode`` (``fan_in``, ``fan_out``, ``fan_avg``).

    ``distribution="truncated_normal"`` (TF1's ``"normal"`` too): truncated normal with
    :math:`\sigma = \sqrt{s/n}/0.8796\ldots`; ``"untruncated_normal"``: :math:`\sigma = \sqrt{s/n}`;
    ``"uniform"``: :math:`\mathcal U[-l, l)` with :math:`l = \sqrt{3s/n}`.
    """

    scale: float = 1.0
    mode: str = "fan_in"
    distribution: str = "truncated_normal"
    seed: Seed = None

    def __post_init__(self):
        if self.scale <= 0:
            raise ConfigurationError(f"VarianceScaling: scale must be positive; given {self.scale}")
        if self.mode not in _FAN_MODES:
            raise ConfigurationError(f"VarianceScaling: mode must be one of {sorted(_FAN_MODES)}; given {self.mode!r}")
        if self.distribution not in _DISTRIBUTIONS:
            raise ConfigurationError(f"VarianceScaling: distribution must be one of {sorted(_DISTRIBUTIONS)}; "
                                     f"given {self.distribution!r}")

    def variance(self, shape: Sequence[int]) -> float:
        """:math:`s/n` for this weight shape."""
        return self.scale / max(1.0, _FAN_MODES[self.mode](*fans(shape)))

    def draw(self, shape, dtype):
        return _DISTRIBUTIONS[self.distribution](_generator(self.seed), shape, self.variance(shape))


def _draw_truncated(generator, shape, variance):
    return _truncated_normal(generator, shape, 0.0, math.sqrt(variance) / TRUNCATED_NORMAL_STDDEV)


def _draw_untruncated(generator, shape, variance):
    return generator.normal(0.0, math.sqrt(variance), shape)


def _draw_uniform(generator, shape, variance):
    limit = math.sqrt(3.0 * variance)
    return generator.uniform(-limit, limit, shape)


_DISTRIBUTIONS = {
    "truncated_normal": _draw_truncated,
    "normal": _draw_truncated,
    "untruncated_normal": _draw_untruncated,
    "uniform": _draw_uniform,
}


def glorot_uniform(seed: Seed = None) -> VarianceScaling:
    r"""Glorot (Xavier) uniform: :math:`\mathcal U[-l, l)`, :math:`l = \sqrt{6/(n_\text{in}+n_\text{out})}`."""
    return VarianceScaling(1.0, "fan_avg", "uniform", seed)


def glorot_normal(seed: Seed = None) -> VarianceScaling:
    r"""Glorot (Xavier) normal as TF1 draws it: a truncated normal with
    :math:`\sigma = \sqrt{2/(n_\text{in}+n_\text{out})}/0.87962566103423978`."""
    return VarianceScaling(1.0, "fan_avg", "truncated_normal", seed)

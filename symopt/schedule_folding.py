r"""The constants TF1's graph optimizer (Grappler) folds in a schedule's float32 arithmetic, so that symopt's rates
carry TF1's digits: a division by a constant :math:`s` is a multiplication by :math:`\mathrm{fl}(1/s)`
(:func:`per`, :func:`reciprocal`), and :math:`\pi` times such a reciprocal is one float32 constant
(:func:`pi_times`).  Used by :mod:`symopt.schedules` and :mod:`symopt.more_schedules`."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from sympy import Symbol

from .unevaluated import times

__all__ = ["reciprocal", "per", "pi_times"]


def reciprocal(value: float) -> float:
    """:math:`1/v` rounded to float32 once, as TF1 folds the reciprocal of a constant (see :func:`per`)."""
    return float(np.float32(1) / np.float32(value))


def per(x, c: Mapping[str, Symbol], name: str = "s"):
    r""":math:`x/s` for a constant :math:`s` as TF1 runs it: Grappler, TF1's graph optimizer, rewrites a division
    by a constant as a multiplication by its float32 reciprocal (``ReduceDivToReciprocalMul``), so the rate is
    :math:`x \cdot \mathrm{fl}(1/s)`, the constant ``c[name + "_reciprocal"]``.  The two differ in the last bit at
    some steps, and there a ``floor`` or ``ceil`` of it differs by one: TF1's ``polynomial_decay(cycle=True)``
    with :math:`s = 15` starts a new cycle at :math:`t = 45`, as :math:`45 \cdot \mathrm{fl}(1/15) = 3.0000002`."""
    return times(x, c[f"{name}_reciprocal"])


def pi_times(value: float) -> float:
    r""":math:`\pi v` in float32, the constant TF1's graph optimizer folds :math:`\pi \cdot (x \cdot \mathrm{fl}(1/s))`
    into (``ConstantPushDown``: :math:`(\pi\,\mathrm{fl}(1/s))\,x`), for a cosine schedule."""
    return float(np.float32(np.pi) * np.float32(value))

r"""Helpers that generated code calls, kept tiny so the generated source stays readable.

Each is the numerically stable form of its formula.
"""

from __future__ import annotations

import numpy

__all__ = ["sigmoid", "logsumexp", "softplus", "step"]


def sigmoid(x):
    r""":math:`\sigma(x) = 1/(1+e^{-x}) = e^{-\log(1+e^{-x})}`: no overflow at :math:`x=\pm 1000`, full relative accuracy in both tails."""
    return numpy.exp(-numpy.logaddexp(0, -x))


def softplus(x):
    r""":math:`\log(1+e^{x})` as ``logaddexp(0, x)`` (finite for large :math:`|x|`)."""
    return numpy.logaddexp(0, x)


def step(x):
    r"""Heaviside :math:`H(x)` with :math:`H(0)=0`, in the dtype of ``x``."""
    return numpy.heaviside(x, 0)


def logsumexp(a, axis):
    r""":math:`c + \log\sum e^{a-c}` with :math:`c=\max a` along ``axis`` (keepdims), finite at logits of ±1000."""
    top = a.max(axis=axis, keepdims=True)
    return top + numpy.log(numpy.exp(a - top).sum(axis=axis, keepdims=True))

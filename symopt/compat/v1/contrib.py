"""``tf.contrib``: the parts TF1 courses use, ``tf.contrib.layers`` (``xavier_initializer``,
``fully_connected``, ``flatten``, the weight regularizers ``l2_regularizer``, ``l1_regularizer``, ...)."""

from __future__ import annotations

import types

from . import layers as _layers
from .errors import unsupported_name
from .init_ops import glorot_uniform_initializer, variance_scaling_initializer
from .regularizers import (apply_regularization, l1_l2_regularizer, l1_regularizer, l2_regularizer,
                           sum_regularizer)

__all__ = ["layers"]
__path__: list = []  # a package to the import system: `import tensorflow.contrib.layers` (runner.ALIASES)


def xavier_initializer(uniform: bool = True, seed=None, dtype=None):
    r"""TF1's ``tf.contrib.layers.xavier_initializer``: uniform on :math:`\pm\sqrt{6/(n_{in}+n_{out})}` (Glorot
    uniform), or with ``uniform=False`` a truncated normal of standard deviation :math:`\sqrt{1.3/((n_{in}+n_{out})/2)}`
    (contrib's definition)."""
    if uniform:
        return glorot_uniform_initializer(seed=seed)
    # core variance scaling draws a truncated normal of stddev sqrt(scale/n) / 0.8796...: this scale gives sqrt(1.3/n)
    return variance_scaling_initializer(scale=1.3 * 0.87962566103423978**2, mode="fan_avg",
                                        distribution="truncated_normal", seed=seed)


class _ContribLayers(types.SimpleNamespace):
    def __getattr__(self, name):
        raise unsupported_name("tf.contrib.layers", name)


layers = _ContribLayers(xavier_initializer=xavier_initializer, xavier_initializer_conv2d=xavier_initializer,
                        fully_connected=_layers.fully_connected, flatten=_layers.contrib_flatten,
                        l1_regularizer=l1_regularizer, l2_regularizer=l2_regularizer,
                        l1_l2_regularizer=l1_l2_regularizer, sum_regularizer=sum_regularizer,
                        apply_regularization=apply_regularization)


def __getattr__(name: str):
    if name.startswith("_"):
        raise AttributeError(name)
    raise unsupported_name("tf.contrib", name)

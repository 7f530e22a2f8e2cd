"""``tensorflow.contrib.layers`` as a module, for ``from tensorflow.contrib.layers import l2_regularizer`` in a program
run by ``symopt tf1``: the names of ``tf.contrib.layers`` (:mod:`symopt.compat.v1.contrib`)."""

from __future__ import annotations

from .contrib import layers as _layers
from .errors import unsupported_name

globals().update(vars(_layers))
__all__ = sorted(vars(_layers))
__path__: list = []  # `from tensorflow.contrib.layers import <a name symopt lacks>` is refused by runner.py's importer


def __getattr__(name: str):
    if name.startswith("_"):
        raise AttributeError(name)
    raise unsupported_name("tf.contrib.layers", name)

"""``tf.random`` (TF 1.13+): the random tensors and the graph seed under their newer names."""

from __future__ import annotations

from .errors import missing_names
from .init_ops import set_random_seed
from .random_tensors import random_normal as normal, random_uniform as uniform, truncated_normal

__all__ = ["normal", "uniform", "truncated_normal", "set_random_seed"]

__getattr__ = missing_names("tf.random")
__path__: list = []  # `from tensorflow.random import <a name symopt lacks>` is refused by runner.py's importer

"""``tf.math`` (TF 1.13+): the math functions under their newer names (``tf.math.log``, ``tf.math.reduce_sum``,
...); the same functions as the top-level ``tf.log``, ``tf.reduce_sum``."""

from __future__ import annotations

from .array_ops import argmax, argmin, equal, reduce_max, reduce_mean, reduce_min, reduce_sum
from . import math_ops
from .comparison_ops import (greater, greater_equal, less, less_equal, logical_and, logical_not, logical_or, maximum,
                             minimum, not_equal)
from .errors import missing_names
from .math_ops import (UNARY_FUNCTIONS, add, divide, floordiv, floormod, multiply, negative, pow,  # noqa: A004
                       reduce_prod, round, squared_difference, subtract, truediv, truncatediv)
from .nn import log_softmax, softmax
from .number_tests import is_finite, is_inf, is_nan, reduce_all, reduce_any
from .math_ops import div_no_nan as divide_no_nan
from .math_ops import log_sigmoid
from .statistics import (count_nonzero, in_top_k, l2_normalize, reduce_euclidean_norm, reduce_logsumexp, reduce_std,
                         reduce_variance)
from .summing import add_n
from .array_fills import cumsum
from .top_k import top_k

__all__ = ["argmax", "argmin", "equal", "reduce_max", "reduce_mean", "reduce_min", "reduce_sum", "greater",
           "greater_equal", "less", "less_equal", "logical_and", "logical_not", "logical_or", "maximum", "minimum",
           "not_equal", "add", "divide", "floordiv", "floormod", "multiply", "negative", "pow", "round",
           "squared_difference", "subtract", "truediv", "truncatediv", "softmax", "log_softmax", "is_nan", "is_inf",
           "is_finite", "reduce_any", "reduce_all", "reduce_prod", "add_n", "cumsum", "divide_no_nan", "log_sigmoid", "reduce_euclidean_norm", "count_nonzero", "in_top_k",
           "l2_normalize", "top_k", "reduce_logsumexp", "reduce_std", "reduce_variance", *UNARY_FUNCTIONS]

globals().update({name: getattr(math_ops, name) for name in UNARY_FUNCTIONS})  # tf.math.log, tf.math.sqrt, ...

__getattr__ = missing_names("tf.math")
__path__: list = []  # `from tensorflow.math import <a name symopt lacks>` is refused by runner.py's importer

r"""TF1's initializers, random tensors and ``tf.set_random_seed``, on :mod:`symopt.initializers`.

Seeds follow TF1's rule: with neither a graph seed (:func:`set_random_seed`) nor an
op seed the values are fresh each run; with either, they are reproducible — an
op without its own seed takes the graph seed and a counter of the random ops
created so far, so rebuilding the same program after ``tf.reset_default_graph()``
and ``tf.set_random_seed(s)`` gives the same values.  (The numbers differ from
TensorFlow's own: NumPy's generator draws them.)

Random tensors (``tf.random_normal`` ...) are drawn afresh at every ``Session.run``, as TF1's
(:func:`random_tensor`); a variable's initial value is drawn once, when the variable is created.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ... import initializers as core
from . import dtypes
from ...errors import UnsupportedOperationError
from ...symbols import Placeholder as CorePlaceholder
from .tensor_fill import filled
from .graph import Tensor, bound_constant, constant, get_default_graph, shape_tuple
from .default_graph import name_scope
from .program_dtypes import symbol_dtype
from .errors import rank_above_2

__all__ = ["set_random_seed", "zeros_initializer", "ones_initializer", "constant_initializer",
           "random_normal_initializer", "truncated_normal_initializer", "random_uniform_initializer",
           "variance_scaling_initializer", "glorot_uniform_initializer", "glorot_normal_initializer",
           "random_normal", "truncated_normal", "random_uniform", "TFInitializer"]

#: The graph-level seed TF1 uses when only an op seed is given.
DEFAULT_GRAPH_SEED = 87654321


def set_random_seed(seed: int) -> None:
    """``tf.set_random_seed``: the default graph's seed; makes every initializer and random tensor reproducible."""
    get_default_graph().seed = None if seed is None else int(seed)


def _op_seed(op_seed) -> tuple | None:
    """TF1's ``get_seed``: ``(graph seed, op seed)``, or ``None`` for fresh entropy."""
    graph = get_default_graph()
    graph.random_ops += 1
    if graph.seed is None and op_seed is None:
        return None
    graph_seed = DEFAULT_GRAPH_SEED if graph.seed is None else graph.seed
    return graph_seed, int(graph.random_ops if op_seed is None else op_seed)


def _tensor(array: np.ndarray, dtype: dtypes.DType, name: str) -> Tensor:
    if array.ndim == 0:
        return constant(array, dtype=dtype, name=name)
    return bound_constant(array, dtype, name)


class TFInitializer:
    """Base of TF1's initializer objects: ``init(shape, dtype=None, partition_info=None)`` returns a
    constant tensor; :meth:`draw` returns the array (what ``tf.get_variable`` uses)."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        self.seed = seed
        self.dtype = dtypes.as_dtype(dtype)

    def core(self, seed) -> core.Initializer:
        """The :mod:`symopt.initializers` object that draws the values."""
        raise NotImplementedError

    #: The random tensor TF1's op of this initializer makes (``W/Initializer/random_uniform``), else None.
    random_op = None
    #: TF1's constant op of this initializer (``b/Initializer/zeros``), else None.
    constant_op = None

    def draw(self, shape, dtype=None) -> np.ndarray:
        dtype = dtypes.as_dtype(dtype if dtype is not None else self.dtype)
        return self.core(_op_seed(self.seed))(tuple(shape), dtype.name)

    def initial_tensor(self, shape, dtype, variable_name: str) -> Tensor:
        """The initial value of ``tf.get_variable``'s variable ``variable_name``: for a random initializer, TF1's
        random tensor ``variable_name/Initializer/random_uniform``, drawn anew at each run of the variable's
        initializer (:func:`random_tensor`; its first draw is :meth:`draw`'s); otherwise the constant array."""
        dtype = dtypes.as_dtype(dtype)
        with name_scope(f"{variable_name}/Initializer/"):  # the variable's full name, not inside the enclosing
            if self.random_op is None:  # name scope: hidden1/kernel/Initializer/random_uniform (probe84 P84-6)
                return _tensor(self.draw(shape, dtype), dtype, "Const")
            return random_tensor(self.core(_op_seed(self.seed)), tuple(int(d) for d in shape), dtype, self.random_op)

    def __call__(self, shape, dtype=None, partition_info=None) -> Tensor:
        dtype = dtypes.as_dtype(dtype if dtype is not None else self.dtype)
        return _tensor(self.draw(shape, dtype), dtype, type(self).__name__)

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"tf.{type(self).__name__}({fields})"


class zeros_initializer(TFInitializer):  # noqa: N801 - TF1's names
    constant_op = "zeros"

    def __init__(self, dtype=dtypes.float32):
        super().__init__(None, dtype)

    def core(self, seed):
        return core.Zeros()


class ones_initializer(TFInitializer):  # noqa: N801
    constant_op = "ones"

    def __init__(self, dtype=dtypes.float32):
        super().__init__(None, dtype)

    def core(self, seed):
        return core.Ones()


class constant_initializer(TFInitializer):  # noqa: N801
    """``tf.constant_initializer(value)``: ``value`` laid out in the requested shape by TF1's rule (a shorter list
    fills the rest with its last entry: :func:`~symopt.compat.v1.tensor_fill.filled`), not broadcast."""

    constant_op = "Const"

    def __init__(self, value=0, dtype=dtypes.float32, verify_shape=False):
        super().__init__(None, dtype)
        self.value, self.verify_shape = value, verify_shape

    def draw(self, shape, dtype=None) -> np.ndarray:
        dtype = dtypes.as_dtype(dtype if dtype is not None else self.dtype)
        return filled(self.value, tuple(shape), dtype.name, self.verify_shape)


class random_normal_initializer(TFInitializer):  # noqa: N801
    random_op = "random_normal"

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        super().__init__(seed, dtype)
        self.mean, self.stddev = mean, stddev

    def core(self, seed):
        return core.RandomNormal(self.mean, self.stddev, seed)


class truncated_normal_initializer(TFInitializer):  # noqa: N801
    random_op = "truncated_normal"

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        super().__init__(seed, dtype)
        self.mean, self.stddev = mean, stddev

    def core(self, seed):
        return core.TruncatedNormal(self.mean, self.stddev, seed)


class random_uniform_initializer(TFInitializer):  # noqa: N801
    random_op = "random_uniform"

    def __init__(self, minval=0, maxval=None, seed=None, dtype=dtypes.float32):
        super().__init__(seed, dtype)
        self.minval, self.maxval = minval, 1.0 if maxval is None else maxval

    def core(self, seed):
        return core.RandomUniform(self.minval, self.maxval, seed)


class variance_scaling_initializer(TFInitializer):  # noqa: N801
    @property
    def random_op(self) -> str:
        return {"uniform": "random_uniform", "untruncated_normal": "random_normal"}.get(self.distribution,
                                                                                       "truncated_normal")

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 dtype=dtypes.float32):
        super().__init__(seed, dtype)
        self.scale, self.mode, self.distribution = scale, mode, distribution
        core.VarianceScaling(scale, mode, distribution)  # checks the arguments now, as TF1 does

    def core(self, seed):
        return core.VarianceScaling(self.scale, self.mode, self.distribution, seed)


class glorot_uniform_initializer(variance_scaling_initializer):  # noqa: N801
    r""":math:`\mathcal U[-l, l)` with :math:`l = \sqrt{6/(n_\text{in}+n_\text{out})}`; TF1's default for ``get_variable``."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "uniform", seed, dtype)


class glorot_normal_initializer(variance_scaling_initializer):  # noqa: N801
    r"""Truncated normal, :math:`\sigma = \sqrt{2/(n_\text{in}+n_\text{out})}/0.87962566103423978`."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "truncated_normal", seed, dtype)


# ---------------------------------------------------------------- random tensors (drawn at every run)

def _drawn_shape(shape, op: str) -> tuple:
    """The fixed shape of a random tensor: numbers of ranks 0 to 2 (a tensor in it, or another rank, is a typed
    error)."""
    dims = shape_tuple(shape)
    if None in dims:
        raise UnsupportedOperationError(f"tf.{op} of shape {list(dims)}: symopt.compat.v1 draws a random tensor "
                                        "of numbers or of the fed batch's shape (tf.shape(x)); give every dimension")
    if len(dims) > 2:
        raise rank_above_2(f"tf.{op} of shape {list(dims)}")
    return dims


def random_tensor(distribution: core.Initializer, shape: tuple, dtype: dtypes.DType, name: str) -> Tensor:
    """A tensor of ``distribution``'s samples that sessions draw afresh at every run, as TF1's random ops: a
    session's first draw is ``distribution(shape)``, its ``k``-th that of the seed ``(*seed, k)`` (fresh entropy
    without a seed), so rebuilding a seeded program gives the same sequence of draws in every new session."""
    graph = get_default_graph()
    op_name = graph.unique_name(name)
    symbol = CorePlaceholder(op_name, shape=shape, dtype=symbol_dtype(dtype))
    graph.random_draws[symbol] = (distribution, shape, dtype)
    return Tensor(symbol, shape, dtype, op_name, exact_name=True)


def random_draw(graph, symbol, count: int) -> np.ndarray:
    """The ``count``-th draw (from 0) of the random tensor ``symbol`` of ``graph`` (:func:`random_tensor`)."""
    distribution, shape, dtype = graph.random_draws[symbol]
    if count and distribution.seed is not None:
        distribution = dataclasses.replace(distribution, seed=(*distribution.seed, count))
    return distribution(shape, dtype.name)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """``tf.random_normal``, drawn afresh at every run."""
    dtype = dtypes.as_dtype(dtype)
    shape = _drawn_shape(shape, "random_normal")
    return random_tensor(core.RandomNormal(mean, stddev, _op_seed(seed)), shape, dtype, name or "random_normal")


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """``tf.truncated_normal`` (redrawn beyond two standard deviations), drawn afresh at every run."""
    dtype = dtypes.as_dtype(dtype)
    shape = _drawn_shape(shape, "truncated_normal")
    return random_tensor(core.TruncatedNormal(mean, stddev, _op_seed(seed)), shape, dtype,
                         name or "truncated_normal")


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """``tf.random_uniform`` on ``[minval, maxval)`` (``maxval`` 1 by default), drawn afresh at every run."""
    dtype = dtypes.as_dtype(dtype)
    shape = _drawn_shape(shape, "random_uniform")
    distribution = core.RandomUniform(minval, 1.0 if maxval is None else maxval, _op_seed(seed))
    return random_tensor(distribution, shape, dtype, name or "random_uniform")


def random_input(shape, dtype: dtypes.DType, seed, name: str) -> Tensor:
    r"""A tensor of :math:`\mathcal U[0, 1)` entries that sessions draw afresh at every run (``None`` = the batch)."""
    graph = get_default_graph()
    op_name = graph.unique_name(name)
    symbol = CorePlaceholder(op_name, shape=tuple(shape), dtype=symbol_dtype(dtype))
    graph.random_inputs[symbol] = _op_seed(seed)
    return Tensor(symbol, tuple(shape), dtype, op_name, exact_name=True)

r"""TF1's random tensors, ``tf.random_normal`` / ``tf.random_uniform`` / ``tf.truncated_normal``: of a fixed shape
they are drawn afresh at every run (:func:`~symopt.compat.v1.init_ops.random_tensor`); of the fed batch's shape
(``tf.random_normal(tf.shape(X))``, ``tf.random_uniform([tf.shape(X)[0], 1])``: Géron's denoising autoencoder
``X + noise_level * tf.random_normal(tf.shape(X))``) they are drawn afresh at every run, as TF1 draws them, from
uniform inputs :math:`u_1, u_2 \in [0, 1)` that the session draws (as dropout's):

* uniform: :math:`a + (b - a)\,u_1`;
* normal (Box–Muller): :math:`\mu + \sigma \sqrt{-2 \log(1 - u_1)} \cos(2 \pi u_2)`.

A tensor ``mean`` / ``stddev`` / ``minval`` / ``maxval`` (wiseodd's ``xavier_init``,
``tf.random_normal(size, stddev=1. / tf.sqrt(in_dim / 2.))``; annealed gradient noise) is applied as TF1's kernel
applies it, to a standard draw :math:`z` at every run: :math:`\mu + \sigma z` (its gradient by :math:`\sigma` is
:math:`z`), :math:`a + (b - a) u`.

The shapes and dtypes are TF1's; the numbers are NumPy's, not TensorFlow's.
"""

from __future__ import annotations

import math

import sympy

from ...errors import UnsupportedOperationError
from ...symbols import BATCH
from . import dtypes, init_ops
from .graph import Tensor, binary
from .array_pieces import int_vector_entries
from .init_ops import random_input
from .random_dtypes import (check_normal_dtype, check_uniform_arguments, check_uniform_dtype,
                            integer_bound)
from .recording import recorded
from .math_ops import cos, log, sqrt

__all__ = ["random_normal", "random_uniform", "truncated_normal", "batch_dims", "known_dims", "shared_mask_refusal"]


def batch_dims(shape) -> tuple | None:
    """The dimensions of a shape that holds the batch size (``None`` for it): ``tf.shape(X)`` of a ``[None, k]``
    tensor, or a list mixing ``tf.shape(X)[0]`` and numbers; ``None`` when the shape holds no batch size."""
    if isinstance(shape, Tensor):
        if shape.ndim != 1 or not isinstance(shape.expr, sympy.MatrixBase):
            return None
        entries = list(shape.expr)
    elif isinstance(shape, (list, tuple)) and any(isinstance(d, Tensor) for d in shape):
        entries = [d.expr if isinstance(d, Tensor) and d.ndim == 0 else d for d in shape]
    else:
        return None
    if not all(e == BATCH or isinstance(e, (int, sympy.Integer)) for e in entries) or BATCH not in entries:
        return None
    return tuple(None if e == BATCH else int(e) for e in entries)


def known_dims(shape):
    """A shape given as tensors of known sizes (``tf.shape(W)`` of a variable, ``tf.constant([2, 3])``) as ints;
    any other shape as given."""
    if not isinstance(shape, Tensor) and not (isinstance(shape, (list, tuple))
                                              and any(isinstance(d, Tensor) for d in shape)):
        return shape
    entries = int_vector_entries(shape, "the shape of a random tensor")
    return [int(e) for e in entries] if all(isinstance(e, (int, sympy.Integer)) for e in entries) else shape


def _any_tensor(*values) -> bool:
    return any(isinstance(value, Tensor) for value in values)


def _scaled(standard: Tensor, scale, shift, name: str) -> Tensor:
    """``standard * scale + shift``, TF1's ``mul`` and ``add`` of a random op's tensor parameters."""
    return binary("add", binary("mul", standard, scale), shift, name=name)


def _uniform_noise(dims: tuple, dtype: dtypes.DType, seed, name: str, caller: str) -> Tensor:
    """Uniform draws on [0, 1) of the batch's shape ``dims``; a typed refusal naming the rewrite that runs where
    symopt draws none (integers, ranks above 2)."""
    if not dtype.is_floating:  # in-graph negative sampling (probe37 P37-7)
        raise UnsupportedOperationError(
            f"tf.{caller} of shape {list(dims)} and dtype {dtype.name}: symopt.compat.v1 draws float tensors of the "
            f"batch's shape, not integers; draw floats and scale them, u = tf.{caller}(tf.shape(ids)) and "
            f"tf.cast(tf.floor(u * n), tf.{dtype.name}) for integers in [0, n) (add minval for [minval, maxval)), "
            f"or draw them in NumPy and feed them, np.random.randint(0, n, size=len(batch))")
    if len(dims) > 2:
        raise UnsupportedOperationError(f"tf.{caller} of shape {list(dims)}: symopt.compat.v1 draws tensors of ranks "
                                        "1 and 2 of the batch's shape; draw a [None, k] tensor and reshape what it "
                                        "computes, or draw in NumPy and feed it")
    return random_input(dims, dtype, seed, name)


@recorded
def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """``tf.random_normal``: drawn afresh at every run, of a fixed shape or of the batch's."""
    dims, dtype = batch_dims(shape), dtypes.as_dtype(dtype)
    check_normal_dtype("random_normal", dtype, mean, stddev)
    if dims is None and _any_tensor(mean, stddev):
        standard = init_ops.random_normal(known_dims(shape), 0.0, 1.0, dtype, seed, f"{name or 'random_normal'}/"
                                          "RandomStandardNormal")
        return _scaled(standard, stddev, mean, name or "random_normal")
    if dims is None:
        return init_ops.random_normal(known_dims(shape), mean, stddev, dtype, seed, name)
    first = _uniform_noise(dims, dtype, seed, f"{name or 'random_normal'}/uniform", "random_normal")
    second = _uniform_noise(dims, dtype, seed if seed is None else seed + 1, f"{name or 'random_normal'}/angle",
                            "random_normal")
    radius = sqrt(binary("mul", -2.0, log(binary("sub", 1.0, first))))
    standard = binary("mul", radius, cos(binary("mul", 2 * math.pi, second)))
    return binary("add", binary("mul", standard, stddev), mean, name=name or "random_normal")


@recorded
def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """``tf.random_uniform`` on ``[minval, maxval)``: drawn afresh at every run, of a fixed shape or of the
    batch's."""
    dims, dtype = batch_dims(shape), dtypes.as_dtype(dtype)
    check_uniform_dtype(dtype, minval, maxval)
    if _any_tensor(minval, maxval) and not dtype.is_floating:
        raise UnsupportedOperationError(f"tf.random_uniform of dtype {dtype.name} with a tensor minval / maxval is "
                                        "not supported by symopt.compat.v1; give the bounds as Python ints, or draw "
                                        "floats and tf.floor / tf.cast them")
    if not dtype.is_floating:
        minval, maxval = integer_bound(minval, dtype), integer_bound(maxval, dtype)
    if dims is None and not _any_tensor(minval, maxval):
        return init_ops.random_uniform(known_dims(shape), minval, maxval, dtype, seed, name)
    if dims is None:
        noise = init_ops.random_uniform(known_dims(shape), 0.0, 1.0, dtype, seed, f"{name or 'random_uniform'}/"
                                        "RandomUniform")
    else:
        noise = _uniform_noise(dims, dtype, seed, f"{name or 'random_uniform'}/unit", "random_uniform")
    high = 1.0 if maxval is None else maxval
    if _any_tensor(minval, maxval):
        return _scaled(noise, binary("sub", high, minval), minval, name or "random_uniform")
    low, high = float(minval), float(high)
    return binary("add", binary("mul", noise, high - low), low, name=name or "random_uniform")


@recorded
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None) -> Tensor:
    """``tf.truncated_normal``: drawn afresh at every run of a fixed shape; of the batch's shape it is refused (a
    typed error)."""
    check_normal_dtype("truncated_normal", dtypes.as_dtype(dtype), mean, stddev)
    if batch_dims(shape) is not None:
        raise UnsupportedOperationError("tf.truncated_normal of the batch's shape is not supported yet by "
                                        "symopt.compat.v1; use tf.random_normal (drawn afresh at every run) and "
                                        "tf.clip_by_value, or a fixed shape")
    if _any_tensor(mean, stddev):  # truncation at two standard deviations commutes with the scaling
        standard = init_ops.truncated_normal(known_dims(shape), 0.0, 1.0, dtype, seed,
                                             f"{name or 'truncated_normal'}/TruncatedNormal")
        return _scaled(standard, stddev, mean, name or "truncated_normal")
    return init_ops.truncated_normal(known_dims(shape), mean, stddev, dtype, seed, name)


# a deferred one's dtype (of tf.shape(mu) when mu reads a placeholder without a shape: probe32 P32-4), as in TF1
random_normal.result_dtype = random_uniform.result_dtype = truncated_normal.result_dtype = dtypes.float32
# TF1's ValueError before the op takes its name (final44b F44b-7), and when a deferred one is made
random_uniform.check_before_name = random_uniform.check_when_deferred = check_uniform_arguments


def shared_mask_refusal(caller: str, noise_shape, keep_prob: bool = False) -> str:
    """The refusal of ``caller(x, rate, noise_shape=...)`` (one dropout mask shared along some dimensions), naming
    the broadcast mask that runs (probe37 P37-7), in the caller's words (``keep_prob`` or ``rate``), a ``None``
    dimension written ``tf.shape(x)[i]`` (``tf.random_uniform([None, 1])`` is refused by TF1 too: final37 F37-7)."""
    if isinstance(noise_shape, (list, tuple)):
        shape = "[" + ", ".join(f"tf.shape(x)[{i}]" if size is None else str(size)
                                for i, size in enumerate(noise_shape)) + "]"
    else:
        shape = str(noise_shape)
    mask, scale, kept = ("< keep_prob", "keep_prob", "keep_prob") if keep_prob else (">= rate", "(1 - rate)", "1 - rate")
    return (f"{caller}(noise_shape={list(noise_shape) if isinstance(noise_shape, tuple) else noise_shape}) is not "
            f"supported yet by symopt.compat.v1; build the shared mask and broadcast it: "
            f"x * tf.cast(tf.random_uniform({shape}) {mask}, x.dtype) / {scale} (each mask entry kept with probability "
            f"{kept}, the kept entries scaled as TF1 scales them), or leave noise_shape out (a mask per entry)")

r"""``tf.test``: the device queries TF1 programs make before they start, and TF1's gradient check
(``compute_gradient``, ``compute_gradient_error``): the Jacobian :math:`\partial y_j/\partial x_i` from ``tf.gradients``
beside its central differences :math:`(y(x + \delta e_i) - y(x - \delta e_i))/2\delta`, both computed in the default
session.  Any other name (``tf.test.TestCase``, ``tf.test.main``) raises
:class:`~symopt.compat.v1.errors.UnsupportedNameError`."""

from __future__ import annotations

import numpy as np

from ...errors import ConfigurationError
from .default_session import session_for
from .errors import UnsupportedNameError, unsupported_name
from .gradient_ops import gradients
from .placeholders import placeholder

__all__ = ["is_gpu_available", "is_built_with_cuda", "gpu_device_name", "compute_gradient", "compute_gradient_error"]


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None) -> bool:
    """``False``: a ``tf.Session`` computes with NumPy on the CPU (a JAX session, ``ConfigProto(backend="jax")``,
    uses JAX's devices; ask ``jax.devices()``)."""
    return False


def is_built_with_cuda() -> bool:
    """``False``: symopt's TF1 layer has no CUDA kernels of its own."""
    return False


def gpu_device_name() -> str:
    """``''``, as TF1 says when there is no GPU."""
    return ""


def compute_gradient(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None,
                     extra_feed_dict=None):
    r"""TF1's ``tf.test.compute_gradient``: ``(theoretical, numerical)``, two arrays of shape ``(x size, y size)``
    whose row :math:`i` is :math:`\partial y/\partial x_i` (flattened), the first from ``tf.gradients`` with a one-hot
    ``grad_ys`` per column, the second :math:`(y(x + \delta e_i) - y(x - \delta e_i))/2\delta` computed in ``x``'s
    dtype, both at ``x_init_value`` (fed for ``x``; a uniform random point in :math:`[0, 1)` when ``None``, as TF1).
    ``x`` a list (``x_shape`` and ``x_init_value`` lists too): one pair per entry, the others keeping their session
    values or ``extra_feed_dict``'s.  Runs in the default session (``with tf.Session():``), after running
    ``init_targets``; a path that carries no gradient gives zeros."""
    session = session_for(None)
    feeds = dict(extra_feed_dict or {})
    for target in init_targets or []:
        session.run(target)
    if isinstance(x, (list, tuple)):
        starts = [None] * len(x) if x_init_value is None else list(x_init_value)
        return [_gradient_pair(session, xi, shape, y, y_shape, start, delta, feeds)
                for xi, shape, start in zip(x, x_shape, starts)]
    return _gradient_pair(session, x, x_shape, y, y_shape, x_init_value, delta, feeds)


def compute_gradient_error(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None,
                           extra_feed_dict=None) -> float:
    """TF1's ``tf.test.compute_gradient_error``: the largest :math:`|J_{theoretical} - J_{numerical}|` over the pairs
    :func:`compute_gradient` gives (0 for empty Jacobians)."""
    pairs = compute_gradient(x, x_shape, y, y_shape, x_init_value, delta, init_targets, extra_feed_dict)
    error = 0
    for theoretical, numerical in [pairs] if isinstance(pairs, tuple) else pairs:
        if theoretical.size or numerical.size:
            error = np.maximum(error, np.fabs(theoretical - numerical).max())
    return error


def _gradient_pair(session, x, x_shape, y, y_shape, x_init_value, delta, feeds: dict) -> tuple:
    """``(theoretical, numerical)`` Jacobians of ``y`` in ``x`` alone, as TF1's ``_compute_gradient``."""
    x_type, y_type = np.dtype(x.dtype.as_numpy_dtype), np.dtype(y.dtype.as_numpy_dtype)
    shape = tuple(int(n) for n in x_shape)
    if x_init_value is None:
        start = np.asarray(np.random.random_sample(shape), dtype=x_type)
    else:
        start = np.asarray(x_init_value, dtype=x_type)
        if start.shape != shape:
            raise ConfigurationError(f"tf.test.compute_gradient: x_init_value of shape {start.shape}; expected x_shape "
                                     f"{list(shape)}. Give a value of that shape, or the x_shape of x")
    out_shape = tuple(int(n) for n in y_shape)
    y_size = int(np.prod(out_shape))
    weights = placeholder(y.dtype, list(out_shape))
    dx = gradients(y, x, grad_ys=weights)[0]
    theoretical = np.zeros((start.size, y_size), dtype=x_type)
    one_hot = np.zeros(y_size, dtype=y_type)
    for column in range(y_size if dx is not None else 0):
        one_hot[column] = 1
        backprop = session.run(dx, {**feeds, x: start, weights: one_hot.reshape(out_shape)})
        theoretical[:, column] = np.ravel(backprop)
        one_hot[column] = 0
    numerical = np.zeros((start.size, y_size), dtype=x_type)
    scale = np.asarray(2 * delta, dtype=y_type)[()]
    for row in range(start.size):
        values = []
        for sign in (1, -1):
            moved = start.copy()
            moved.reshape(-1)[row] += sign * delta
            values.append(np.asarray(session.run(y, {**feeds, x: moved})))
        if values[0].size != y_size:
            raise ConfigurationError(f"tf.test.compute_gradient: y has {values[0].size} entries; expected y_shape "
                                     f"{list(out_shape)} ({y_size}). Give y's own shape")
        numerical[row, :] = np.ravel((values[0] - values[1]) / scale)
    return theoretical, numerical


_TEST_BY_HAND = ("write the test with unittest.TestCase (or pytest) and numpy.testing.assert_allclose for "
                 "assertAllClose, building the graph and running a tf.Session() inside each test")
#: What to write instead of the tf.test names symopt.compat.v1 does not provide.
_INSTEAD = {"TestCase": _TEST_BY_HAND, "main": _TEST_BY_HAND + "; run it with python -m unittest (or pytest)"}


def __getattr__(name: str):
    if name.startswith("_"):
        raise AttributeError(name)
    if name in _INSTEAD:
        raise UnsupportedNameError(f"tf.test.{name} is not supported yet by symopt.compat.v1 (TensorFlow 1.x on "
                                   f"symopt); {_INSTEAD[name]}")
    raise unsupported_name("tf.test", name)

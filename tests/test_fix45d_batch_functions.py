"""probe76 P76-2: a float32 program that reads a function of the batch size (``sqrt(m)``, ``log(m)``, the
``ceiling(m/2)`` of a batch slice ``X[::2, :]``) computes and returns float32: ``numpy.sqrt(m)`` is a float64 scalar
that NumPy 2 lets promote float32 arrays, so it is printed ``float(numpy.sqrt(m))``, a weak Python number.

Oracles: TensorFlow 2.21 (``tf.reduce_mean(tf.square(X[::2, :] @ W))``, float32: 1.0725871, from probe76's
p76_f32_slice_tf.py on these draws), and hand NumPy in float32 computing the printed operations."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

rng = np.random.default_rng(0)
XD = rng.normal(size=(5, 3)).astype(np.float32)
W0 = rng.normal(size=(3, 2)).astype(np.float32)
X = symopt.Placeholder("X", (None, 3), dtype="float32")
W = symopt.Variable("W", W0, dtype="float32")


def test_a_batch_slice_mean_is_float32_and_tf1s_value():
    cost = ops.mean(ops.square(X[::2, :] @ W))
    value, gradient = symopt.compile(cost, W)(W=W0, X=XD)
    assert type(value) is np.float32 and gradient.dtype == np.float32
    np.testing.assert_array_equal(value, np.float32(1.0725871))  # TF 2.21
    z = XD[::2] @ W0
    np.testing.assert_allclose(gradient, XD[::2].T @ z / np.float32(3), rtol=1e-6)  # 2 z / (3 rows * 2 columns)


@pytest.mark.parametrize("function", [sympy.sqrt, sympy.log], ids=["sqrt", "log"])
def test_functions_of_the_batch_size_keep_float32(function):
    cost = ops.sum(ops.square(X @ W)) * function(symopt.BATCH)
    f = symopt.compile(cost, W)
    value, gradient = f(W=W0, X=XD)
    assert type(value) is np.float32 and gradient.dtype == np.float32, f.source
    factor = np.float32(float(function(5)))  # a Python float: NumPy rounds it to float32 first
    np.testing.assert_array_equal(value, factor * ((XD @ W0) ** 2).sum())
    assert np.asarray(symopt.evaluate(cost, {X: XD, W: W0})).dtype == np.float32

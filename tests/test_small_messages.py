"""Small typed errors found by the probe (P10): an entry of a batch row the data lacks, an empty stream, a stream on
the JAX backend, and a (None, None) placeholder fed a non-square array."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError, ShapeError

X = symopt.Placeholder("X_small", (None, 2))
y = symopt.Placeholder("y_small", (None, 1))
W = symopt.Variable("W_small", 0.0, shape=(2, 1))
COST = ops.mean(ops.square(X @ W - y))


def test_an_entry_of_a_row_the_batch_lacks_is_a_shape_error():
    with pytest.raises(ShapeError, match="batch of 5 examples: the data has no row 9"):
        symopt.evaluate(X[9, 0], {X: np.ones((5, 2))})
    assert symopt.evaluate(X[4, 1] * 2, {X: np.arange(10.0).reshape(5, 2)}) == 18.0
    f = symopt.compile(X[1, 0] * W[0, 0], W)
    assert "t0 = batch_entry(X_small, 1, 0)\n    return t0*W_small[0, 0]" in f.source  # read once, used twice
    value, gradient = f({W: np.ones((2, 1)), X: np.arange(4.0).reshape(2, 2)})
    assert value == 2.0 and gradient.tolist() == [[2.0], [0.0]]


def test_an_empty_stream_says_so():
    with pytest.raises(FeedError, match="gave no batch"):
        symopt.minimize(COST, W, data=[])


def test_a_stream_on_the_jax_backend_names_the_backend_only():
    batches = [{X: np.ones((3, 2)), y: np.ones((3, 1))}] * 2
    with pytest.raises(ConfigurationError, match="backend='jax' cannot read") as caught:
        symopt.minimize(COST, W, data=batches, epochs=2, backend="jax")
    assert "Use epochs" not in str(caught.value)


def test_a_square_batch_placeholder_fed_a_rectangle_says_how_to_declare_it():
    Z = symopt.Placeholder("Z_small", (None, None))
    with pytest.raises(ShapeError, match=r"Placeholder\('Z_small', \(None, 5\)\)"):
        symopt.evaluate(ops.sum(Z), {Z: np.ones((4, 5))})
    assert symopt.evaluate(ops.sum(Z), {Z: np.ones((4, 4))}) == 16.0

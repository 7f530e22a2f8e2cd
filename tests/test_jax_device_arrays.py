"""JAX arrays pass through ``symopt.compile(..., backend="jax")`` without a trip to the host; results stay JAX arrays.

Shown with JAX's transfer guard (an implicit host-to-device copy raises) and by identity, never by time.
"""

import numpy as np
import pytest

jax = pytest.importorskip("jax")
jnp = jax.numpy

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.errors import FeedError, ShapeError  # noqa: E402

X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
w = symopt.Variable("w", np.zeros(3), shape=(3,))  # rank 1: a column inside, the user's shape outside
s = symopt.Variable("s", 1.0)
COST = ops.mean(ops.square(s * (X @ w) - y))


@pytest.fixture(scope="module")
def f():
    return symopt.compile(COST, [w, s], backend="jax")


def device_feed():
    return {"X": jnp.arange(12.0, dtype=jnp.float32).reshape(4, 3) / 10, "y": jnp.ones((4, 1)),
            "w": jnp.array([0.5, -1.0, 2.0]), "s": jnp.float32(2.0)}


def test_device_feeds_make_no_host_round_trip_and_results_stay_on_the_device(f):
    feed = device_feed()
    expected = f({name: np.asarray(value) for name, value in feed.items()})  # the same numbers fed from the host
    f(feed)  # compiles
    with jax.transfer_guard("disallow"):  # any implicit host-to-device copy (a NumPy round trip) raises
        value, (gradient_w, gradient_s) = f(feed)
    assert all(isinstance(x, jax.Array) for x in (value, gradient_w, gradient_s))
    assert gradient_w.shape == (3,) and gradient_s.shape == ()
    np.testing.assert_allclose(float(value), float(expected[0]), rtol=1e-6)
    np.testing.assert_allclose(np.asarray(gradient_w), np.asarray(expected[1][0]), rtol=1e-6)


def test_a_device_array_of_the_right_dtype_and_shape_is_passed_as_it_is(f):
    feed = device_feed()
    values = dict(zip(f.inputs, f.bind((feed,), {})))
    assert values[X] is feed["X"] and values[y] is feed["y"]
    assert isinstance(values[w], jax.Array) and values[w].shape == (3, 1)  # reshaped on the device
    assert isinstance(values[s], jax.Array) and values[s].shape == ()


def test_a_device_array_of_another_dtype_is_cast_on_the_device(f):
    values = dict(zip(f.inputs, f.bind(({**device_feed(), "X": jnp.ones((4, 3), dtype=jnp.int32)},), {})))
    X_value = values[X]
    assert isinstance(X_value, jax.Array) and X_value.dtype == jnp.float32


def test_host_feeds_are_converted_once_to_the_backend_dtype(f):
    values = f.bind(({"X": np.ones((4, 3)), "y": np.ones((4, 1)), "w": [1.0, 2.0, 3.0], "s": 2.0},), {})
    assert all(isinstance(v, (np.ndarray, np.float32)) and v.dtype == np.float32 for v in values)


@pytest.mark.parametrize("value, error, match", [
    (jnp.ones((4, 3)) * 1j, FeedError, "complex"),
    (jnp.ones((4, 2)), ShapeError, r"expected shape \(None, 3\); given \(4, 2\)"),
])
def test_bad_device_arrays_are_refused(f, value, error, match):
    with pytest.raises(error, match=match):
        f({**device_feed(), "X": value})


def test_non_finite_mini_batch_data_is_refused_after_the_run_is_queued():
    data = {X: np.full((8, 3), np.nan), y: np.ones((8, 1))}
    with pytest.raises(FeedError, match="contains NaN or infinity"):
        symopt.minimize(COST, [w, s], data=data, batch_size=3, epochs=2, backend="jax")

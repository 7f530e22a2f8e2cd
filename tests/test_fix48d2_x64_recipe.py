"""final48d 48d-1: a JAX function compiled with 64-bit JAX on from default (float64-declared) Variables, no dtype=,
keeps dtype=None in its pickle recipe (it resolves again where it loads) and, called after 64-bit JAX was switched
off, says the float64 came from the Variables' declarations rather than from a dtype= the user never passed."""

import pickle

import pytest

import symopt
from symopt.errors import BackendError

jax = pytest.importorskip("jax")


@pytest.fixture(autouse=True)
def thirty_two_bit_jax():
    """64-bit JAX off outside each test's own `enable_x64` block: earlier test files (test_p33_exact_constants,
    test_sympy_rules, jax_models) switch it on for the whole process."""
    with jax.enable_x64(False):
        yield


def _cost():
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x")
    return (w * x - 1.0) ** 2 + w ** 2, w


def test_pickle_made_with_x64_loads_without_it_in_float32():
    cost, w = _cost()
    with jax.enable_x64(True):
        f = symopt.compile(cost, w, backend="jax")
        assert f.dtype == "float64"
        blob = pickle.dumps(f)
    g = pickle.loads(blob)  # 64-bit JAX off here, as in a spawned worker: JAX's default float32
    assert g.dtype == "float32"
    value, grad = g(w=0.25, x=2.0)
    wv, xv = 0.25, 2.0  # oracle: Python floats
    assert float(value) == pytest.approx((wv * xv - 1.0) ** 2 + wv ** 2, rel=1e-6)
    assert float(grad) == pytest.approx(2 * (wv * xv - 1.0) * xv + 2 * wv, rel=1e-6)


def test_called_after_x64_names_the_declarations_not_a_dtype_argument():
    cost, w = _cost()
    with jax.enable_x64(True):
        f = symopt.compile(cost, w, backend="jax")
    with pytest.raises(BackendError) as raised:
        f(w=0.25, x=2.0)
    message = str(raised.value)
    assert "Variables declare" in message and "dtype='float32'" in message
    assert "dtype='float64' on the JAX backend" not in message


def test_explicit_float64_still_refused_without_x64():
    cost, w = _cost()
    with jax.enable_x64(True):
        blob = pickle.dumps(symopt.compile(cost, w, backend="jax", dtype="float64"))
    with pytest.raises(BackendError, match="dtype='float64' on the JAX backend"):
        pickle.loads(blob)

"""probe42 P42-7: a memmap fed to an input without a batch dimension (a ``sympy.Symbol``, a fixed-shape Placeholder).

``minimize(..., data={a: memmap}, batch_size=1)`` raised a bare ``AttributeError`` ('Symbol' object has no attribute
'shape') from the out-of-core check, and without ``batch_size`` it was refused with advice to pass one.  Such an input
is read whole at every step, so its memmap is now read into memory as an ndarray would be: the run is the ndarray's
(the oracle), or the ndarray's own typed error.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.data_sources import is_out_of_core
from symopt.errors import ConfigurationError

w = symopt.Variable("w_p42_7", 2.0)
a = sympy.Symbol("a_p42_7", real=True)


def _memmap(tmp_path, name, value):
    np.save(tmp_path / name, np.asarray(value, dtype=float))
    return np.load(tmp_path / name, mmap_mode="r")


def test_a_0d_memmap_fed_to_a_scalar_symbol_trains_as_the_number(tmp_path):
    value = _memmap(tmp_path, "a.npy", 3.0)
    assert isinstance(value, np.memmap) and not is_out_of_core(value)
    cost = (w - a) ** 2
    got = symopt.minimize(cost, {w: 2.0}, data={a: value}, steps=3)
    expected = symopt.minimize(cost, {w: 2.0}, data={a: 3.0}, steps=3)
    assert got[w] == expected[w] and got.value == expected.value


def test_with_batch_size_the_error_is_the_in_memory_one(tmp_path):
    messages = []
    for value in (_memmap(tmp_path, "a.npy", 3.0), np.asarray(3.0)):
        with pytest.raises(ConfigurationError) as caught:
            symopt.minimize((w - a) ** 2, {w: 2.0}, data={a: value}, batch_size=1, epochs=1)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "batch dimension" in messages[0]


def test_a_scalar_input_beside_rows_read_out_of_core(tmp_path):
    """Mini-batches of an out-of-core X with a memmapped scalar weight: the same run as with both in memory."""
    rows = np.linspace(-1.0, 1.0, 12).reshape(6, 2)
    X = symopt.Placeholder("X_p42_7", (None, 2))
    W = symopt.Variable("W_p42_7", np.ones((2, 1)), shape=(2, 1))
    cost = a * symopt.ops.mean(symopt.ops.square(X @ W))
    got = symopt.minimize(cost, W, data={X: _memmap(tmp_path, "X.npy", rows), a: _memmap(tmp_path, "a.npy", 0.5)},
                          batch_size=2, epochs=2, shuffle=False)
    expected = symopt.minimize(cost, W, data={X: rows, a: 0.5}, batch_size=2, epochs=2, shuffle=False)
    np.testing.assert_array_equal(got[W], expected[W])


def test_a_fixed_shape_placeholder_reads_its_memmap_whole(tmp_path):
    b = symopt.Placeholder("b_p42_7", (3,))
    v = symopt.Variable("v_p42_7", np.zeros(3), shape=(3,))
    cost = symopt.ops.sum(symopt.ops.square(v - b))
    target = np.array([1.0, -2.0, 0.5])
    got = symopt.minimize(cost, v, data={b: _memmap(tmp_path, "b.npy", target)}, steps=4)
    expected = symopt.minimize(cost, v, data={b: target}, steps=4)
    np.testing.assert_array_equal(got[v], expected[v])


def test_method_and_jax_read_a_fixed_shape_memmap_whole(tmp_path):  # fix42's report: both refused it as out of core
    b = symopt.Placeholder("b_p42_7m", (3,))
    v = symopt.Variable("v_p42_7m", np.zeros(3), shape=(3,))
    cost = symopt.ops.sum(symopt.ops.square(v - b))
    target = np.array([1.0, -2.0, 0.5])
    mapped = _memmap(tmp_path, "b.npy", target)
    assert is_out_of_core(mapped)
    got = symopt.minimize(cost, v, data={b: mapped}, method="bfgs")
    np.testing.assert_array_equal(got[v], symopt.minimize(cost, v, data={b: target}, method="bfgs")[v])
    pytest.importorskip("jax")
    got = symopt.minimize(cost, v, data={b: mapped}, steps=5, backend="jax")
    np.testing.assert_array_equal(got[v], symopt.minimize(cost, v, data={b: target}, steps=5, backend="jax")[v])

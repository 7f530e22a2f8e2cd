"""probe16 Z15: (a) mini-batches over a Placeholder declared (None, None), an m x m kernel / Gram matrix, died inside
the generated code with NumPy's matmul error (a batch took its rows only); (b) a Variable's negative or fractional
size died with NumPy's raw ValueError / TypeError where a Placeholder's gets a ShapeError."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, ShapeError


def _kernel_problem():
    K = symopt.Placeholder("K", (None, None))
    y = symopt.Placeholder("y", (None, 1))
    a = symopt.Variable("a", 0.0, shape=(1, 1))
    features = np.random.default_rng(0).normal(size=(8, 2))
    gram = np.exp(-((features[:, None] - features[None]) ** 2).sum(-1))
    cost = ops.sum(ops.square(K @ y)) * a[0, 0] ** 2 - a[0, 0]
    return cost, K, y, a, gram, np.ones((8, 1))


def test_mini_batches_of_an_m_by_m_input_are_refused_before_the_first_step(tmp_path):
    cost, K, y, a, gram, targets = _kernel_problem()
    path = tmp_path / "run.npz"
    with pytest.raises(ConfigurationError, match=r"K declared \(None, None\).*Placeholder\('K', \(None, 8\)\)"):
        symopt.minimize(cost, a, data={K: gram, y: targets}, batch_size=4, epochs=1, shuffle=False, checkpoint=path)
    assert not path.exists()


def test_the_full_batch_run_of_an_m_by_m_input_is_right():
    cost, K, y, a, gram, targets = _kernel_problem()
    result = symopt.minimize(cost, a, data={K: gram, y: targets}, method="newton")
    s = float(np.sum((gram @ targets) ** 2))  # J = s a² - a: minimum at a = 1 / (2 s), by hand
    assert result[a][0, 0] == pytest.approx(1 / (2 * s))


@pytest.mark.parametrize("shape, given", [((-2,), "-2"), ((2.0, 1), "2.0"), ((0, 1), "0"), ((2, True), "True")])
def test_a_variables_bad_size_is_a_shape_error_as_a_placeholders(shape, given):
    with pytest.raises(ShapeError, match=rf"shape of 'W': expected positive integers.*given {given}$"):
        symopt.Variable("W", 0.0, shape=shape)

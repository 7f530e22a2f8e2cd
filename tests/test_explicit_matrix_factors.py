"""An explicit sympy.Matrix of a parameter's expressions as a product's factor (a rotation of the data by an angle,
as a teacher writes it): its adjoint reaches each entry, Ȳ[i, j], and the computed matrix an entry reads is one
temporary (it was refused, or expanded entry by entry)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

theta = symopt.Variable("theta_rot", 0.3)
ROTATION = sympy.Matrix([[sympy.cos(theta), -sympy.sin(theta)], [sympy.sin(theta), sympy.cos(theta)]])
X = symopt.Placeholder("X_rot", (2, None))
Y = symopt.Placeholder("Y_rot", (2, None))
COST = ops.mean(ops.square(ROTATION @ X - Y))
rng = np.random.default_rng(0)
POINTS = rng.normal(size=(2, 50))


def _rotation(angle):
    return np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])


TARGETS = _rotation(0.7) @ POINTS


def _numpy_cost(angle):
    return np.sum((_rotation(angle) @ POINTS - TARGETS) ** 2) / (2 * POINTS.shape[1])  # ops.mean(ops.square): /2m


def test_value_and_slope_against_central_differences():
    f = symopt.compile(COST, theta)
    value, slope = f({theta: 0.3, X: POINTS, Y: TARGETS})
    assert value == pytest.approx(_numpy_cost(0.3), rel=1e-12)
    assert slope == pytest.approx((_numpy_cost(0.3 + 1e-6) - _numpy_cost(0.3 - 1e-6)) / 2e-6, rel=1e-7)


def test_the_angle_is_recovered():
    result = symopt.minimize(COST, theta, data={X: POINTS, Y: TARGETS}, optimizer=symopt.GradientDescent(0.1),
                             steps=300)
    assert result[theta] == pytest.approx(0.7, abs=1e-12)


def test_the_generated_code_names_each_matrix_once():
    source = symopt.compile(COST, theta).source
    assert source.count("numpy.cos(theta_rot)") == 1 and source.count("@ X_rot.T") == 1  # the adjoint ȲXᵀ once


def test_the_derivation_shows_the_entries():
    text = str(symopt.derive(COST, [theta]))
    assert "dw[1,0] - dw[0,1]" in text and "dw[0,0] + dw[1,1]" in text


def test_the_jax_backend_agrees():
    pytest.importorskip("jax")
    f = symopt.compile(COST, theta, backend="jax")
    value, slope = f({theta: np.float32(0.3), X: POINTS.astype(np.float32), Y: TARGETS.astype(np.float32)})
    assert float(value) == pytest.approx(_numpy_cost(0.3), rel=1e-5)
    assert float(slope) == pytest.approx((_numpy_cost(0.3 + 1e-6) - _numpy_cost(0.3 - 1e-6)) / 2e-6, rel=1e-4)

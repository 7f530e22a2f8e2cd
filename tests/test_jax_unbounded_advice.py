"""The JAX backend's divergence says what the NumPy backend says (probe16 Z4 on JAX, core11's note): a cost falling
to -inf has no minimum, and no smaller learning rate helps; a growing one is told to take a smaller rate."""

import pytest

import symopt
from symopt.errors import DivergenceError

pytest.importorskip("jax")


def _message(cost, w, rate, steps):
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, w, steps=steps, optimizer=symopt.GradientDescent(rate), backend="jax")
    return str(caught.value)


def test_a_cost_falling_to_minus_infinity_has_no_minimum_on_jax():
    w = symopt.Variable("w_jax_unbounded", 1.0)
    message = _message(-w ** 2, w, 0.1, 5000)
    assert "on the JAX backend: the cost became -inf" in message and "no learning rate helps" in message
    assert "smaller learning rate" not in message


def test_a_growing_cost_is_told_a_smaller_rate_on_jax():
    w = symopt.Variable("w_jax_growing", 1.0)
    message = _message(w ** 4, w, 10.0, 50)
    assert "on the JAX backend: the cost became inf" in message and "smaller learning rate than 10.0" in message

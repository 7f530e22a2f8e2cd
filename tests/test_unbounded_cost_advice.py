"""probe16 Z4: a first-order run on a cost with no minimum (``-w**2``, ``-exp(w)``, a log-likelihood minimized with
the wrong sign) ended in "the cost became -inf ... Try a smaller learning rate"; following the advice only delayed the
same error.  Oracle: every cost before the -inf fell (a descent method doing its job), and a smaller learning rate
reaches the same -inf later; the message says the cost is unbounded below instead."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError

w = symopt.Variable("w", 1.0)


@pytest.mark.parametrize("cost", [-w ** 2, -sympy.exp(w)], ids=["-w**2", "-exp(w)"])
@pytest.mark.parametrize("lr", [0.1, 0.01])
def test_a_cost_falling_to_minus_infinity_is_said_to_have_no_minimum(cost, lr):
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, w, optimizer=symopt.GradientDescent(np.float64(lr)), steps=100000)
    message, history = str(caught.value), caught.value.result.history
    assert history[-1] == -np.inf and np.all(np.diff(history[:-1]) < 0)  # monotone descent to -inf
    assert "the cost became -inf" in message and "no learning rate helps" in message and "bounded below" in message
    assert "smaller learning rate" not in message


def test_a_log_likelihood_minimized_with_the_wrong_sign():
    x = symopt.Placeholder("x", (None, 1))
    mu = symopt.Variable("mu", 0.0)
    log_likelihood = ops.mean(x.applyfunc(lambda s: -(s - mu) ** 2 / 2))  # Gaussian, unit variance: to maximize
    data = {x: np.array([[1.0], [2.0], [4.0]])}
    with pytest.raises(DivergenceError, match="minimize its negative"):
        symopt.minimize(log_likelihood, mu, data=data, steps=100000, optimizer=symopt.GradientDescent(np.float64(0.5)))
    fitted = symopt.minimize(-log_likelihood, mu, data=data, method="newton")
    assert fitted[mu] == pytest.approx(7 / 3)  # the negative's minimum: the mean of x, by hand


def test_growing_without_bound_still_advises_a_smaller_rate():
    with pytest.raises(DivergenceError, match="Try a smaller learning rate than 1.5"):
        symopt.minimize(w ** 2, w, optimizer=symopt.GradientDescent(np.float64(1.5)), steps=2000)

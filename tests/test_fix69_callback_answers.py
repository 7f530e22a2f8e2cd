"""P69-10: a callback that returns the cost (a logging hook) stopped the run after one step, reported as a success.
``True`` or ``1`` stops (docs/api.md); ``None``/``False``/``0`` go on; any other answer is a ConfigurationError.

Oracle: gradient descent on (w - 3)**2 with rate 0.05 from w = 0 is w_k = 3 - 3 * (1 - 2 * rate)**k (hand
arithmetic), the rate being TF1's float32 0.05 (DESIGN.md: hyperparameters are float32 constants first)."""

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 0.0)
COST = (w - 3) ** 2
FACTOR = 1 - 2 * float(np.float32(0.05))


def run(callback, steps=20, **options):
    return symopt.minimize(COST, w, optimizer=symopt.GradientDescent(0.05), steps=steps, callback=callback, **options)


@pytest.mark.parametrize("answer", [lambda cost: cost, lambda cost: 2, lambda cost: "stop", lambda cost: [cost],
                                    lambda cost: np.array([cost, cost])])
def test_a_callback_answer_that_is_no_bool_is_refused(answer):
    with pytest.raises(ConfigurationError, match="expected True or 1 to stop the run, None, False or 0 to go on: return True to stop"):
        run(lambda step, cost, params: answer(cost))


def test_a_logging_hook_that_returns_none_runs_every_step():
    logged = []
    result = run(lambda step, cost, params: logged.append(cost))
    assert result.steps == 20 == len(logged)
    assert result[w] == pytest.approx(3 - 3 * FACTOR ** 20, rel=1e-12)


@pytest.mark.parametrize("stop", [True, np.bool_(True), np.array([True])])
def test_true_stops_at_the_step_that_returned_it(stop):
    result = run(lambda step, cost, params: stop if step == 3 else False)
    assert result.steps == 3
    assert result[w] == pytest.approx(3 - 3 * FACTOR ** 3, rel=1e-12)


def test_a_method_run_refuses_a_number_too():
    with pytest.raises(ConfigurationError, match=r"callback returned .*return True to stop"):
        symopt.minimize(COST, w, method="lbfgs", callback=lambda step, cost, params: cost + 1.0)

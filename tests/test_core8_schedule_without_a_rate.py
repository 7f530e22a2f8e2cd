"""probe12 V2: CosineDecayRestarts(0.1, 10, t_mul=0.5) has restart periods 10, 5, 2.5, ... that end at step
s/(1 - t_mul) = 20; its rate is NaN from there (TF1's too).  A run past it diverged with the advice "try a smaller
learning rate than CosineDecayRestarts(...)", which cannot help; the error now names the schedule, the step from which
its rate is NaN and why."""

import math

import numpy as np
import pytest

import symopt
from symopt.errors import DivergenceError

w = symopt.Variable("w", 0.0)
SCHEDULE = symopt.CosineDecayRestarts(0.1, 10, t_mul=0.5)


def test_the_rate_is_nan_from_the_end_of_the_restarts():
    with np.errstate(all="ignore"):
        rates = [float(SCHEDULE(k)) for k in range(25)]
    assert all(math.isfinite(rate) for rate in rates[:20]) and all(math.isnan(rate) for rate in rates[20:])


@pytest.mark.parametrize("optimizer", [symopt.GradientDescent(SCHEDULE), symopt.Adam(SCHEDULE)], ids=["gd", "adam"])
def test_the_error_blames_the_schedule_not_the_rate_size(optimizer):
    with pytest.raises(DivergenceError) as error:
        symopt.minimize((w - 3) ** 2, w, optimizer=optimizer, steps=40)
    message = str(error.value)
    assert "smaller learning rate than" not in message
    assert "is nan from step 20 on" in message and "s/(1 - t_mul) = 20 steps" in message
    assert "t_mul >= 1" in message
    assert error.value.result.steps == 21 and np.isfinite(error.value.result.history[:21]).all()


def test_a_run_that_ends_in_time_trains():
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(SCHEDULE), steps=20)
    assert math.isfinite(float(result[w])) and result.success

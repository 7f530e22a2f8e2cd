"""probe17 findings on minimize's documented refusals, checked where the docs place them.

D5: docs/optimizers.md says a Python float that float32 cannot hold is refused when the optimizer is made, 1e-50
("becomes 0") as 1e308 ("becomes infinite"); GradientDescent(1e308) was accepted and refused only by minimize.
Oracle: NumPy's float32 rounding of the value."""

from __future__ import annotations

import re

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError


def _float32(value: float) -> np.float32:
    with np.errstate(over="ignore"):
        return np.float32(value)


@pytest.mark.parametrize("make, name, value", [
    (lambda: symopt.GradientDescent(1e308), "lr", 1e308),
    (lambda: symopt.Adam(0.1, epsilon=1e300), "epsilon", 1e300),
    (lambda: symopt.Momentum(3.5e38, 0.9), "lr", 3.5e38),
    (lambda: symopt.RMSProp(0.1, epsilon=2.0 ** 128), "epsilon", 2.0 ** 128),
], ids=["gd lr", "adam epsilon", "momentum lr just past float32", "rmsprop epsilon 2**128"])
def test_a_hyperparameter_float32_rounds_to_infinity_is_refused_when_the_optimizer_is_made(make, name, value):
    assert np.isinf(_float32(value))
    said = re.escape(f"{name}={value!r} becomes infinite in float32") + ".* use a smaller value"
    with pytest.raises(ConfigurationError, match=said):
        make()


def test_float32s_largest_number_and_a_float64_value_are_still_taken():
    largest = float(np.finfo(np.float32).max)
    assert np.isfinite(_float32(largest))
    assert symopt.GradientDescent(largest).hyperparameters["lr"] == largest
    w = symopt.Variable("w", 0.0)
    # numpy.float64 is not rounded to float32 (TF1 casts it): exact in a float64 run
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(np.float64(1e-300)), steps=1,
                             progress=False)
    assert result.params[w] == 6e-300  # hand: 0 - (2·(0 - 3))·1e-300

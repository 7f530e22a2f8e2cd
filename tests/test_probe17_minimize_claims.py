"""probe17 findings on minimize's documented refusals, checked where the docs place them (D5 here, D7 below).

D5: docs/optimizers.md says a Python float that float32 cannot hold is refused when the optimizer is made, 1e-50
("becomes 0") as 1e308 ("becomes infinite"); GradientDescent(1e308) was accepted and refused only by minimize.
Oracle: NumPy's float32 rounding of the value."""

from __future__ import annotations

import re

import numpy as np
import pytest

import symopt
from symopt import ops
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


# D7: docs/data.md says checkpoint= / resume_from= are refused with a one-shot generator.  checkpoint= alone was
# accepted (writing a checkpoint no run can resume from), and the idiom checkpoint=p, resume_from=p was accepted on
# the first run, then refused on the restart.

X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.zeros((3, 1)))
COST = ops.mean(ops.square(X @ W - y))
FEATURES, TARGETS = np.ones((100, 3)), np.ones((100, 1))


def _one_shot():
    return ({"X": FEATURES[s:s + 25], "y": TARGETS[s:s + 25]} for s in range(0, 100, 25))


@pytest.mark.parametrize("switches", ["checkpoint", "checkpoint and resume_from"])
def test_a_checkpoint_of_a_one_shot_generator_is_refused_on_the_first_run(switches, tmp_path):
    path = tmp_path / "run.npz"
    arguments = dict(checkpoint=path) if switches == "checkpoint" else dict(checkpoint=path, resume_from=path)
    with pytest.raises(ConfigurationError, match=r"checkpoint=.* with a one-shot iterator: no run could resume"):
        symopt.minimize(COST, W, data=_one_shot(), **arguments)
    assert not path.exists()  # refused before anything is written


def test_a_checkpoint_of_a_generator_function_is_taken_and_resumes(tmp_path):
    path = tmp_path / "run.npz"
    whole = symopt.minimize(COST, W, data=_one_shot, epochs=2)
    first = symopt.minimize(COST, W, data=_one_shot, epochs=1, checkpoint=path, resume_from=path)
    rest = symopt.minimize(COST, W, data=_one_shot, epochs=2, checkpoint=path, resume_from=path)
    assert (first.steps, rest.steps) == (4, 8)
    np.testing.assert_array_equal(rest[W], whole[W])

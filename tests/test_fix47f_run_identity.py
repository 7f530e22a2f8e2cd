"""probe89 P89-2: a checkpoint records the run's cost, seed and clipping; the resume-or-start idiom with one path in a
sweep (another cost, seed or clip_norm) is refused, where it returned the first run's parameters and value."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import CheckpointError

ROWS, RATE = 40, 0.5
RNG = np.random.default_rng(0)
FEATURES = RNG.normal(size=(ROWS, 2))
TARGETS = FEATURES @ np.array([[1.0], [-2.0]]) + 0.1 * RNG.normal(size=(ROWS, 1))


def _model(lam=0.0):
    """A fresh model each call (new symbols, as a new notebook cell or process makes them)."""
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
    return X, y, W, ops.mean(ops.square(X @ W - y)) + lam * ops.l2_penalty(W)


def _run(lam, path, **options):
    X, y, W, cost = _model(lam)
    settings = dict(optimizer=symopt.GradientDescent(RATE), **({} if "epochs" in options else dict(steps=5)))
    settings.update(options)
    return W, symopt.minimize(cost, W, data={X: FEATURES, y: TARGETS}, checkpoint=path, resume_from=path, **settings)


def test_a_sweep_over_the_penalty_with_one_path_is_refused_at_its_second_cost(tmp_path):
    path = tmp_path / "sweep.npz"
    _run(0.0, path)
    with pytest.raises(CheckpointError, match="another run: the cost") as refused:
        _run(10.0, path)
    assert "path of its own" in str(refused.value) and "delete the file" in str(refused.value)


@pytest.mark.parametrize("first, second, named", [
    (dict(seed=3), dict(seed=4), "the shuffling seed: the file's 3, this run's 4"),
    (dict(seed=3, clip_norm=1.0), dict(seed=3, clip_norm=0.1), "clip_norm: the file's 1.0, this run's 0.1"),
    (dict(seed=3), dict(seed=3, clip_value=0.5), "clip_value: the file's None, this run's 0.5"),
])
def test_another_seed_or_clipping_is_refused(tmp_path, first, second, named):
    path = tmp_path / "run.npz"
    _run(0.0, path, batch_size=8, epochs=2, **first)
    with pytest.raises(CheckpointError) as refused:
        _run(0.0, path, batch_size=8, epochs=3, **second)
    assert named in str(refused.value)


def _gradient_descent(steps):
    """Hand NumPy: full-batch gradient descent on mean((X W - y)^2), the uninterrupted run's oracle."""
    weights = np.zeros((2, 1))
    for _ in range(steps):
        weights = weights - RATE * 2 / ROWS * FEATURES.T @ (FEATURES @ weights - TARGETS)
    return weights


def test_the_same_cost_rebuilt_with_new_symbols_resumes(tmp_path):
    path = tmp_path / "run.npz"
    _run(0.0, path)
    W, resumed = _run(0.0, path, steps=9)
    np.testing.assert_allclose(resumed[W], _gradient_descent(9), rtol=1e-12)


WRITER = """
import sys, numpy as np, symopt
from symopt import ops
X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
data = np.load(sys.argv[2])
cost = ops.mean(ops.softplus(X @ W - y))
symopt.minimize(cost, W, data={X: data["X"], y: data["y"]}, optimizer=symopt.GradientDescent(0.5), steps=3,
                checkpoint=sys.argv[1])
"""


def test_a_checkpoint_written_by_another_process_resumes(tmp_path):
    """The cost's record is the same in every process (SymPy's Dummy numbers and Python's hash seed differ)."""
    np.savez(tmp_path / "data.npz", X=FEATURES, y=TARGETS)
    environment = {**os.environ, "PYTHONHASHSEED": "12345",
                   "PYTHONPATH": os.pathsep.join([os.path.dirname(os.path.dirname(symopt.__file__)),
                                                  os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", WRITER, str(tmp_path / "run.npz"), str(tmp_path / "data.npz")],
                   check=True, env=environment, timeout=120)
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
    resumed = symopt.minimize(ops.mean(ops.softplus(X @ W - y)), W, data={X: FEATURES, y: TARGETS},
                              optimizer=symopt.GradientDescent(0.5), steps=4, resume_from=tmp_path / "run.npz")
    assert resumed.message.startswith("stopped after 4 steps")


def test_a_checkpoint_without_the_record_resumes_with_a_warning(tmp_path):
    path = tmp_path / "old.npz"
    _run(0.0, path)
    with np.load(path) as stored:
        members = {key: stored[key] for key in stored.files}
    meta = json.loads(str(members["meta"]))
    del meta["run"]  # as written before the record was kept
    members["meta"] = np.asarray(json.dumps(meta))
    np.savez(path, **members)
    with pytest.warns(UserWarning, match="did not record the run's cost, seed and clipping"):
        W, resumed = _run(0.0, path, steps=7)
    np.testing.assert_allclose(resumed[W], _gradient_descent(7), rtol=1e-12)
    with pytest.warns(UserWarning, match="did not record the run's cost"):  # 47f-2: it stays unstamped, so it
        _run(0.0, path, steps=8)  # warns each time rather than claim the identity of whichever run resumed it

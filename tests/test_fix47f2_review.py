"""final47f review of fix47f: 47f-1 and 47f-14 (a legitimate resume refused: wrt in another order, a weight written 2
and 2.0), 47f-2 (an old checkpoint re-stamped with the resuming run's identity), 47f-4, 47f-6 and 47f-7 (paths)."""

import json
import pathlib
import warnings

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.checkpoint import load_checkpoint
from symopt.errors import CheckpointError

ROWS, RATE = 40, 0.5
RNG = np.random.default_rng(0)
FEATURES = RNG.normal(size=(ROWS, 2))
TARGETS = FEATURES @ np.array([[1.0], [-2.0]]) + 0.1 * RNG.normal(size=(ROWS, 1))


def _hand_loop(steps, lam=0.0):
    """Hand NumPy: full-batch gradient descent on mean((X W - y)^2) + lam/2 |W|^2 from W = 0."""
    weights = np.zeros((2, 1))
    for _ in range(steps):
        weights = weights - RATE * (2 / ROWS * FEATURES.T @ (FEATURES @ weights - TARGETS) + lam * weights)
    return weights


def _split_run(path, steps, order):
    """The same model as two 1x1 weights A and B, minimized over wrt in the given order ("AB" or "BA")."""
    Xa, Xb = symopt.Placeholder("Xa", (None, 1)), symopt.Placeholder("Xb", (None, 1))
    y = symopt.Placeholder("y", (None, 1))
    A = symopt.Variable("A", np.zeros((1, 1)), shape=(1, 1))
    B = symopt.Variable("B", np.zeros((1, 1)), shape=(1, 1))
    cost = ops.mean(ops.square(Xa @ A + Xb @ B - y))
    wrt = {"AB": [A, B], "BA": [B, A]}[order]
    result = symopt.minimize(cost, wrt, data={Xa: FEATURES[:, :1], Xb: FEATURES[:, 1:], y: TARGETS},
                             optimizer=symopt.GradientDescent(RATE), steps=steps, checkpoint=path, resume_from=path)
    return np.vstack([np.asarray(result[A]).reshape(1, 1), np.asarray(result[B]).reshape(1, 1)])


def test_47f_1_a_resume_with_wrt_in_another_order_continues_the_run(tmp_path):
    path = tmp_path / "run.npz"
    _split_run(path, 5, "AB")
    resumed = _split_run(path, 9, "BA")
    np.testing.assert_allclose(resumed, _hand_loop(9), rtol=1e-12)


def _penalised(path, lam, steps):
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
    cost = ops.mean(ops.square(X @ W - y)) + lam * ops.l2_penalty(W)
    return W, symopt.minimize(cost, W, data={X: FEATURES, y: TARGETS}, optimizer=symopt.GradientDescent(RATE),
                              steps=steps, checkpoint=path, resume_from=path)


def test_47f_14_a_weight_written_2_resumes_as_2_point_0(tmp_path):
    path = tmp_path / "run.npz"
    _penalised(path, 2, 5)  # argparse type=int, or a literal
    W, resumed = _penalised(path, 2.0, 9)  # type=float
    np.testing.assert_allclose(resumed[W], _hand_loop(9, 2.0), rtol=1e-12)
    with pytest.raises(CheckpointError, match="another run: the cost"):
        _penalised(path, 3.0, 12)  # another weight is still refused


def _make_old(path):
    """``path`` as a checkpoint written before the run's record was kept."""
    with np.load(path) as stored:
        members = {key: stored[key] for key in stored.files}
    meta = json.loads(str(members["meta"]))
    del meta["run"]
    members["meta"] = np.asarray(json.dumps(meta))
    np.savez(path, **members)


def test_47f_2_an_old_checkpoint_is_not_stamped_with_the_resuming_runs_identity(tmp_path):
    path = tmp_path / "old.npz"
    _penalised(path, 0.0, 5)
    _make_old(path)
    for _ in range(2):  # another cost, twice: each resume warns, and the file never claims to be lambda=10's
        with pytest.warns(UserWarning, match="did not record the run's cost"):
            _penalised(path, 10.0, 5)
        with np.load(path) as stored:
            assert "run" not in json.loads(str(stored["meta"]))  # as an older symopt wrote it, and reads it
    with pytest.warns(UserWarning, match="did not record the run's cost"):
        W, resumed = _penalised(path, 0.0, 9)  # the run that wrote it is not refused
    np.testing.assert_allclose(resumed[W], _hand_loop(9), rtol=1e-12)


def test_47f_6_a_tilde_naming_no_user_is_a_checkpoint_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    w = symopt.Variable("w", 1.0)
    for option in ("checkpoint", "resume_from"):
        with pytest.raises(CheckpointError, match="names no home directory"):
            symopt.minimize(w ** 2, w, steps=2, **{option: "~nosuchuser47f/a.npz"})


def test_47f_7_load_checkpoint_reads_the_tilde_path_minimize_wrote(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "r").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    w = symopt.Variable("w", 1.0)
    symopt.minimize(w ** 2, w, steps=2, checkpoint="~/r/a.npz")
    assert (home / "r" / "a.npz").is_file() and not (tmp_path / "~").exists()
    stored = load_checkpoint("~/r/a.npz")
    assert stored.step == 2
    symopt.checkpoint.save_checkpoint("~/r/b.npz", stored)
    assert (home / "r" / "b.npz").is_file() and not (tmp_path / "~").exists()


def _denied(monkeypatch, method: str, path) -> None:
    """``Path.<method>`` of ``path`` fails as under a directory without x for this process (root ignores modes)."""
    real = getattr(pathlib.Path, method)

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real(self, *args, **kwargs)
    monkeypatch.setattr(pathlib.Path, method, denied)


def test_47f_4_an_unsearchable_directory_in_the_idiom_is_a_checkpoint_error(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "a.npz"
    _denied(monkeypatch, "exists", path)
    w = symopt.Variable("w", 1.0)
    with pytest.raises(CheckpointError, match="cannot be looked up: Permission denied"):
        symopt.minimize(w ** 2, w, steps=2, checkpoint=path, resume_from=path)


def _stream_model():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
    return X, y, W, ops.mean(ops.square(X @ W - y))


def test_47f_8_a_streams_checkpoint_resumed_by_arrays_names_the_stream(tmp_path):
    X, y, W, cost = _stream_model()
    path = tmp_path / "stream.npz"
    batches = [{X: FEATURES[a:a + 20], y: TARGETS[a:a + 20]} for a in range(0, ROWS, 20)]
    symopt.minimize(cost, W, data=batches, epochs=2, checkpoint=path, callback=lambda step, value, params: step == 1)
    with pytest.raises(CheckpointError) as refused:
        symopt.minimize(cost, W, data={X: FEATURES, y: TARGETS}, batch_size=10, epochs=2, resume_from=path)
    message = str(refused.value)
    assert "a data stream whose first batch had 20 rows" in message and "batch_size=20" not in message


def test_47f_8_an_array_runs_checkpoint_resumed_by_a_stream_names_its_batch_size(tmp_path):
    X, y, W, cost = _stream_model()
    path = tmp_path / "arrays.npz"
    symopt.minimize(cost, W, data={X: FEATURES, y: TARGETS}, batch_size=20, epochs=2, checkpoint=path,
                    callback=lambda step, value, params: step == 1)
    batches = [{X: FEATURES[a:a + 10], y: TARGETS[a:a + 10]} for a in range(0, ROWS, 10)]
    with pytest.raises(CheckpointError) as refused:
        symopt.minimize(cost, W, data=batches, epochs=2, resume_from=path)
    message = str(refused.value)
    assert "batch_size=20 over arrays" in message and "same data stream" not in message


class _Table:
    """A DataFrame-like (what symopt.tables recognises): iterated, it gives its column names, as pandas does."""

    columns = ["a", "b"]

    def to_numpy(self):
        return np.zeros((3, 2))

    def __iter__(self):
        return iter(self.columns)


@pytest.mark.parametrize("returned, named", [
    (lambda: _Table(), "returned a _Table (one table)"),
    (lambda: (FEATURES, TARGETS), "returned a tuple of ndarray, ndarray (one batch?)"),
    (lambda: None, "returned None"),
])
def test_47f_12_a_function_returning_no_iterable_of_batches_is_told_what_it_returned(returned, named):
    X, y, W, cost = _stream_model()
    with pytest.raises(symopt.errors.FeedError) as refused:
        symopt.minimize(cost, W, data=returned, epochs=1)
    assert named in str(refused.value) and "first item is" not in str(refused.value)


def test_47f_2_the_old_checkpoint_warning_points_at_the_users_call(tmp_path):
    path = tmp_path / "old.npz"
    _penalised(path, 0.0, 5)
    _make_old(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _penalised(path, 0.0, 6)
    [warning] = [w for w in caught if "did not record" in str(w.message)]
    assert warning.filename == __file__


def test_47f_4_a_new_checkpoint_under_an_unsearchable_directory_is_a_checkpoint_error(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "new.npz"
    _denied(monkeypatch, "is_dir", path)
    w = symopt.Variable("w", 1.0)
    with pytest.raises(CheckpointError, match="cannot be written: looking it up failed"):
        symopt.minimize(w ** 2, w, steps=2, checkpoint=path)


def test_47f_9_the_cost_hash_of_a_fixed_model_is_unchanged():
    """A golden hash: a change of the identity's key text (a node class moved, ops.mean built otherwise) refuses
    every checkpoint written before it as "another run: the cost", so it must be deliberate (docs/data.md says so)."""
    from symopt.run_identity import run_identity
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
    cost = ops.mean(ops.square(X @ W - y)) + 0.5 * ops.l2_penalty(W)
    assert run_identity(cost, [W], [X, y], 3, True, None, 1.0) == {
        "cost": "sha256:dbee8a1db87c7bd7", "seed": "3", "clip_value": "None", "clip_norm": "1.0"}

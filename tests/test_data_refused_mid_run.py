"""probe7 Q9: a mini-batch the data source refuses in the middle of a run (NaN in the rows read from a file, a
stream's later batch) names the data's own row, keeps the run so far in ``error.result`` and writes the asked-for
checkpoint first: hours of an out-of-core run are not thrown away, and the resumed run (once the data is cleaned)
continues where it stopped."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError


def _problem(tmp_path, bad_row=77):
    rng = np.random.default_rng(0)
    features = rng.normal(size=(100, 3))
    targets = features @ np.array([[1.0], [-2.0], [0.5]])
    clean = features.copy()
    features[bad_row, 2] = np.nan
    np.save(tmp_path / "X.npy", features)
    np.save(tmp_path / "y.npy", targets)
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((3, 1)))
    data = {X: np.load(tmp_path / "X.npy", mmap_mode="r"), y: np.load(tmp_path / "y.npy", mmap_mode="r")}
    return ops.mean(ops.square(X @ w - y)), w, X, y, data, clean, targets


def test_a_nan_in_a_files_rows_names_the_files_row_and_keeps_the_run(tmp_path):
    cost, w, X, y, data, clean, targets = _problem(tmp_path)
    options = dict(batch_size=10, epochs=3, shuffle=False, optimizer=symopt.Adam(0.1))
    with pytest.raises(FeedError, match=r"first at index \[77, 2\] of the data, read in rows 70:80") as caught:
        symopt.minimize(cost, w, data=data, checkpoint=tmp_path / "run.npz", **options)
    result = caught.value.result
    assert result.steps == 7 and not result.success and "epoch 1, mini-batch 8" in str(caught.value)
    seven = symopt.minimize(cost, w, data={X: clean[:70], y: targets[:70]}, **{**options, "epochs": 1})
    np.testing.assert_array_equal(result[w], seven[w])  # the 7 steps taken, as a run on the clean rows takes them
    np.save(tmp_path / "X.npy", clean)  # cleaned: the checkpoint resumes at mini-batch 8
    resumed = symopt.minimize(cost, w, data={X: np.load(tmp_path / "X.npy", mmap_mode="r"),
                                             y: np.load(tmp_path / "y.npy", mmap_mode="r")},
                              resume_from=tmp_path / "run.npz", **options)
    whole = symopt.minimize(cost, w, data={X: clean, y: targets}, **options)
    np.testing.assert_array_equal(resumed[w], whole[w])


def test_a_later_batch_of_a_stream_with_a_nan_keeps_the_run():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((2, 1)))
    rng = np.random.default_rng(1)
    batches = [(rng.normal(size=(4, 2)), rng.normal(size=(4, 1))) for _ in range(5)]
    batches[3][0][1, 0] = np.inf

    def stream():
        return ({X: a, y: b} for a, b in batches)
    with pytest.raises(FeedError, match="contains NaN or infinity") as caught:
        symopt.minimize(ops.mean(ops.square(X @ w - y)), w, data=stream, epochs=2, optimizer=symopt.Adam(0.1))
    assert caught.value.result.steps == 3 and "mini-batch 4" in str(caught.value)


def _stream_problem():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(40, 2))
    targets = features @ np.array([[1.0], [2.0]])
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))

    def batches():
        for start in range(0, 40, 10):
            yield {"X": features[start:start + 10], "y": targets[start:start + 10]}
    return ops.mean(ops.square(X @ W - y)), W, batches


def test_a_stream_resumes_from_its_checkpoint_at_an_epoch_end_and_mid_epoch(tmp_path):
    """probe7 Q21: checkpoint= was written for a stream, and resume_from refused it: the resume-or-start idiom
    served the first run only."""
    cost, W, batches = _stream_problem()
    path = tmp_path / "run.npz"
    whole = symopt.minimize(cost, W, data=batches, epochs=5, optimizer=symopt.Adam(0.1))
    first = symopt.minimize(cost, W, data=batches, epochs=3, checkpoint=path, resume_from=path,
                            optimizer=symopt.Adam(0.1))
    rest = symopt.minimize(cost, W, data=batches, epochs=5, checkpoint=path, resume_from=path,
                           optimizer=symopt.Adam(0.1))
    assert (first.steps, rest.steps) == (12, 20)
    np.testing.assert_array_equal(rest[W], whole[W])
    np.testing.assert_array_equal(rest.history, whole.history)
    middle = tmp_path / "middle.npz"
    symopt.minimize(cost, W, data=batches, epochs=5, checkpoint=middle, optimizer=symopt.Adam(0.1),
                    callback=lambda step, value, params: step == 6)
    resumed = symopt.minimize(cost, W, data=batches, epochs=5, resume_from=middle, optimizer=symopt.Adam(0.1))
    np.testing.assert_array_equal(resumed[W], whole[W])
    with pytest.raises(symopt.errors.ConfigurationError, match="one-shot iterator"):
        symopt.minimize(cost, W, data=iter(list(batches())), resume_from=path, optimizer=symopt.Adam(0.1))


@pytest.mark.parametrize("bad, said", [
    ({"X": np.ones((2, 3)), "y": np.ones((2, 1))}, r"value for X: expected shape \(None, 2\); given \(2, 3\)"),
    ({"X": np.eye(2), "y": np.ones((3, 1))}, "inputs disagree on the batch size m: X: 2, y: 3"),
])
@pytest.mark.parametrize("as_function", [False, True], ids=["list", "generator function"])
def test_a_later_batch_of_the_wrong_shape_keeps_the_run_and_its_checkpoint(tmp_path, bad, said, as_function):
    """probe16 Z5: a stream batch of the wrong shape after 50 good ones was a bare ShapeError: no position, no
    error.result, no checkpoint, where a NaN batch at the same place got all three."""
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((2, 1)))
    cost = ops.mean(ops.square(X @ w - y))
    good = {"X": np.eye(2), "y": np.ones((2, 1))}
    batches = [good] * 50 + [bad]
    path = tmp_path / "run.npz"
    with pytest.raises(symopt.errors.ShapeError, match=said) as caught:
        symopt.minimize(cost, w, data=(lambda: iter(batches)) if as_function else batches, epochs=1, checkpoint=path)
    result = caught.value.result
    assert "epoch 1, mini-batch 51, after 50 steps" in str(caught.value) and path.exists()
    fifty = symopt.minimize(cost, w, data=[good] * 50, epochs=1)  # the oracle: the same 50 steps without the bad batch
    assert result.steps == 50 and not result.success
    np.testing.assert_array_equal(result[w], fifty[w])

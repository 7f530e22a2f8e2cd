"""Run length, interruption and resumption, stopping rules and argument checks of minimize.

An interrupted-then-resumed run equals the uninterrupted one bit for bit, whichever loop ran it.
"""

import math

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.checkpoint import load_checkpoint
from symopt.errors import CheckpointError, ConfigurationError, FeedError, SymoptError
from test_checkpoints_and_clipping import DATA, FEATURES, MSE, TARGETS, W, y  # the same regression model

w = symopt.Variable("w", 0.0)
LECTURE = w ** 2 - 10 * w + 25


def _stop_at(step):
    return lambda current, cost, params: current == step


def _same(first, second):
    np.testing.assert_array_equal(first[W], second[W])
    np.testing.assert_array_equal(first.history, second.history)
    assert first.steps == second.steps


# ------------------------------------------------------------------ interrupted, then resumed

@pytest.mark.parametrize("resume_callback", [None, lambda *args: False], ids=["fast-loop", "per-step"])
def test_full_batch_run_stopped_by_callback_resumes_to_the_same_total(tmp_path, resume_callback):
    path = tmp_path / "run.npz"
    arguments = dict(data=DATA, optimizer=symopt.Adam(0.05))
    whole = symopt.minimize(MSE, W, steps=30, **arguments)
    stopped = symopt.minimize(MSE, W, steps=30, callback=_stop_at(12), checkpoint=path, **arguments)
    assert stopped.steps == 12 and load_checkpoint(path).step == 12
    resumed = symopt.minimize(MSE, W, steps=30, callback=resume_callback, resume_from=path, **arguments)
    _same(resumed, whole)  # 30 steps in all, not 12 + 30


@pytest.mark.parametrize("stop", [6, 8], ids=["mid-epoch", "epoch-end"])
def test_mini_batch_run_stopped_by_callback_resumes_without_replaying_the_epoch(tmp_path, stop):
    path = tmp_path / "run.npz"
    arguments = dict(data=DATA, optimizer=symopt.Adam(0.02), batch_size=16, epochs=4, seed=5)  # 4 batches an epoch
    whole = symopt.minimize(MSE, W, **arguments)
    symopt.minimize(MSE, W, callback=_stop_at(stop), checkpoint=path, **arguments)
    stored = load_checkpoint(path)
    assert (stored.step, stored.epoch, stored.batch) == (stop, stop // 4, stop % 4)
    resumed = symopt.minimize(MSE, W, resume_from=path, **arguments)
    _same(resumed, whole)
    assert resumed.steps == 16


def test_mini_batch_resume_without_shuffling(tmp_path):
    path = tmp_path / "run.npz"
    arguments = dict(data=DATA, optimizer=symopt.Momentum(0.02, 0.9), batch_size=25, epochs=3, shuffle=False)
    whole = symopt.minimize(MSE, W, **arguments)
    symopt.minimize(MSE, W, callback=_stop_at(4), checkpoint=path, **arguments)
    _same(symopt.minimize(MSE, W, resume_from=path, **arguments), whole)


def test_full_batch_checkpoint_every_is_written_by_the_per_step_loop_too(tmp_path):
    path = tmp_path / "run.npz"
    seen = []

    def callback(step, cost, params):
        if step in (10, 20):
            seen.append(load_checkpoint(path).step)
    symopt.minimize(MSE, W, data=DATA, steps=25, checkpoint=path, checkpoint_every=10, callback=callback)
    assert seen == [10, 20] and load_checkpoint(path).step == 25


# ------------------------------------------------------------------ run length

def test_epochs_of_a_full_batch_run_are_steps():
    by_epochs = symopt.minimize(LECTURE, w, epochs=50)
    by_steps = symopt.minimize(LECTURE, w, steps=50)
    assert by_epochs.steps == 50 and by_epochs[w] == by_steps[w]


def test_default_length_is_1000_steps():
    assert symopt.minimize(LECTURE, w).steps == 1000


@pytest.mark.parametrize("arguments, match", [
    (dict(steps=10, epochs=10), "one step per epoch"),
    (dict(steps=10, batch_size=16, data=DATA), "drop steps"),
])
def test_ambiguous_run_length_is_refused(arguments, match):
    cost = MSE if "data" in arguments else LECTURE
    with pytest.raises(ConfigurationError, match=match):
        symopt.minimize(cost, W if "data" in arguments else w, **arguments)


# ------------------------------------------------------------------ convergence

@pytest.mark.parametrize("callback", [None, lambda *args: False], ids=["fast-loop", "per-step"])
def test_tol_counts_only_the_steps_applied(callback):
    result = symopt.minimize(LECTURE, w, optimizer=symopt.GradientDescent(0.1), steps=10_000, tol=1e-6,
                             callback=callback)
    assert len(result.history) == result.steps and "converged" in result.message
    assert f"after {result.steps} steps" in result.message
    assert result.value == symopt.compile(LECTURE, w)(w=result[w])[0]  # the cost at the returned w


def test_both_loops_agree_on_a_converged_run():
    arguments = dict(optimizer=symopt.GradientDescent(0.1), steps=10_000, tol=1e-6)
    fast = symopt.minimize(LECTURE, w, **arguments)
    slow = symopt.minimize(LECTURE, w, callback=lambda *args: False, **arguments)
    assert (fast.steps, fast[w], fast.value) == (slow.steps, slow[w], slow.value)
    np.testing.assert_array_equal(fast.history, slow.history)


@pytest.mark.parametrize("callback", [None, lambda *args: False], ids=["fast-loop", "per-step"])
def test_resuming_a_converged_run_adds_no_step(tmp_path, callback):
    path = tmp_path / "run.npz"
    arguments = dict(optimizer=symopt.GradientDescent(0.1), steps=10_000, tol=1e-6)
    first = symopt.minimize(LECTURE, w, checkpoint=path, **arguments)
    again = symopt.minimize(LECTURE, w, resume_from=path, callback=callback, **arguments)
    assert again.steps == first.steps and again[w] == first[w]
    np.testing.assert_array_equal(again.history, first.history)


# ------------------------------------------------------------------ clipping limits

@pytest.mark.parametrize("cost, wrt, data", [(LECTURE, w, None), (MSE, W, DATA)], ids=["math", "numpy"])
@pytest.mark.parametrize("option", ["clip_value", "clip_norm"])
def test_infinite_clip_limit_means_no_clipping(cost, wrt, data, option):
    plain = symopt.minimize(cost, wrt, data=data, steps=20)
    unclipped = symopt.minimize(cost, wrt, data=data, steps=20, **{option: math.inf})
    np.testing.assert_array_equal(unclipped[wrt], plain[wrt])


@pytest.mark.parametrize("limit", [np.float32(0.5), np.float16(0.5), np.float64(0.5), np.int64(1), 1])
@pytest.mark.parametrize("option", ["clip_value", "clip_norm"])
def test_clip_limits_may_be_numpy_scalars_of_any_real_dtype(limit, option):
    given = symopt.minimize(LECTURE, w, steps=5, **{option: limit})
    python = symopt.minimize(LECTURE, w, steps=5, **{option: float(limit)})
    assert given[w] == python[w]


# ------------------------------------------------------------------ argument errors, before any state changes

BAD_ARGUMENTS = [
    (dict(tol="0.1"), ConfigurationError, "tol: expected a finite number"),
    (dict(tol=-1.0), ConfigurationError, "tol: expected a finite number"),
    (dict(tol=float("nan")), ConfigurationError, "tol: expected a finite number"),
    (dict(seed="abc"), ConfigurationError, "seed: expected None or a non-negative integer"),
    (dict(seed=-3), ConfigurationError, "seed: expected None or a non-negative integer"),
    (dict(seed=1.5), ConfigurationError, "seed: expected None or a non-negative integer"),
    (dict(data=[FEATURES, TARGETS]), FeedError, "data: expected a mapping"),
    (dict(clip_value="1"), ConfigurationError, "clip_value: expected a positive number"),
    (dict(clip_value=True), ConfigurationError, "clip_value: expected a positive number"),
    (dict(clip_norm=-1.0), ConfigurationError, "clip_norm: expected a positive number"),
    (dict(clip_norm=float("nan")), ConfigurationError, "clip_norm: expected a positive number"),
    (dict(clip_value=complex(1, 0)), ConfigurationError, "clip_value: expected a positive number"),
    (dict(steps=2.0), ConfigurationError, "steps: expected a positive integer"),
    (dict(epochs="3"), ConfigurationError, "epochs: expected a positive integer"),
    (dict(steps=np.bool_(True)), ConfigurationError, "steps: expected a positive integer"),
    (dict(callback=5), ConfigurationError, "callback: expected a function"),
    (dict(shuffle="no"), ConfigurationError, "shuffle: expected True or False"),
    (dict(trace="yes"), ConfigurationError, "trace: expected True or False"),
    (dict(progress="yes"), ConfigurationError, "progress: expected True, False or None"),
    (dict(checkpoint=5), CheckpointError, "checkpoint: expected a file path"),
    (dict(resume_from=5), CheckpointError, "resume_from: expected a file path"),
    (dict(resume_from=""), CheckpointError, "resume_from: expected a file path"),
]


@pytest.mark.parametrize("arguments, error, match", BAD_ARGUMENTS,
                         ids=[f"{k}={type(v).__name__}:{v!s:.12}" for a, _, _ in BAD_ARGUMENTS for k, v in a.items()])
def test_bad_arguments_are_typed_errors_raised_before_anything_runs(tmp_path, arguments, error, match):
    path = tmp_path / "run.npz"
    arguments = {"data": DATA, "checkpoint": path, **arguments}
    with pytest.raises(error, match=match) as caught:
        symopt.minimize(MSE, W, **arguments)
    assert isinstance(caught.value, SymoptError)
    assert not path.exists()


def test_an_empty_wrt_is_refused():
    with pytest.raises(ConfigurationError, match="wrt is empty"):
        symopt.minimize(MSE, [], data=DATA)


def test_numpy_integer_steps_and_seed_are_accepted():
    result = symopt.minimize(MSE, W, data=DATA, batch_size=np.int32(20), epochs=np.int64(2), seed=np.uint8(4))
    assert result.steps == 6


# ------------------------------------------------------------------ the checkpoint path is checked first

@pytest.mark.parametrize("where, match", [
    (lambda tmp: tmp, "is a directory"),
    (lambda tmp: tmp / "file.txt" / "run.npz", "is a file, not a directory"),
])
def test_unwritable_checkpoint_path_is_refused_before_the_first_step(tmp_path, where, match):
    (tmp_path / "file.txt").write_text("not a directory")
    calls = []
    with pytest.raises(CheckpointError, match=match):
        symopt.minimize(LECTURE, w, steps=10, checkpoint=where(tmp_path),
                        callback=lambda *args: calls.append(args))
    assert calls == []


def test_resuming_into_another_shape_names_the_file_the_parameter_and_both_shapes(tmp_path):
    path = tmp_path / "run.npz"
    symopt.minimize(MSE, W, data=DATA, steps=3, checkpoint=path)
    X2 = symopt.Placeholder("X", (None, 2))
    W2 = symopt.Variable("W", 0.0, shape=(2, 1))
    cost = ops.mean(ops.square(X2 @ W2 - y))
    with pytest.raises(CheckpointError) as caught:
        symopt.minimize(cost, W2, data={X2: FEATURES[:, :2], y: TARGETS}, steps=5, resume_from=path)
    message = str(caught.value)
    assert str(path) in message and "'W'" in message and "(3, 1)" in message and "(2, 1)" in message


@pytest.mark.parametrize("batching, every, saved", [(dict(steps=12), 2, 7),
                                                   (dict(batch_size=16, epochs=3, seed=2), 1, 7)], ids=["full", "mini"])
def test_an_interrupt_mid_run_leaves_a_loadable_checkpoint_that_resumes_bit_identically(tmp_path, batching, every,
                                                                                        saved):
    """Ctrl-C (KeyboardInterrupt) between two periodic checkpoints: the checkpoint then holds the 7 steps completed
    (P83-4; it held the last periodic one before) and resumes exactly."""
    path = tmp_path / "run.npz"
    arguments = dict(data=DATA, optimizer=symopt.RMSProp(0.01), **batching)

    def interrupt(step, cost, params):
        if step == 7:
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        symopt.minimize(MSE, W, checkpoint=path, checkpoint_every=every, callback=interrupt, **arguments)
    assert load_checkpoint(path).step == saved
    _same(symopt.minimize(MSE, W, resume_from=path, **arguments), symopt.minimize(MSE, W, **arguments))


def test_a_checkpoint_that_cannot_be_written_at_the_end_keeps_the_trained_result(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()

    def replace_folder_by_a_file(step, cost, params):
        if step == 5:
            folder.rmdir()
            folder.write_text("now a file")
    with pytest.raises(CheckpointError, match="could not be written after step 20") as caught:
        symopt.minimize(MSE, W, data=DATA, steps=20, checkpoint=folder / "run.npz", callback=replace_folder_by_a_file)
    result = caught.value.result
    whole = symopt.minimize(MSE, W, data=DATA, steps=20)
    assert result.steps == 20 and result.success
    np.testing.assert_array_equal(result[W], whole[W])

"""probe97 P97-4: an exception the data stream raised mid-run (a reader's OSError: a network file system gone) lost
the whole run: no error.result, no checkpoint.  It is now raised unchanged (type and text) with the run so far in
error.result and notes saying where it stopped, the checkpoint written first where one is asked for, as for a refused
batch or a KeyboardInterrupt.  Oracle: a hand NumPy gradient-descent loop over the same batches."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.checkpoint import load_checkpoint

M, N, B, LR = 30, 2, 5, 0.125  # a rate float32 holds exactly (a Python rate runs as a float32 constant, as TF1's)
RNG = np.random.default_rng(0)
XS = RNG.normal(size=(M, N))
YS = XS @ np.array([[1.0], [-2.0]])
X, Y = symopt.Placeholder("X", (None, N)), symopt.Placeholder("y", (None, 1))


def failing_stream(fail_in_epoch=None, fail_at=4):
    """Batches of B rows in file order; the read of batch ``fail_at`` in epoch ``fail_in_epoch`` (1-based) raises."""
    calls = [0]

    def batches():
        calls[0] += 1
        for k, start in enumerate(range(0, M, B)):
            if calls[0] == fail_in_epoch and k == fail_at:
                raise OSError("network file system went away")
            yield {X: XS[start:start + B], Y: YS[start:start + B]}
    return batches


def by_hand(steps: int) -> np.ndarray:
    w = np.zeros((N, 1))
    for step in range(steps):
        start = (step % (M // B)) * B
        xb, yb = XS[start:start + B], YS[start:start + B]
        w = w - LR * 2 * xb.T @ (xb @ w - yb) / B
    return w


def test_the_run_is_kept_in_the_streams_own_error_and_the_checkpoint(tmp_path):
    path = str(tmp_path / "g2.npz")
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))
    cost = ops.mean(ops.square(X @ W - Y))
    with pytest.raises(OSError) as caught:
        symopt.minimize(cost, W, data=failing_stream(3), epochs=5, optimizer=symopt.GradientDescent(LR),
                        checkpoint=path)
    error = caught.value
    assert type(error) is OSError and str(error) == "network file system went away"
    assert error.__notes__ == [
        "symopt.minimize: the data stream raised this reading epoch 3, mini-batch 5, after 16 steps; error.result holds "
        "the parameters trained so far.",
        f"symopt.minimize: checkpoint {path!r} holds the 16 steps completed; minimize(..., resume_from={path!r}) "
        "continues the run."]
    assert error.result.steps == 16 and not error.result.success  # 6 + 6 + 4 batches read
    assert error.result.message == "stopped after 16 steps: reading the data of epoch 3, mini-batch 5 raised OSError"
    assert np.allclose(error.result[W], by_hand(16), rtol=1e-12, atol=0)
    assert load_checkpoint(path).step == 16
    resumed = symopt.minimize(cost, W, data=failing_stream(), epochs=5, optimizer=symopt.GradientDescent(LR),
                              resume_from=path)
    assert resumed.steps == 30 and np.allclose(resumed[W], by_hand(30), rtol=1e-12, atol=0)


def test_without_a_checkpoint_the_error_still_holds_the_run():
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))
    with pytest.raises(OSError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data=failing_stream(2, 0), epochs=3,
                        optimizer=symopt.GradientDescent(LR))
    assert caught.value.__notes__ == [
        "symopt.minimize: the data stream raised this reading epoch 2, mini-batch 1, after 6 steps; error.result holds "
        "the parameters trained so far."]
    assert np.allclose(caught.value.result[W], by_hand(6), rtol=1e-12, atol=0)


def test_a_callbacks_own_error_is_not_called_the_streams():
    W = symopt.Variable("W", np.zeros((N, 1)), shape=(N, 1))

    def callback(step, cost, params):
        if step == 3:
            raise OSError("the callback's log file")
    with pytest.raises(OSError) as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data=failing_stream(), epochs=3,
                        optimizer=symopt.GradientDescent(LR), callback=callback)
    assert not hasattr(caught.value, "result") and not getattr(caught.value, "__notes__", None)


def test_a_note_is_kept_where_python_has_no_add_note():
    from symopt.run_checkpoints import add_note

    class Python310Error:  # an exception as Python 3.10 makes it: no add_note method
        pass
    error = Python310Error()
    add_note(error, "first")
    add_note(error, "second")
    assert error.__notes__ == ["first", "second"]
    modern = OSError("gone")
    add_note(modern, "note")
    assert modern.__notes__ == ["note"]

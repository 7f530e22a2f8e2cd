"""48g-6 (reader final48g): a stream that raises the same exception object in two runs gave the second run's error the
first run's note too ("after 7 steps", for a run that stopped after 13).  Each run's notes now name its own steps
only; a note the user added stays.  Oracle: the steps counted by hand (6 batches an epoch)."""

import numpy as np
import pytest

import symopt
from symopt import ops

X, Y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1))
XS = np.linspace(-1, 1, 30).reshape(-1, 1)


def stream_raising(error: Exception, epoch: int, batch: int):
    """Batches of 5 rows; batch ``batch`` (0-based) of epoch ``epoch`` (1-based) raises ``error``."""
    calls = [0]

    def batches():
        calls[0] += 1
        for k, start in enumerate(range(0, 30, 5)):
            if calls[0] == epoch and k == batch:
                raise error
            yield {X: XS[start:start + 5], Y: 2 * XS[start:start + 5]}
    return batches


def test_an_exception_raised_again_carries_only_this_runs_note():
    shared = OSError("network file system went away")
    shared.__notes__ = ["the user's own note"]  # as add_note writes it (Python 3.10 has none)
    w = symopt.Variable("w", np.zeros((1, 1)), shape=(1, 1))
    cost = ops.mean(ops.square(X @ w - Y))
    for epoch, batch in ((2, 1), (3, 1)):
        with pytest.raises(OSError) as caught:
            symopt.minimize(cost, w, data=stream_raising(shared, epoch, batch), epochs=5,
                            optimizer=symopt.GradientDescent(0.1))
        assert caught.value is shared
        steps = 6 * (epoch - 1) + batch  # the batches read before the one that raised
        notes = [note for note in shared.__notes__ if note.startswith("symopt.minimize")]
        assert notes == [f"symopt.minimize: the data stream raised this reading epoch {epoch}, mini-batch "
                         f"{batch + 1}, after {steps} steps; error.result holds the parameters trained so far."]
        assert shared.result.steps == steps and "the user's own note" in shared.__notes__

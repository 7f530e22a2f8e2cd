"""probe89 P89-6 and P89-7: messages about streams of mini-batches name what the user gave.  A stream has no
batch_size= (refused for one), so a resume with other batches names their row counts; a function that returns one
batch dict (not an iterable of them) is told so."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import CheckpointError, FeedError

RNG = np.random.default_rng(0)
FEATURES, TARGETS = RNG.normal(size=(60, 2)), RNG.normal(size=(60, 1))


def _model():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
    return X, y, W, ops.mean(ops.square(X @ W - y))


def _batches(X, y, rows):
    return [{X: FEATURES[a:a + rows], y: TARGETS[a:a + rows]} for a in range(0, 60, rows)]


def test_a_stream_resumed_with_other_batch_sizes_names_their_rows_not_batch_size(tmp_path):
    X, y, W, cost = _model()
    path = tmp_path / "stream.npz"
    symopt.minimize(cost, W, data=_batches(X, y, 20), epochs=2, checkpoint=path,
                    callback=lambda step, value, params: step == 2)
    with pytest.raises(CheckpointError) as refused:
        symopt.minimize(cost, W, data=_batches(X, y, 10), epochs=2, resume_from=path)
    message = str(refused.value)
    assert "first mini-batch had 20 rows; this stream's first batch has 10 rows" in message
    assert "same data stream" in message and "batch_size=10" not in message


@pytest.mark.parametrize("returned", ["dict", "names"])
def test_a_function_returning_one_batch_is_told_to_return_an_iterable_of_them(returned):
    X, y, W, cost = _model()
    batch = {X: FEATURES, y: TARGETS} if returned == "dict" else {"X": FEATURES, "y": TARGETS}
    with pytest.raises(FeedError) as refused:
        symopt.minimize(cost, W, data=lambda: batch, epochs=2)
    message = str(refused.value)
    assert "the function returned a dict (one batch)" in message and "first item" not in message
    assert "lambda: [batch]" in message and "data=batch" in message

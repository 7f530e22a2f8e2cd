"""A stream of mini-batches whose later epoch gives no batch is a FeedError (it used to loop for ever)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError

X = symopt.Placeholder("X_stream", (None, 2))
y = symopt.Placeholder("y_stream", (None, 1))
W = symopt.Variable("W_stream", 0.0, shape=(2, 1))
COST = ops.mean(ops.square(X @ W - y))
BATCH = {X: np.ones((4, 2)), y: np.ones((4, 1))}


def test_a_generator_made_once_runs_out_after_the_first_epoch():
    once = (batch for batch in [BATCH, BATCH])
    calls = []

    def data():
        calls.append(1)
        if len(calls) > 5:  # bounded: a regression fails here instead of hanging the suite
            raise RuntimeError("minimize kept asking for epochs of an empty stream")
        return once
    with pytest.raises(FeedError, match="epoch 2 of 3 gave no mini-batch") as caught:
        symopt.minimize(COST, W, data=data, epochs=3)
    result = caught.value.result
    assert result.steps == 2 and len(result.history) == 2 and result.history[1] < result.history[0]


def test_a_fresh_iterable_per_epoch_runs_every_epoch():
    result = symopt.minimize(COST, W, data=lambda: iter([BATCH, BATCH]), epochs=3)
    assert result.steps == 6

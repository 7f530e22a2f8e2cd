"""A NaN written into the data during a run (from a callback) is named by its row in the data, not in the
mini-batch (probe34 P34-9: X[13, 1] was named "entry [5, 1]").  The rule for data changed during a run is
docs/data.md's (read where it is when no conversion is needed, else converted once)."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import DomainError

RNG = np.random.default_rng(0)
XS, YS = RNG.normal(size=(40, 3)), RNG.normal(size=(40, 1))


@pytest.mark.parametrize("row, batching", [(13, dict(batch_size=8, shuffle=False, epochs=8)),
                                          (30, dict(batch_size=8, shuffle=False, epochs=8)),
                                          (5, dict(batch_size=8, seed=1, epochs=8)),
                                          (5, dict(steps=8))])
def test_a_nan_written_during_a_run_is_named_by_its_row_in_the_data(row, batching):
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    data = XS.copy()

    def spoil(step, cost, params):
        if step == 3:
            data[row, 1] = np.nan
    with pytest.raises(DomainError, match=rf"X is nan \(no real value\) at X\[{row}, 1\] = nan"):
        symopt.minimize(ops.mean(ops.square(X @ W - y)), W, data={X: data, y: YS}, callback=spoil, **batching)

"""probe51 P51-7: float64 data in Fortran order, a strided view or a pandas DataFrame (whose float64 block is
column-major) is used where it lies by a mini-batch run, as docs/data.md says; NumPy's ``take`` had copied the whole
array at the first mini-batch, doubling the run's memory.  Memory is measured with tracemalloc, by sizes: the peak
of new allocations during ``minimize`` stays a small fraction of the data, whatever the layout."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

import symopt
from symopt import ops

ROWS, COLUMNS = 20000, 50
X = symopt.Placeholder("X", (None, COLUMNS))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W_p51_7", np.zeros((COLUMNS, 1)), shape=(COLUMNS, 1))
COST = ops.mean(ops.square(X @ W - y))


def _data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(ROWS, COLUMNS)), rng.normal(size=(ROWS, 1))


def _peak(features, labels, **options) -> tuple[int, dict]:
    tracemalloc.start()
    try:
        result = symopt.minimize(COST, W, data={X: features, y: labels}, batch_size=100, epochs=1, **options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, result.params


@pytest.mark.parametrize("shuffle", [False, True])
def test_every_layout_is_gathered_where_it_lies(shuffle):
    features, labels = _data()
    options = dict(shuffle=shuffle, seed=3) if shuffle else dict(shuffle=False)
    _peak(features, labels, **options)  # compiled once, so the runs measured allocate only for the data
    reference_peak, reference = _peak(features, labels, **options)
    layouts = {"Fortran": np.asfortranarray(features), "strided": np.repeat(features, 2, axis=0)[::2],
               "reversed columns": np.ascontiguousarray(features[:, ::-1])[:, ::-1]}
    for name, value in layouts.items():
        assert not value.flags.c_contiguous
        peak, params = _peak(value, labels, **options)
        assert peak < features.nbytes / 8, (name, peak, features.nbytes)  # was 1.03 x the data: a whole copy
        assert peak < reference_peak + features.nbytes / 16, (name, peak, reference_peak)
        np.testing.assert_array_equal(params[W], reference[W])  # the same rows, so the same steps, bit for bit


def test_a_dataframe_is_gathered_where_it_lies():
    pandas = pytest.importorskip("pandas")
    features, labels = _data()
    frame = pandas.DataFrame(features)
    _peak(features, labels, shuffle=False)
    _, reference = _peak(features, labels, shuffle=False)
    peak, params = _peak(frame, labels, shuffle=False)
    assert peak < features.nbytes / 8
    np.testing.assert_array_equal(params[W], reference[W])

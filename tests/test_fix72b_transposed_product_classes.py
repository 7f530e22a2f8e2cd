r"""probe72 P72-12: whether :math:`(\Delta^T A)^T` pays for :math:`A^T \Delta` is timed once per size class of the
batch's rows (its power of two), not once per row count: a loop over batches of varying size times two classes, not
fifty sizes.  Each row count still checks that both forms give the same bits, and the product is always NumPy's
``a.T @ d`` bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from symopt import layouts
from symopt.runtime import transposed_matmul


@pytest.fixture
def counted(monkeypatch):
    """``counted(pays)``: the timing always answers ``pays``; returns the list of timings and of trial arrays made."""
    def count(pays: bool):
        timings, trials = [], []
        real_arrays = layouts._trial_arrays
        monkeypatch.setattr(layouts, "DECISIONS", {})
        monkeypatch.setattr(layouts, "MIN_WORK", 0)
        monkeypatch.setattr(layouts, "_second_faster", lambda *a: timings.append(1) or pays)
        monkeypatch.setattr(layouts, "_trial_arrays", lambda *a: trials.append(a[0]) or real_arrays(*a))
        return timings, trials
    return count


@pytest.mark.parametrize("pays", [True, False])
def test_fifty_batch_sizes_time_two_classes_and_keep_numpys_bits(pays, counted):
    timings, trials = counted(pays)
    rng = np.random.default_rng(0)
    data, deltas = rng.standard_normal((1050, 24)), rng.standard_normal((1050, 16))
    for rows in range(1001, 1051):  # classes 512..1023 and 1024..2047
        a, d = data[:rows], deltas[:rows]
        np.testing.assert_array_equal(transposed_matmul(a, d), a.T @ d)  # the oracle: NumPy's own product
    assert len(timings) == 2  # main: 50, one whole trial per row count
    # the two classes' trials; where the copy pays, every other row count checks its own bits (48 more) on rows of
    # arrays drawn once per part of the class (final44c F44c-6: each drew its own)
    assert len(trials) == 2
    assert sum(layouts.DECISIONS[("transposed product", rows, 24, 16, "float64")] for rows in range(1001, 1051)) == \
        (50 if pays else 0)


def test_a_row_count_whose_bits_differ_takes_the_product_as_written(counted, monkeypatch):
    counted(True)
    assert layouts.transposed_product_pays(1001, 24, 16, np.float64)
    monkeypatch.setattr(layouts, "_same_transposed_bits", lambda a, d: False)  # as another BLAS blocking might
    assert not layouts.transposed_product_pays(1002, 24, 16, np.float64)

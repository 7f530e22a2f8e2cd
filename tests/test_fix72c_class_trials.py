r"""final44c F44c-6: in a size class where :math:`(\Delta^T A)^T` pays, a new row count checks its bits on rows of
random arrays drawn once for the class (not drawn anew for each row count), and the product stays NumPy's
``a.T @ d`` bit for bit."""

from __future__ import annotations

import numpy as np
from symopt import layouts
from symopt.runtime import transposed_matmul


def test_fifty_batch_sizes_of_a_paying_class_draw_random_arrays_a_few_times(monkeypatch):
    dtype = np.float64  # (float32's two forms differ in their bits at this shape here: the copy is never taken)
    monkeypatch.setattr(layouts, "DECISIONS", {})
    monkeypatch.setattr(layouts, "_CLASS_TRIALS", {}, raising=False)
    monkeypatch.setattr(layouts, "MIN_WORK", 0)
    monkeypatch.setattr(layouts, "_second_faster", lambda *a: True)  # the copy pays
    draws, checked, real_rng, real_bits = [], [], np.random.default_rng, layouts._same_transposed_bits
    monkeypatch.setattr(np.random, "default_rng", lambda *a: draws.append(1) or real_rng(*a))
    monkeypatch.setattr(layouts, "_same_transposed_bits",
                        lambda a, d: checked.append((a.shape, d.shape, a.flags.c_contiguous, a.dtype)) or
                        real_bits(a, d))
    data = real_rng(0).standard_normal((1050, 24)).astype(dtype)
    deltas = real_rng(1).standard_normal((1050, 16)).astype(dtype)
    for rows in range(1001, 1051):  # classes 512..1023 and 1024..2047
        a, d = data[:rows], deltas[:rows]
        np.testing.assert_array_equal(transposed_matmul(a, d), a.T @ d)  # the oracle: NumPy's own product
    # every row count's bits checked on arrays of its own shape, row-major, of its dtype
    assert checked == [((rows, 24), (rows, 16), True, np.dtype(dtype)) for rows in range(1001, 1051)]
    assert len(draws) == 4  # two timed trials, one draw per class for the other 48 row counts (main: 50)

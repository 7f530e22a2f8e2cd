"""``symopt.float_errors``: ``numpy.errstate(all="ignore")`` for the hot paths (a run, a TF1 session's ``run``),
checked against ``numpy.errstate`` itself: the same silence inside, the host's state back after, per thread."""

from __future__ import annotations

import threading
import warnings

import numpy as np
import pytest

from symopt.float_errors import ignore_float_errors, ignoring_float_errors, restore_float_errors

ONE, ZERO = np.float64(1.0), np.float64(0.0)


def _poles():
    return ONE / ZERO, ZERO / ZERO, np.float64(1e308) * 10, np.float64(1e-308) / 1e100


@pytest.mark.parametrize("outer", ["raise", "warn", "ignore"])
def test_inside_it_is_numpy_errstate_ignore_and_the_host_state_comes_back(outer):
    with np.errstate(all=outer):
        before = np.geterr()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with ignoring_float_errors():
                inside = _poles()
                assert np.geterr() == {"divide": "ignore", "over": "ignore", "under": "ignore", "invalid": "ignore"}
            token = ignore_float_errors()
            try:
                assert _poles()[0] == np.inf
            finally:
                restore_float_errors(token)
        assert np.geterr() == before
    with np.errstate(all="ignore"):
        expected = _poles()
    assert str(inside) == str(expected)


def test_nested_and_raising_blocks_restore_the_state():
    with np.errstate(divide="raise"):
        with pytest.raises(KeyError):
            with ignoring_float_errors():
                with ignoring_float_errors():
                    raise KeyError("x")
        assert np.geterr()["divide"] == "raise"
        with pytest.raises(FloatingPointError):
            ONE / ZERO


def test_another_thread_keeps_its_own_state():
    seen = {}

    def other():
        seen["divide"] = np.geterr()["divide"]

    with ignoring_float_errors():
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen["divide"] == np.geterr()["divide"] == "warn"

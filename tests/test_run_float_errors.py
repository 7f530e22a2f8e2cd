"""``minimize`` under a host's floating-point settings: ``python -W error`` (pytest's ``filterwarnings = error``),
``np.seterr(divide="raise")``, ``np.seterr(under="raise")``, ``np.seterr(all="raise")``.

A run reports a non-finite cost as :class:`symopt.errors.DivergenceError` (with ``error.result``) or
:class:`symopt.errors.DomainError`, so inside it NumPy's floating-point errors are ignored whatever the host set:
a pole (``1/0``, ``log 0``) is a divergence, not a raw ``RuntimeWarning`` / ``FloatingPointError``, and a harmless
underflow (Adam's float32 :math:`\\beta_1^t` after ~830 steps) never stops a run.  The host's settings are back
in force after the call.
"""

from __future__ import annotations

import contextlib
import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError

HOSTS = {
    "warnings as errors": lambda: _warnings_as_errors(),
    "seterr divide": lambda: np.errstate(divide="raise"),
    "seterr under": lambda: np.errstate(under="raise"),
    "seterr all": lambda: np.errstate(all="raise"),
}


@contextlib.contextmanager
def _warnings_as_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


w = symopt.Variable("w", 0.0)
POLES = {  # cost, start, learning rate: each reaches a pole at step 1
    "1/w": (1 / w, -1.0, 1.0),
    "2w - log w": (-sympy.log(w) + 2 * w, 1.0, 1.0),
    "sqrt w at 0": (sympy.sqrt(w), 0.0, 0.1),
}


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("pole", POLES)
@pytest.mark.parametrize("with_callback", [False, True])
def test_a_pole_is_a_divergence_whatever_the_host_set(host, pole, with_callback):
    cost, start, lr = POLES[pole]
    with HOSTS[host](), pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, {w: start}, optimizer=symopt.GradientDescent(lr), steps=5,
                        callback=(lambda *args: False) if with_callback else None)
    assert "diverged at step 1" in str(caught.value)
    assert caught.value.result.steps == 1 and caught.value.result[w] == start


@pytest.mark.parametrize("host", HOSTS)
def test_a_matrix_pole_is_a_divergence_whatever_the_host_set(host):
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    with HOSTS[host](), pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.sum(-ops.log(W)) + 2 * ops.sum(W), {W: np.ones((2, 1))},
                        optimizer=symopt.GradientDescent(1.0), steps=5)
    assert "diverged at step 1" in str(caught.value)
    np.testing.assert_array_equal(caught.value.result[W], np.ones((2, 1)))


def test_no_warning_is_printed_for_a_run_that_ends_in_a_divergence():
    with warnings.catch_warnings(record=True) as caught, pytest.raises(DivergenceError):
        warnings.simplefilter("always")
        symopt.minimize(1 / w, {w: -1.0}, optimizer=symopt.GradientDescent(1.0), steps=5)
    assert [str(warning.message) for warning in caught] == []


@pytest.mark.parametrize("host", HOSTS)
def test_the_readme_adam_run_is_not_stopped_by_an_underflow(host):
    """Adam's float32 beta1 power underflows to 0 after ~830 steps: harmless, the run ends at 5."""
    with HOSTS[host]():
        result = symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.Adam(0.1), steps=1000)
    assert result.steps == 1000 and abs(result[w] - 5.0) < 1e-6


def test_the_host_settings_are_back_after_the_call():
    with np.errstate(divide="raise", under="warn"):
        with pytest.raises(DivergenceError):
            symopt.minimize(1 / w, {w: -1.0}, optimizer=symopt.GradientDescent(1.0), steps=5)
        assert np.geterr()["divide"] == "raise" and np.geterr()["under"] == "warn"

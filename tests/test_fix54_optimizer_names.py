"""probe54 P54-6: ``optimizer=`` given another library's name (``"sgd"``, ``"nesterov"``) or a second-order method's
(``"lbfgs"``, ``"newton"``) says what symopt writes for it, and what it says runs."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

w = sympy.Symbol("w", real=True)


@pytest.mark.parametrize("given, advised", [("sgd", "optimizer='gd'"), ("SGD", "optimizer='gd'"),
                                            ("nesterov", "symopt.Momentum(lr, 0.9, nesterov=True)"),
                                            ("lbfgs", "method='lbfgs'"), ("L-BFGS-B", "method='lbfgs'"),
                                            ("newton", "method='newton'"), ("bfgs", "method='bfgs'")])
def test_another_spelling_is_pointed_to_symopts(given, advised):
    with pytest.raises(ConfigurationError, match="unknown optimizer") as caught:
        symopt.minimize(w**2, {w: 1.0}, optimizer=given, steps=2)
    assert advised in str(caught.value) and "'gd'" in str(caught.value)  # the list of names stays


def test_the_advised_spellings_run():
    """What the messages advise: torch.optim.SGD's step on w² is w - lr·2w (by hand: 1 → 0.8 at lr 0.1); Nesterov
    momentum and method='lbfgs' run."""
    assert symopt.minimize(w**2, {w: 1.0}, optimizer=symopt.GradientDescent(0.1), steps=1)[w] == pytest.approx(0.8)
    assert symopt.minimize(w**2, {w: 1.0}, optimizer=symopt.Momentum(0.1, 0.9, nesterov=True), steps=2).steps == 2
    pytest.importorskip("scipy")
    assert abs(symopt.minimize((w - 2)**2, {w: 0.0}, method="lbfgs")[w] - 2) < 1e-6

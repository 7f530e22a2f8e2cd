"""P69-8: a Placeholder listed in ``wrt`` of ``minimize`` was told to get an initial value or become a Variable; it
is told it is data and to drop it from wrt.  P71-6: a warm start from a worker process's Result
(``minimize(J, result.params)``) said the cost does not depend on W, b; it names the two processes and the names to
pass.  The other process is a forked pool worker (a spawn pool: /work/wt/probe71/t31_warmstart.py).  Oracle for the advised warm start: the minimum of (w - 2)**2, w = 2."""

from __future__ import annotations

import multiprocessing

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, NoGradientError

X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.zeros((3, 1)))
DATA = {X: np.eye(3), y: np.ones((3, 1))}
MSE = ops.mean(ops.square(X @ W - y))


@pytest.mark.parametrize("wrt, trained", [([W, X], r"wrt=\[W\]"), (X, "wrt= the Variables to train")])
def test_a_placeholder_in_wrt_is_told_it_is_data(wrt, trained):
    with pytest.raises(ConfigurationError, match=r"wrt lists X, a Placeholder: data, fed through data=") as raised:
        symopt.minimize(MSE, wrt, data=DATA, steps=2)
    assert raised.match(trained) and "symopt.Variable(name, init)" not in str(raised.value)


def test_a_scalar_placeholder_in_wrt_too():
    s, w = symopt.Placeholder("s"), symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match=r"drop s from it: wrt=\[w\]"):
        symopt.minimize((w - s) ** 2, [w, s], data={s: 2.0}, steps=2)


def _worker_variable():
    return symopt.Variable("w", 1.5)


def test_a_warm_start_from_another_process_names_the_processes_and_the_names():
    w = symopt.Variable("w", 0.0)
    x = symopt.Placeholder("x")
    cost = (w - x) ** 2
    with multiprocessing.get_context("fork").Pool(1) as pool:  # a worker's own w, sent back as a Result's keys are
        worker_w = pool.apply(_worker_variable)
    with pytest.raises(NoGradientError, match=r"made in two processes") as raised:
        symopt.minimize(cost, {worker_w: 1.5}, data={x: 2.0}, steps=2)
    assert raised.match(r"wrt=\{'w': value\}") and "does not depend" not in str(raised.value)
    result = symopt.minimize(cost, {"w": 1.5}, data={x: 2.0}, optimizer=symopt.GradientDescent(0.5), steps=1)
    assert result["w"] == pytest.approx(2.0)  # the advised warm start runs: one step of rate 1/2 lands on w = 2


def test_an_unrelated_absent_symbol_keeps_the_old_explanation():
    with pytest.raises(NoGradientError, match="the cost does not depend on v"):
        symopt.grad(W[0, 0] ** 2, symopt.Variable("v", 0.0))

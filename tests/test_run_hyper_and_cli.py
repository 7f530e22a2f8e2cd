"""An np.float64 hyperparameter stays exact in a float64 run (a Python float is float32 first, TF1's rule), and the
CLI's --optimizer takes every name get_optimizer takes."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

import symopt
from symopt.cli import OPTIMIZER_NAMES, main
from symopt.fused import hyper_values
from symopt.optimizers import get_optimizer, optimizer_table

w = symopt.Variable("w", 0.0)


@pytest.mark.parametrize("lr, dtype, expected", [
    (0.1, "float64", float(np.float32(0.1)) * 2),  # TF1: a Python float becomes float32 first
    (np.float64(0.1), "float64", 0.2),  # exact: 0.1 * 2 (d/dw (w-1)^2 at 0 is -2)
    (np.float32(0.1), "float64", float(np.float32(0.1)) * 2),
    (np.float64(0.1), "float32", np.float32(0.2)),
])
def test_float64_learning_rate_is_exact_in_a_float64_run(lr, dtype, expected):
    result = symopt.minimize((w - 1) ** 2, w, optimizer=symopt.GradientDescent(lr), steps=1, dtype=dtype)
    assert result[w] == expected


def test_exact_and_rounded_rates_do_not_share_a_compiled_step():
    exact, rounded = symopt.GradientDescent(np.float64(0.1)), symopt.GradientDescent(0.1)
    assert exact.key() != rounded.key()
    assert hyper_values(exact, "float64")["lr"] == 0.1
    assert hyper_values(rounded, "float64")["lr"] == float(np.float32(0.1))
    for optimizer in (exact, rounded, exact):  # in this order: a cache keyed on value alone would mix them up
        expected = 0.2 if optimizer is exact else float(np.float32(0.1)) * 2
        assert symopt.minimize((w - 1) ** 2, w, optimizer=optimizer, steps=1)[w] == expected


def test_every_float_hyperparameter_keeps_float64():
    adam = symopt.Adam(np.float64(0.1), beta1=np.float64(0.8), beta2=np.float64(0.99), epsilon=np.float64(1e-7))
    values = hyper_values(adam, "float64")
    assert (values["lr"], values["beta1"], values["beta2"], values["epsilon"]) == (0.1, 0.8, 0.99, 1e-7)
    momentum = symopt.Momentum(np.float64(0.1), np.float64(0.3))
    assert hyper_values(momentum, "float64")["momentum"] == 0.3


def test_np_float32_is_accepted_where_np_float64_is():
    from symopt.more_optimizers import Ftrl
    for value in (np.float32(0.5), np.float64(0.5), 0.5):
        assert Ftrl(0.1, l1=value).hyperparameters["l1"] == 0.5


def run_cli(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("name", sorted(optimizer_table()))
def test_cli_runs_every_optimizer_by_name(name):
    code, text = run_cli("minimize", "(w - 3)**2", "--wrt", "w=0", "--optimizer", name.upper(), "--lr", "0.1",
                         "--steps", "5")
    assert code == 0, text
    assert f"optimizer: {get_optimizer(name, 0.1)!r}, 5 steps, float64" in text


def test_cli_refuses_an_unknown_optimizer_listing_the_valid_names():
    code, text = run_cli("minimize", "(w - 3)**2", "--wrt", "w=0", "--optimizer", "sgd")
    assert code == 2
    assert text == f"symopt: --optimizer: expected one of {', '.join(OPTIMIZER_NAMES)}; given 'sgd'\n"
    assert len(OPTIMIZER_NAMES) == 13

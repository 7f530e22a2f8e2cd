"""A refused ``symopt minimize`` gives its fix in the command line's own words (probe6 P6, probe7 Q24): an ``--lr``
float32 rounds to 0, and a ``--wrt``/``--data`` value float32 makes infinite, are refused naming the option, never
with the Python API's ``numpy.float64(...)`` or ``dtype='float64'``."""
from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest

from symopt.cli import main


def run_cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


@pytest.mark.parametrize("optimizer, lr", [("gd", "1e-50"), ("momentum", "1e-46")])
def test_a_vanishing_lr_is_refused_with_a_typable_lr(optimizer, lr):
    code, err = run_cli("minimize", "(w-3)^2", "--wrt", "w=0", "--optimizer", optimizer, "--lr", lr, "--steps", "3")
    assert code == 2
    assert "numpy" not in err and "--lr" in err
    advised = float(err.split("give --lr ")[1].split()[0])
    assert np.float32(advised) > 0  # the advice, followed, runs
    code, _ = run_cli("minimize", "(w-3)^2", "--wrt", "w=0", "--optimizer", optimizer, "--lr", str(advised),
                      "--steps", "3")
    assert code == 0


@pytest.mark.parametrize("option, item, name", [("--data", "a=1e39", "a"), ("--wrt", "w=-1e39", "w")])
def test_a_value_float32_cannot_hold_is_refused_with_dtype_float64_advice(option, item, name):
    given = ["--wrt", "w=0", option, item] if option == "--data" else [option, item]
    code, err = run_cli("minimize", "a*(w-1)^2", *given, *(["--data", "a=1"] if name == "w" else []),
                        "--dtype", "float32", "--steps", "2")
    assert code == 2
    assert "dtype='float64'" not in err and "--dtype float64" in err
    assert err.startswith(f"symopt: {option} {name}=")
    if name == "w":
        assert "data" not in err
    code, _ = run_cli("minimize", "a*(w-1)^2", *given, *(["--data", "a=1"] if name == "w" else []),
                      "--dtype", "float64", "--steps", "2", "--lr", "0.001")
    assert code == 0  # the advice, followed, runs

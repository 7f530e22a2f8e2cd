"""P86-3: the CLI's advice for a diverged or stalled run never offers the --optimizer that ran (nor another name
of its update rule); P86-6: "best parameters seen" says when they were seen on the overflow path too."""

import re

import numpy as np
import pytest

from symopt.cli import OPTIMIZER_NAMES, main
from symopt.cli_advice import in_command_line_words

#: The library's two messages whose advice the CLI rewrites (divergence_advice, first_order_verdicts).
DIVERGED = "Try a smaller learning rate than 0.02, clip the gradients (clip_norm=...), or normalize the data."
STALLED = "Scale the data (standardize the columns) or the cost, or pass clip_norm=1.0"
SQUARED = 'Scale the data (or the cost) down, or clip the gradients (clip_norm=... or clip_value=...)'
#: Each --optimizer name and the names of its update rule, written out by hand.
SAME_RULE = {"adam": {"adam", "adamw", "keras_adam", "pytorch_adam", "nadam"}, "gd": {"gd", "proximal_gd"},
             "adagrad": {"adagrad", "proximal_adagrad"}}


def _offered(message: str) -> set:
    return set(re.findall(r"--optimizer (\w+)(?= or |\))", message))  # the choices in parentheses


@pytest.mark.parametrize("optimizer", OPTIMIZER_NAMES)
def test_advice_never_offers_the_optimizer_that_ran(optimizer):
    rule = next((names for names in SAME_RULE.values() if optimizer in names), {optimizer})
    for message in (DIVERGED, STALLED, SQUARED):
        offered = _offered(in_command_line_words(message, optimizer))
        assert offered and not offered & rule and offered <= set(OPTIMIZER_NAMES), (optimizer, offered)
    assert "clip_" not in in_command_line_words(DIVERGED + " " + STALLED + " " + SQUARED, optimizer)


def _momentum_costs(steps: int) -> np.ndarray:
    """Hand NumPy: TF1's Momentum (acc = μ·acc + g; var -= lr·acc, lr and μ rounded to float32) on
    (w-3)² + 100b² from w = 0, b = 0.001; the cost before each step and after the last."""
    lr, mu = float(np.float32(0.02)), float(np.float32(0.9))
    w, b, acc_w, acc_b, costs = 0.0, 0.001, 0.0, 0.0, []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps + 1):
            costs.append((w - 3) ** 2 + 100 * b * b if np.isfinite(w) and abs(b) < 1e300 else np.inf)
            acc_w, acc_b = mu * acc_w + 2 * (w - 3), mu * acc_b + 200 * b
            w, b = w - lr * acc_w, b - lr * acc_b
    return np.asarray(costs)


def test_diverged_momentum_run_offers_other_optimizers_and_says_when_the_best_was_seen(capsys):
    costs = _momentum_costs(1000)
    assert np.isinf(costs[-1])  # the hand run overflows too
    best = int(np.argmin(costs))
    status = main(["minimize", "(w-3)^2 + 100*b^2", "--wrt", "w=0,b=0.001", "--lr", "0.02", "--steps", "1000",
                   "--optimizer", "momentum"])
    err = capsys.readouterr().err
    assert status == 1
    assert "another --optimizer (--optimizer gd or --optimizer adam)" in err  # 47d-3: gd before the g² ones
    assert "--optimizer momentum" not in err
    assert err.rstrip().endswith(f"(cost {float(costs[best])!r}, after {best} steps)")


def test_overflowed_float32_run_says_its_best_was_the_start(capsys):
    # (w-3)² by gd at lr 1.5 from 0: w_k = 3 - 3(-2)^k, so the cost 9·4^k only grows; the start is the best
    status = main(["minimize", "(w-3)^2", "--wrt", "w=0", "--lr", "1.5", "--steps", "100", "--dtype", "float32"])
    err = capsys.readouterr().err
    assert status == 1 and "the cost became inf" in err
    assert err.endswith("\nbest parameters seen: w = 0.0 (cost 9.0, at the start)\n")


def test_squared_gradient_overflow_advice_is_in_command_line_words(capsys):
    # |dJ/dw| = 2e20 at w = 1: its square passes float32's 3.4e38, so Adam's v becomes inf (the library's verdict)
    status = main(["minimize", "1e20*w^2", "--wrt", "w=1", "--optimizer", "adam", "--dtype", "float32",
                   "--steps", "10"])
    err = capsys.readouterr().err
    assert status == 1 and "the gradient's square overflows float32" in err
    assert "take an --optimizer that accumulates no g² (--optimizer gd or --optimizer momentum)" in err
    assert "or train in float64 (--dtype float64)." in err
    assert "clip_" not in err and "dtype=" not in err

"""47d-3: a diverged momentum run was offered only Adam and RMSProp, whose g² overflows where |g| passes 1.34e154,
and their message offered momentum back; 47d-4: the CLI's "diverging, not converging" verdict named a Python
function (symopt.second_order.stable_step_size) and a momentum option symopt minimize has not."""

import re

import numpy as np

from symopt.cli import main

#: Optimizers whose update divides by an accumulated g² (the library's squared-gradient overflow names them).
ACCUMULATE_G2 = {"adam", "adamw", "keras_adam", "pytorch_adam", "nadam", "rmsprop", "adagrad", "adadelta",
                 "proximal_adagrad", "ftrl"}


def _offered(message: str) -> set:
    return set(re.findall(r"--optimizer (\w+)(?= or |\))", message))


def test_advice_for_an_overflowing_gradient_leads_out_of_the_loop(capsys):
    # |dJ/dw| = 6e160 at w = 0 (by hand: 2e160·|0 - 3|): its square passes float64's 1.8e308 (|g| > 1.34e154)
    assert 2e160 * 3 > np.sqrt(np.finfo(np.float64).max)
    assert main(["minimize", "1e160*(w-3)^2", "--wrt", "w=0", "--lr", "0.1", "--steps", "50",
                 "--optimizer", "momentum"]) == 1
    offered = _offered(capsys.readouterr().err)
    assert offered and "momentum" not in offered
    assert offered - ACCUMULATE_G2, offered  # one choice whose g² cannot overflow


def test_diverging_gd_verdict_is_in_command_line_words(capsys):
    # hand NumPy: gd on (w-3)² at lr 1.05 (rounded to float32, as TF1): w - 3 is multiplied by 1 - 2·lr ≈ -1.1
    lr, w = float(np.float32(1.05)), 2.9
    for _ in range(200):
        w -= lr * 2 * (w - 3)
    cost = (w - 3) ** 2
    status = main(["minimize", "(w-3)^2", "--wrt", "w=2.9", "--lr", "1.05", "--steps", "200", "--optimizer", "gd"])
    err = capsys.readouterr().err
    assert f"the cost grew from 0.01 to {cost:.6g}" in err
    assert "Lower --lr (on a quadratic cost gradient descent needs an --lr below 2/λ_max" in err
    assert "symopt.second_order" not in err and "momentum" not in err and "learning rate" not in err

"""Names generated code derives from a parameter's (its gradient ``g_w``, the optimizers' slots ``m_w``, ``v_w``,
``ms_w``, ``mom_w``, ``accumulator_w``) never equal a user's symbol's name (f-probe F10).

A user name that starts like a derived one gets ``u_`` in front (``g_w`` is ``u_g_w``), a keyword a trailing
underscore (``lambda_``), so a parameter ``w_`` (gradient ``g_w_``) and a symbol ``g_w`` stay apart.  Each run
is compared with the same run on plainly named parameters: the names must not change a single bit.
"""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt.codegen import python_names

CASES = [  # (first name, second name, optimizer where a derived name of one met the other's)
    ("w_", "g_w", "gd"), ("m_w", "w_", "adam"), ("v_w", "w_", "adam"), ("lambda", "lambda_", "adam"),
    ("lambda_", "v_lambda", "nadam"), ("w_", "ms_w", "rmsprop"), ("w_", "mom_w", "rmsprop"),
    ("w_", "accumulator_w", "momentum"), ("w_", "accumulator_w", "adagrad"), ("1x", "u_1x", "adam"),
]


def _run(first: str, second: str, optimizer: str):
    a, b = symopt.Variable(first, 1.0), symopt.Variable(second, 2.0)
    result = symopt.minimize((a - 3) ** 2 + 10 * (b + 1) ** 2 + a * b, [a, b], optimizer=optimizer, steps=50)
    return result[a], result[b], list(result.history)


@pytest.mark.parametrize("first, second, optimizer", CASES)
def test_parameters_named_like_each_others_derived_names_train_as_plain_names(first, second, optimizer):
    assert _run(first, second, optimizer) == _run("p", "q", optimizer)


def test_data_named_like_a_parameters_gradient():
    X, W = symopt.Placeholder("X", (None, 2)), symopt.Variable("W_", 0.0, shape=(2, 1))
    y, b = symopt.Placeholder("g_W", (None, 1)), symopt.Variable("y_", 0.0, shape=(1, 1))
    rng = np.random.default_rng(0)
    Xs, ys = rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    cost = symopt.ops.mean(symopt.ops.square(symopt.ops.bias_add(X @ W, b) - y))
    result = symopt.minimize(cost, [W, b], data={X: Xs, y: ys}, optimizer="momentum", steps=20)
    X2, W2 = symopt.Placeholder("X", (None, 2)), symopt.Variable("W", 0.0, shape=(2, 1))
    y2, b2 = symopt.Placeholder("y", (None, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    plain = symopt.minimize(symopt.ops.mean(symopt.ops.square(symopt.ops.bias_add(X2 @ W2, b2) - y2)), [W2, b2],
                            data={X2: Xs, y2: ys}, optimizer="momentum", steps=20)
    np.testing.assert_array_equal(result[W], plain[W2])
    np.testing.assert_array_equal(result[b], plain[b2])


def test_the_names_given():
    symbols = [symopt.Variable(n, 0.0) for n in ("g_w", "lambda", "1x", "t0", "sum", "w")]
    assert list(python_names(symbols).values()) == ["u_g_w", "lambda_", "u_1x", "t0_", "sum_", "w"]

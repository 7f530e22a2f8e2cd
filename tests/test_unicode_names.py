"""Symbol names Python reads differently from how they are written (f-probe F3).

Python compiles identifiers NFKC-normalized: a full-width ``ｍ`` (a CJK input method in full-width mode) is the
batch size's ``m``, ``ｔ0`` a generated temporary, ``ϵ`` the same name as ``ε``, and a subscript ``₀`` is no
identifier character at all.  The generated code's names are made from the normalized text, so each input keeps
a name of its own: every value below is checked against the same cost with plain ASCII names.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops


def test_subscript_digits_compile_and_train():
    w = symopt.Variable("w", 0.0)
    c = [symopt.Placeholder(f"c{s}", ()) for s in "₀₁₂"]
    result = symopt.minimize(c[0] * w ** 2 + c[1] * w + c[2], w, data={c[0]: 1.0, c[1]: -10.0, c[2]: 25.0},
                             optimizer=symopt.GradientDescent(0.1), steps=200)
    assert abs(result[w] - 5.0) < 1e-9
    w1 = symopt.Variable("w₁", 1.0)
    assert symopt.compile((w1 - 3) ** 2, w1)({w1: 1.0}) == (4.0, -4.0)


def test_a_full_width_m_is_not_the_batch_size():
    X, W = symopt.Placeholder("X", (None, 1)), symopt.Variable("W", 0.0, shape=(1, 1))
    q = symopt.Placeholder("ｍ", ())
    value, _ = symopt.compile(q ** 2 + ops.mean(ops.square(X @ W)) * q, [W])({W: np.ones((1, 1)), q: 2.0,
                                                                             X: np.ones((5, 1))})
    assert value == 6.0  # 2² + 1·2 (read as the batch size 5, it was 30)


@pytest.mark.parametrize("name", ["ｔ0", "ｃ0"])
def test_a_full_width_temporary_name_keeps_its_value(name):
    w, a = symopt.Variable("w", 0.0), symopt.Placeholder(name, ())
    value, gradient = symopt.compile((w - a) ** 2 + sympy.exp(w - a), w)({w: 1.0, a: 3.0})
    assert value == pytest.approx(4 + np.exp(-2.0), rel=1e-15)
    assert gradient == pytest.approx(2 * (1.0 - 3.0) + np.exp(-2.0), rel=1e-15)  # -3.8647 (was 6.1353)


@pytest.mark.parametrize("pair", [("ϵ", "ε"), ("µ", "μ"), ("ϑ", "θ"), ("ℓ", "l"), ("ｘ", "x")])
def test_two_names_equal_after_normalization_stay_two_inputs(pair):
    first, second = (symopt.Placeholder(name, ()) for name in pair)
    w = symopt.Variable("w", 0.0)
    value, gradient = symopt.compile((w - first) ** 2 * second, w)({w: 1.0, first: 3.0, second: 2.0})
    assert (value, gradient) == (8.0, -8.0)
    assert symopt.evaluate((w - first) * second, {w: 1.0, first: 3.0, second: 2.0}) == -4.0


@pytest.mark.parametrize("name", ["ｇ_w", "ｍ_w", "ｌr", "ｂeta1_power", "ｎumpy", "ｍath", "ｃost"])
def test_full_width_names_of_the_optimizer_and_modules_train_as_ascii_names(name):
    w = symopt.Variable("w", 0.0)
    other, plain = symopt.Placeholder(name, ()), symopt.Placeholder("data", ())
    runs = [symopt.minimize((w - d) ** 2 + sympy.exp(-w), w, data={d: 2.0}, optimizer=symopt.Adam(0.1), steps=50)
            for d in (other, plain)]
    assert runs[0][w] == runs[1][w] and runs[0].value == runs[1].value

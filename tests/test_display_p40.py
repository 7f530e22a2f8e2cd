"""probe40's findings on the displays: each number against compile's or mpmath's, each message typed."""

import mpmath
import numpy as np
import pytest
import sympy as sp

import symopt
import symopt.functions as SF
from symopt.display import derive, graph


def _line(text: str, start: str) -> str:
    return next(line.strip() for line in str(text).splitlines() if line.strip().startswith(start))


def test_softplus_far_left_is_its_tiny_value():  # P40-3: log(1 + exp(-40)) in 53 bits was 0
    w = sp.Symbol("w", real=True)
    value, _ = symopt.compile(SF.softplus(w), w)(-40.0)
    assert float(mpmath.log1p(mpmath.exp(-40))) == pytest.approx(value, rel=1e-15)
    assert _line(derive(SF.softplus(w), w, at={w: -40.0}), "J =") == "J = softplus(w) = 4.24835e-18"
    assert "J = softplus(w) = 4.24835e-18" in str(graph(SF.softplus(w), at={w: -40.0}))
    cost = SF.softplus(3 * w - 1) * w
    _, slope = symopt.compile(cost, w)(-30.0)  # -2.68282e-38
    assert f"{slope:.5e}" == "-2.68282e-38"
    assert _line(derive(cost, w, at={w: -30.0}), "dJ/dw = softplus").endswith("= -2.68282e-38")


def test_float32_sigmoid_is_the_codes_zero():  # P40-3: exp(91) overflows float32, so the code's σ(-91) is 0
    w = symopt.Variable("w", 0.0, dtype="float32")
    cost = SF.sigmoid(3 * w - 1) * w
    value, slope = symopt.compile(cost, w)(-30.0)
    assert value == 0 and slope == 0
    text = str(derive(cost, w, at={w: -30.0}))
    assert "v = σ(u) = 0" in text
    assert _line(text, "dJ/dw = σ").endswith("= 0")

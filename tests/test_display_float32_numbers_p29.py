"""probe29 P29-10: a float32 model's displays at a point showed float64 numbers its generated code never computes.

``exp(w) + w²`` at w = 100 in float32: compile gives (inf, inf), derive and graph showed J = 2.68812e+43, and explain
blamed "float64's range" and a 0·∞ that is not there.  The lecture's float32 minimum (w = 4.9999886): compile gives
J = 0.0, derive and graph showed float64's 1.30967e-10.  Now the numbers are computed in the model's dtype, each value
rounded to float32 as the generated code rounds it, and explain names the step that leaves float32's range."""

from __future__ import annotations

import numpy as np
import sympy
from sympy.codegen.cfunctions import log1p

import symopt
from symopt.display.glyphs import format_number


def _float32_model():
    return symopt.Variable("w", 0.0, dtype="float32")


def test_derive_and_graph_show_the_float32_overflow_that_compile_gives():
    w = _float32_model()
    cost = sympy.exp(w) + w ** 2
    value, gradient = symopt.compile(cost, w)(w=100.0)
    assert np.isinf(value) and np.isinf(gradient)  # the oracle: the generated float32 code
    assert np.isinf(np.exp(np.float32(100)))  # and NumPy's float32 exp
    lines = str(symopt.derive(cost, w, at={w: 100})).splitlines()
    assert lines == ["forward (w = 100)", "  u = w² = 10000", "  v = exp(w) = ∞", "  J = u + v = ∞", "backward",
                     "  dJ/dv = 1", "  dJ/du = 1", "  dJ/dw = dJ/du · du/dw + dJ/dv · dv/dw = 2w + v = ∞", "gradient",
                     "  dJ/dw = 2w + exp(w) = ∞"]
    assert str(symopt.graph(cost, at={w: 100})).splitlines() == [
        "w = 100, dJ/dw = ∞", "u = w² = 10000, dJ/du = 1  ← w", "v = exp(w) = ∞, dJ/dv = 1  ← w",
        "J = u + v = ∞  ← u, v"]


def test_a_float64_model_keeps_float64_numbers():
    w = symopt.Variable("w", 0.0)
    cost = sympy.exp(w) + w ** 2
    assert symopt.compile(cost, w)(w=100.0)[0] == float(sympy.exp(100) + 10000)
    assert "J = u + v = 2.68812e+43" in str(symopt.derive(cost, w, at={w: 100}))


def test_the_lectures_float32_minimum_shows_the_cost_compile_gives():
    w = _float32_model()
    cost = w ** 2 - 10 * w + 25
    result = symopt.minimize(cost, w, optimizer=symopt.GradientDescent(0.01), steps=1001)
    end = result[w]
    value, gradient = symopt.compile(cost, w)(w=end)
    w32 = np.float32(end)
    assert value == 0.0 == result.value == np.float32(25) + w32 * w32 - np.float32(10) * w32  # hand float32 NumPy
    assert float(sympy.Rational(float(end)) ** 2 - 10 * sympy.Rational(float(end)) + 25) > 1e-10  # exact: not 0
    derivation = str(symopt.derive(cost, w, at={w: end}))
    assert "  J = u - 10w + 25 = 0" in derivation.splitlines()
    assert f"  dJ/dw = 2w - 10 = {format_number(float(gradient))}" in derivation.splitlines()
    assert "J = u - 10w + 25 = 0  ← u, w" in str(symopt.graph(cost, at={w: end})).splitlines()
    assert f"w = {format_number(float(end))}, dJ/dw = {format_number(float(gradient))}" in str(
        symopt.graph(cost, at={w: end})).splitlines()


def test_explain_names_the_step_that_leaves_float32s_range():
    w = _float32_model()
    finding = symopt.explain(sympy.exp(w) + w ** 2, w, at={w: 100}).finding(w)
    assert finding.status == "not finite"
    largest = format_number(float(np.finfo(np.float32).max))
    assert finding.causes == (("out of float32's range",
                               f"v = exp(w) is 2.68812e+43 at w = 100, more than float32's largest number {largest}, so "
                               "it is ∞ in the generated code; in float64 it is finite (dtype='float64')"),)
    assert finding.line == "v = exp(w)"
    assert "float64's range" not in symopt.explain(sympy.exp(w) + w ** 2, w, at={w: 100}).text()


def test_explain_names_a_float64_overflow_with_its_exact_size():
    v = symopt.Variable("v", 0.0)
    finding = symopt.explain(sympy.exp(v) + v ** 2, v, at={v: 1000}).finding(v)
    assert np.isinf(symopt.compile(sympy.exp(v) + v ** 2, v)(v=1000.0)[1])
    exact = sympy.sstr(sympy.Float(sympy.exp(1000).evalf(20), 6))
    assert exact == "1.97007e+434"
    assert finding.causes == (("out of float64's range",
                               f"w = exp(v) is {exact} at v = 1000, more than float64's largest number 1.79769e+308, "
                               "so it is ∞ in the generated code"),)


def test_a_float32_quotient_divides_as_the_code_does():
    w = _float32_model()
    x = symopt.Placeholder("x", dtype="float32")
    cost = x / w + w  # 1/w at w = 1e-39 is 1e39, past float32's range; x/w at x = 0 is 0
    value, _ = symopt.compile(cost, w)(w=1e-39, x=0.0)
    assert value == np.float32(1e-39)  # the oracle: the generated float32 code, 0/1e-39 + w
    assert np.float32(0.0) / np.float32(1e-39) == 0.0 and np.isinf(np.float32(1) / np.float32(1e-39))
    lines = str(symopt.derive(cost, w, at={w: 1e-39, x: 0})).splitlines()
    assert lines[1:3] == ["  u = x/w = 0", "  J = w + u = 1e-39"]  # was 0·∞: undefined


def test_log1p_at_minus_1_is_the_codes_minus_infinity():
    v = symopt.Variable("v", 0.0)
    cost = log1p(v)
    assert symopt.compile(cost, v)(v=-1.0)[0] == -np.inf
    assert str(symopt.derive(cost, v, at={v: -1})).splitlines()[1] == "  J = log1p(v) = -∞"

"""F42c-2, F42c-12: the remark on step of an undefined value is shown where the value has no real number (√-1 and
log(-1) are complex, not NaN), and it claims no more than that step is 0 (leaky_relu's slope there is 0.2).

Oracle: the lines written by hand from TF1's ReluGrad/LeakyReluGrad (``features > 0`` is false for NaN).
"""
import sympy

from symopt.display import derive
from symopt.functions import leaky_relu, relu

REMARK = "backward (step(u) of an undefined u is 0, as in the code (TF1's relu and leaky_relu gradients))"


def test_relu_of_the_root_of_a_negative_number_says_why_its_slope_is_zero():
    w = sympy.Symbol("w")
    shown = str(derive(relu(sympy.sqrt(w)), w, at={w: -1})).splitlines()
    assert shown[1:5] == ["  u = √w = undefined", "  J = relu(u) = undefined", REMARK, "  dJ/du = step(u) = 0"]


def test_relu_of_the_log_of_a_negative_number_says_why_its_slope_is_zero():
    w = sympy.Symbol("w")
    shown = str(derive(relu(sympy.log(w)), w, at={w: -1})).splitlines()
    assert shown[1:5] == ["  u = log(w) = undefined", "  J = relu(u) = undefined", REMARK, "  dJ/du = step(u) = 0"]


def test_the_remark_above_a_leaky_slope_of_a_fifth_does_not_say_nothing_passes():
    w = sympy.Symbol("w")
    shown = str(derive(leaky_relu(sympy.sqrt(w)), w, at={w: -1})).splitlines()
    assert shown[3:5] == [REMARK, "  dJ/du = 1/5 + 4·step(u)/5 = 0.2"]
    assert "no gradient" not in "\n".join(shown)

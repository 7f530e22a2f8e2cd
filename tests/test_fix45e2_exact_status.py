"""final45e 45e-4, 45e-6, 45e-5: ``explain``'s status of a scalar parameter printed float64's rounded number as
the slope ("dJ/dw = 0" where the exact slope is 7.4e-44, "= ∞" where it is 2.7e47), the exact gradient named past
float64's range kept a subnormal's rounding (-1.4822e-323 for -1.42436e-323), and a scalar parameter of a network
cost kept the unsigned per-entry wording.  Oracles: mpmath at 40 digits, and hand NumPy."""

import mpmath
import numpy as np
import sympy

import symopt

w, x = sympy.symbols("w x", real=True)


def sigmoid(v):
    return 1 / (1 + mpmath.exp(-v))


def test_a_slope_float64_rounds_to_0_is_shown_exactly():
    with mpmath.workdps(40):
        exact = mpmath.nstr(mpmath.diff(lambda v: sigmoid(v * 2), 50), 6)  # σ'(100)·2 = 7.44e-44
    finding = symopt.explain(symopt.sigmoid(w * x), w, at={w: 50, x: 2}).finding(w)
    assert finding.detail == f"zero: dJ/dw = {exact} exactly, computed as 0"


def test_a_slope_below_float64s_range_is_not_called_0():
    finding = symopt.explain(w**2 * sympy.Float(1e-200), w, at={w: 1e-200}).finding(w)
    assert finding.detail == "zero: dJ/dw = 2e-400 exactly, computed as 0"  # hand: 2w·1e-200 at w = 1e-200


def test_a_finite_slope_the_code_overflows_is_not_called_infinite():
    with mpmath.workdps(40):
        exact = mpmath.nstr(mpmath.exp(800) * mpmath.mpf("1e-300"), 6)  # d/dw exp(w)·1e-300 = exp(w)·1e-300
    finding = symopt.explain(sympy.exp(w) * sympy.Float(1e-300), w, at={w: 800}).finding(w)
    assert finding.status == "not finite"
    assert finding.detail == f"not finite: dJ/dw = {exact} exactly, computed as ∞"


def test_a_subnormal_exact_gradient_keeps_its_digits():
    def entropy_term(v):
        return sigmoid(v) * mpmath.log(sigmoid(v))

    with mpmath.workdps(40):
        exact = mpmath.nstr(mpmath.diff(entropy_term, -750), 6)
    assert exact == "-1.42436e-323"
    finding = symopt.explain(symopt.sigmoid(w) * sympy.log(symopt.sigmoid(w)), w, at={w: -750.0}).finding(w)
    (_, message), = finding.causes
    assert f"although the exact gradient dJ/dw is {exact};" in message  # the log of σ(-750) = 0 (probe92 P92-4)


def test_a_scalar_bias_of_a_network_cost_is_shown_with_its_sign():
    X = symopt.Placeholder("X", (2, None))
    Y = symopt.Placeholder("Y", (1, None))
    W, b = symopt.Variable("W", np.zeros((1, 2))), symopt.Variable("b", 0.0)
    cost = symopt.ops.mean(symopt.ops.square(symopt.ops.bias_add(W @ X, b) - Y))
    features, labels, weights = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]), np.array([[1.0, 0.0, 2.0]]), [[0.1, 0.2]]
    slope = 2 * np.mean(np.array(weights) @ features + 0.3 - labels)  # hand: dJ/db = 2·mean(WX + b - Y) = -0.8
    explained = symopt.explain(cost, [W, b], at={W: np.array(weights), b: 0.3}, data={X: features, Y: labels})
    assert explained.finding(b).detail == f"fine: dJ/db = {slope:.6g}"

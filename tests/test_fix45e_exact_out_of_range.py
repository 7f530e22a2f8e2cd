"""``explain`` of σ(w)·log σ(w) at w = -800 said "although the exact gradient is 0": the generated code's NaN (0·∞)
is right to be called out of float64's range, but the exact slope is not 0, it is below float64's smallest number.
Oracle: mpmath's derivative at 30 digits, -2.93063e-345."""

import mpmath
import sympy

import symopt


def entropy_term(v):
    """The oracle's σ(v)·log σ(v), in mpmath."""
    sigmoid = 1 / (1 + mpmath.exp(-v))
    return sigmoid * mpmath.log(sigmoid)


def test_the_exact_gradient_beyond_float64_is_named_with_its_digits():
    with mpmath.workdps(30):
        exact = mpmath.diff(entropy_term, -800)
    w = sympy.Symbol("w", real=True)
    finding = symopt.explain(symopt.sigmoid(w) * sympy.log(symopt.sigmoid(w)), w, at={w: -800.0}).finding(w)
    (kind, message), = finding.causes
    assert kind == "log of 0"  # σ(-800) is 0 in float64, as in the code: log(0) = -∞ (probe92 P92-4)
    assert f"although the exact gradient dJ/dw is {mpmath.nstr(exact, 6)};" in message

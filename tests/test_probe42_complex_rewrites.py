"""probe42 P42-1, P42-2: SymPy rewrites ``Abs(exp(z))`` as ``exp(re(z))`` and ``re(sqrt(w))`` as
``cos(atan2(0, w)/2)*sqrt(Abs(w))`` when it builds them: the modulus of a complex number.  ``Abs(exp(sqrt(w)))`` at
``w = -4`` was 1.0000000000000002 (a run trained on it; the CLI printed a cost the user never typed), where the real
``exp(sqrt(w))`` has no value; ``Abs(exp(asin(w)))`` was refused with "no derivative rule for re".  Both are now one
typed refusal naming the complex part and the fix, in grad, compile, minimize, derive and the CLI.  The oracle for the
cost written as advised is mpmath.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy

import symopt
from symopt.cli import main
from symopt.errors import UnsupportedOperationError

w = symopt.Variable("w_p42_1", 0.5)
a = sympy.Symbol("a_p42_1", positive=True)

REWRITTEN = [sympy.Abs(sympy.exp(sympy.sqrt(w))), sympy.Abs(sympy.exp(sympy.asin(w))),
             sympy.Abs(sympy.exp(sympy.acosh(w))), sympy.Abs(sympy.exp(sympy.atanh(w))) * w]


def _entry_points(cost):
    return {"grad": lambda: symopt.grad(cost, w), "compile": lambda: symopt.compile(cost, w),
            "minimize": lambda: symopt.minimize(cost, {w: 0.5}, steps=2), "derive": lambda: symopt.derive(cost, w), "explain": lambda: symopt.explain(cost, w)}


@pytest.mark.parametrize("cost", REWRITTEN, ids=str)
def test_a_cost_sympy_rewrote_into_complex_parts_is_refused_everywhere(cost):
    assert cost.atoms(sympy.re, sympy.atan2), cost  # what SymPy made of the Abs
    for name, call in _entry_points(cost).items():
        with pytest.raises(UnsupportedOperationError) as caught:
            call()
        message = str(caught.value)
        assert "of a complex number" in message and "SymPy puts it there" in message, (name, message)
        assert "symopt computes in the reals" in message and "Drop the Abs" in message, (name, message)
        assert "no derivative rule" not in message, (name, message)


def test_the_cli_refuses_with_the_same_message(capsys):
    assert main(["minimize", "abs(exp(sqrt(w)))", "--wrt", "w=-4", "--steps", "3"]) == 2
    assert "atan2(0, w), the argument (angle) of a complex number" in capsys.readouterr().err
    assert main(["derive", "abs(exp(asin(w)))", "--wrt", "w"]) == 2
    assert "re(asin(w)), the real part of a complex number" in capsys.readouterr().err


def test_atan2_of_zero_written_on_purpose_gets_the_piecewise():
    with pytest.raises(UnsupportedOperationError, match=r"sympy.Piecewise\(\(0, x >= 0\), \(sympy.pi, True\)\)"):
        symopt.grad(sympy.atan2(0, w) * w, w)


def test_the_advised_costs_compute_the_real_function():
    """``exp(asin(w))`` (the Abs dropped) and ``Abs(exp(sqrt(a)))`` of a positive symbol (SymPy: ``exp(sqrt(a))``)."""
    value, (slope,) = symopt.compile(sympy.exp(sympy.asin(w)), [w])(**{w.name: 0.5})
    mpmath.mp.dps = 30
    assert value == pytest.approx(float(mpmath.exp(mpmath.asin(0.5))), rel=1e-14)
    assert slope == pytest.approx(float(mpmath.diff(lambda t: mpmath.exp(mpmath.asin(t)), 0.5)), rel=1e-13)
    cost = sympy.Abs(sympy.exp(sympy.sqrt(a))) * w
    value, (slope,) = symopt.compile(cost, [w])(**{w.name: 2.0, a.name: 4.0})
    assert (value, slope) == (pytest.approx(2 * float(mpmath.e ** 2), rel=1e-14), pytest.approx(float(mpmath.e ** 2)))


def test_costs_with_atan2_and_abs_written_by_the_user_still_work():
    b = sympy.Symbol("b_p42_1", real=True)
    for cost, feed, expected in [(sympy.atan2(w, 2.0) * w, {}, 0.5 * mpmath.atan2(0.5, 2.0)),
                                 (sympy.Abs(w - 1) + sympy.atan2(b, w), {b.name: -1.0}, 0.5 + mpmath.atan2(-1, 0.5)),
                                 (sympy.Abs(sympy.exp(w)), {}, mpmath.exp(0.5)),
                                 (sympy.Abs(sympy.log(w)), {}, -mpmath.log(0.5))]:
        value, _ = symopt.compile(cost, [w])(**{w.name: 0.5}, **feed)
        assert value == pytest.approx(float(expected), rel=1e-14), cost

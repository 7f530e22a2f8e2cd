"""P73-3: the derivation of a Piecewise with a branch taken at one point of the parameter alone
(SymPy's ``Sum(w**i, (i, 0, 4)).doit()``: ``{5 if w = 1; (1 - w⁵)/(1 - w) otherwise}``) shows that branch's slope
as undefined where it is taken, as grad's NaN pin, instead of a mask that reads 0 there and a value "undefined".
Oracle: sympy.diff of 1 + w + w² + w³ + w⁴ away from the pin (3.25 at w = ½)."""

import warnings

import sympy
from sympy import Eq, Piecewise

import symopt

w = sympy.Symbol("w", real=True)
PINNED_SUM = Piecewise((5, Eq(w, 1)), ((1 - w**5) / (1 - w), True))


def _derived(at: float):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return symopt.derive(PINNED_SUM, w, at={w: at})


def test_the_pinned_branch_reads_undefined_at_its_point():
    derivation = _derived(1.0)
    gradient = str(derivation).split("gradient\n", 1)[1]
    assert gradient.startswith("  dJ/dw = {undefined if w = 1; 0 otherwise}")
    assert gradient.rstrip().endswith("= undefined")
    assert r"\text{undefined} & \text{for}\: w = 1" in derivation.latex()


def test_away_from_the_pin_the_slope_is_the_polynomials():
    expected = float(sympy.diff(1 + w + w**2 + w**3 + w**4, w).subs(w, 0.5))  # 3.25
    shown = str(_derived(0.5)).rstrip().rsplit("= ", 1)[1]
    assert float(shown) == expected

"""probe33 P33-6: a guarded Piecewise at its guarded point gives the user's branch values (sinc(0) = 1, its slope NaN
since probe35 P35-6: the branch holds at one point only; 0·log 0 := 0).  A value read only inside a branch may still
be computed before the conditions when it is shared (``1/w`` of ``sin(w)/w if w != 0 else 1``), so NumPy may warn there (docs/functions.md): fix33 computed such values
inside the branch without a temporary, which repeated shared subexpressions up to five times in one line (final36
F36-5) and missed deeper ones (F36-4), and was reverted.  Oracle: the user's own branches, sympy.N at 30 digits.
"""

from __future__ import annotations

import math
import warnings

import pytest
import sympy

import symopt

w = symopt.Variable("w", 1.0)
SINC = sympy.Piecewise((sympy.sin(w) / w, sympy.Ne(w, 0)), (1, True))
X_LOG_X = sympy.Piecewise((w * sympy.log(w), w > 0), (0, True))
NAN = float("nan")  # sinc's branch 1 holds at the point 0 only: it says nothing about the slope (probe35 P35-6)


@pytest.mark.parametrize("cost, at_zero, at_two", [
    (SINC, (1.0, NAN), (float(sympy.N(sympy.sin(2) / 2, 30)), float(sympy.N(sympy.diff(sympy.sin(w) / w, w)
                                                                               .subs(w, 2), 30)))),
    (X_LOG_X, (0.0, 0.0), (float(sympy.N(2 * sympy.log(2), 30)), float(sympy.N(1 + sympy.log(2), 30)))),
])
def test_the_guarded_point_gives_the_users_branch(cost, at_zero, at_two):
    compiled = symopt.compile(cost, w)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NumPy may warn about the branch not taken
        value, slope = compiled(w=0.0)
    assert value == at_zero[0] and (slope == at_zero[1] or math.isnan(slope) and math.isnan(at_zero[1]))
    value, gradient = compiled(w=2.0)
    assert value == pytest.approx(at_two[0], rel=1e-15) and gradient == pytest.approx(at_two[1], rel=1e-15)


def test_a_value_read_outside_the_branches_is_shared():
    cost = sympy.log(w) + sympy.Piecewise((sympy.log(w) ** 2, w > 1), (0, True))
    source = symopt.compile(cost, w).source
    assert source.count("math.log(w)") == 1  # one temporary

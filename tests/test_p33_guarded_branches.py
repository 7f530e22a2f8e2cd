"""probe33 P33-6: a value read only inside a Piecewise's branch is computed there, under its condition.

The program gave such a value a temporary computed before the conditions: ``sin(w)/w if w != 0 else 1`` computed
``1/w`` at 0, ``w*log(w) if w > 0 else 0`` computed ``log(0)``; the math program raised ZeroDivisionError /
ValueError and was answered by the NumPy program with divide-by-zero warnings, an error under ``python -W error`` or
``numpy.errstate(all="raise")``.  Oracle: the user's own branches (sinc(0) = 1 with slope 0, 0·log 0 := 0).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

import symopt

w = symopt.Variable("w", 1.0)
SINC = sympy.Piecewise((sympy.sin(w) / w, sympy.Ne(w, 0)), (1, True))
X_LOG_X = sympy.Piecewise((w * sympy.log(w), w > 0), (0, True))


@pytest.mark.parametrize("cost, source", [
    (SINC, "def value_and_grad(w):\n"
           "    t0 = (w != 0)\n"
           "    return (math.sin(w)/w if t0 else 1.0), ((math.cos(w)/w - math.sin(w)/w/w if t0 else 0.0),)\n"),
    (X_LOG_X, "def value_and_grad(w):\n"
              "    t0 = (w > 0)\n"
              "    return (w*math.log(w) if t0 else 0.0), ((1 + math.log(w) if t0 else 0.0),)\n"),
])
def test_a_guarded_value_stays_inside_its_branch(cost, source):
    compiled = symopt.compile(cost, w)
    assert compiled.source == source


@pytest.mark.parametrize("cost, at_zero, at_two", [
    (SINC, (1.0, 0.0), (float(sympy.N(sympy.sin(2) / 2, 30)), float(sympy.N(sympy.diff(sympy.sin(w) / w, w)
                                                                               .subs(w, 2), 30)))),
    (X_LOG_X, (0.0, 0.0), (float(sympy.N(2 * sympy.log(2), 30)), float(sympy.N(1 + sympy.log(2), 30)))),
])
def test_no_warning_and_no_floating_point_error_at_the_guarded_point(cost, at_zero, at_two):
    compiled = symopt.compile(cost, w)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        assert compiled(w=0.0) == at_zero  # was a ZeroDivisionError inside, then NumPy's RuntimeWarning
        value, gradient = compiled(w=2.0)
    assert value == pytest.approx(at_two[0], rel=1e-15) and gradient == pytest.approx(at_two[1], rel=1e-15)


def test_a_value_read_outside_the_branches_is_still_shared():
    cost = sympy.log(w) + sympy.Piecewise((sympy.log(w) ** 2, w > 1), (0, True))
    source = symopt.compile(cost, w).source
    assert source.count("math.log(w)") == 1  # read unguarded by the first term: one temporary


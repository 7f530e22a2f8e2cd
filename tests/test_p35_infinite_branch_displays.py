"""probe35 P35-4: ``Piecewise((oo, w < -1), (w**2, True))`` (a barrier) compiles and trains, but derive/explain/graph
refused it saying "every number it would give is inf or nan".  The displays now show it as compile computes it.
Oracle: sympy.diff of the branch taken (value 0.25, slope 1 at w = 0.5) and compile's numbers.
"""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.errors import UnsupportedOperationError

w = sympy.Symbol("w")
BARRIER = sympy.Piecewise((sympy.oo, w < -1), (w**2, True))


def test_compile_and_the_displays_agree():
    assert symopt.compile(BARRIER, w)(w=0.5) == (0.25, 1.0)
    assert symopt.compile(BARRIER, w)(w=-2.0) == (float("inf"), 0.0)
    lines = str(symopt.derive(BARRIER, w, at={w: 0.5})).splitlines()
    assert lines[2] == "  J = {∞ if w < -1; u otherwise} = 0.25"
    assert lines[-1] == "  dJ/dw = 2w·{0 if w < -1; 1 otherwise} = 1"
    assert str(symopt.derive(BARRIER, w, at={w: -2.0})).splitlines()[2] == "  J = {∞ if w < -1; u otherwise} = ∞"
    assert str(symopt.graph(BARRIER, at={w: 0.5})).splitlines()[0] == "w = 0.5, dJ/dw = 1"
    assert str(symopt.explain(BARRIER, w, at={w: 0.5})).splitlines()[1] == "  w: fine: dJ/dw = 1"


def test_an_infinite_factor_is_still_refused():
    with pytest.raises(UnsupportedOperationError, match="infinite"):
        symopt.derive(sympy.oo * w, w)

"""A scalar derivation at a point: a symopt.Variable not given in at= takes its initial value, as a network's
derivation does (probe U11: "at: missing values for ['w']"); a placeholder is still required."""

import numpy as np
import pytest

import symopt
from symopt.display import derive, graph
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 2.0)
x = symopt.Placeholder("x", (3, 1))
LECTURE = x[0, 0] * w**2 + x[1, 0] * w + x[2, 0]
COEFFICIENTS = np.array([[1.0], [-10.0], [25.0]])


def test_the_variable_takes_its_initial_value():
    lines = str(derive(LECTURE, w, at={x: COEFFICIENTS})).splitlines()
    assert lines[0] == "forward (w = 2, x[0,0] = 1, x[1,0] = -10, x[2,0] = 25)"
    assert lines[-1] == "  dJ/dw = 2·x[0,0]·w + x[1,0] = -6"  # 2·1·2 - 10
    assert str(graph(LECTURE, at={x: COEFFICIENTS})).splitlines()[-1].endswith(" = 9  ← v, p, x[2,0]")  # 4 - 20 + 25


def test_a_placeholder_is_still_required():
    with pytest.raises(ConfigurationError, match=r"at: missing values for \['x\[0, 0\]', 'x\[1, 0\]', 'x\[2, 0\]'\]"):
        derive(LECTURE, w, at={w: 1.0})

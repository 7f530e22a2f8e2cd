"""probe8 R23: explain of the lecture's cost x[0,0]*w**2 + x[1,0]*w + x[2,0] said "missing inputs ['x']" although
x was given (in data= or at=): the generated code was fed the entries x[0,0], ... instead of the array x."""

import numpy as np
import pytest

import symopt

w = symopt.Variable("w", 0.0)
x = symopt.Placeholder("x", (3, 1))
COST = x[0, 0] * w ** 2 + x[1, 0] * w + x[2, 0]
COEFFICIENTS = np.array([[1.0], [-10.0], [25.0]])


@pytest.mark.parametrize("where", ["data", "at"])
@pytest.mark.parametrize("point", [5.0, 1.0])
def test_explain_of_the_lecture_cost(where, point):
    _, gradient = symopt.compile(COST, w)(w=point, x=COEFFICIENTS)
    if where == "data":
        explanation = symopt.explain(COST, w, at={w: point}, data={x: COEFFICIENTS})
    else:
        explanation = symopt.explain(COST, w, at={w: point, x: COEFFICIENTS})
    finding = explanation.finding("w")
    if gradient == 0:
        assert finding.status == "zero"
    else:
        assert finding.status == "fine" and finding.detail == f"fine: dJ/dw = {float(gradient):.6g}"

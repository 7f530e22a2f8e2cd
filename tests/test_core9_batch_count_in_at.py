"""review2 F5: graph at= of a scalar cost that reads a batch (``mean(X)*w**2``) drew "m = 3, dJ/dm = -2.66667", a
derivative with respect to the number of rows, which symopt.compile does not take as an input; and an ``at`` value
for m that disagrees with the rows fed was silently replaced by the count.  m is now drawn as a number without an
adjoint, and a disagreeing m is a ShapeError naming both numbers."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError, ShapeError
from symopt.symbols import BATCH

w = symopt.Variable("w", 1.0)
X = symopt.Placeholder("X", shape=(None, 1))
COST = ops.mean(X) * w**2
ROWS = np.array([[1.0], [2.0], [3.0]])


def test_graph_draws_m_as_a_number_without_a_slope():
    lines = str(symopt.graph(COST, at={w: 2.0, X: ROWS})).splitlines()
    assert lines[0] == "m = 3"
    assert not any("dJ/dm" in line for line in lines)
    _, slope = symopt.compile(COST, w)(w=2.0, X=ROWS)
    assert f"w = 2, dJ/dw = {float(slope):.6g}" in lines
    with pytest.raises(FeedError, match="unknown input 'm'"):  # compile has no m to differentiate by
        symopt.compile(COST, w)(w=2.0, X=ROWS, m=3)


@pytest.mark.parametrize("key", [BATCH, "m"], ids=["symbol", "name"])
@pytest.mark.parametrize("display", ["derive", "graph"])
def test_an_m_that_disagrees_with_the_rows_is_refused(display, key):
    show = {"derive": lambda at: symopt.derive(COST, [w], at=at), "graph": lambda at: symopt.graph(COST, at=at)}
    with pytest.raises(ShapeError, match=r"at: m = 5, but the data fed \(X\) have 3 rows"):
        show[display]({w: 2.0, X: ROWS, key: 5})
    agreeing = str(show[display]({w: 2.0, X: ROWS, key: 3}))  # the count itself is accepted
    assert agreeing == str(show[display]({w: 2.0, X: ROWS}))

"""probe10 T8: at= keyed by a placeholder's entries (x[0, 0]: 1, as graph and derive label them) was refused as
"missing values for ['x[0, 0]', ...]", the very keys given, and explain raised a raw AttributeError."""

import numpy as np
import pytest

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 0.0)
x = symopt.Placeholder("x", (3, 1))
COST = x[0, 0] * w ** 2 + x[1, 0] * w + x[2, 0]
COEFFICIENTS = np.array([[1.0], [-10.0], [25.0]])


def by_entries(point: float) -> dict:
    return {w: point, x[0, 0]: 1, x[1, 0]: -10, x[2, 0]: 25}


@pytest.mark.parametrize("point", [0.0, 5.0])
def test_entry_keys_give_the_same_displays_as_the_array(point):
    whole = {w: point, x: COEFFICIENTS}
    assert str(symopt.derive(COST, w, at=by_entries(point))) == str(symopt.derive(COST, w, at=whole))
    assert str(symopt.graph(COST, at=by_entries(point))) == str(symopt.graph(COST, at=whole))
    _, gradient = symopt.compile(COST, w)(w=point, x=COEFFICIENTS)
    finding = symopt.explain(COST, w, at=by_entries(point)).finding("w")
    assert finding.status == ("zero" if gradient == 0 else "fine")
    assert finding == symopt.explain(COST, w, at={w: point}, data={x: COEFFICIENTS}).finding("w")


def test_a_missing_entry_is_named_with_both_ways_to_give_it():
    with pytest.raises(ConfigurationError, match=r"missing values for \['x\[2, 0\]'\].*at=\{x: array\}"):
        symopt.derive(COST, w, at={w: 0, x[0, 0]: 1, x[1, 0]: -10})


def test_an_entry_of_a_batch_placeholder():
    X = symopt.Placeholder("X", (None, 2))
    cost = X[1, 1] * w ** 2
    _, gradient = symopt.compile(cost, w)(w=2.0, X=np.array([[0.0, 0.0], [0.0, 3.0]]))
    finding = symopt.explain(cost, w, at={w: 2.0, X[1, 1]: 3.0}).finding("w")
    assert finding.detail == f"fine: dJ/dw = {float(gradient):.6g}"

"""SymPy's IndexedBase (``x[k]``) in a cost is refused with one typed message that names the way to write it (an
independent probe's K25: a raw TypeError, a ShapeError for the array, and 'unknown input x' while listing x)."""

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt.errors import UnsupportedOperationError

w = sp.Symbol("w")
x, y = sp.IndexedBase("x"), sp.IndexedBase("y")
COST = sum((w * x[k] - y[k]) ** 2 for k in range(3))
MESSAGE = r"entry of SymPy's IndexedBase x.*symopt.Placeholder\('x', \(n,\)\).*x\[k, 0\]"


@pytest.mark.parametrize("run", [
    lambda: symopt.compile(COST, w)(w=1.0, x=2.0, y=1.0),
    lambda: symopt.minimize(COST, {w: 0.0}, data={x: np.array([1.0, 2.0, 3.0]), y: np.ones(3)}, steps=5),
    lambda: symopt.evaluate(COST, {w: 1.0}),
])
def test_indexed_bases_are_refused_naming_the_placeholder_to_use(run):
    with pytest.raises(UnsupportedOperationError, match=MESSAGE):
        run()


def test_the_way_the_message_names_gives_the_least_squares_fit():
    xs = symopt.Placeholder("x", (3,))
    ys = symopt.Placeholder("y", (3,))
    cost = sum((w * xs[k, 0] - ys[k, 0]) ** 2 for k in range(3))
    result = symopt.minimize(cost, {w: 0.0}, data={xs: np.array([1.0, 2.0, 3.0]), ys: np.array([2.0, 4.0, 6.5])},
                             method="newton", steps=5)
    assert abs(float(result[w]) - (1 * 2 + 2 * 4 + 3 * 6.5) / 14) < 1e-12

"""probe27 P27-7: a Hessian entry holding only the row count ``m`` (``hessian(sum((x - mu)**2), mu) = [[2*m]]``, a
normal NLL's Fisher entry ``m*exp(-2*ls)``) could not be evaluated: the data fed were dropped as "not read",
``symopt.BATCH`` was refused, and the ShapeError blamed a cancellation the user never wrote.  Now ``evaluate``
takes ``m`` from the rows of a fed input with a batch dimension (read for its rows only), as a user passing the
data the expression was built from expects; without one, a ShapeError saying so.  Oracles: ``sympy.diff`` of the
explicit sum over the rows, and ``hvp``."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError

DATA = np.array([[1.0], [2.0], [4.0], [7.0]])


def _sum_hessian():
    x, mu = symopt.Placeholder("x", (None, 1)), symopt.Variable("mu", 0.0)
    return x, mu, symopt.hessian(ops.sum(x.applyfunc(lambda t: (t - mu) ** 2)), mu)


def test_the_row_count_comes_from_the_fed_data():
    x, mu, H = _sum_hessian()
    m_, rows = sympy.Symbol("mu"), sympy.symbols("x0:4")
    oracle = sympy.diff(sum((r - m_) ** 2 for r in rows), m_, 2)  # 2*n for n rows
    assert symopt.evaluate(H, {x: DATA, mu: 1.0}) == float(oracle) == 8.0
    assert symopt.evaluate(H, {x: DATA[:3], mu: 1.0}) == 6.0
    product = symopt.hvp(ops.sum(x.applyfunc(lambda t: (t - mu) ** 2)), mu)
    assert float(np.ravel(product(1.0, {mu: 1.0, x: DATA}))[0]) == 8.0


def test_a_fisher_entry_of_a_normal_likelihood():
    x, mu, ls = symopt.Placeholder("x", (None, 1)), symopt.Variable("mu", 0.0), symopt.Variable("ls", 0.3)
    nll = ops.sum(x.applyfunc(lambda t: (t - mu) ** 2 * sympy.exp(-2 * ls) / 2 + ls))
    H = symopt.hessian(nll, [mu, ls])
    m_, s_, rows = sympy.Symbol("mu"), sympy.Symbol("ls"), sympy.symbols("x0:4")
    explicit = sum((r - m_) ** 2 * sympy.exp(-2 * s_) / 2 + s_ for r in rows)
    oracle = sympy.diff(explicit, m_, 2).subs(s_, 0.3)
    assert symopt.evaluate(H[0, 0], {x: DATA, mu: 1.0, ls: 0.3}) == pytest.approx(float(oracle), rel=1e-15)
    full = symopt.evaluate(H, {x: DATA, mu: 1.0, ls: 0.3})
    point = {m_: 1.0, s_: 0.3, **{r: float(v) for r, v in zip(rows, DATA.ravel())}}
    expected = sympy.hessian(explicit, [m_, s_]).subs(point)
    np.testing.assert_allclose(full, np.array(expected, dtype=float), rtol=1e-14)


def test_a_two_sample_design_with_one_fixed_shape_sample():
    x, y2 = symopt.Placeholder("x", (None, 1)), symopt.Placeholder("y2", (15, 1))
    m1, m2 = symopt.Variable("m1", 0.0), symopt.Variable("m2", 0.0)
    cost = ops.sum(x.applyfunc(lambda t: (t - m1) ** 2)) + ops.sum(y2.applyfunc(lambda t: (t - m2) ** 2))
    H = symopt.evaluate(symopt.hessian(cost, [m1, m2]), {x: DATA, y2: np.ones((15, 1)), m1: 0.0, m2: 0.0})
    np.testing.assert_array_equal(H, [[8.0, 0.0], [0.0, 30.0]])


@pytest.mark.parametrize("feed", [lambda mu: {mu: 1.0}, lambda mu: {symopt.BATCH: 4, mu: 1.0},
                                  lambda mu: {"x": DATA, mu: 1.0}])
def test_without_fed_data_the_error_says_to_feed_it(feed):
    x, mu, H = _sum_hessian()
    with pytest.raises(ShapeError, match=r"holds the batch size m .* reads no data: feed any input with a batch "
                                         r"dimension, by symbol") as caught:
        symopt.evaluate(H, feed(mu))
    assert "cancelled out" not in str(caught.value)


def test_fed_inputs_of_different_row_counts_are_refused():
    x, mu, H = _sum_hessian()
    z = symopt.Placeholder("z", (None, 2))
    with pytest.raises(ShapeError, match="inputs disagree on the batch size m: x: 4, z: 3"):
        symopt.evaluate(H, {x: DATA, z: np.ones((3, 2)), mu: 1.0})

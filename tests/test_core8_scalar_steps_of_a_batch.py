"""core8 1a: a scalar derivation that reads a batch whole (``mean(X)*w**2``: sum(X)/(3m) is a scalar step) raised
SymbolicNumberError (int() of the symbolic m) under at= in derive, graph and explain; the numbers are now shown, m
being the number of rows fed, as symopt.compile computes them.  Data of more than 40 numbers is shown by its shape
and range, never row by row."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.display.backward import adjoint_symbol

w = symopt.Variable("w", 0.0)
X = symopt.Placeholder("X", shape=(None, 3))
COST = ops.mean(X) * w**2


def _data(rows):
    return np.random.default_rng(rows).normal(size=(rows, 3))


@pytest.mark.parametrize("rows", [4, 50])
def test_derive_shows_the_compiled_numbers(rows):
    data = _data(rows)
    value, slope = symopt.compile(COST, w)(w=2.0, X=data)
    derivation = symopt.derive(COST, [w], at={w: 2.0, X: data})
    numbers = derivation.numbers
    assert float(numbers[derivation.forward.output.symbol]) == pytest.approx(float(value), rel=1e-12)
    assert float(numbers[adjoint_symbol(w)]) == pytest.approx(float(slope), rel=1e-12)
    lines = str(derivation).splitlines()
    assert lines[0] == f"forward (m = {rows}, w = 2)"  # the data by its m, not its rows
    assert lines[-1].endswith(f" = {float(slope):.6g}")
    assert float(slope) == pytest.approx(4 * data.mean(), rel=1e-12)  # hand NumPy: d/dw mean(X) w² = 2w·mean(X)


def test_graph_draws_the_numbers_and_summarises_a_large_batch():
    data = _data(50)
    text = str(symopt.graph(COST, at={w: 2.0, X: data}))
    assert f"dJ/dw = {4 * data.mean():.6g}" in text
    assert "X = (50×3 matrix, entries from" in text


def test_explain_names_the_point_by_m():
    explanation = symopt.explain(COST, w, at={w: 2.0, X: _data(4)})
    assert str(explanation).splitlines()[0] == "explain (w = 2, m = 4)"
    assert explanation.finding("w").status == "fine"


def test_data_that_disagree_on_m_are_refused():
    y = symopt.Placeholder("y", shape=(None, 1))
    with pytest.raises(symopt.errors.ShapeError, match="batch size m"):
        symopt.derive((ops.mean(X) + ops.mean(y)) * w**2, [w], at={w: 2.0, X: _data(4), y: np.ones((3, 1))})

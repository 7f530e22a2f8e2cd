"""p-probe P17: ``graph(J, style="values", at=...)`` of a matrix model was accepted and failed only when drawn
(in a notebook, when the cell's output was rendered) with "numbers are drawn for scalar costs only", no fix."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError


def test_numbers_for_a_network_are_refused_where_at_is_given_with_the_fix():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W, b = symopt.Variable("W", 0.0, shape=(2, 1)), symopt.Variable("b", 0.0, shape=(1, 1))
    cost = ops.sigmoid_cross_entropy(ops.bias_add(X @ W, b), y)
    with pytest.raises(ConfigurationError, match=r"matrix steps .*symopt\.derive\(cost, wrt, at=\.\.\.\).*without at="):
        symopt.graph(cost, style="values", at={W: np.array([[0.5], [-1.0]])})
    assert "XW" in symopt.graph(cost).text()  # without at= it draws


def test_entries_of_a_matrix_input_are_numbers_and_are_drawn():
    x, w = symopt.Placeholder("x", shape=(3, 1)), symopt.Variable("w", 0.0)
    cost = x[0, 0] * w ** 2 + x[1, 0] * w + x[2, 0]
    lines = symopt.graph(cost, at={x: np.array([[1.0], [-10.0], [25.0]]), w: 1.0}).text().splitlines()
    assert lines[0] == "w = 1, dJ/dw = -8"  # 2·1·1 - 10, by hand
    assert lines[-1] == "J = v + p + x[2,0] = 16  ← v, p, x[2,0]"

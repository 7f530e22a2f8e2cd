"""P83-5: two parameters of one name (a copy-pasted layer cell) are told apart in a Result's repr and notebook table
as derive tells them apart: the first made is ``W``, the second ``W′``."""

import re

import numpy as np

import symopt
from symopt import ops


def _run():
    X = symopt.Placeholder("X", shape=(None, 3))
    y = symopt.Placeholder("y", shape=(None, 1))
    first = symopt.Variable("W", 0.1, shape=(3, 2))
    second = symopt.Variable("W", 0.1, shape=(2, 1))
    cost = ops.mean(ops.square(ops.tanh(X @ first) @ second - y))
    rng = np.random.default_rng(0)
    result = symopt.minimize(cost, [second, first], data={X: rng.normal(size=(8, 3)), y: rng.normal(size=(8, 1))},
                             steps=2)
    return cost, first, second, result


def test_the_repr_labels_the_second_parameter_of_a_name_with_a_prime():
    cost, first, second, result = _run()
    text = repr(result)
    assert re.search(r"\bW=\[\[[^=]*\]\]", text) and "W′=" in text
    rows = re.search(r"W′=(\[\[.*?\]\])", text).group(1)
    assert rows.count("[") == 1 + 2  # W′ is the (2, 1) weight made second, whatever the order of wrt
    assert "dW′ (2×1)" in str(symopt.derive(cost, [first, second]))  # the label derive gives the same symbol


def test_the_notebook_table_labels_them_alike():
    _, first, second, result = _run()
    cells = re.findall(r"<tr><td>(W′?)</td><td>([^<]*)</td>", result._repr_html_())
    assert sorted(cells) == [("W", "(3, 2)"), ("W′", "(2, 1)")]
    assert result[first].shape == (3, 2) and result[second].shape == (2, 1)  # lookups by symbol unchanged

"""final44a F44a-8, F44a-5: the docs say what the generator now prints (chain_prefixes and the order-free
``a + b`` node in docs/architecture.md; the bare scalar of a constant body in docs/functions.md), and placed_sum's
signed zero is the documented one (hand NumPy's ``g[...] += v``)."""

import pathlib

import numpy as np
import sympy

import symopt
from symopt import ops
from symopt.runtime import placed_sum

DOCS = pathlib.Path(__file__).resolve().parents[1] / "docs"


def test_architecture_names_the_prefix_pass_and_the_order_free_pair():
    text = (DOCS / "architecture.md").read_text()
    assert "symopt/chain_prefixes.py" in text and "traversal.COMMUTING_PAIRS" in text
    assert "`a + b` and `b + a` are one node" in text


def test_functions_md_shows_the_constant_body_as_printed():
    X = symopt.Placeholder("X", (None, 1))
    mu, s = symopt.Variable("mu", 0.0), symopt.Variable("s", 1.0)
    bare = symopt.compile(ops.sum(X.applyfunc(lambda v: s) + ops.square(X - mu * sympy.OneMatrix(symopt.symbols.BATCH, 1))),
                          [mu, s]).source
    computed = symopt.compile(ops.sum(X.applyfunc(lambda v: sympy.log(s)) + ops.square(X - mu * sympy.OneMatrix(
        symopt.symbols.BATCH, 1))), [mu, s]).source
    text = (DOCS / "functions.md").read_text()
    assert "(s + t0**2).sum()" in bare and "`s + t0**2`" in text
    assert "numpy.log(s)*t" in computed and "`numpy.log(s)*numpy.ones((m, 1))`" in text


def test_placed_sum_adds_into_positive_zeros_as_hand_numpy():
    pieces = [(np.full((6, 1), -0.0), (0, 6, 1), None), (np.full((6, 1), -0.0), (2, 8, 1), None)]
    hand = np.zeros((9, 1))
    hand[0:6] += pieces[0][0]
    hand[2:8] += pieces[1][0]
    got = placed_sum((9, 1), *pieces)
    np.testing.assert_array_equal(np.signbit(got), np.signbit(hand))
    assert not np.signbit(got).any()
    assert "``-0.0`` is ``+0.0`` here" in placed_sum.__doc__

"""A scalar sum of three or more terms adds them in the order the value alone prints them, whatever the program
names: a term the gradient reads too becomes a temporary, and a map shared with an equal one (map_sharing) is
rebuilt with another bound variable; either re-sorted the sum, so in float32 compile's value differed from
``symopt.evaluate``'s.

Oracle: ``symopt.evaluate`` (the value alone: no gradient, no temporaries for the terms) bit for bit in float32,
on draws where two large terms cancel (the order of the additions shows)."""

import itertools

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

n = 3
X = symopt.Placeholder("X", (None, n))
Y, Z = symopt.Placeholder("Y", (None, 1)), symopt.Placeholder("Z", (None, 1))
v = symopt.Variable("v", 0.0, shape=(n, 1))
z = X @ v

TERMS = {
    "exp_z": lambda: ops.sum(ops.hadamard(ops.exp(z), Z)),  # a fresh map each call: map_sharing makes them one
    "exp_y": lambda: ops.sum(ops.hadamard(ops.exp(z), Y)),
    "z_y": lambda: ops.sum(ops.hadamard(z, Y)),
    "tanh_z": lambda: ops.sum(ops.hadamard(ops.tanh(z), Z)),
    "z": lambda: ops.sum(z),
}


def _feeds(count, seed, cost):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        feed = {X: rng.normal(size=(5, n)), v: rng.normal(size=(n, 1)), Y: rng.normal(size=(5, 1)) * 1e4}
        feed[Z] = -feed[Y] + rng.normal(size=(5, 1)) * 1e-3  # Y and Z terms cancel: the order of the sum shows
        yield {key: value for key, value in feed.items() if key in cost.free_symbols}


@pytest.mark.parametrize("names", list(itertools.combinations(TERMS, 3)))
def test_compiled_value_adds_a_sum_as_the_value_alone(names):
    cost = sympy.Add(*(TERMS[name]() for name in names))
    f = symopt.compile(cost, [v], dtype="float32")
    for feed in _feeds(8, len(names[0]) + 7 * len(names[2]), cost):
        np.testing.assert_array_equal(f(feed)[0], symopt.evaluate(cost, feed, dtype="float32"))


def test_a_map_shared_with_an_equal_map_keeps_the_sum_order_and_is_computed_once():
    cost = TERMS["exp_z"]() + TERMS["exp_y"]() + TERMS["z"]()
    f = symopt.compile(cost, [v], dtype="float32")
    assert f.source.count("exp(") == 1  # the two equal maps are still one
    for feed in _feeds(30, 3, cost):
        np.testing.assert_array_equal(f(feed)[0], symopt.evaluate(cost, feed, dtype="float32"))

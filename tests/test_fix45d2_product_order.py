"""Review 45d-10: a scalar product of three sums multiplies in the order of its factors as written (the
expression's own argument order, as the value alone prints it), also where compile names each sum a temporary for
the gradient and in the value-only program symopt.evaluate runs, where the sums read temporaries (the
sigmoid): three float32 factors round differently in another order.  Oracle: hand NumPy in float32, computing
each sum as printed ((s*Y).sum() of s = 1/(1 + exp(-z)), z = X @ v) and multiplying them in the order of
``cost.args``."""

import numpy as np
import sympy

import symopt
from symopt import ops

X = symopt.Placeholder("X", (None, 3), dtype="float32")
Y = symopt.Placeholder("Y", (None, 1), dtype="float32")
Z = symopt.Placeholder("Z", (None, 1), dtype="float32")
v = symopt.Variable("v", 0.0, shape=(3, 1), dtype="float32")
LOGITS = X @ v
FACTORS = {ops.sum(ops.hadamard(ops.sigmoid(LOGITS), Y)): lambda z, y, w: (1 / (1 + np.exp(-z)) * y).sum(),
           ops.sum(ops.hadamard(ops.sigmoid(LOGITS), Z)): lambda z, y, w: (1 / (1 + np.exp(-z)) * w).sum(),
           ops.sum(ops.hadamard(ops.square(LOGITS), Z)): lambda z, y, w: (z ** 2 * w).sum()}


def test_a_product_of_three_sums_multiplies_as_written():
    cost = sympy.Mul(*FACTORS)
    f = symopt.compile(cost, [v], dtype="float32")
    rng = np.random.default_rng(3)
    for _ in range(40):
        x, w0 = rng.normal(size=(5, 3)).astype(np.float32), rng.normal(size=(3, 1)).astype(np.float32)
        y, w = (rng.normal(size=(5, 1)) * 3).astype(np.float32), rng.normal(size=(5, 1)).astype(np.float32)
        first, second, third = (FACTORS[factor](x @ w0, y, w) for factor in cost.args)
        feed = {X: x, v: w0, Y: y, Z: w}
        assert f(feed)[0] == first * second * third, f.source  # the gradient's program: the sums named
        assert symopt.evaluate(cost, feed, dtype="float32") == first * second * third  # the value alone

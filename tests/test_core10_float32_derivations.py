"""probe16 Z17: derive(at=) of the course's 2-layer network in float32 (TF1's default dtype) refused most points with
"the course's line for dW1 disagrees with symopt.grad ... report this cost": the lines (NumPy, float64) were checked
against the float32 program at a float64 tolerance, and a float32 sum over m examples differs by its rounding.  The
check compares with the float64 program of the same cost; the lines match it."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

F32 = "float32"
X, Y = symopt.Placeholder("X", (2, None), dtype=F32), symopt.Placeholder("Y", (1, None), dtype=F32)
W1, b1 = symopt.Variable("W1", 0.0, shape=(4, 2), dtype=F32), symopt.Variable("b1", 0.0, shape=(4, 1), dtype=F32)
W2, b2 = symopt.Variable("W2", 0.0, shape=(1, 4), dtype=F32), symopt.Variable("b2", 0.0, shape=(1, 1), dtype=F32)
A1 = ops.tanh(ops.bias_add(ops.matmul(W1, X), b1))
A2 = ops.sigmoid(ops.bias_add(ops.matmul(W2, A1), b2))
ONES = sympy.OneMatrix(*A2.shape)
COST = -ops.sum(ops.hadamard(Y, ops.log(A2)) + ops.hadamard(ONES - Y, ops.log(ONES - A2))) / X.shape[1]


def _point(seed):
    rng = np.random.default_rng(seed)
    return {X: rng.normal(size=(2, 50)) * 5, Y: (rng.random((1, 50)) > 0.5) * 1.0, W1: rng.normal(size=(4, 2)),
            b1: rng.normal(size=(4, 1)), W2: rng.normal(size=(1, 4)) * 5}


@pytest.mark.parametrize("seed", range(6))
def test_the_float32_network_is_derived_at_ordinary_points(seed):
    at = _point(seed)
    derivation = symopt.derive(COST, [W1, b1, W2, b2], at=at)
    feed = {str(s): v for s, v in {**at, b2: np.zeros((1, 1))}.items()}
    _, gradients = symopt.compile(COST, [W1, b1, W2, b2], dtype="float64")(**feed)
    line = next(line for line in str(derivation).splitlines() if line.strip().startswith("db₂"))
    assert float(line.split("= [[")[-1].rstrip("]")) == pytest.approx(float(np.ravel(gradients[3])[0]), abs=1e-4)


def test_a_float32_matrix_derivation_is_checked_in_float64():
    Xr, yr = symopt.Placeholder("Xr", (None, 3), dtype=F32), symopt.Placeholder("yr", (None, 1), dtype=F32)
    Wr = symopt.Variable("Wr", 0.0, shape=(3, 1), dtype=F32)
    cost = ops.sum(ops.square(Xr @ Wr - yr)) / ops.sum(ops.square(yr))
    for seed in range(6):
        rng = np.random.default_rng(seed)
        symopt.derive(cost, [Wr], at={Xr: rng.normal(size=(200, 3)) * 10, yr: rng.normal(size=(200, 1)),
                                      Wr: rng.normal(size=(3, 1)) * 10})

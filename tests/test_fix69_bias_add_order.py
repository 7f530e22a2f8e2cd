"""P69-7: ``ops.bias_add(b, X @ W)`` (arguments swapped) was told to transpose the bias, listing the expected shape
(1, 3) twice; it is told the matrix comes first and shown the call to write.  Oracle for the advised call: NumPy's
broadcast ``X @ W + b``."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ShapeError

X = symopt.Placeholder("X", (None, 2))
W = symopt.Variable("W", np.ones((2, 3)))


@pytest.mark.parametrize("b", [symopt.Variable("b", np.zeros((1, 3))), symopt.Variable("b", np.zeros(3))])
def test_a_swapped_bias_add_names_the_order(b):
    with pytest.raises(ShapeError, match=r"the matrix comes first and the bias second.*"
                                         r"Write symopt\.ops\.bias_add\(X\*W, b\)"):
        ops.bias_add(b, X @ W)


def test_the_advised_call_is_numpys_broadcast():
    b = symopt.Variable("b", np.array([[1.0, -2.0, 0.5]]))
    Xs, Ws = np.array([[1.0, 2.0], [3.0, -1.0]]), np.arange(6.0).reshape(2, 3)
    value = symopt.evaluate(ops.bias_add(X @ W, b), {X: Xs, W: Ws, b: b.init})
    np.testing.assert_array_equal(np.asarray(value, dtype=float), Xs @ Ws + np.array([[1.0, -2.0, 0.5]]))


def test_a_wrong_bias_lists_each_expected_shape_once():
    row = symopt.Variable("r", np.zeros((1, 3)))
    with pytest.raises(ShapeError, match=r"expected a bias of shape \(1, 1\) or \(1, 3\) for z of shape \(1, 3\); "
                                         r"given a bias of shape \(2, 2\)"):
        ops.bias_add(row, symopt.Variable("B", np.zeros((2, 2))))

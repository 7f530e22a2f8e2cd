"""Data of NumPy's kind V (probe21 P21-2): JAX's mixed-precision bfloat16 (``ml_dtypes``) converts as float16 does;
a structured array (``numpy.genfromtxt(..., names=True)``) and raw bytes are refused with their own fixes, not
called "text" with ``float(...)`` as the advice."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError

X, Y = symopt.Placeholder("X", shape=(None, 2)), symopt.Placeholder("y", shape=(None, 1))
W = symopt.Variable("w", np.zeros((2, 1)), shape=(2, 1))
COST = ops.mean(ops.square(X @ W - Y))
XD = np.array([[1., 2.], [3., 4.], [5., 6.]], np.float32)
YD = np.array([[1.], [2.], [3.]], np.float32)


def test_bfloat16_data_train_as_the_float32_values_do():
    ml_dtypes = pytest.importorskip("ml_dtypes")
    expected = symopt.minimize(COST, W, data={X: XD, Y: YD}, steps=3, dtype="float32")[W]
    trained = symopt.minimize(COST, W, data={X: XD.astype(ml_dtypes.bfloat16), Y: YD}, steps=3, dtype="float32")[W]
    np.testing.assert_array_equal(trained, expected)  # bfloat16 holds these small integers exactly


@pytest.mark.parametrize("value, said", [
    (np.zeros(3, dtype=[("a", float), ("b", float)]), r"a structured array with fields a, b .*"
                                                       r"structured_to_unstructured\(value\)"),
    (np.zeros((3, 2), dtype="V8"), r"raw bytes \(dtype \|V8\)")])
def test_records_and_bytes_are_refused_with_their_fix(value, said):
    with pytest.raises(FeedError, match=said):
        symopt.minimize(COST, W, data={X: value, Y: YD}, steps=3)

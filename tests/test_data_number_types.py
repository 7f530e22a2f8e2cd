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


def test_a_numpy_matrix_for_a_vector_is_told_a_fix_that_works():
    """probe21 P21-17: a numpy.matrix column for a (None,) input was told value.ravel(), which a matrix keeps 2-D
    ((1, 6)): following the advice failed again.  numpy.ravel(value) is a vector for both."""
    x, t = symopt.Placeholder("x", (None, 2)), symopt.Placeholder("t", (None,))
    theta = symopt.Variable("theta", np.zeros(2), shape=(2,))
    cost = ops.mean(ops.square(x @ theta - t))
    xd = np.arange(12.0).reshape(6, 2)
    with pytest.warns(PendingDeprecationWarning):
        column = np.matrix(np.arange(6.0).reshape(6, 1))
    with pytest.raises(symopt.errors.ShapeError, match=r"Feed a vector: numpy.ravel\(value\)"):
        symopt.minimize(cost, theta, data={x: xd, t: column}, steps=2)
    assert symopt.minimize(cost, theta, data={x: xd, t: np.ravel(column)}, steps=2).steps == 2

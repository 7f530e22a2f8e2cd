"""probe15's advice items (compat14's patches, applied by the lead): TF1's wording where TF has one (TF 2.21
tf.compat.v1 messages and numbers), and advice that names a form that works.

* Y1: tf.pow of a feature column by a row of exponents (polynomial features) names one tf.pow per power joined by
  tf.concat, the rewrite that works for features of both signs (exp(y log x) is NaN for negative ones);
* Y12: tf.matmul of mismatched dtypes names TF1's MatMul inputs 'a' / 'b'; the other binary ops keep 'x' / 'y';
* Y4: the kernel-SVM cookbook's accuracy (a prediction grid [None, 2] against a training batch [20, 1]) gets no
  example shape that is no placeholder's: the two batches cannot meet in one op (fetch both, compare in NumPy).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import DTypeMismatchError
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_row_of_exponents_names_one_pow_per_power_joined_by_concat():
    x = tf.placeholder(tf.float32, [None, 1])
    with pytest.raises(UnsupportedOperationError, match=r"tf\.concat\(\[tf\.pow\(x, float\(k\)\) for k in range"):
        tf.pow(x, tf.constant([[1., 2., 3.]]))
    features = tf.concat([tf.pow(x, float(k)) for k in range(1, 4)], 1)
    with tf.Session() as sess:
        got = sess.run(features, {x: [[-2.], [3.], [0.5]]})
    assert np.array_equal(got, np.float32([[-2, 4, -8], [3, 9, 27], [0.5, 0.25, 0.125]]))  # TF 2.21


def test_matmul_dtype_error_names_a_and_b_as_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(np.ones((3, 1)))  # float64, the classic cause
    # TF 2.21: TypeError: Input 'b' of 'MatMul' Op has type float64 that does not match type float32 of argument 'a'.
    for build in (lambda: tf.matmul(x, W), lambda: x @ W):
        with pytest.raises(DTypeMismatchError, match=r"^Input 'b' of 'MatMul' Op has type float64 that does not match "
                                                     r"type float32 of argument 'a'\. Cast one of them with tf\.cast"):
            build()
    with pytest.raises(DTypeMismatchError, match=r"^Input 'y' of 'Mul' Op has type float64 .* of argument 'x'\."):
        tf.multiply(tf.ones([3, 1]), W)


def test_a_grid_against_a_sized_batch_names_the_numpy_comparison():
    y_target = tf.placeholder(tf.float32, [20, 1])
    prediction_grid = tf.placeholder(tf.float32, [None, 2])
    prediction = tf.sign(tf.transpose(prediction_grid[:, :1]))
    with pytest.raises(UnsupportedOperationError, match=r"cannot meet in one op: fetch both and compare them in NumPy") as e:
        tf.equal(tf.squeeze(prediction), tf.squeeze(y_target))
    assert "[20])" not in str(e.value)  # it suggested tf.placeholder(tf.float32, [20]), no placeholder's shape

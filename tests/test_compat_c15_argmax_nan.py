"""``tf.argmax`` / ``tf.argmin`` of rows holding NaN: TF1's kernel skips NaN (an all-NaN row gives 0), where NumPy
returns the NaN's index.  The brief suspected symopt gave 0 for every such row; it gives TF 2.21's indices on every
row below, fed or constant, along both axes (/tmp/c15/amax.py in compat15's notes); kept here as goldens."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture

n = np.nan
ROWS = np.float32([[1, n, 3], [n, 2, 1], [1, 2, n], [n, n, 1], [3, 1, 2], [n, n, n], [-np.inf, n, np.inf], [5, 5, n]])


def test_argmax_and_argmin_skip_nan_as_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    v = tf.placeholder(tf.float32, [None])
    values = run([tf.argmax(x, 1), tf.argmin(x, 1), tf.argmax(x, 0), tf.argmin(x, 0),
                  tf.argmax(tf.constant(ROWS), 1), tf.argmin(tf.constant(ROWS), 0)], {x: ROWS})
    assert [np.asarray(value).tolist() for value in values] == [  # TF 2.21 tf.compat.v1
        [2, 1, 1, 2, 0, 0, 2, 0], [0, 2, 0, 2, 1, 0, 0, 0], [7, 7, 6], [6, 4, 1], [2, 1, 1, 2, 0, 0, 2, 0], [6, 4, 1]]
    assert run([tf.argmax(v, 0), tf.argmin(v, 0)], {v: [1., n, 3.]}) == [2, 0]  # TF 2.21
    assert np.argmax(ROWS, 1).tolist() != values[0].tolist()  # not NumPy's rule

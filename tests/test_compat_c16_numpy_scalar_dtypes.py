"""``tf.range`` and ``tf.linspace`` take their dtype from their arguments' own dtypes as TF1 does, NumPy scalars
included (probe18 G10: ``tf.linspace(X.min(), X.max(), 4)`` of float64 NumPy data was float32, so a float64
computation on the grid was refused).

Literals marked "TF 2.21" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same
program (/work/wt/probe18/d4.py, m13.py); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

#: case -> (how it is made, TF 2.21's dtype and value)
GOLDENS = {
    "range_np64": (lambda: tf.range(np.float64(0.0), 1.0, 0.25), "float64", [0.0, 0.25, 0.5, 0.75]),
    "range_np64_limit": (lambda: tf.range(0.0, np.float64(1.0), 0.25), "float64", [0.0, 0.25, 0.5, 0.75]),
    "range_np32": (lambda: tf.range(np.float32(0.0), 1.0, 0.25), "float32", [0.0, 0.25, 0.5, 0.75]),
    "range_npint64": (lambda: tf.range(np.int64(3)), "int64", [0, 1, 2]),
    "range_npint32": (lambda: tf.range(np.int32(3)), "int32", [0, 1, 2]),
    "range_int_float": (lambda: tf.range(0, 2.0), "float32", [0.0, 1.0]),
    "range_int": (lambda: tf.range(3), "int32", [0, 1, 2]),
    "linspace_int": (lambda: tf.linspace(0, 10, 3), "float64", [0.0, 5.0, 10.0]),
    "linspace_np64": (lambda: tf.linspace(np.float64(0.0), 1.0, 3), "float64", [0.0, 0.5, 1.0]),
    "linspace_float": (lambda: tf.linspace(0.0, 1.0, 3), "float32", [0.0, 0.5, 1.0]),
}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_range_and_linspace_take_their_arguments_dtypes_as_tf1(case):
    make, dtype, expected = GOLDENS[case]
    tensor = make()
    assert tensor.dtype.name == dtype
    with tf.Session() as sess:
        value = sess.run(tensor)
    assert value.dtype == np.dtype(dtype)
    assert value.tolist() == expected


def test_a_grid_from_float64_data_computes_in_float64():
    X = np.array([0.0, 1.0, 3.0])
    grid = tf.linspace(X.min(), X.max(), 4)
    with tf.Session() as sess:  # TF 2.21: [0.         1.33333333 2.66666667 4.        ]
        np.testing.assert_array_equal(sess.run(grid * tf.constant(X.mean())), np.array([0.0, 4 / 3, 8 / 3, 4.0]))

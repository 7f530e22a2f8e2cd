"""A NumPy array given where TF1 takes a list (a shape, axes, a perm, multiples, paddings, split sizes) is read as that
list, as TF1 converts it (probe22 H15): symopt raised NumPy's raw ``TypeError: only 0-dimensional arrays can be
converted to Python scalars``, or read ``tf.tile(c, np.array([2, 1]))``'s multiples as one entry.

TF 2.21's ``tf.compat.v1`` in graph mode printed the values (/tmp/c18_h15.py of compat18's session); TensorFlow is not
needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

#: op of c = [[0, 1, 2], [3, 4, 5]] -> TF 2.21's value
GOLDENS = {
    "reshape": (lambda c: tf.reshape(c, np.array([3, 2])), [[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]),
    "tile": (lambda c: tf.tile(c, np.array([2, 1])),
             [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]),
    "pad": (lambda c: tf.pad(c, np.array([[1, 0], [0, 1]])),
            [[0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 2.0, 0.0], [3.0, 4.0, 5.0, 0.0]]),
    "transpose": (lambda c: tf.transpose(c, perm=np.array([1, 0])), [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]),
    "reduce_sum": (lambda c: tf.reduce_sum(c, axis=np.array([0])), [3.0, 5.0, 7.0]),
    "reduce_max": (lambda c: tf.reduce_max(c, np.array([1])), [2.0, 5.0]),
    "reduce_mean_all": (lambda c: tf.reduce_mean(c, axis=np.array([0, 1])), 2.5),
    "reduce_prod": (lambda c: tf.reduce_prod(c, axis=np.array([1])), [0.0, 60.0]),
    "split": (lambda c: tf.split(c, np.array([1, 2]), axis=1)[1], [[1.0, 2.0], [4.0, 5.0]]),
    "fill": (lambda c: tf.fill(np.array([2]), 1.0), [1.0, 1.0]),
}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_a_numpy_array_argument_is_read_as_its_list(case):
    make, golden = GOLDENS[case]
    c = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    with tf.Session() as s:
        assert s.run(make(c)).tolist() == golden


def test_a_batch_reshape_by_a_numpy_shape():
    x = tf.placeholder(tf.float32, [None, 4])
    y = tf.reshape(x, np.array([-1, 2]))
    assert y.shape.as_list() == [None, 2]
    with tf.Session() as s:
        assert s.run(y, {x: np.ones((2, 4))}).shape == (4, 2)

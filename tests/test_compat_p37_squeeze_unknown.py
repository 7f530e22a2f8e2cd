"""``tf.squeeze`` of a ``(?, ?)`` tensor (``a - c`` of ``[None]`` and ``[None, 1]``, the classic BPR tutorial's
broadcast) builds and runs as TF1 (probe37 P37-4): it raised a bare ``ValueError`` from reshape ("at most one
dimension may be -1").  A batch of one row squeezes to a scalar, as TF1's.

The values were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program (fix37's
/tmp/p4.py); TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_squeeze_of_an_unknown_square_runs_as_tf1():
    a, c = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.float32, [None, 1])
    squeezed = tf.squeeze(a - c)
    auc = tf.reduce_mean(tf.to_float(squeezed > 0))
    with tf.Session() as s:
        values = s.run([squeezed, auc, tf.reduce_sum(squeezed)], {a: [1., 2., 3.], c: [[1.], [2.], [3.]]})
        np.testing.assert_array_equal(values[0], [[0, 1, 2], [-1, 0, 1], [-2, -1, 0]])  # TF 2.21
        assert values[1] == np.float32(0.3333333432674408) and values[2] == 0.0
        one = s.run([squeezed, auc], {a: [1.], c: [[2.5]]})
        assert np.ndim(one[0]) == 0 and one[0] == -1.5 and one[1] == 0.0  # TF 2.21: -1.5 (0-d), 0.0
        two = s.run([squeezed, auc], {a: [4., 1.], c: [[2.], [0.5]]})
        np.testing.assert_array_equal(two[0], [[2.0, -1.0], [3.5, 0.5]])
        assert two[1] == 0.75

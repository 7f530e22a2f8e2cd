"""``tf.boolean_mask`` of a mask known when the graph is built (rows, or entries of a mask of the tensor's shape)
with TF1's values, names and gradient; a fed or computed mask is a typed refusal that names the rewrite.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_constant_masks_pick_rows_and_entries_as_tf1():
    x = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    v = tf.Variable([1.0, -2.0, 3.0, 4.0])
    rows = tf.boolean_mask(x, [True, False, True])
    entries = tf.boolean_mask(v, np.array([0, 1, 1, 0], bool))
    flat = tf.boolean_mask(x, tf.constant([[True, False], [False, True], [True, True]]))
    assert [t.name for t in (rows, entries, flat)] == ["boolean_mask/GatherV2:0", "boolean_mask_1/GatherV2:0",
                                                       "boolean_mask_2/GatherV2:0"]  # TF 2.21 tf.compat.v1
    loss = tf.reduce_sum(tf.square(rows)) + tf.reduce_sum(entries) + tf.reduce_sum(flat * 3.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([rows, entries, flat])
        np.testing.assert_array_equal(got[0], [[1., 2.], [5., 6.]])  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(got[1], [-2., 3.])
        np.testing.assert_array_equal(got[2], [1., 4., 5., 6.])
        dx, dv = sess.run(tf.gradients(loss, [x, v]))
        np.testing.assert_array_equal(dx, [[5., 4.], [0., 3.], [13., 15.]])  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(dv, [0., 1., 1., 0.])


def test_a_run_time_mask_of_entries_is_refused_with_the_rewrite():
    """A run-time mask chooses rows (tests/test_compat_c6_boolean_mask.py); a mask of a matrix's entries is refused."""
    v = tf.Variable([1.0, -2.0, 3.0, 4.0])
    W = tf.Variable([[1.0, -2.0], [3.0, 4.0]])
    with pytest.raises(UnsupportedOperationError, match="tf.reduce_sum"):
        tf.boolean_mask(W, W > 0.0)
    with pytest.raises(ValueError, match="incompatible"):
        tf.boolean_mask(v, [True, False])

"""``tf.scatter_update`` / ``tf.scatter_add`` / ``tf.scatter_sub`` on variables, as TF1 runs them: repeated indices,
fed indices, a count of labels, a history of losses recorded beside the training step, and TF1's errors.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_scatter_ops_change_the_picked_rows_as_tf1():
    v = tf.Variable([[1., 2.], [3., 4.], [5., 6.]])
    s1 = tf.scatter_update(v, [2, 0, 2], [[10., 11.], [12., 13.], [14., 15.]])
    u = tf.Variable([1., 2., 3., 4.])
    s2 = tf.scatter_add(u, [1, 1, 3], [10., 20., 30.])
    s3 = tf.scatter_sub(u, tf.constant([0]), [5.])
    idx, upd = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.float32, [None])
    s4 = tf.scatter_update(u, idx, upd)
    s5 = tf.scatter_update(u, 2, 9.0)
    assert str(s1) == 'Tensor("ScatterUpdate:0", shape=(3, 2), dtype=float32_ref)'  # TF 2.21 tf.compat.v1
    assert str(s2) == 'Tensor("ScatterAdd:0", shape=(4,), dtype=float32_ref)'
    assert (s1.op.type, s2.op.type, s3.op.type) == ("ScatterUpdate", "ScatterAdd", "ScatterSub")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(s1), [[12., 13.], [3., 4.], [14., 15.]])  # TF 2.21: the last of 2
        np.testing.assert_array_equal(sess.run(s2), [1., 32., 3., 34.])  # TF 2.21 tf.compat.v1: both 1s add
        np.testing.assert_array_equal(sess.run(s3), [-4., 32., 3., 34.])  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(sess.run(s4, {idx: [0, 3], upd: [7., 8.]}), [7., 32., 3., 8.])  # TF 2.21
        np.testing.assert_array_equal(sess.run(s5), [7., 32., 9., 8.])  # TF 2.21 tf.compat.v1
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[0\] = 4 is not in \[0, 4\)"):
            sess.run(tf.scatter_add(u, [4], [1.]))  # TF 2.21's message
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"indices\[1\] = -1 is not in \[0, 4\)"):
            sess.run(s4, {idx: [0, -1], upd: [1., 1.]})
        np.testing.assert_array_equal(sess.run(u), [7., 32., 9., 8.])  # nothing stored
        assert sess.run(s2 * 2)[1] == 124.  # an assignment's value feeds Python's operators, as TF1's ref output


def test_counts_shrinking_rows_and_a_loss_history_beside_the_step():
    w = tf.Variable(1.0)
    loss = tf.square(w - 4.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    history = tf.Variable(tf.zeros([3]))
    counts = tf.Variable(tf.zeros([4], tf.int32))
    labels = tf.placeholder(tf.int32, [None])
    count = tf.scatter_add(counts, labels, tf.ones_like(labels))
    E = tf.Variable([[1., 2.], [3., 4.], [5., 6.]])
    ids = tf.placeholder(tf.int32, [None])
    rows = tf.gather(E, ids)
    shrink = tf.scatter_sub(E, ids, 0.5 * rows)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            sess.run([train, tf.scatter_update(history, [i], tf.reshape(loss, [1]))])
        np.testing.assert_array_equal(sess.run(history), np.float32([9., 5.76, 3.6864002]))  # TF 2.21: before
        assert sess.run(w) == np.float32(2.464)  # each step
        np.testing.assert_array_equal(sess.run(count, {labels: [1, 3, 1, 0]}), [1, 2, 0, 1])  # TF 2.21
        assert sess.run(count, {labels: [2]}).dtype == np.int32
        np.testing.assert_array_equal(sess.run(shrink, {ids: [2, 0, 2]}), [[0.5, 1.], [3., 4.], [0., 0.]])  # TF 2.21
        new, read = sess.run([shrink, rows], {ids: [1]})
        np.testing.assert_array_equal(new, [[0.5, 1.], [1.5, 2.], [0., 0.]])  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(read, [[3., 4.]])  # TF 2.21: the gather reads the rows before


def test_scatter_errors_are_tf1s_and_typed_before_anything_is_built():
    u = tf.Variable([1., 2., 3., 4.])
    with pytest.raises(ValueError, match="indices.shape"):
        tf.scatter_add(u, [1, 2], [1.])
    with pytest.raises(TypeError, match="Input 'updates' of 'ScatterAdd' Op has type float64 that does not match"):
        tf.scatter_add(u, [1], tf.constant([1.], tf.float64))
    with pytest.raises(TypeError, match="DataType float32 not in list of allowed values: int32, int64"):
        tf.scatter_add(u, [1.0], [1.])
    with pytest.raises(TypeError, match="needs a tf.Variable"):
        tf.scatter_update(u * 2, [1], [1.])
    with pytest.raises(UnsupportedOperationError, match="tf.assign"):
        tf.scatter_add(tf.Variable(1.0), [0], [1.])

"""review1 F8: ``q[a]`` with a scalar int tensor ``a`` is TF1's strided slice, which counts a negative index from
the end (``q[a]`` at ``a = -1`` is the last entry) and raises "slice index ... of dimension ... out of bounds." only
outside ``[-size, size)``; its gradient is dense (TF1's StridedSliceGrad), so Momentum trains through it as
TF1 does.  Goldens: TF 2.21 ``tf.compat.v1``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_a_fed_negative_index_counts_from_the_end():
    q, a = tf.Variable([1., 2., 3.]), tf.placeholder(tf.int32, [])
    m = tf.Variable([[1., 2.], [3., 4.], [5., 6.]])
    b = tf.placeholder(tf.int32, [])
    gradient = tf.gradients(q[a] * 2.0, q)[0]
    entry_gradient = tf.gradients(m[a, b] * 3.0, m)[0]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        last = session.run([q[a], gradient, m[a], m[:, a]], {a: -1})
        first = session.run([q[a], gradient, m[a]], {a: -3})
        entry = session.run([m[a, b], entry_gradient], {a: -1, b: -2})
    assert last[0] == 3.0 and first[0] == 1.0
    np.testing.assert_array_equal(last[1], [0., 0., 2.])
    np.testing.assert_array_equal(last[2], [5., 6.])
    np.testing.assert_array_equal(last[3], [2., 4., 6.])
    np.testing.assert_array_equal(first[1], [2., 0., 0.])
    np.testing.assert_array_equal(first[2], [1., 2.])
    assert entry[0] == 5.0
    np.testing.assert_array_equal(entry[1], [[0., 0.], [0., 0.], [3., 0.]])


@pytest.mark.parametrize("index, shown", [(3, 3), (-4, -1)])
def test_an_index_outside_minus_size_to_size_is_tf1_slice_error(index, shown):
    q, a = tf.Variable([1., 2., 3.]), tf.placeholder(tf.int32, [])
    m = tf.Variable([[1., 2.], [3., 4.], [5., 6.]])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=rf"strided_slice: slice index {shown} of dimension 0 out of bounds\."):
            session.run(q[a], {a: index})
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=rf"slice index {index + 2 if index < 0 else index} of dimension 1 out of bounds\."):
            session.run(m[:, a], {a: index})


def test_indices_of_two_int_dtypes_are_tf1_type_error():
    m = tf.Variable([[1., 2.], [3., 4.], [5., 6.]])
    a, c = tf.placeholder(tf.int64, []), tf.placeholder(tf.int32, [])
    with pytest.raises(TypeError, match=r"types \[int64, int32\] that don't all match"):
        m[a, c]


@pytest.mark.parametrize("optimizer, expected", [
    (lambda: tf.train.MomentumOptimizer(0.1, 0.9), [0.3122, 0.66800004, 1.8600001]),
    (lambda: tf.train.AdamOptimizer(0.1), [0.7387714, 1.7939585, 2.8837914]),
    (lambda: tf.train.AdagradOptimizer(0.1), [0.90122706, 1.831543, 2.9001386]),
])
def test_training_through_a_tensor_index_updates_densely_as_tf1(optimizer, expected):
    q, a = tf.Variable([1., 2., 3.]), tf.placeholder(tf.int32, [])
    train = optimizer().minimize(q[a] ** 2)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for index in (0, 1, -1, 1):
            session.run(train, {a: index})
        np.testing.assert_array_equal(session.run(q), np.float32(expected))

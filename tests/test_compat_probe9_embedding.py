"""probe9 S14: ``tf.nn.embedding_lookup`` of a list of shards (TF1's partitioned embedding) looks up the rows
``partition_strategy`` assigns: ``"mod"`` (TF1's default) id ``i`` in row ``i // n`` of shard ``i % n``, ``"div"``
consecutive ids per shard.  TF 2.21's values (probe9 c35.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def shards():
    return (tf.Variable(np.float32([[0., 0.], [2., 2.], [4., 4.]])), tf.Variable(np.float32([[1., 1.], [3., 3.]])),
            tf.placeholder(tf.int32, [None]))


@pytest.mark.parametrize("strategy, expected", [("mod", [0, 1, 2, 3, 4]), ("div", [0, 2, 4, 1, 3])])
def test_sharded_lookup_follows_the_partition_strategy(strategy, expected):
    E1, E2, ids = shards()
    rows = tf.nn.embedding_lookup([E1, E2], ids, partition_strategy=strategy)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        values = session.run(rows, {ids: [0, 1, 2, 3, 4]})
    np.testing.assert_array_equal(values, np.repeat(np.float32(expected)[:, None], 2, axis=1))


def test_the_default_is_mod_and_its_gradient_reaches_each_shard():
    E1, E2, ids = shards()
    picked = tf.nn.embedding_lookup([E1, E2], ids)
    gradients = tf.gradients(tf.reduce_sum(picked * tf.constant([[1., 2.]])), [E1, E2])
    train = tf.train.GradientDescentOptimizer(0.5).minimize(tf.reduce_sum(picked))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        first, second = session.run(gradients, {ids: [0, 1, 3, 3]})
        session.run(train, {ids: [4, 1]})  # id 4: row 2 of E1; id 1: row 0 of E2
        np.testing.assert_array_equal(session.run(E1), [[0., 0.], [2., 2.], [3.5, 3.5]])
        np.testing.assert_array_equal(session.run(E2), [[0.5, 0.5], [3., 3.]])
    # TF 2.21's IndexedSlices, summed: E1 row 0 once; E2 row 0 once, row 1 twice
    np.testing.assert_array_equal(first, [[1., 2.], [0., 0.], [0., 0.]])
    np.testing.assert_array_equal(second, [[1., 2.], [2., 4.]])


def test_an_id_past_the_shards_is_tf1s_invalid_argument_error():
    E1, E2, ids = shards()
    rows = tf.nn.embedding_lookup([E1, E2], ids)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError):
            session.run(rows, {ids: [1, 5]})


def test_shards_not_split_as_tf1_splits_are_a_typed_refusal():
    E1, E2 = tf.Variable(tf.zeros([3, 2])), tf.Variable(tf.zeros([1, 2]))
    with pytest.raises(UnsupportedOperationError, match=r"2 shards of \[3, 1\] rows"):
        tf.nn.embedding_lookup([E1, E2], tf.constant([0]))
    with pytest.raises(ValueError, match="Unrecognized partition strategy: modulo"):
        tf.nn.embedding_lookup([E1, E1], tf.constant([0]), partition_strategy="modulo")

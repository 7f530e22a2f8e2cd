"""P63-2: a placeholder without a shape fed a value that the ops reading it refuse (``tf.assign(a, ph)`` of a
``(2,)`` variable fed 3 values, ``a * ph``, ``scatter_update``) is TF1's ``tf.errors.InvalidArgumentError`` at run
time, naming the fed shape, not the graph-building ``ValueError``; nothing changes and the next good run works.
Expected: TF 2.21 ``tf.compat.v1`` raises ``InvalidArgumentError`` for each (probe63 c10.py, c37.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_ops_refusing_a_shapeless_feed_raise_invalid_argument():
    tf.reset_default_graph()
    a = tf.Variable(np.float32([10, 20]), name="a")
    ph = tf.placeholder(tf.float32)
    operations = [tf.assign(a, ph), tf.assign_add(a, ph), tf.assign_sub(a, ph), a.assign(ph),
                  tf.scatter_update(a, [0], ph), a * ph]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for operation in operations:
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"fed shape \(3,\)"):
                session.run(operation, {ph: np.float32([1, 2, 3])})
        np.testing.assert_array_equal(session.run(a), np.float32([10, 20]))
        np.testing.assert_array_equal(session.run(tf.assign(a, ph), {ph: np.float32([1, 2])}), np.float32([1, 2]))


def test_shapeless_labels_fed_other_rows_than_the_batch_are_incompatible_shapes():
    """P63-4: TF 2.21 raises ``InvalidArgumentError: Incompatible shapes: [8,1] vs. [5,1]`` (probe63 c14.py); symopt
    called the slip a missing feature (``UnsupportedOperationError``) and advised declaring ``x`` with 5 rows."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, name="y")
    w = tf.Variable(np.float32([[0.1], [0.2], [0.3]]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes: y:0 was fed 5 rows where "
                                                                 "the run's batch has 8"):
            session.run(train, {x: np.ones((8, 3), np.float32), y: np.ones((5, 1), np.float32)})
        np.testing.assert_array_equal(session.run(w), np.float32([[0.1], [0.2], [0.3]]))


def test_a_clash_of_inner_dimensions_names_those_dimensions_not_the_rows():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    m = tf.placeholder(tf.float32, name="M")
    s = tf.placeholder(tf.float32, name="s")
    features = np.ones((8, 3), np.float32)
    with tf.Session() as session:
        # TF 2.21: InvalidArgumentError "Matrix size-incompatible: In[0]: [8,3], In[1]: [4,3]" (F42e-9)
        with pytest.raises(tf.errors.InvalidArgumentError, match="but are 3 and 4") as error:
            session.run(tf.matmul(x, m), {x: features, m: np.ones((4, 3))})
        assert "rows" not in str(error.value)
        # TF 2.21: InvalidArgumentError "Incompatible shapes: [8,3] vs. [4]"
        with pytest.raises(tf.errors.InvalidArgumentError, match="but are 3 and 4") as error:
            session.run(x * s, {x: features, s: np.ones(4)})
        assert "rows" not in str(error.value)


def test_a_rank_3_feed_is_a_typed_refusal_naming_the_placeholder():
    tf.reset_default_graph()
    y = tf.placeholder(tf.float32, name="y")
    with tf.Session() as session:  # TF 2.21 runs it: 8.0; symopt's tensors have rank 2 at most (F42e-9)
        with pytest.raises(UnsupportedOperationError, match=r"y:0 was fed a value of shape \(2, 2, 2\) \(rank 3\)"):
            session.run(tf.reduce_sum(y), {y: np.ones((2, 2, 2), np.float32)})

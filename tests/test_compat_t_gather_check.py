"""A gather's index check runs only in runs that compute the gather (probe S4: ``tf.one_hot(ids, V)`` beside
``tf.gather(E, ids)`` raised the gather's error for a ``-1`` padding id).  Values as TF 2.21 ``tf.compat.v1``
prints them for the same program."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_one_hot_of_the_gathered_ids_is_not_checked_but_the_gather_is():
    E = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3))
    ids = tf.placeholder(tf.int32, [None])
    rows = tf.gather(E, ids)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        one_hot = sess.run(tf.one_hot(ids, 4), {ids: [-1, 2]})
        assert one_hot.tolist() == [[0, 0, 0, 0], [0, 0, 1, 0]]  # TF 2.21 tf.compat.v1
        assert sess.run(rows, {ids: [3, 0]}).tolist() == [[9, 10, 11], [0, 1, 2]]
        with pytest.raises(InvalidArgumentError, match="indices\\[0\\] = -1 is not in \\[0, 4\\)"):
            sess.run(rows, {ids: [-1, 2]})
        with pytest.raises(InvalidArgumentError, match="is not in \\[0, 4\\)"):
            sess.run(tf.reduce_sum(rows * 2.0), {ids: [4]})

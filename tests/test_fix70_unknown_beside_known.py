"""P70-5: a ``[None]`` tensor beside one of a known length in ``tf.stack`` and ``tf.nn.in_top_k`` is that length,
as TF1's static shapes merge (symopt refused ``tf.stack`` with a made-up TF1 ``ValueError`` and ``in_top_k``
naming an internal ``Mul`` of ``one_hot``); fed another length: TF1's ``InvalidArgumentError`` at run time.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode) running probe70's ``p46_mismatch2.py``: ``stack4 = [[1.4, 0], [3.8,
1], [0.3, 2], [0.2, 0]]``, ``intopk4 = 0.75``, and ``InvalidArgumentError`` for 3 values fed; shapes that cannot
merge (``[4]`` and ``[3]``) are TF1's ``ValueError`` when built.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

X4 = np.array([[1, 2], [3, 4], [0.5, -1], [0, 1]], np.float32)


def logits_of_four_rows():
    X = tf.placeholder(tf.float32, [4, 2])
    W = tf.Variable(np.array([[1.0, 0.5, -0.5], [0.2, -0.3, 0.1]], np.float32))
    return X, tf.matmul(X, W)


def test_stack_of_a_none_vector_beside_a_known_one():
    X, logits = logits_of_four_rows()
    y = tf.placeholder(tf.float32, [None])
    stacked = tf.stack([logits[:, 0], y], 1)
    assert stacked.shape.as_list() == [4, 2]
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    np.testing.assert_allclose(session.run(stacked, {X: X4, y: [0.0, 1.0, 2.0, 0.0]}),
                               [[1.4, 0], [3.8, 1], [0.3, 2], [0.2, 0]], rtol=1e-6)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\[3\]"):
        session.run(stacked, {X: X4, y: [0.0, 1.0, 2.0]})


def test_stack_of_lengths_that_cannot_merge_is_tf1s_value_error():
    with pytest.raises(ValueError, match="Shapes must be equal for 'stack'"):
        tf.stack([tf.zeros([4]), tf.zeros([3])])


def test_in_top_k_of_none_targets_beside_known_rows():
    X, logits = logits_of_four_rows()
    y = tf.placeholder(tf.int32, [None])
    accuracy = tf.reduce_mean(tf.cast(tf.nn.in_top_k(logits, y, 2), tf.float32))
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    assert session.run(accuracy, {X: X4, y: [0, 1, 2, 0]}) == pytest.approx(0.75)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\[3\]"):
        session.run(accuracy, {X: X4, y: [0, 1, 2]})

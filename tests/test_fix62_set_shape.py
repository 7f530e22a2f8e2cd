"""P62-6, F42e-5: ``Tensor.set_shape`` refining a ``None`` (batch) dimension (``[None, 2]`` to ``[5, 2]``) runs as
TF1 runs it, and a feed of another size is refused with TF1's ``ValueError`` (symopt keeps the static shape
``(?, 2)``, where TF 2.21 gives ``[5, 2]``); a placeholder without a shape takes the shape, and shapes that
disagree give TF1's ``ValueError`` texts.  Expected values: TF 2.21 ``tf.compat.v1`` (probe62 p33_set_shape.py,
final42e p6.py, p7.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def refined():
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 2], name="z")
    total = tf.reduce_sum(z * 2.0)
    z.set_shape([5, 2])
    y = tf.matmul(z, tf.ones([2, 2])) * 2.0
    y.set_shape([5, 2])  # TF 2.21: accepted for a computed tensor too
    return z, total


def test_refining_a_batch_dimension_runs():
    z, total = refined()
    with tf.Session() as session:
        assert session.run(total, {z: np.ones((5, 2))}) == np.float32(20.0)  # TF 2.21: 20.0


def test_a_feed_is_checked_against_the_refined_shape():
    z, total = refined()
    with tf.Session() as session:
        # TF 2.21: ValueError "Cannot feed value of shape (4, 2) for Tensor z:0, which has shape (5, 2)"
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(4, 2\) for Tensor z:0, which has "
                                             r"shape \(5, 2\)"):
            session.run(total, {z: np.ones((4, 2))})


def test_rank_mismatch_is_tf1s_text():
    tf.reset_default_graph()
    c = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(ValueError, match=r"^Shapes must be equal rank, but are 2 and 1$"):  # TF 2.21's text
        c.set_shape([2])


def test_shapeless_placeholder_takes_the_shape_and_incompatible_shapes_are_refused():
    tf.reset_default_graph()
    y = tf.placeholder(tf.float32, name="y")
    y.set_shape([4])
    assert y.shape.as_list() == [4]  # TF 2.21: [4]
    z = tf.placeholder(tf.float32, [None, 2], name="z")
    # TF 2.21: ValueError "Dimension 1 in both shapes must be equal, but are 2 and 5. Shapes are [?,2] and [3,5]."
    with pytest.raises(ValueError, match=r"Dimension 1 in both shapes must be equal, but are 2 and 5\. "
                                         r"Shapes are \[\?,2\] and \[3,5\]\."):
        z.set_shape([3, 5])
    with tf.Session() as session:
        np.testing.assert_array_equal(session.run(y * 2.0, {y: np.ones(4)}), np.full(4, 2.0, np.float32))

"""P62-6: ``Tensor.set_shape`` never drops a refinement silently.  A tensor built with a ``None`` (batch) dimension
cannot be refined (``[None, 2]`` to ``[3, 2]``, which TF 2.21 keeps: ``[3, 2]``, and then refuses a 5-row feed):
that is an ``UnsupportedOperationError``; a placeholder without a shape takes the shape, and shapes that disagree
give TF1's ``ValueError`` text.  Expected values: TF 2.21 ``tf.compat.v1`` (probe62 p33_set_shape.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_refining_a_batch_dimension_raises_and_changes_nothing():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with pytest.raises(UnsupportedOperationError, match=r"x.set_shape\(\[3, 2\]\).*tf.placeholder\(tf.float32, \[3, 2\]\)"):
        x.set_shape([3, 2])
    assert x.shape.as_list() == [None, 2]
    x.set_shape([None, 2])  # nothing new: accepted, as TF1
    assert x.shape.as_list() == [None, 2]


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

"""A shapeless feed whose shape clashes with the tensor it meets: TF1's "Incompatible shapes" with the op's operands
in order, written as TF1 writes shapes (final42g F42g-8).

Expected messages: TF 2.21 ``tf.compat.v1`` (graph mode), the same programs.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def _incompatible(build, feeds):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32)
        y = tf.placeholder(tf.float32, [None] * feeds[1].ndim)
        with tf.Session() as session, pytest.raises(tf.errors.InvalidArgumentError) as error:
            session.run(build(x, y), {x: feeds[0], y: feeds[1]})
    return str(error.value)


@pytest.mark.parametrize("build, feeds, expected", [
    (lambda x, y: tf.reduce_sum(x, 1) - y, (np.ones((5, 3)), np.ones(4)), "Incompatible shapes: [5] vs. [4]"),
    (lambda x, y: x - y, (np.ones(3), np.ones(4)), "Incompatible shapes: [3] vs. [4]"),
    (lambda x, y: y - x, (np.ones(3), np.ones(4)), "Incompatible shapes: [4] vs. [3]"),
    (lambda x, y: x * y, (np.ones((4, 3)), np.ones((5, 3))), "Incompatible shapes: [4,3] vs. [5,3]"),
    # review F43b-5: the other operand's whole shape, not the axis the feed meets (TF 2.21, review shapes.py)
    (lambda x, y: x - y, (np.ones((4, 3)), np.ones(4)), "Incompatible shapes: [4,3] vs. [4]"),
])
def test_incompatible_shapes_are_named_in_the_ops_order(build, feeds, expected):
    """TF 2.21's words at the op (Sub, Mul: its operands in order; Grappler may reorder a commutative Add's)."""
    assert _incompatible(build, feeds).startswith(expected + " (")

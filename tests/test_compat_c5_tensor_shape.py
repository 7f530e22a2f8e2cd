"""``TensorShape.merge_with``, ``concatenate``, ``with_rank`` and equality with a list, as TF 2.21's ``compat.v1``
(g-probe G11: builtin AttributeErrors, and ``x.get_shape() == [None, 8]`` was False)."""

import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_shape_methods_as_tf1():
    x = tf.placeholder(tf.float32, [None, 8])
    u = tf.placeholder(tf.float32)
    # TF 2.21 tf.compat.v1, value by value
    assert x.get_shape().merge_with(tf.TensorShape([5, 8])).as_list() == [5, 8]
    assert u.get_shape().merge_with([5, 7]).as_list() == [5, 7]
    with pytest.raises(ValueError, match=r"Shapes \(\?, 8\) and \(5, 7\) are not compatible"):
        x.get_shape().merge_with([5, 7])
    assert x.get_shape().concatenate([3]).as_list() == [None, 8, 3]
    assert str(u.get_shape().concatenate([3])) == "<unknown>"
    assert x.get_shape() == [None, 8] and not x.get_shape() != [None, 8] and not x.get_shape() == [5, 8]
    assert x.shape.with_rank(2).as_list() == [None, 8] and u.shape.with_rank(2).as_list() == [None, None]
    with pytest.raises(ValueError, match=r"Shape \(\?, 8\) must have rank 3"):
        x.shape.with_rank(3)
    assert len({x.shape, tf.TensorShape([None, 8])}) == 1  # still hashable, as a tuple

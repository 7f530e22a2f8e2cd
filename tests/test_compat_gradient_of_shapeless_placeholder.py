"""``tf.gradients`` with respect to a placeholder made without a shape (the lecture / CS20SI style) is built when
the session feeds it, as TF1 (probe13 W3: it was refused with "expected tensors of known shape (variables,
placeholders ...)"), and is ``None`` where the placeholder is not connected.  Goldens from TF 2.21 tf.compat.v1
with ``tf.disable_v2_behavior()``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_gradient_with_respect_to_a_shapeless_placeholder():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32)
    w = tf.Variable(2.0)
    g = tf.gradients(x ** 2 * w, [w, x])
    assert (g[0].shape, g[1].shape.ndims) == ((), None)  # TF1: () and <unknown>
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    assert session.run(g, {x: 3.0}) == [9.0, 12.0]
    scalar_w, vector_x = session.run(g, {x: [1.0, 2.0]})
    assert scalar_w == 5.0
    np.testing.assert_array_equal(vector_x, [4.0, 8.0])
    assert tf.gradients(w * 2.0, [w, tf.placeholder(tf.float32)])[1] is None
    z = tf.placeholder(tf.float32)
    np.testing.assert_array_equal(session.run(tf.gradients(tf.reduce_sum(tf.square(z)), z)[0],
                                              {z: [[1.0, 2.0], [3.0, 4.0]]}), [[2.0, 4.0], [6.0, 8.0]])


def test_a_tensor_computed_from_a_shapeless_placeholder_names_the_fix():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32)
    h = x * 2.0
    with pytest.raises(UnsupportedOperationError, match=r"give that placeholder a shape, e.g. tf.placeholder"):
        tf.gradients(h * h, h)

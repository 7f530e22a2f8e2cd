"""A loss read through a placeholder without a shape: a variable reached only through edges that carry no gradient
(``tf.stop_gradient``, ``tf.round``, a cast to an integer, a comparison) has TF1's ``None`` gradient, and
``minimize`` trains the others (probe77 P77-2: it gave zeros, and minimize raised "does not depend on ...").

Expected values: TensorFlow 2.21 ``tf.compat.v1`` (graph mode) on the same programs (CS20SI's scalar placeholders,
Adam(0.1), two steps: ``w`` unchanged 0.5, ``b`` 0.2998741).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf

BLOCKS = {
    "stop_gradient": tf.stop_gradient,
    "round": tf.round,
    "cast to int": lambda w: tf.cast(tf.cast(w, tf.int32), tf.float32),
    "comparison": lambda w: tf.cast(w > 0.0, tf.float32),
}


@pytest.mark.parametrize("block", list(BLOCKS))
def test_gradient_through_a_blocking_edge_is_none(block):
    tf.reset_default_graph()
    x, y = tf.placeholder(tf.float32, name="X"), tf.placeholder(tf.float32, name="Y")
    w, b = tf.Variable(0.5), tf.Variable(0.1)
    loss = tf.square(y - (BLOCKS[block](w) * x + b))
    assert [g is None for g in tf.gradients(loss, [w, b])] == [True, False]
    assert [g is None for g, _ in tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss, [w, b])] == \
        [True, False]


def test_minimize_trains_the_other_variables():
    tf.reset_default_graph()
    x, y = tf.placeholder(tf.float32, name="X"), tf.placeholder(tf.float32, name="Y")
    w, b = tf.Variable(0.5), tf.Variable(0.1)
    train = tf.train.AdamOptimizer(0.1).minimize(tf.square(y - (tf.stop_gradient(w) * x + b)))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for x_value, y_value in [(1.0, 2.0), (2.0, 3.0)]:
            session.run(train, {x: x_value, y: y_value})
        assert session.run([w, b]) == [np.float32(0.5), np.float32(0.2998741)]

"""A ``[None]`` placeholder times a vector of known length (v-probe V4): TF1's static broadcasting makes the unknown
length the known one (shape ``(2,)``); fed a value of that length, or of length 1, it computes and trains as TF1.
Expected numbers: TF 2.21 tf.compat.v1 (graph mode)."""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_unknown_length_times_known_vector():
    x = tf.placeholder(tf.float32, [None], name="x")
    v = tf.Variable([1.0, 2.0])
    product = x * v
    out = tf.reduce_sum(product)
    assert str(product) == 'Tensor("mul:0", shape=(2,), dtype=float32)'  # TF 2.21 tf.compat.v1
    loss = tf.square(out - 20.0)
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    (gradient,) = tf.gradients(loss, v)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(out, {x: [3, 4]}) == 11.0
        assert sess.run(out, {x: [3]}) == 9.0  # length 1 broadcasts
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"Incompatible shapes: \[3\] vs. \[2\]"):
            sess.run(out, {x: [3, 4, 5]})
        assert sess.run(gradient, {x: [3, 4]}).tolist() == [-54.0, -72.0]
        for _ in range(3):
            sess.run(train, {x: [3, 4]})
        assert sess.run(v).tolist() == pytest.approx([1.9449999, 3.26], rel=1e-6)  # TF 2.21 tf.compat.v1
        assert sess.run(x * 2.0, {x: [1, 2, 3]}).tolist() == [2.0, 4.0, 6.0]  # elsewhere any length


def test_two_unknown_lengths_meeting_a_known_one_are_refused():
    x = tf.placeholder(tf.float32, [None])
    z = tf.placeholder(tf.float32, [None])
    with pytest.raises(UnsupportedOperationError, match=r"tf.placeholder\(tf.float32, \[2\]\)"):
        (x + z) * tf.constant([1.0, 2.0])


def test_gradient_with_respect_to_the_resized_placeholder_is_refused():
    x = tf.placeholder(tf.float32, [None], name="x")
    out = tf.reduce_sum(x * tf.Variable([1.0, 2.0]))
    with pytest.raises(UnsupportedOperationError, match=r"with respect to x:0.*tf.placeholder\(tf.float32, \[2\]\)"):
        tf.gradients(out, x)  # TF1: [1.0, 2.0]; never a silent zero

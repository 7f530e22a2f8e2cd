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


def test_a_tensor_mixing_the_entries_refuses_a_broadcast_value_before_any_state_changes():
    """``(x - sum(x)) * c`` fed one value: TF1 computes ``x - sum(x) = [0]`` and broadcasts it ([0, 0]); computed at
    the known length from ``[3, 3]`` it would be [-3, -6] (stop 41's silent wrong number), so it is refused."""
    x = tf.placeholder(tf.float32, [None], name="x")
    c = tf.constant([1.0, 2.0])
    v = tf.Variable([1.0, 2.0])
    centred = (x - tf.reduce_sum(x)) * c
    loss = tf.reduce_sum(tf.square((x - tf.reduce_mean(x)) * v))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(centred, {x: [3, 4]}).tolist() == [-4.0, -6.0]  # TF 2.21 tf.compat.v1
        # TF 2.21 fed [3]: [9, 18], [1, 2] and [3, 6] for the last three, a step of the loss 0
        for fetch in (centred, train, x[0] * x * c, tf.nn.softmax(x) * c, x * tf.cast(tf.shape(x)[0], tf.float32) * c):
            with pytest.raises(UnsupportedOperationError, match=r"x:0 fed a value of shape \[1\] .*mixes its entries"):
                sess.run(fetch, {x: [3]})
        assert sess.run(v).tolist() == [1.0, 2.0]  # the refused step changed nothing
        sess.run(train, {x: [3, 4]})
        assert sess.run(v).tolist() == pytest.approx([0.95, 1.9], rel=1e-6)  # TF 2.21 tf.compat.v1


def test_entrywise_tensors_broadcast_a_value_of_length_one_as_tf1():
    """Computed entry by entry, broadcasting the fed value first is TF1's broadcasting of the result.
    Expected: TF 2.21 tf.compat.v1, fed [3] and [3, -4]."""
    x = tf.placeholder(tf.float32, [None])
    c = tf.constant([1.0, 2.0])
    expected = {
        "maximum": (tf.maximum(x, 0.3), [3.0, 6.0], [3.0, 0.6]),
        "clip": (tf.clip_by_value(x, 0.0, 1.0), [1.0, 2.0], [1.0, 0.0]),
        "where": (tf.where(x > 0, x, tf.zeros_like(x)), [3.0, 6.0], [3.0, 0.0]),
        "ratio": (x / (x + 1), [0.75, 1.5], [0.75, 2.6666667]),
        "equal": (tf.cast(tf.equal(x, 3.0), tf.float32), [1.0, 2.0], [1.0, 0.0]),
        "floor of a cast": (tf.cast(tf.cast(x, tf.int32), tf.float32) + tf.abs(x), [6.0, 12.0], [6.0, 0.0]),
    }
    with tf.Session() as sess:
        for name, (tensor, one, two) in expected.items():
            assert sess.run(tensor * c, {x: [3]}).tolist() == pytest.approx(one, rel=1e-6), name
            assert sess.run(tensor * c, {x: [3, -4]}).tolist() == pytest.approx(two, rel=1e-6), name

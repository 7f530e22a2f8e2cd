"""P62-1: a variable ``v`` and its read tensor ``v.value()`` (``v/read:0``) are one input in TF1 (ref variables):
every op reads ``v`` through ``v/read``, so feeding either changes what both give; ``read_value()`` reads the ref
itself and ignores a feed of ``v/read:0``.  Expected values: TF 2.21 ``tf.compat.v1`` in graph mode with
``tf.disable_resource_variables()`` (probe62 p18_feed_read.py, p53.py, p54.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture()
def model():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2], name="x")
    v = tf.Variable([1.0, 2.0], name="v")
    loss = tf.reduce_sum(tf.square(x * v.value() - 1.0))
    fetches = [x * v, x * v.value(), x * v.read_value(), x * tf.identity(v), loss, tf.gradients(loss, v)[0]]
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    return session, x, v, fetches


def check(values, expected):
    for value, want in zip(values, expected):
        np.testing.assert_array_equal(value, np.float32(want))


def test_feeding_the_variable_feeds_its_read_tensor(model):
    session, x, v, fetches = model
    # TF 2.21: [7, 16], [7, 16], [7, 16], [7, 16], 261.0, [12, 60]
    check(session.run(fetches, {x: [1.0, 2.0], v: [7.0, 8.0]}), [[7, 16], [7, 16], [7, 16], [7, 16], 261.0, [12, 60]])
    check([session.run(fetches[1], {x: [1.0, 2.0], "v:0": [7.0, 8.0]})], [[7, 16]])


def test_feeding_the_read_tensor_feeds_every_reader_but_read_value(model):
    session, x, v, fetches = model
    # TF 2.21: [7, 16], [7, 16], [1, 4] (read_value reads the ref), [7, 16], 261.0, [12, 60]
    check(session.run(fetches, {x: [1.0, 2.0], v.value(): [7.0, 8.0]}),
          [[7, 16], [7, 16], [1, 4], [7, 16], 261.0, [12, 60]])
    check([session.run(fetches[0], {x: [1.0, 2.0], "v/read:0": [7.0, 8.0]})], [[7, 16]])


def test_gradient_of_a_loss_read_through_value_is_connected():
    tf.reset_default_graph()
    x = tf.constant([1.0, 2.0])
    w = tf.Variable([0.5, -0.5], name="W")
    loss = tf.reduce_sum(tf.square(x * w.value() - 1.0))
    (gradient,) = tf.gradients(loss, w)
    (by_read,) = tf.gradients(tf.reduce_sum(x * w), w.value())
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        # TF 2.21: [-1, -8] and [1, 2]
        check(session.run([gradient, by_read]), [[-1.0, -8.0], [1.0, 2.0]])


def test_feeding_the_read_tensor_of_an_updated_variable_is_refused_before_anything_runs(model):
    session, x, v, _ = model
    step = tf.assign_add(v, [1.0, 1.0])
    with pytest.raises(UnsupportedOperationError, match="v/read:0"):
        session.run(step, {v.value(): [7.0, 8.0]})
    check([session.run(v)], [[1.0, 2.0]])

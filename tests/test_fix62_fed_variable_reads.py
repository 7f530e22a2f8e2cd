"""P62-1, F42e-1/2/3/13: TF1 (ref variables) reads a variable ``v`` through ``v/read`` in every op built from it,
so feeding ``v`` or ``v.value()`` (``v/read:0``) changes what they give, gradients included; ``read_value()``,
a fetch of ``v`` and the assignments to ``v`` take the ref and ignore a feed of ``v/read:0``.  Expected values:
TF 2.21 ``tf.compat.v1`` in graph mode with ``tf.disable_resource_variables()`` (probe62 p18_feed_read.py,
p53.py, p54.py; final42e p2.py, p3.py, p22.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


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


def test_fed_read_tensor_leaves_a_fetched_variable_its_stored_value(model):
    session, x, v, fetches = model
    # TF 2.21: v [1, 2] (the ref), by names too (F42e-1)
    check([session.run(v, {v.value(): [7.0, 8.0]})], [[1, 2]])
    check([session.run("v:0", {"v/read:0": [7.0, 8.0]})], [[1, 2]])


def run_update(variable, update, feed):
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(update, feed)
        return session.run(variable)


def test_updates_in_a_run_that_feeds_the_read_tensor_read_it_through_ops():
    tf.reset_default_graph()
    v = tf.Variable([1.0, 2.0], name="v")
    read, fed = v.value(), np.float32([10.0, 20.0])
    updates = [tf.assign(v, v * 2.0), tf.assign_add(v, v * 0.5), v.assign(read + 1.0),
               tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.square(v)))]
    # TF 2.21: v after each run: [20, 40], [6, 12], [11, 21], [-1, -2] (the step of the fed value applied to the
    # stored one)
    for update, want in zip(updates, [[20, 40], [6, 12], [11, 21], [-1, -2]]):
        check([run_update(v, update, {read: fed})], [want])


def test_plain_updates_in_a_run_that_feeds_the_read_tensor_take_the_ref():
    tf.reset_default_graph()
    v = tf.Variable([1.0, 2.0], name="v")
    w = tf.Variable([[1.0, 0.0], [0.0, 1.0]], name="w")
    # TF 2.21 (F42e-2): [2, 3]
    check([run_update(v, tf.assign_add(v, [1.0, 1.0]), {v.value(): np.float32([10.0, 20.0])})], [[2, 3]])
    scatter = tf.scatter_update(w, [0], [[5.0, 5.0]])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(scatter, {w.value(): np.zeros((2, 2), np.float32)})
        check([session.run(w)], [[[5, 5], [0, 1]]])  # TF 2.21


def test_gradient_in_a_run_that_feeds_the_read_tensor_is_taken_at_the_fed_value():
    tf.reset_default_graph()
    v = tf.Variable([1.0, 2.0], name="v")
    loss = tf.reduce_sum(tf.square(v))
    (gradient,) = tf.gradients(loss, v)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        # TF 2.21 (F42e-3): [20, 40] and 500 with v/read:0 fed [10, 20]
        check(session.run([gradient, loss], {"v/read:0": [10.0, 20.0]}), [[20, 40], 500])


def test_gradient_of_read_value_is_not_one_of_the_read_tensor():
    tf.reset_default_graph()
    v = tf.Variable([1.0, 2.0], name="v")
    gradients = tf.gradients(tf.reduce_sum(tf.square(v.read_value())), [v, v.value()])
    assert gradients[1] is None  # TF 2.21: [[2, 4], None] (read_value() reads the ref, not v/read: F42e-13)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        check([session.run(gradients[0])], [[2, 4]])


def test_initializers_run_in_a_run_that_feeds_the_read_tensor():
    """review final42g F42g-10: an initializer run with ``v/read:0`` fed raised AttributeError (a stand-in where the
    variable was needed). TF 2.21 tf.compat.v1 (ref variables): v = [1, 2], u = [2, 4]."""
    tf.reset_default_graph()
    v = tf.Variable([1.0, 2.0], name="v")
    u = tf.Variable(v * 2.0, name="u")
    assert v.value().name == "v/read:0"
    fed = {"v/read:0": [10.0, 20.0]}
    with tf.Session() as sess:
        sess.run(v.initializer, fed)
        assert sess.run(v).tolist() == [1.0, 2.0]
        sess.run(tf.global_variables_initializer(), fed)
        assert sess.run(u).tolist() == [2.0, 4.0] and sess.run(v).tolist() == [1.0, 2.0]

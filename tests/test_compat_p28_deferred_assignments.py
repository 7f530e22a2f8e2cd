"""An assignment of a value read from a placeholder without a shape is a tensor too, as TF1's (probe28 P28-6).

``total.assign_add(tf.reduce_sum(a))`` of a shape-less ``a`` was a plain ``Operation``: the book idiom
``update_total / steps`` was a bare ``TypeError``, ``tf.identity(upd)`` and ``tf.summary.scalar`` a bare
``AttributeError``, ``tf.div(upd, 2.)`` a ``DTypeMismatchError`` about strings.  Now it is deferred like the ops on
that placeholder and, like a shaped one, runs the assignment first wherever it is read.

Every expected value below was printed by TensorFlow 2.21's ``tf.compat.v1`` (graph mode, ``disable_v2_behavior``)
running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_an_assign_add_of_a_shapeless_value_is_a_tensor_that_runs_it():
    a = tf.placeholder(tf.float32)
    total = tf.Variable(0.0)
    upd = total.assign_add(tf.reduce_sum(a))
    assert str(upd) == 'Tensor("AssignAdd:0", shape=(), dtype=float32_ref)'  # TF 2.21
    assert str(tf.assign(total, total + tf.reduce_sum(a))) == 'Tensor("Assign:0", shape=(), dtype=float32_ref)'
    avg, ident, quotient = upd / 2., tf.identity(upd), tf.div(upd, 2.)
    difference = tf.assign_sub(total, tf.reduce_sum(a)) * 1.
    tf.summary.scalar("total", upd)
    feed = {a: [1., 2.]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run(t, feed) for t in [upd, avg, ident, quotient, difference, upd + 0.]]
        assert values == [3.0, 3.0, 9.0, 6.0, 9.0, 12.0]  # TF 2.21: each run runs the assignment once
        assert sess.run(total) == 12.0


def test_assign_and_scatter_update_of_a_shapeless_value():
    a = tf.placeholder(tf.float32)
    vv = tf.Variable([0., 0.])
    doubled = vv.assign(a) * 2.
    scattered = tf.scatter_update(vv, [0], tf.reshape(tf.reduce_sum(a), [1])) * 1.
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(doubled, {a: [1., 2.]}).tolist() == [2., 4.]  # TF 2.21
        assert sess.run(scattered, {a: [1., 2.]}).tolist() == [3., 2.]
        assert np.asarray(sess.run(vv)).dtype == np.float32


def test_a_deferred_assignment_has_its_op_and_eval_as_tf1():
    """final34 F34-5: the deferred assignment lacked the Assignment's op handle and eval: upd.op.name was
    'AssignAdd:0', sess.run(upd.op) fetched the value, upd.eval() was a bare AttributeError (TF 2.21: 'AssignAdd',
    None, the new value)."""
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    a = tf.placeholder(tf.float32)
    total = tf.Variable(0.0)
    upd = total.assign_add(tf.reduce_sum(a))
    feed = {a: [1.0, 2.0]}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert (upd.name, upd.op.name, upd.op.type) == ("AssignAdd:0", "AssignAdd", "AssignAdd")
        assert session.run(upd.op, feed) is None
        assert upd.eval(feed_dict=feed, session=session) == 6.0

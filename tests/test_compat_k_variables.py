"""Variables fetched in the same ``sess.run`` as their update read the value after the run's updates, as TF1's ref
variables do (probe K1): ``sess.run([train, w, global_step])``, ``sess.run([inc, gs])``, ``sess.run([w.assign(5.0),
w])``.  Tensors computed from a variable (``w * 1.0``, ``w[0]``, ``tf.transpose(W)``) are read before the updates;
views of its storage (``tf.identity``, ``reshape``, ``stop_gradient``, a same-dtype cast, a slice of all of it)
after.  Every expected
value comes from TF 2.21's tf.compat.v1 (graph mode, ``disable_v2_behavior``) running the same program."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_fetched_variables_and_global_step_read_after_the_training_step():
    w = tf.Variable(1.0)
    c = tf.square(w)
    gs = tf.Variable(0, trainable=False)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(c, global_step=gs)
    gs2 = tf.train.get_or_create_global_step()
    inc = tf.assign_add(gs2, 1)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    # TF 2.21's tf.compat.v1 prints each of these lines for the same program
    assert sess.run([train, w, gs, c]) == [None, np.float32(0.8), 1, np.float32(1.0)]
    assert sess.run([inc, gs2]) == [1, 1]
    assert sess.run([gs2, inc]) == [2, 2]
    assert sess.run([w.assign(5.0), w]) == [5.0, 5.0]
    assert sess.run({"w": w, "t": train, "c": c}) == {"w": np.float32(4.0), "t": None, "c": np.float32(25.0)}
    assert sess.run((w, train)) == (np.float32(3.2), None)
    assert sess.run([train, w.value()]) == [None, np.float32(2.56)]
    assert sess.run([train, w.read_value()]) == [None, np.float32(2.0479999)]
    assert sess.run([train, tf.identity(w)]) == [None, np.float32(1.6383998)]
    assert sess.run([train, w * 1.0]) == [None, np.float32(1.6383998)]  # computed: before the step
    assert sess.run([train, w]) == [None, np.float32(1.0485759)]
    assert sess.run([train, [w, [gs]]]) == [None, [np.float32(0.8388607), [9]]]


def test_adam_step_and_grouped_assignments():
    x = tf.placeholder(tf.float32, [2])
    v = tf.Variable([1.0, 2.0])
    loss = tf.reduce_sum(tf.square(v * x))
    opt = tf.train.AdamOptimizer(0.1).minimize(loss)
    step, m = tf.Variable(0, trainable=False), tf.Variable(2.0)
    up = tf.group(tf.assign_add(step, 1), tf.assign(m, m * 3.0))
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    _, value, cost = sess.run([opt, v, loss], {x: [1.0, 3.0]})
    np.testing.assert_array_equal(value, np.float32([0.90000004, 1.9]))  # TF 2.21
    assert cost == np.float32(37.0)
    value, _ = sess.run([v, opt], {x: [1.0, 3.0]})
    np.testing.assert_array_equal(value, np.float32([0.8004126, 1.8001668]))  # TF 2.21
    assert sess.run([up, step, m]) == [None, 1, np.float32(6.0)]
    assert sess.run([step, m]) == [1, np.float32(6.0)]
    assert sess.run([m.assign_add(1.0), m, m + 0.0]) == [7.0, 7.0, 6.0]  # m + 0.0 is computed before (TF 2.21)


def test_views_read_after_and_computed_parts_before():
    v = tf.Variable([1.0, 2.0, 4.0])
    W = tf.Variable([[1.0, 2.0], [4.0, 8.0]])
    loss = tf.reduce_sum(tf.square(v)) + tf.reduce_sum(tf.square(W))
    train = tf.train.GradientDescentOptimizer(0.25).minimize(loss)  # halves every entry
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    # TF 2.21: "post" reads the value after the step, "pre" the value before it
    cases = [(v[0], "pre"), (v[1:], "pre"), (W[0], "pre"), (W[:, 1], "pre"), (W[0, 1], "pre"),
             (tf.transpose(W), "pre"), (v * 1.0, "pre"), (tf.reshape(v, [1, 3]), "post"),
             (tf.reshape(W, [4]), "post"), (tf.stop_gradient(W), "post"), (tf.cast(W, tf.float32), "post"),
             (tf.identity(v), "post"), (W.initialized_value(), "post"), (v, "post"), (v[:], "post"),
             (W[:], "post"), (tf.slice(W, [0, 0], [2, 2]), "post"), (v[0:3], "post")]
    for tensor, when in cases:
        before = sess.run(tensor)
        got = sess.run([train, tensor])[1]
        after = sess.run(tensor)
        np.testing.assert_array_equal(got, before if when == "pre" else after)
        assert not np.array_equal(before, after)


def test_without_an_operation_nothing_changes_and_a_fed_variable_reads_the_feed():
    w = tf.Variable(3.0)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(tf.square(w))
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    assert sess.run([w, tf.identity(w)]) == [3.0, 3.0]
    assert sess.run(w, {w: 7.0}) == 7.0
    assert sess.run(w) == 3.0

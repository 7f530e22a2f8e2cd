"""P62-4: a fed tensor cuts the graph above it, as TF1 prunes it: the assignment behind a fed
``placeholder_with_default``, a fed tensor's control inputs (an ``assign_add`` counter, an assertion) and the
placeholders only they read do not run.  Expected values: TF 2.21 ``tf.compat.v1`` in graph mode with
``tf.disable_resource_variables()`` (probe62 p28_fed_assign.py, p40.py, p51.py)."""

import numpy as np

import symopt.compat.v1 as tf


def test_fed_placeholder_with_default_does_not_run_its_default():
    tf.reset_default_graph()
    count = tf.Variable(0.0, name="cnt")
    fed = tf.placeholder_with_default(tf.assign_add(count, 100.0), [], name="pd")
    z = fed + 1.0
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        # TF 2.21: 6.0 then cnt 0.0; unfed: 101.0 then cnt 100.0
        assert session.run(z, {fed: 5.0}) == np.float32(6.0)
        assert session.run(count) == np.float32(0.0)
        assert session.run(z) == np.float32(101.0)
        assert session.run(count) == np.float32(100.0)


def test_fed_tensor_control_inputs_do_not_run():
    tf.reset_default_graph()
    count = tf.Variable(0.0, name="cnt")
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.control_dependencies([tf.assign_add(count, 1.0)]):
        y = tf.identity(x * 2.0)
    z = y + 1.0
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        # TF 2.21: z 11.0, cnt 0.0; then unfed z 3.0, cnt 1.0
        assert session.run(z, {x: 1.0, y: 10.0}) == np.float32(11.0)
        assert session.run(count) == np.float32(0.0)
        assert session.run(y, {y: 4.0}) == np.float32(4.0)
        assert session.run(count) == np.float32(0.0)
        assert session.run(z, {x: 1.0}) == np.float32(3.0)
        assert session.run(count) == np.float32(1.0)


def test_fed_tensor_assertion_and_its_placeholder_are_not_needed():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None], name="x")
    with tf.control_dependencies([tf.assert_positive(x)]):
        y = tf.identity(x)
    z = y * 2.0
    with tf.Session() as session:
        # TF 2.21: [6.] for both
        np.testing.assert_array_equal(session.run(z, {x: [-1.0], y: [3.0]}), np.float32([6.0]))
        np.testing.assert_array_equal(session.run(z, {y: [3.0]}), np.float32([6.0]))


def test_control_edge_to_a_fed_tensor_still_runs_its_op():
    tf.reset_default_graph()
    v = tf.Variable(1.0, name="v")
    count = tf.Variable(0.0, name="c")
    fed = tf.identity(tf.assign_add(count, 10.0))
    with tf.control_dependencies([fed]):
        z = v * 1.0
    with tf.control_dependencies([fed.op]):
        z2 = v * 1.0
    for fetch in (z, z2):
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            session.run(fetch, {fed: 3.0})
            assert session.run(count) == np.float32(10.0)  # TF 2.21: 10.0 (F42e-8: only data edges are pruned)


def test_fetching_a_fed_tensors_op_runs_its_control_inputs():
    tf.reset_default_graph()
    v = tf.Variable(1.0, name="v")
    count = tf.Variable(0.0, name="c")
    with tf.control_dependencies([tf.assign_add(count, 1.0)]):
        t = v * 2.0
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(t.op, {t: 4.0})
        assert session.run(count) == np.float32(1.0)  # TF 2.21: 1.0 (F42e-8)

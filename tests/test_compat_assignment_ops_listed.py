"""An assignment's stand-in for its value is no op of the graph: ``get_operations`` lists ``Assign`` once, as TF1."""

import symopt.compat.v1 as tf


def test_an_assignment_read_by_arithmetic_is_listed_once():
    graph = tf.Graph()
    with graph.as_default():
        v = tf.Variable(1.0, name="v")
        update = tf.assign(v, 2.0)
        after = update + 1.0
        names = [op.name for op in graph.get_operations()]
        assert names.count("Assign") == 1, names
        assert names[:6] == ["v/initial_value", "v", "v/Assign", "v/read", "Assign/value", "Assign"], names
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            assert session.run(after) == 3.0  # the value after the assignment, which runs first
            assert session.run(v) == 2.0

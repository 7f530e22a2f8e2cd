"""``Graph.get_operations()`` lists the program's ops in creation order (cs20si lecture 2's lazy-loading demo: an
op built inside the training loop makes the graph grow), each op once; TF1 also lists each variable's
``initial_value``, ``Assign`` and ``read`` ops (``x/initial_value``, ``x``, ``x/Assign``, ``x/read``)."""

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_get_operations_shows_the_lazy_loading_graph_growing():
    x = tf.Variable(10, name="x")
    y = tf.Variable(20, name="y")
    tf.add(x, y)
    first, second = tf.split(tf.constant([1.0, 2.0]), 2)  # two outputs of one op: listed once
    assert [op.name for op in tf.get_default_graph().get_operations()] == ["x", "y", "Add", "Const", "split"]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(tf.add(x, y))  # the lecture's lazy loading: a new Add at every run
    names = [op.name for op in tf.get_default_graph().get_operations()]
    assert names[-4:] == ["init", "Add_1", "Add_2", "Add_3"]  # TF 2.21 tf.compat.v1 ends so too
    assert [op.type for op in tf.get_default_graph().get_operations()][2] == "Add"

"""A variable's ``v/Assign`` op as TF1's (probe13 W7, W4): its ``inputs`` are ``[v, v/initial_value]`` (Hands-On ML's
``restore_model_params`` reads ``inputs[1]`` and feeds it; it was an IndexError), running it by itself (by name too,
``sess.run("v/Assign")``) sets the variable to its initial value computed in the run, the fed one where
``v/initial_value:0`` is fed.  Goldens from TF 2.21 tf.compat.v1 with ``tf.disable_v2_behavior()``."""

import numpy as np

import symopt.compat.v1 as tf


def test_restore_model_params_idiom_and_running_v_assign_by_name():
    tf.reset_default_graph()
    W = tf.Variable(np.float32([[1.0, 2.0]]), name="W")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(W * W))
    graph = tf.get_default_graph()
    assign = graph.get_operation_by_name("W/Assign")
    assert [t.name for t in assign.inputs] == ["W:0", "W/initial_value:0"]
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(train)
    np.testing.assert_allclose(session.run(W), [[0.8, 1.6]])
    init_values = {"W": assign.inputs[1]}
    session.run({"W": assign}, feed_dict={init_values["W"]: np.float32([[3.0, 4.0]])})
    np.testing.assert_array_equal(session.run(W), [[3.0, 4.0]])
    session.run("W/Assign")
    np.testing.assert_array_equal(session.run(W), [[1.0, 2.0]])
    assert [op.name for op in graph.get_operations()][:4] == ["W/initial_value", "W", "W/Assign", "W/read"]

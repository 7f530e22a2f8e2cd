"""TF1's ``v/Assign`` op of a variable and of an optimizer slot (probe13 W4, W7): ``v.initializer`` is that one op
(``type`` ``Assign``, ``inputs`` ``[v, v/initial_value]``; it was a new ``NoOp`` ``v/Assign/rebuilt_N`` at each
access, with no inputs), and the slots' ``W/Adam/Assign`` / ``beta1_power/Assign`` have their ``inputs[1]``
(``W/Adam/Initializer/zeros:0``, ``beta1_power/initial_value:0``), so Hands-On ML's ``restore_model_params`` over
``tf.global_variables()`` restores an Adam-trained model (it raised ``IndexError``).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _adam_model():
    W = tf.Variable(np.float32([[1., 2.]]), name="W")
    optimizer = tf.train.AdamOptimizer(0.1)
    train = optimizer.minimize(tf.reduce_sum(W * W))
    return W, optimizer, train


def test_a_variables_initializer_is_its_one_assign_op():
    W, optimizer, _ = _adam_model()
    graph = tf.get_default_graph()
    init = W.initializer
    assert init is W.initializer and graph.get_operation_by_name("W/Assign") is init  # TF 2.21: True
    assert (init.name, init.type, [t.name for t in init.inputs]) == ("W/Assign", "Assign",
                                                                     ["W:0", "W/initial_value:0"])
    m = optimizer.get_slot(W, "m")
    assert (m.initializer.name, [t.name for t in m.initializer.inputs]) == \
        ("W/Adam/Assign", ["W/Adam:0", "W/Adam/Initializer/zeros:0"])  # TF 2.21 tf.compat.v1


def test_every_global_variables_assign_op_has_its_initial_value_input():
    _adam_model()
    graph = tf.get_default_graph()
    inputs = [[t.name for t in graph.get_operation_by_name(v.op.name + "/Assign").inputs] for v in
              tf.global_variables()]
    assert inputs == [["W:0", "W/initial_value:0"],  # TF 2.21 tf.compat.v1
                      ["beta1_power:0", "beta1_power/initial_value:0"],
                      ["beta2_power:0", "beta2_power/initial_value:0"],
                      ["W/Adam:0", "W/Adam/Initializer/zeros:0"],
                      ["W/Adam_1:0", "W/Adam_1/Initializer/zeros:0"]]


def test_slot_initial_values_are_named_as_tf1_names_them():
    W = tf.Variable(np.float32([1., 2.]), name="W")
    b = tf.Variable(0.5, name="b")
    optimizer = tf.train.RMSPropOptimizer(0.1, centered=True, momentum=0.5)
    optimizer.minimize(tf.reduce_sum(W * W) + b * b)
    tf.train.AdagradOptimizer(0.1).minimize(tf.reduce_sum(W * W))
    graph = tf.get_default_graph()
    names = [graph.get_operation_by_name(v.op.name + "/Assign").inputs[1].name for v in tf.global_variables()]
    assert names == ["W/initial_value:0", "b/initial_value:0",  # TF 2.21 tf.compat.v1
                     "W/RMSProp/Initializer/ones:0", "W/RMSProp_1/Initializer/zeros:0",
                     "W/RMSProp_2/Initializer/zeros:0", "b/RMSProp/Initializer/ones:0",
                     "b/RMSProp_1/Initializer/zeros:0", "b/RMSProp_2/Initializer/zeros:0",
                     "W/Adagrad/Initializer/Const:0"]


def test_hands_on_ml_restore_model_params_over_global_variables():
    """HOML 1st ed. ch. 11, ``get_model_params`` / ``restore_model_params`` as the book writes them."""
    W, _, train = _adam_model()
    graph = tf.get_default_graph()

    def get_model_params():
        gvars = tf.global_variables()
        return {gvar.op.name: value for gvar, value in zip(gvars, tf.get_default_session().run(gvars))}

    def restore_model_params(model_params):
        gvar_names = list(model_params.keys())
        assign_ops = {gvar_name: graph.get_operation_by_name(gvar_name + "/Assign") for gvar_name in gvar_names}
        init_values = {gvar_name: assign_op.inputs[1] for gvar_name, assign_op in assign_ops.items()}
        feed_dict = {init_values[gvar_name]: model_params[gvar_name] for gvar_name in gvar_names}
        tf.get_default_session().run(assign_ops, feed_dict=feed_dict)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        best = get_model_params()
        sess.run(train)
        sess.run(train)
        restore_model_params(best)
        restored = sess.run(tf.global_variables())
    # TF 2.21 tf.compat.v1: the values after the first step
    expected = [[[0.90000004, 1.9]], 0.80999994, 0.99800104, [[0.20000005, 0.4000001]], [[0.00399995, 0.01599979]]]
    for got, want in zip(restored, expected):
        np.testing.assert_allclose(got, np.float32(want), rtol=1e-6)


def test_assign_ops_set_fed_values_and_reset_without_a_feed():
    W, optimizer, train = _adam_model()
    graph = tf.get_default_graph()
    m = optimizer.get_slot(W, "m")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(W.initializer, {W.initial_value: [[3., 4.]]}) is None
        np.testing.assert_array_equal(sess.run(W), np.float32([[3., 4.]]))
        sess.run(m.initializer, {graph.get_tensor_by_name("W/Adam/Initializer/zeros:0"): [[0.5, -0.5]]})
        sess.run(graph.get_operation_by_name("beta1_power/Assign"),
                 {graph.get_tensor_by_name("beta1_power/initial_value:0"): 0.5})
        np.testing.assert_array_equal(sess.run(m), np.float32([[0.5, -0.5]]))
        sess.run(train)
        # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(W), np.float32([[2.965, 3.99125]]), rtol=1e-6)
        np.testing.assert_allclose(sess.run(m), np.float32([[1.0500002, 0.3500002]]), rtol=1e-6)
        assert np.isclose(sess.run(graph.get_tensor_by_name("beta1_power:0")), 0.45)
        sess.run(m.initializer)
        sess.run(W.initializer)
        np.testing.assert_array_equal(sess.run(m), np.float32([[0., 0.]]))
        np.testing.assert_array_equal(sess.run(W), np.float32([[1., 2.]]))


def test_a_slot_set_before_the_first_step_starts_from_that_value():
    W = tf.Variable(np.float32([1., 2.]), name="W")
    b = tf.Variable(0.5, name="b")
    optimizer = tf.train.AdagradOptimizer(0.1)
    train = optimizer.minimize(tf.reduce_sum(W * W) + b * b)
    graph = tf.get_default_graph()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(graph.get_operation_by_name("W/Adagrad/Assign"),
                 {graph.get_tensor_by_name("W/Adagrad/Initializer/Const:0"): [5., 6.]})
        accumulator = optimizer.get_slot(b, "accumulator")
        sess.run(accumulator.initializer, {accumulator.initial_value: 2.0})
        sess.run(train)
        values = sess.run(tf.global_variables())
    # TF 2.21 tf.compat.v1
    expected = [[0.93333334, 1.9147197], 0.44226497, [9., 22.], 3.0]
    for got, want in zip(values, expected):
        np.testing.assert_allclose(got, np.float32(want), rtol=1e-6)

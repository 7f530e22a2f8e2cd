"""P84-6: a random initializer's tensor of ``tf.get_variable`` is named after the variable's full name, not inside
the enclosing name scope a second time (HOML ch11 looks up ``hidden1/kernel/Initializer/random_uniform:0``).
Names from TF 2.21 (``tf.compat.v1``, disable_v2_behavior, tf_keras legacy layers) on the same programs."""

import symopt.compat.v1 as tf


def test_a_dense_layers_kernel_initializer_has_tensorflows_name():
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32, shape=(None, 2), name="X")
        tf.layers.dense(x, 3, name="hidden1")
        found = graph.get_tensor_by_name("hidden1/kernel/Initializer/random_uniform:0")
        assert found.name == "hidden1/kernel/Initializer/random_uniform:0"
        assert graph.get_operation_by_name("hidden1/kernel/Assign").inputs[1].name == found.name


def test_a_variable_in_a_variable_scope_has_its_initializer_under_its_own_name():
    graph = tf.Graph()
    with graph.as_default():
        with tf.variable_scope("outer"):
            with tf.name_scope("inner"):
                w = tf.get_variable("w", shape=[2, 2])
        assert w.initial_value.name == "outer/w/Initializer/random_uniform:0"  # TF 2.21's name too


def test_a_constant_initializers_value_has_tensorflows_name():
    graph = tf.Graph()
    with graph.as_default():
        tf.layers.dense(tf.placeholder(tf.float32, shape=(None, 2), name="X"), 3, name="hidden1")
        with tf.variable_scope("o2"):
            b = tf.get_variable("b", shape=[3], initializer=tf.zeros_initializer())
        assert b.initial_value.name == "o2/b/Initializer/zeros:0"  # TF 2.21's name
        bias_zeros = graph.get_tensor_by_name("hidden1/bias/Initializer/zeros:0")  # TF 2.21 finds it
        assert graph.get_operation_by_name("hidden1/bias/Assign").inputs[1].name == bias_zeros.name
        with tf.Session() as session:
            assert session.run(bias_zeros).tolist() == [0.0, 0.0, 0.0]

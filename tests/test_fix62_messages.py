"""Messages of probe62: P62-2 (a tensor name of an operation without outputs), P62-9 (a tf.metrics variable read
before tf.local_variables_initializer() ran).  Expected texts: TF 2.21 ``tf.compat.v1`` in graph mode
(probe62 p17.py, p46_local_msg.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def test_tensor_name_of_an_operation_without_outputs_says_it_exists():
    tf.reset_default_graph()
    v = tf.Variable([1.0, 2.0], name="v")
    y = v * 2.0
    tf.group(tf.assign_add(v, [0.0, 0.0]), name="grp")
    graph = tf.get_default_graph()
    # TF 2.21: "The name 'grp:0' refers to a Tensor which does not exist. The operation, 'grp', exists but only
    # has 0 outputs."; "... 'mul', exists but only has 1 outputs."; "... 'nope', does not exist in the graph."
    with pytest.raises(KeyError, match="The operation, 'grp', exists but only has 0 outputs"):
        graph.get_tensor_by_name("grp:0")
    with pytest.raises(KeyError, match="The operation, 'mul', exists but only has 1 outputs"):
        graph.get_tensor_by_name(y.op.name + ":1")
    with pytest.raises(KeyError, match="The operation, 'nope', does not exist in the graph"):
        graph.get_tensor_by_name("nope:0")
    with tf.Session() as session:
        with pytest.raises(ValueError, match="'grp', exists but only has 0 outputs"):
            session.run("grp:0")


def test_missing_output_of_a_multi_output_op_counts_its_outputs():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3, 2], name="x")
    tf.unstack(x, name="un")
    tf.split(x, 2, axis=1, name="sp")
    tf.nn.top_k(x, 1, name="tk")
    graph = tf.get_default_graph()
    # TF 2.21: "... The operation, 'un', exists but only has 3 outputs." ('sp' and 'tk': 2) (F42e-12)
    for name, outputs in [("un:3", 3), ("sp:2", 2), ("tk:2", 2)]:
        with pytest.raises(KeyError, match=f"The operation, '{name[:2]}', exists but only has {outputs} outputs"):
            graph.get_tensor_by_name(name)


def test_metric_variable_before_local_initializer_says_to_run_it():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(1.0)
    _, update = tf.metrics.mean(x * w)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        # TF 2.21: FailedPreconditionError "Attempting to use uninitialized value mean/..." (the fix: run
        # tf.local_variables_initializer(), which sets only the local variables)
        with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value mean/") as error:
            session.run(update, {x: [1.0]})
        assert "Run tf.local_variables_initializer()" in str(error.value)
        assert "would reset" not in str(error.value)
        session.run(tf.local_variables_initializer())
        assert session.run(update, {x: [3.0]}) == 3.0


def test_feeding_an_optimizer_slot_is_what_tf1_computes():
    tf.reset_default_graph()
    w = tf.Variable([1.0, 2.0], name="w")
    optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
    optimizer.minimize(tf.reduce_sum(tf.square(w)))
    slot = optimizer.get_slot(w, "momentum")
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        # TF 2.21 feeds it: [10, 10] for slot * 2 fed [5, 5] (a typed refusal here until fix43b: F42e-7)
        np.testing.assert_array_equal(session.run(slot * 2, {slot: [5.0, 5.0]}), [10.0, 10.0])

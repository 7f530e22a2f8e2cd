"""probe79 P79-1..P79-5: tf.contrib.layers.fully_connected's collections, tf.layers.dropout's training=0/1/np.bool_,
every tf.GraphKeys name, TensorShape's assertion methods, flatten of a rank-2 input as a new op.

Oracles: TF 2.21 ``tf.compat.v1`` (graph mode, tf_keras ``tf.layers``) printed values, copied here as literals;
TF 1.15's contrib ``layers.py`` source for the contrib collections (contrib is gone from TF 2)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import UnsupportedNameError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_fully_connected_fills_its_variable_and_output_collections():
    # TF 1.15 contrib fully_connected: _add_variable_to_collections(kernel/bias, variables_collections, ...),
    # model_variable -> MODEL_VARIABLES, collect_named_outputs(outputs_collections, ...)
    x = tf.placeholder(tf.float32, [None, 3])
    h = tf.contrib.layers.fully_connected(x, 4, scope="fc1", variables_collections=["my_vars"],
                                          outputs_collections="end_points")
    out = tf.contrib.layers.fully_connected(h, 2, scope="fc2", variables_collections={"weights": ["w_only"]})
    assert [v.name for v in tf.get_collection("my_vars")] == ["fc1/weights:0", "fc1/biases:0"]
    assert tf.get_collection("end_points") == [h]
    assert [v.name for v in tf.get_collection("w_only")] == ["fc2/weights:0"]
    assert [v.name for v in tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)] == [
        "fc1/weights:0", "fc1/biases:0", "fc2/weights:0", "fc2/biases:0"]
    assert out.name != h.name


@pytest.mark.parametrize("flag, dropped", [(1, True), (0, False), (np.True_, True), (np.False_, False)])
def test_dropout_takes_training_as_zero_one_or_numpy_bool(flag, dropped):
    # TF 2.21 (smart_cond: pred in {0, 1} -> bool(pred)): 1 and np.True_ drop, 0 and np.False_ are the identity
    x = tf.placeholder(tf.float32, [None, 200])
    y = tf.layers.dropout(x, rate=0.5, training=flag, seed=1)
    with tf.Session() as session:
        value = session.run(y, {x: np.ones((4, 200), np.float32)})
    assert bool((value == 0).any()) is dropped


def test_dropout_refuses_other_training_values_naming_them():
    x = tf.placeholder(tf.float32, [None, 2])
    with pytest.raises(TypeError, match="training must be .* given 2 of type int"):
        tf.layers.dropout(x, training=2)


def test_graph_keys_has_every_tf1_key_and_refuses_others_typed():
    # TF 2.21 tf.compat.v1.GraphKeys values
    expected = {"ACTIVATIONS": "activations", "ASSET_FILEPATHS": "asset_filepaths", "BIASES": "biases",
                "CONCATENATED_VARIABLES": "concatenated_variables", "COND_CONTEXT": "cond_context",
                "EVAL_STEP": "eval_step", "INIT_OP": "init_op", "LOCAL_INIT_OP": "local_init_op",
                "LOCAL_RESOURCES": "local_resources", "MODEL_VARIABLES": "model_variables",
                "QUEUE_RUNNERS": "queue_runners", "READY_FOR_LOCAL_INIT_OP": "ready_for_local_init_op",
                "READY_OP": "ready_op", "RESOURCES": "resources", "SAVEABLE_OBJECTS": "saveable_objects",
                "SAVERS": "savers", "SUMMARY_OP": "summary_op", "TABLE_INITIALIZERS": "table_initializer",
                "TRAINABLE_RESOURCE_VARIABLES": "trainable_resource_variables", "WEIGHTS": "weights",
                "WHILE_CONTEXT": "while_context", "GLOBAL_VARIABLES": "variables", "UPDATE_OPS": "update_ops"}
    assert {name: getattr(tf.GraphKeys, name) for name in expected} == expected
    w = tf.Variable(1.0)
    tf.add_to_collection(tf.GraphKeys.WEIGHTS, w)
    assert tf.get_collection(tf.GraphKeys.WEIGHTS) == [w]
    with pytest.raises(AttributeError, match="has no attribute 'NOT_A_KEY'"):  # TF 2.21's AttributeError (46a-5)
        tf.GraphKeys.NOT_A_KEY
    with pytest.raises(AttributeError, match="did you mean tf.GraphKeys.TRAINABLE_VARIABLES"):
        tf.GraphKeys.TRAINABLE_VARIABLE


def test_tensor_shape_assertions_as_tf1():
    # TF 2.21: the passing calls return None / the shape; the failing ones raise ValueError with these texts
    shape = tf.placeholder(tf.float32, [None, 3]).shape
    assert shape.assert_is_compatible_with(tf.TensorShape([5, 3])) is None
    assert shape.assert_has_rank(2) is None
    assert shape.with_rank_at_least(2) == (None, 3)
    assert shape[1:].assert_is_fully_defined() is None
    assert tf.TensorShape(None).with_rank_at_least(2).ndims is None
    for call, text in [(lambda: shape.assert_is_compatible_with(tf.TensorShape([2, 4])), "are incompatible"),
                       (lambda: shape.assert_has_rank(3), "must have rank 3"),
                       (lambda: shape.with_rank_at_least(3), "must have rank at least 3"),
                       (lambda: shape.assert_is_fully_defined(), "is not fully defined")]:
        with pytest.raises(ValueError, match=text):
            call()


def test_missing_methods_of_shape_saver_and_file_writer_are_typed(tmp_path):
    tf.Variable(1.0)
    for obj, attribute in [(tf.TensorShape([2]), "most_specific_compatible_shape"),
                           (tf.train.Saver(), "export_meta_graph"), (tf.train.Saver(), "recover_last_checkpoints"),
                           (tf.summary.FileWriter(str(tmp_path)), "reopen")]:
        with pytest.raises(UnsupportedNameError, match=attribute):
            getattr(obj, attribute)


def test_flatten_of_a_matrix_is_a_new_op_that_runs_its_control_dependencies():
    # TF 2.21: counter 1.0 after fetching flatten; names flatten/Reshape:0, flatten_1/Reshape:0, foo/Reshape:0
    x = tf.placeholder(tf.float32, [None, 3])
    counter = tf.Variable(0.0, trainable=False)
    with tf.control_dependencies([tf.assign_add(counter, 1.0)]):
        h = tf.layers.flatten(x)
    names = [tf.layers.flatten(x).name, tf.layers.flatten(x, name="foo").name]
    assert (h.name, *names) == ("flatten/Reshape:0", "flatten_1/Reshape:0", "foo/Reshape:0")
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(session.run(h, {x: np.ones((2, 3), np.float32)}), np.ones((2, 3)))
        assert session.run(counter) == 1.0

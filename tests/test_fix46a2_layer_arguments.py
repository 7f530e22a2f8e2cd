"""final46a 46a-4, 46a-8, 46a-10, 46a-13: tf.contrib.layers.flatten's ``scope=`` / ``outputs_collections=``,
tf.layers.dropout's ``training=None`` and its Identity op, TensorShape.with_rank_at_most and the incompatibility
message, tf.model_variables().

Oracles: TF 2.21 ``tf.compat.v1`` graph mode (/work/wt/final46a/drop.py, drop2.py, shape.py, fc.py: printed
values copied here); TF 1.15's contrib ``layers.py`` source for contrib's flatten (contrib is gone from TF 2:
``with ops.name_scope(scope, 'Flatten', [inputs]) as sc: outputs = core_layers.flatten(inputs);
return utils.collect_named_outputs(outputs_collections, sc, outputs)``)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_contrib_flatten_takes_its_scope_and_output_collections():
    x = tf.placeholder(tf.float32, [None, 3])
    assert tf.contrib.layers.flatten(x).name == "Flatten/flatten/Reshape:0"
    assert tf.contrib.layers.flatten(x, scope="s").name == "s/flatten/Reshape:0"
    out = tf.contrib.layers.flatten(x, outputs_collections="oc")
    assert tf.get_collection("oc") == [out]
    with pytest.raises(TypeError):
        tf.contrib.layers.flatten(x, name="n")  # contrib's flatten has no name= (TF 1.15: TypeError)


def test_dropout_training_none_is_not_training_and_a_new_identity_op():
    x = tf.placeholder(tf.float32, [None, 3])
    kept = tf.layers.dropout(x, 0.5, training=None)  # TF 2.21: the learning phase, 0 unless set: no dropout
    constant = tf.layers.dropout(x, 0.5, training=False)
    assert constant.name == "dropout_1/Identity:0"  # TF 2.21 (drop2.py: dropout/Identity:0 for the first)
    assert constant is not x
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(kept, {x: np.ones((4, 3))}), np.ones((4, 3)))


def test_with_rank_at_most_and_the_incompatibility_message():
    shape = tf.TensorShape([None, 3])
    assert shape.with_rank_at_most(3) is shape
    assert tf.TensorShape(None).with_rank_at_most(0).ndims is None
    with pytest.raises(ValueError, match=r"must have rank at most 1"):  # TF 2.21's words
        shape.with_rank_at_most(1)
    with pytest.raises(ValueError, match=r"and \[2, 4\] are incompatible"):  # TF 2.21: the other as given
        shape.assert_is_compatible_with([2, 4])


def test_model_variables_lists_the_contrib_layers_variables():
    x = tf.placeholder(tf.float32, [None, 3])
    tf.contrib.layers.fully_connected(x, 4, scope="fc")
    tf.Variable(1.0, name="not_a_model_variable")
    assert [v.name for v in tf.model_variables()] == ["fc/weights:0", "fc/biases:0"]  # TF 2.21 (fc.py)
    assert tf.model_variables("nothing") == []

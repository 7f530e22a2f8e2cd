"""final46a2 46a2-11: tf.GraphKeys has TF 2.21's 36 upper-case names (its private _VARIABLE_COLLECTIONS,
_SUMMARY_COLLECTION, _STREAMING_MODEL_PORTS too, values from TF 2.21), and a key spelt in the wrong case is
answered with the key itself."""
import pytest

import symopt.compat.v1 as tf


def test_graph_keys_has_tf_private_keys():
    keys = tf.GraphKeys
    assert len([k for k in dir(keys) if k.isupper()]) == 36  # TF 2.21
    assert keys._SUMMARY_COLLECTION == "_SUMMARY_V2"  # TF 2.21
    assert keys._STREAMING_MODEL_PORTS == "streaming_model_ports"  # TF 2.21
    assert keys._VARIABLE_COLLECTIONS == [  # TF 2.21
        "variables", "local_variables", "metric_variables", "model_variables", "trainable_variables",
        "moving_average_variables", "concatenated_variables", "trainable_resource_variables"]


def test_a_key_in_the_wrong_case_names_the_key():
    with pytest.raises(AttributeError, match=r"^type object 'GraphKeys' has no attribute 'trainable_variables' "
                                             r"\(did you mean tf.GraphKeys.TRAINABLE_VARIABLES\?\)$"):
        tf.GraphKeys.trainable_variables

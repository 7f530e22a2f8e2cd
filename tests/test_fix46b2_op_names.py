"""46b-4 / 46b-11: the names TF 2.21 (tf.compat.v1, graph mode) gives or refuses, its messages copied."""

import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("build", [lambda: tf.zeros([], name="z:0"), lambda: tf.ones([], name="z:0")])
def test_scalar_fill_refuses_name_as_root_scope(build):
    # TF 2.21: ValueError 'z:0' is not a valid root scope name (tf.zeros opens its name scope first)
    tf.reset_default_graph()
    with pytest.raises(ValueError, match="'z:0' is not a valid root scope name"):
        build()


def test_convert_to_tensor_of_list_with_tensor_takes_name():
    # TF 2.21: p:0, p_1:0, then packed:0 without a name
    tf.reset_default_graph()
    w = tf.Variable(1.0, name="w")
    names = [tf.convert_to_tensor([w, 1.0], name="p").name, tf.convert_to_tensor([w, 1.0], name="p").name,
             tf.convert_to_tensor([w, 1.0]).name]
    assert names == ["p:0", "p_1:0", "packed:0"]


@pytest.mark.parametrize("build", [lambda: tf.convert_to_tensor(1.0, name="_bad"),
                                   lambda: tf.constant(1.0, name="_bad")])
def test_underscore_name_is_no_node_name(build):
    # TF 2.21: ValueError `_bad` is not a valid node name. Accepted names conform to Regex ...
    tf.reset_default_graph()
    with pytest.raises(ValueError, match="`_bad` is not a valid node name") as caught:
        build()
    assert "e.g., 'bad'" in str(caught.value)  # what to do


def test_underscore_name_inside_scope_is_taken():
    # TF 2.21: tf.constant(1.0, name="_bad") inside tf.name_scope("s") is s/_bad:0
    tf.reset_default_graph()
    with tf.name_scope("s"):
        assert tf.constant(1.0, name="_bad").name == "s/_bad:0"

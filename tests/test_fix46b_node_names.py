"""45b-8: a constant named with a ':' (``tf.constant(1.0, name='a:0')``) is TF 2.21's ``ValueError: `a:0` is not a
valid node name``, at the top level and inside a name scope (symopt read the ':0' as the tensor's own and named it
``a:0``); ``tf.convert_to_tensor`` names the constant it makes, as TF 2.21 (``d:0``, ``s/e:0``)."""

import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("scope, full", [(None, "a:0"), ("s", "s/a:0")])
def test_constant_name_with_colon_is_refused(scope, full):
    tf.reset_default_graph()
    with tf.name_scope(scope):
        with pytest.raises(ValueError, match=f"`{full}` is not a valid node name"):  # TF 2.21's words
            tf.constant(1.0, name="a:0")
    assert tf.constant(1.0, name="a").name == "a:0"  # nothing taken by the refusal


def test_convert_to_tensor_names_its_constant():
    tf.reset_default_graph()
    assert tf.convert_to_tensor(1.0, name="d").name == "d:0"  # TF 2.21
    with tf.name_scope("s"):
        assert tf.convert_to_tensor([1.0, 2.0], name="e").name == "s/e:0"  # TF 2.21

"""F43b-9: ``tf.sequence_mask`` of a placeholder without a shape is named as TF1 names its result, the inner op
of its scope (``SequenceMask/Less:0``, ``SequenceMask_1/Cast_1:0`` for a float mask, ``m/Less:0`` when named), so
``get_tensor_by_name`` finds it; its values are unchanged.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode) running the same program: the names above and the masks
``[[True, False, False], [True, True, False]]`` / ``[[1, 0, 0], [1, 1, 0]]`` for lengths ``[1, 2]``.
"""

import symopt.compat.v1 as tf

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_sequence_mask_of_a_shapeless_placeholder_has_tf1s_names():
    lengths = tf.placeholder(tf.int32)
    masks = [tf.sequence_mask(lengths, 3), tf.sequence_mask(lengths, 3, dtype=tf.float32),
             tf.sequence_mask(lengths, 3, name="m")]
    assert [mask.name for mask in masks] == ["SequenceMask/Less:0", "SequenceMask_1/Cast_1:0", "m/Less:0"]
    found = tf.get_default_graph().get_tensor_by_name("SequenceMask/Less:0")
    with tf.Session() as session:
        bools, floats = session.run([found, masks[1]], {lengths: [1, 2]})
    assert bools.tolist() == [[True, False, False], [True, True, False]]
    assert floats.tolist() == [[1.0, 0.0, 0.0], [1.0, 1.0, 0.0]]

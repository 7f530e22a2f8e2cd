"""final41a F41a-3: ``op.control_inputs`` of a tensor's op (not only of a group, no-op or initializer) is TF1's: the
``tf.control_dependencies`` block's operations less those the op reads, none for an op reading a tensor made in the
same block, none outside a block (it raised "tf.Operation.control_inputs is not supported yet").

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode with ``disable_resource_variables()`` (TF1's
reference variables, whose op names symopt keeps), script /work/wt/final41a/r8b_ci.py, names sorted."""

import symopt.compat.v1 as tf


def _names(op) -> list:
    return sorted(o.name for o in op.control_inputs)


def test_control_inputs_of_tensor_ops_in_and_outside_a_block():
    tf.reset_default_graph()
    w = tf.Variable(1.0, name="w")
    v = tf.Variable(2.0, name="v")
    x = tf.placeholder(tf.float32, [], name="x")
    loss = tf.square(w * x - 1.0, name="loss")
    increment = tf.assign_add(w, 1.0)
    with tf.control_dependencies([increment, loss]):
        same = tf.identity(loss, name="i")
        one = tf.constant(1.0, name="c")
        assignment = tf.assign(v, 5.0, name="asg")
    assert _names(same.op) == ["AssignAdd"]  # TF 2.21: loss is read, so only the other
    assert _names(one.op) == ["AssignAdd", "loss"]  # TF 2.21
    assert _names(assignment.op) == []  # TF 2.21: it reads 5.0, made in the block
    for outside in (increment.op, loss.op, w.initializer, w.op):
        assert _names(outside) == []  # TF 2.21


def test_moving_average_updates_are_named_as_their_scope():
    # TF 2.21 (reference variables): the assign_sub takes its scope's name, AssignMovingAvg, AssignMovingAvg_1
    tf.reset_default_graph()
    w = tf.Variable(1.0, name="w")
    v = tf.Variable(2.0, name="v")
    update = tf.train.ExponentialMovingAverage(0.9).apply([w, v])
    assert _names(update) == ["ExponentialMovingAverage/AssignMovingAvg",
                              "ExponentialMovingAverage/AssignMovingAvg_1"]

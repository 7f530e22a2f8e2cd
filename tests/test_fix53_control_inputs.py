"""probe53 P53-4: ``op.control_inputs`` of an initializer, a ``tf.group`` and an op made under
``tf.control_dependencies`` lists the operations a run runs first, as TF1's, and ``print(init)`` shows them as
``input: "^Variable/Assign"`` lines (they were ``[]`` and no lines).

Expected: TensorFlow 2.21 ``tf.compat.v1`` in graph mode, the TF1 getting-started graph: ``init.control_inputs``
names ``['Variable/Assign', 'Variable_1/Assign', 'gs/Assign']``; a group's are its members' ops (TF 2.21's resource
variables name them ``AssignVariableOp``, TF1's ``Assign``, symopt's as ``tf.assign(...).op``); a ``tf.no_op`` made
under ``control_dependencies([train])`` has ``['GradientDescent']``; none of them has data inputs."""

import symopt.compat.v1 as tf


def test_initializer_group_and_block_list_their_control_inputs():
    tf.reset_default_graph()
    w = tf.Variable([.3], dtype=tf.float32)
    b = tf.Variable([-.3], dtype=tf.float32)
    x = tf.placeholder(tf.float32)
    loss = tf.reduce_sum(tf.square(w * x + b))
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    tf.Variable(0, trainable=False, name="gs")
    init = tf.global_variables_initializer()
    set_w, set_b = tf.assign(w, [1.0]), tf.assign(b, [2.0])
    both = tf.group(set_w, set_b, name="both")
    with tf.control_dependencies([train]):
        after = tf.no_op(name="after")
    assert [op.name for op in init.control_inputs] == ["Variable/Assign", "Variable_1/Assign", "gs/Assign"]
    assert init.control_inputs[0] is w.initializer
    assert both.control_inputs == [set_w.op, set_b.op]
    assert after.control_inputs == [train]
    assert [len(op.inputs) for op in (init, both, after)] == [0, 0, 0]
    assert str(init).splitlines() == ['name: "init"', 'op: "NoOp"', 'input: "^Variable/Assign"',
                                      'input: "^Variable_1/Assign"', 'input: "^gs/Assign"']


def test_a_group_made_inside_a_block_lists_the_block_first_and_each_op_once():
    tf.reset_default_graph()
    v = tf.Variable(1.0)
    first = tf.assign_add(v, 1.0)
    with tf.control_dependencies([first]):
        second = tf.assign_add(v, 2.0)
        grouped = tf.group(first, second)
    assert grouped.control_inputs == [first.op, second.op]  # TF1: the block's `first` once, then `second`

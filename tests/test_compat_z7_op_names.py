"""Op names, types and graph nodes around ``tf.assign``, ``assign_add``, ``assign_sub``, ``tf.group`` and
``tf.identity``, as TF1 gives them: an ``assign_add`` is one ``AssignAdd`` op with its constant ``AssignAdd/value``
(it took the program's names ``Const`` and ``add``, so a later ``v + 1.0`` was ``add_4``), a number operand of a
binary op is the constant ``add/y`` (it took a ``Const`` name), a named op keeps TF1's type, and ``str`` of a
group is its NodeDef text.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

# TF 2.21 tf.compat.v1: as_graph_def() of the program below, (name, op, inputs) of each node
TF1_NODES = [
    ('v/initial_value', 'Const', []), ('v', 'VariableV2', []), ('v/Assign', 'Assign', ['v', 'v/initial_value']),
    ('v/read', 'Identity', ['v']), ('Variable/initial_value', 'Const', []), ('Variable', 'VariableV2', []),
    ('Variable/Assign', 'Assign', ['Variable', 'Variable/initial_value']), ('Variable/read', 'Identity', ['Variable']),
    ('Assign/value', 'Const', []), ('Assign', 'Assign', ['v', 'Assign/value']), ('AssignAdd/value', 'Const', []),
    ('AssignAdd', 'AssignAdd', ['v', 'AssignAdd/value']), ('AssignSub/value', 'Const', []),
    ('AssignSub', 'AssignSub', ['v', 'AssignSub/value']), ('AssignAdd_1/value', 'Const', []),
    ('AssignAdd_1', 'AssignAdd', ['v', 'AssignAdd_1/value']), ('AssignAdd_2/value', 'Const', []),
    ('AssignAdd_2', 'AssignAdd', ['Variable', 'AssignAdd_2/value']), ('mul/y', 'Const', []),
    ('mul', 'Mul', ['v/read', 'mul/y']), ('Assign_1', 'Assign', ['v', 'mul']), ('Const', 'Const', []),
    ('AssignAdd_3', 'AssignAdd', ['v', 'Const']), ('truediv/y', 'Const', []),
    ('truediv', 'RealDiv', ['Variable/read', 'truediv/y']), ('AssignSub_1', 'AssignSub', ['Variable', 'truediv']),
    ('add/y', 'Const', []), ('add', 'AddV2', ['v/read', 'add/y']), ('sub/y', 'Const', []),
    ('sub', 'Sub', ['v/read', 'sub/y']), ('Const_1', 'Const', []), ('mul_1/y', 'Const', []),
    ('mul_1', 'Mul', ['v/read', 'mul_1/y']), ('Add_1/y', 'Const', []), ('Add_1', 'AddV2', ['v/read', 'Add_1/y']),
    ('Identity', 'Identity', ['v/read']), ('truediv_1/y', 'Const', []),
    ('truediv_1', 'RealDiv', ['Variable/read', 'truediv_1/y']), ('group_deps', 'NoOp', ['^Assign', '^AssignAdd']),
    ('Identity_1', 'Identity', ['AssignAdd'])]


def test_names_after_assignments_are_tf1s():
    v = tf.Variable(1.0, name="v")
    w = tf.Variable([[1.0, 2.0]])
    ops = [tf.assign(v, 5.0), tf.assign_add(v, 1.0), tf.assign_sub(v, 2.0), v.assign_add(3.0),
           tf.assign_add(w, [[1.0, 1.0]]), tf.assign(v, v * 2.0), tf.assign_add(v, tf.constant(2.0)),
           tf.assign_sub(w, w / 2.0)]
    later = [v + 1.0, v - 1.0, tf.constant(3.0), v * 2.0, tf.add(v, 1.0), tf.identity(v), w / 3.0,
             tf.group(*ops[:2]), tf.identity(ops[1])]
    # TF 2.21 tf.compat.v1
    assert [x.name for x in ops + later] == [
        "Assign:0", "AssignAdd:0", "AssignSub:0", "AssignAdd_1:0", "AssignAdd_2:0", "Assign_1:0", "AssignAdd_3:0",
        "AssignSub_1:0", "add:0", "sub:0", "Const_1:0", "mul_1:0", "Add_1:0", "Identity:0", "truediv_1:0",
        "group_deps", "Identity_1:0"]
    assert repr(ops[4]) == "<tf.Tensor 'AssignAdd_2:0' shape=(1, 2) dtype=float32_ref>"
    assert repr(later[0]) == "<tf.Tensor 'add:0' shape=() dtype=float32>"
    nodes = tf.get_default_graph().as_graph_def().node
    assert [(n.name, n.op, n.input) for n in nodes] == TF1_NODES
    assert [op.name for op in tf.get_default_graph().get_operations()] == [name for name, _, _ in TF1_NODES]
    with tf.Session() as sess:  # the values are unchanged: v = 1, +1, -2, +3, then 5 * ...
        sess.run(tf.global_variables_initializer())
        assert [sess.run(op) for op in ops[1:4]] == [2.0, 0.0, 3.0]
        assert sess.run(ops[4]).tolist() == [[2.0, 3.0]] and sess.run(later[0]) == 4.0


def test_types_of_named_ops_and_the_text_of_a_group():
    v = tf.Variable(1.0, name="v")
    a = tf.assign_add(v, 1.0)
    t = v * 2.0
    z = tf.no_op(name="zz")
    x = tf.placeholder(tf.float32, [None], name="x")
    down = v.assign_sub(1.0, name="down")
    # TF 2.21 tf.compat.v1
    assert [v.op.type, tf.identity(x, name="named").op.type, tf.identity(a).op.type, down.op.type,
            tf.constant(1.0, name="c").op.type] == ["VariableV2", "Identity", "Identity", "AssignSub", "Const"]
    assert repr(down) == "<tf.Tensor 'down:0' shape=() dtype=float32_ref>"
    assert str(tf.group(t, z, a)) == 'name: "group_deps"\nop: "NoOp"\ninput: "^mul"\ninput: "^zz"\ninput: "^AssignAdd"\n'
    with tf.control_dependencies([z]):
        assert str(tf.group(a)) == 'name: "group_deps_1"\nop: "NoOp"\ninput: "^zz"\ninput: "^AssignAdd"\n'
        assert str(tf.no_op()) == 'name: "NoOp"\nop: "NoOp"\ninput: "^zz"\n'
    assert str(tf.group()) == 'name: "group_deps_2"\nop: "NoOp"\n'
    assert str(tf.group(a, a)) == 'name: "group_deps_3"\nop: "NoOp"\ninput: "^AssignAdd"\n'

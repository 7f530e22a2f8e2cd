"""``Graph.get_operations()`` / ``as_graph_def()`` list the graph's ops in creation order with TF1's names (v-probe
V8), ``op.type`` is TF1's op type, and an op built from several of symopt's takes only its own name (v-probe V6:
``tf.equal`` after ``tf.maximum`` is ``Equal``, not ``Equal_2``).  Expected names: TF 2.21 tf.compat.v1."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _op_names():
    return [op.name for op in tf.get_default_graph().get_operations()]


def test_cs20si_lazy_loading_lists_every_op():
    x = tf.Variable(10, name="x")
    y = tf.Variable(20, name="y")
    z = tf.add(x, y)
    variables = ["x/initial_value", "x", "x/Assign", "x/read", "y/initial_value", "y", "y/Assign", "y/read"]
    assert _op_names() == [*variables, "Add"]  # TF 2.21 tf.compat.v1
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            assert sess.run(tf.add(x, y)) == 30
        assert _op_names() == [*variables, "Add", "init", "Add_1", "Add_2", "Add_3"]
    graph_def = tf.get_default_graph().as_graph_def()
    assert len(graph_def.node) == 13
    add = next(node for node in graph_def.node if node.name == "Add")
    assert (add.op, add.input) == ("AddV2", ["x/read", "y/read"])
    assert z.op.type == "AddV2"


def test_finding_an_input_tensor_by_its_op():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    W = tf.Variable(tf.zeros([2, 1]), name="W")
    b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    loss = tf.reduce_mean(tf.square(tf.matmul(x, W) + b), name="loss")
    tf.train.AdamOptimizer(0.1).minimize(loss)
    tf.global_variables_initializer()
    ops = tf.get_default_graph().get_operations()
    types = {op.name: op.type for op in ops}
    names = [op.name for op in ops]
    tf1_names = ["x", "zeros", "W", "W/Assign", "W/read", "b/Initializer/zeros", "b", "b/Assign", "b/read", "MatMul",
                 "add"]  # TF 2.21 tf.compat.v1; symopt lists no initializer ops of get_variable (b/Initializer/zeros)
    listed = [name for name in tf1_names if name in names]
    assert len(listed) >= 10 and names[:len(listed)] == listed
    assert [types[n] for n in ("x", "W", "W/read", "W/Adam", "beta1_power", "init")] == \
        ["Placeholder", "VariableV2", "Identity", "VariableV2", "VariableV2", "NoOp"]
    inputs = [op for op in ops if op.type == "Placeholder"]
    assert [op.name for op in inputs] == ["x"] and inputs[0].outputs == [x] and inputs[0].values() == (x,)
    assert tf.get_default_graph().get_operation_by_name("loss").outputs == [loss]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(loss, {inputs[0].outputs[0]: np.ones((3, 2), np.float32)}) == 0.0


def test_op_types_of_python_operators():
    a = tf.constant([1.0, 2.0])
    b = tf.constant([3.0, 4.0])
    # TF 2.21 tf.compat.v1
    assert [(t.op.name, t.op.type) for t in (a * b, a + b, a - b, a / b, a // b, a % b, a ** 2.0)] == [
        ("mul", "Mul"), ("add", "AddV2"), ("sub", "Sub"), ("truediv", "RealDiv"), ("floordiv", "FloorDiv"),
        ("mod", "FloorMod"), ("pow", "Pow")]


def test_comparisons_take_one_name_each():
    a = tf.constant([1.0, 2.0])
    b = tf.constant([3.0, 4.0])
    tensors = [tf.greater_equal(a, b), a + b, tf.maximum(a, b), tf.equal(a, b), tf.cast(a, tf.int32),
               tf.logical_and(a > b, a < b), a * b, tf.not_equal(a, b), tf.equal(a, b), tf.less_equal(a, b),
               tf.minimum(a, b), tf.add(a, b), a - b, tf.logical_or(a > b, a < b), tf.cast(a, tf.int32),
               tf.logical_not(a > b), tf.logical_xor(a > b, a < b), tf.equal(tf.argmax(a), tf.argmax(b))]
    # TF 2.21 tf.compat.v1
    assert [t.name for t in tensors] == [
        "GreaterEqual:0", "add:0", "Maximum:0", "Equal:0", "Cast:0", "LogicalAnd:0", "mul:0", "NotEqual:0", "Equal_1:0",
        "LessEqual:0", "Minimum:0", "Add_1:0", "sub:0", "LogicalOr:0", "Cast_1:0", "LogicalNot:0", "LogicalXor:0",
        "Equal_2:0"]
    with tf.Session() as sess:
        assert sess.run(tf.maximum(a, b)).tolist() == [3.0, 4.0]
        assert sess.run(tf.logical_xor(a > b, a < b)).tolist() == [True, True]

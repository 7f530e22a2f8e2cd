"""The lecture's graph inspected the TF1 way (probe10 T11): ``op.inputs`` lists a number operand's constant and the
variable's ``Variable/read:0``, a variable's ``Variable/read`` and ``Variable/Assign`` read ``Variable:0``, the
gradient node is a ``SymbolicGradient`` (it was typed ``Variable``) reading the loss and the variable, and the
training op names what it reads, so a drawn graph (TensorBoard) is connected.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode (reference
variables) running the same program in a separate environment; TensorFlow is not needed here.
"""

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_inputs_of_the_lectures_graph():
    w = tf.Variable(0, dtype=tf.float32)
    cost = tf.add(tf.add(w**2, tf.multiply(-10., w)), 25)
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    ops = {op.name: op for op in tf.get_default_graph().get_operations()}
    # TF 2.21 tf.compat.v1
    assert [(name, ops[name].type, [t.name for t in ops[name].inputs]) for name in
            ("Variable/read", "pow", "Mul", "Add", "Add_1")] == [
        ("Variable/read", "Identity", ["Variable:0"]), ("pow", "Pow", ["Variable/read:0", "pow/y:0"]),
        ("Mul", "Mul", ["Mul/x:0", "Variable/read:0"]), ("Add", "AddV2", ["pow:0", "Mul:0"]),
        ("Add_1", "AddV2", ["Add:0", "Add_1/y:0"])]
    assert [t.name for t in ops["Variable/Assign"].inputs][0] == "Variable:0"  # TF1's also reads initial_value
    gradient = ops["gradients/Variable_grad"]
    assert gradient.type == "SymbolicGradient" and [t.name for t in gradient.inputs] == ["Add_1:0", "Variable/read:0"]
    nodes = {n.name: n for n in tf.get_default_graph().as_graph_def().node}
    assert nodes["GradientDescent"].input == ["^Add_1", "^gradients/Variable_grad"] and train.type == "NoOp"
    assert nodes["gradients/Variable_grad"].input == ["Add_1", "Variable/read"]

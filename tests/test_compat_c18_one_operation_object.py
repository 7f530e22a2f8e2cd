"""TF1 has one operation object per op (probe22 H18): ``y.op == y.op``, ``y.op in graph.get_operations()`` and a dict or
set keyed by ops hold, so a walk of the graph with a visited set (the "which placeholders does this tensor need?"
helper) sees each op once.  symopt made a new handle at each access, equal only to itself: the walk visited shared
ops again and listed ``x`` six times.

TF 2.21's ``tf.compat.v1`` printed ``True True True seen`` and ``['x']`` (/work/wt/probe22/h18.py, t29.py);
TensorFlow is not needed here.
"""

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _needed_placeholders(tensor):
    seen, stack, found = set(), [tensor.op], []
    while stack:
        op = stack.pop()
        if op in seen:
            continue
        seen.add(op)
        if op.type == "Placeholder":
            found.append(op.name)
        stack.extend(i.op for i in op.inputs)
    return found


def test_an_op_is_one_object_and_a_walk_sees_it_once():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.Variable([[1.0], [2.0]], name="w")
    y = tf.matmul(x, w, name="y")
    loss = tf.reduce_sum(y * y, name="loss")
    g = tf.get_default_graph()
    assert x.op == x.op and y.op == y.op and x.op is x.op and y.op is y.op
    assert y.op in g.get_operations() and {y.op: "seen"}.get(y.op) == "seen"
    assert g.get_operation_by_name("x") is x.op and w.op is g.get_operation_by_name("w")
    assert g.get_operation_by_name("w/read") == g.get_operation_by_name("w/read")
    assert _needed_placeholders(loss + loss + loss) == ["x"]
    read = g.get_operation_by_name("w/read")
    assert read.type == "Identity" and read.inputs == [w] and read.outputs[0].name == "w/read:0"
    assert x.op != y.op and len({op for op in g.get_operations()}) == len(g.get_operations())

"""``get_operations()`` of a graph with placeholders without a shape lists each op once, with TF1's constants of
number operands (probe11 U3: a shape-less placeholder was listed twice and ``mul/y`` dropped).  Goldens from TF 2.21
tf.compat.v1 (graph mode; TF1 also lists Sum's ``Rank`` / ``range`` internals, which symopt does not build)."""

import symopt.compat.v1 as tf


def _operations():
    return [(op.name, op.type) for op in tf.get_default_graph().get_operations()]


def test_shapeless_placeholders_and_their_number_operands_are_listed_as_tf1():
    tf.reset_default_graph()
    a = tf.constant(3.0, name="a")
    x = tf.placeholder(tf.float32, name="x")
    tf.multiply(a, x, name="y")
    assert [name for name, _ in _operations()] == ["a", "x", "y"]
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, name="x")
    total = tf.reduce_sum(x * 2.0 + 1.0)
    assert _operations() == [("x", "Placeholder"), ("mul/y", "Const"), ("mul", "Mul"), ("add/y", "Const"),
                             ("add", "AddV2"), ("Sum", "Sum")]
    assert tf.Session().run(total, {x: [1.0, 2.0]}) == 8.0
    assert [op.name for op in tf.get_default_graph().get_operations()][:3] == ["x", "mul/y", "mul"]  # after a run

"""probe11 U11: TF1's name scopes: a name ending in ``/`` (a scope captured with ``as scope``, re-entered) is that
scope itself, ``tf.name_scope(None)`` is the top level, and an op named ``name=scope`` takes the scope's own name
(``loss:0``, the idiom of TF1's op-writing guide); a captured variable scope re-entered elsewhere opens a name scope
named by its last part.  Goldens: TF 2.21 ``tf.compat.v1``."""

import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_absolute_top_level_and_reentered_name_scopes():
    with tf.name_scope("outer"):
        with tf.name_scope(None):
            top = tf.constant(1.0, name="top")
        with tf.name_scope("s/"):
            absolute = tf.constant(2.0, name="abs")
        with tf.name_scope("inner") as scope:
            inner = tf.constant(3.0)
        with tf.name_scope(scope) as again:
            reentered = tf.constant(4.0, name="again")
    assert [t.name for t in (top, absolute, inner, reentered)] == [
        "top:0", "s/abs:0", "outer/inner/Const:0", "outer/inner/again:0"]
    assert scope == again == "outer/inner/"
    assert tf.get_default_graph().get_tensor_by_name("outer/inner/again:0") is reentered


def test_an_op_named_after_its_scope():
    x = tf.placeholder(tf.float32, [None])
    with tf.name_scope("loss") as scope:
        total = tf.reduce_sum(tf.square(x), name=scope)

    def my_op(a, name=None):
        with tf.name_scope(name, "MyOp", [a]) as op_scope:
            return tf.multiply(a, 2.0, name=op_scope)

    def layer(a, name=None):
        with tf.variable_scope(name, "Layer", [a]):
            return tf.get_variable("w", []).name, tf.multiply(a, 3.0).name
    assert total.name == "loss:0"
    assert [my_op(x).name, my_op(x).name] == ["MyOp:0", "MyOp_1:0"]
    assert [layer(x), layer(x)] == [("Layer/w:0", "Layer/Mul:0"), ("Layer_1/w:0", "Layer_1/Mul:0")]
    with tf.variable_scope("vs") as captured:
        pass
    with tf.variable_scope("other"):
        with tf.variable_scope(captured):
            assert (tf.get_variable("v", []).name, tf.multiply(x, 1.0).name) == ("vs/v:0", "other/vs/Mul:0")
    with tf.Session() as session:
        assert session.run("loss:0", {x: [1., 2.]}) == 5.0


def test_resetting_the_default_graph_inside_a_nested_graph_is_tf1_assertion_error():
    g = tf.Graph()  # probe11 U7 (TF 2.21 and TF 1.x raise at once)
    with g.as_default():
        c = tf.constant(1.0, name="c")
        with pytest.raises(AssertionError, match="Do not use tf.reset_default_graph\\(\\) to clear nested graphs"):
            tf.reset_default_graph()
        d = tf.constant(2.0, name="d")
        assert tf.get_default_graph() is g and d.graph is g
        with tf.Session() as session:
            assert session.run(c + d) == 3.0
    tf.reset_default_graph()  # outside the block: a new default graph
    assert tf.get_default_graph() is not g

"""probe9 S18: ``graph.finalize()`` makes the graph read-only, as TF1 (a new op is TF1's RuntimeError); everything
built before it still runs."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_an_op_made_in_the_training_loop_of_a_finalized_graph_raises():
    w = tf.Variable(1.0)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.graph.finalize()
        assert session.graph.finalized and tf.get_default_graph().finalized
        for make in (lambda: tf.assign_add(w, 1.0), lambda: tf.constant(1.0), lambda: w + 1.0, tf.no_op,
                     tf.global_variables_initializer, lambda: tf.Variable(1.0), lambda: tf.placeholder(tf.float32)):
            with pytest.raises(RuntimeError, match="Graph is finalized and cannot be modified"):
                make()
        assert session.run(w) == 1.0  # nothing ran


def test_what_was_built_before_finalize_runs_as_before(tmp_path):
    X, Y = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32)  # Y shape-less: rebuilt per feed
    W = tf.Variable(np.float32([[0.1], [-0.2]]), name="W")
    step = tf.train.get_or_create_global_step()
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - Y))
    train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=step)
    init, saver, gradient = tf.global_variables_initializer(), tf.train.Saver(), tf.gradients(loss, W)[0]
    feed = {X: [[1., 2.], [3., 4.]], Y: [[1.], [2.]]}
    with tf.Session() as session:
        session.run(init)
        session.graph.finalize()
        for _ in range(3):
            _, value = session.run([train, loss], feed)
        # TF 2.21's values of the same program, finalized the same way
        assert value == np.float32(0.86985755) and session.run(step) == 3
        np.testing.assert_allclose(session.run(gradient, feed).ravel(), [-1.8081224, -2.694809], rtol=1e-6)
        np.testing.assert_allclose(W.eval().ravel(), [0.3912192, 0.0914061], rtol=1e-6)
        assert session.run(W.initializer) is None and session.run(loss, {X: [[1., 2.]], Y: 3.0}) == \
            np.float32(10.889999)
        saver.restore(session, saver.save(session, str(tmp_path / "m")))
        assert tf.train.global_step(session, step) == 3


def test_s20_graph_placement_and_scope_methods_work_as_tf1s():
    graph = tf.Graph()
    with graph.as_default():
        with graph.device("/cpu:0"):
            a = tf.constant(1.0, name="a")
        with graph.name_scope("layer") as scope:
            b = tf.add(a, 1.0, name="b")
        with graph.colocate_with(b.op):
            c = b * 2.0
        assert (scope, a.name, b.name, c.name) == ("layer/", "a:0", "layer/b:0", "mul:0")  # TF 2.21
        with tf.Session(graph=graph) as session:
            assert session.run(c) == 4.0


def test_s20_what_symopt_lacks_is_a_typed_error_naming_it():
    from symopt.compat.v1.errors import UnsupportedNameError
    from symopt.errors import UnsupportedOperationError
    graph, v = tf.get_default_graph(), tf.Variable(1.0)
    product = tf.matmul(tf.ones([1, 1]), tf.ones([1, 1]))
    with pytest.raises(UnsupportedOperationError, match=r"x \+ tf.stop_gradient\(tf.round\(x\) - x\)"):
        graph.gradient_override_map({"Round": "Identity"})
    with pytest.raises(UnsupportedOperationError, match=r"MatMul.get_attr\('transpose_a'\) is not supported"):
        product.op.get_attr("transpose_a")
    for get, name in ((lambda: product.op.node_def, "tf.Operation.node_def"),
                      (lambda: graph.version, "tf.Graph.version"), (lambda: v.to_proto, "tf.Variable.to_proto")):
        with pytest.raises(UnsupportedNameError, match=f"{name} is not supported yet by symopt.compat.v1"):
            get()
    assert not hasattr(v, "anything") and getattr(graph, "anything", 3) == 3  # still AttributeErrors


def test_a_name_scope_in_a_finalized_graph_is_no_new_op():
    x = tf.constant(2.0)
    tf.get_default_graph().finalize()
    with tf.name_scope("eval"):  # TF1: no op, no error
        pass
    with tf.Session() as session:
        assert session.run(x) == 2.0


def test_s9_a_named_op_has_its_type_not_its_name():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    W = tf.Variable(tf.ones([2, 1]), name="W")
    y = tf.matmul(x, W, name="pred")
    z = tf.add(y, 1.0, name="out")
    assert [(t.op.name, t.op.type) for t in (x, y, z)] == [("x", "Placeholder"), ("pred", "MatMul"), ("out", "AddV2")]
    made = [tf.multiply(x, 2.0, name="m"), tf.subtract(x, 1.0, name="s"), tf.reduce_sum(x, name="rs"),
            tf.reduce_mean(x, name="rm"), tf.divide(x, 2.0, name="d"), tf.nn.softmax(x, name="sm"),
            tf.cast(x, tf.int32, name="c"), tf.argmax(x, 1, name="am"), tf.equal(x, x, name="eq"),
            tf.reshape(x, [-1], name="rsh"), tf.transpose(x, name="tr"), tf.concat([x, x], 1, name="cc"),
            tf.nn.bias_add(x, tf.ones([2]), name="ba"), tf.maximum(x, 0.0, name="mx"), tf.pow(x, 2.0, name="pw"),
            tf.negative(x, name="ng"), tf.reduce_max(x, name="rmx")]
    # TF 2.21 tf.compat.v1, and the same types as the unnamed ops
    assert [t.op.type for t in made] == ["Mul", "Sub", "Sum", "Mean", "RealDiv", "Softmax", "Cast", "ArgMax", "Equal",
                                         "Reshape", "Transpose", "ConcatV2", "BiasAdd", "Maximum", "Pow", "Neg", "Max"]
    assert "MatMul" in [op.type for op in tf.get_default_graph().get_operations()]

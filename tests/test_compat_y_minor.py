"""v-probe V6's minor differences from TF1, each as TF 2.21 tf.compat.v1 behaves: the class of an error, a typed
error instead of a builtin one or a silent result, and small API pieces (``tf.logging``,
``tf.GraphKeys.TRAIN_OP``, ``tf.train.Optimizer.GATE_NONE``, ``tf.AggregationMethod``)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_logging_writes_tf1_lines_to_stderr(capsys):
    tf.logging.set_verbosity(tf.logging.WARN)  # TF1's default
    try:
        tf.logging.info("hidden %d", 1)
        tf.logging.warning("warn")
        tf.logging.set_verbosity(tf.logging.INFO)
        tf.logging.info("hi %d", 3)
    finally:
        tf.logging.set_verbosity(tf.logging.WARN)
    assert capsys.readouterr().err == "WARNING:tensorflow:warn\nINFO:tensorflow:hi 3\n"  # TF 2.21 tf.compat.v1


def test_minimize_arguments_and_train_op_collection():
    w = tf.Variable(1.0)
    loss = tf.square(w - 3.0)
    opt = tf.train.GradientDescentOptimizer(0.1)
    first = opt.minimize(loss)
    second = opt.minimize(loss, gate_gradients=tf.train.Optimizer.GATE_NONE, colocate_gradients_with_ops=True)
    third = opt.minimize(loss, aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE, name="my_train")
    assert tf.get_collection(tf.GraphKeys.TRAIN_OP) == [first, second, third]  # TF 2.21: minimize adds each
    assert third.name == "my_train"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(second)
        assert sess.run(w) == pytest.approx(1.4)


def test_assign_errors():
    w = tf.Variable([1.0, 2.0])
    integers = tf.Variable([1, 2])
    fed = tf.placeholder(tf.float32, [None])
    update = tf.assign(w, fed)
    with pytest.raises(TypeError, match="Expected int32"):  # TF1: TypeError, never a truncation
        tf.assign(integers, [1.5, 2.5])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"lhs shape= \[2\] rhs shape= \[3\]"):
            sess.run(update, {fed: [1, 2, 3]})
        assert sess.run(w).tolist() == [1.0, 2.0]  # nothing stored
        assert sess.run(update, {fed: [5, 6]}).tolist() == [5.0, 6.0]


def test_fetch_of_a_discarded_graph():
    w = tf.Variable(1.0, name="w")
    loss = tf.square(w - 3.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    tf.reset_default_graph()  # a notebook cell run again
    new_w = tf.Variable(5.0, name="w")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for old in (train, loss):  # TF 2.21: ValueError ... is not an element of this graph
            with pytest.raises(ValueError, match="is not an element of this graph"):
                sess.run(old)
        assert sess.run(new_w) == 5.0
        with pytest.raises(ValueError, match="is not an element of this graph"):
            sess.run([new_w, loss])
    graph = tf.Graph()
    with graph.as_default():
        v = tf.Variable(np.float32(2.0))
    with tf.Session(graph=graph) as sess:
        sess.run(v.initializer)  # made in v's graph, not the default one
        assert sess.run(v) == 2.0


def test_integer_power_with_a_negative_exponent_is_refused():
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integers to negative integer powers are not allowed"):
        tf.pow(tf.constant(2), tf.constant(-1))  # TF 2.21: this error (when run); it was a silent 0
    with pytest.raises(tf.errors.InvalidArgumentError, match="negative integer powers"):
        tf.pow(tf.constant([2, 3]), -2)
    with tf.Session() as sess:
        assert sess.run(tf.pow(tf.constant([2, 3]), 2)).tolist() == [4, 9]


def test_constant_tensor_axes_and_small_attributes():
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    with tf.Session() as sess:
        # TF 2.21 tf.compat.v1
        assert sess.run(tf.reduce_sum(x, axis=tf.constant(1))).tolist() == [3.0, 7.0]
        assert sess.run(tf.reduce_mean(x, tf.constant(0))).tolist() == [2.0, 3.0]
        assert x.device == "" and tf.no_op().device == ""
        assert [node.name for node in sess.graph_def.node][:1] == ["Const"]
    mine = tf.get_default_graph().get_collection_ref("mine")
    mine.append(x)
    assert tf.get_collection("mine") == [x]
    with pytest.raises(UnsupportedOperationError, match="get_collection"):
        tf.get_default_graph().get_collection_ref("trainable_variables")
    with pytest.raises(UnsupportedOperationError, match="known when the graph is built"):
        tf.reduce_sum(x, axis=tf.placeholder(tf.int32, []))


@pytest.mark.parametrize("initializer", [tf.glorot_uniform_initializer(), tf.truncated_normal_initializer(),
                                         tf.random_normal_initializer(), tf.constant_initializer(1.5)])
def test_integer_variable_of_a_float_initializer_is_refused(initializer):
    with pytest.raises(TypeError, match="Expected int32, but got"):  # TF 2.21: TypeError, never a truncation
        tf.get_variable("k", [3, 2], dtype=tf.int32, initializer=initializer)
    assert tf.global_variables() == []


def test_integer_variables_of_integer_initializers_and_int_dense_input():
    assert tf.get_variable("z", [2], dtype=tf.int32, initializer=tf.zeros_initializer()).dtype == tf.int32
    assert tf.get_variable("u", [2], dtype=tf.int32, initializer=tf.random_uniform_initializer(0, 10)).dtype == \
        tf.int32
    with pytest.raises(TypeError, match="Expected int32"):  # TF 2.21: a TypeError too
        tf.layers.dense(tf.placeholder(tf.int32, [None, 3]), 2)


def test_assign_dtype_and_assign_add_shape_as_tf1():
    w = tf.Variable([1.0, 2.0])
    integers = tf.Variable([1, 2])
    # TF 2.21 tf.compat.v1: TypeError / ValueError when the graph is built, never a cast or a broadcast
    with pytest.raises(TypeError, match="type float64 that does not match type float32"):
        tf.assign(w, tf.constant([1.0, 2.0], tf.float64))
    with pytest.raises(TypeError, match="type int64 that does not match type int32"):
        tf.assign(integers, tf.constant([1, 2], tf.int64))
    with pytest.raises(ValueError, match="Shapes must be equal rank, but are 1 and 0"):
        tf.assign_add(w, 1.0)
    with pytest.raises(ValueError, match=r"Dimension 0 in both shapes must be equal.*\[2\], \[3\]"):
        w.assign_sub([1.0, 2.0, 3.0])
    fed = tf.placeholder(tf.float32, [None])
    grow = tf.assign_add(w, fed)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(grow, {fed: [1.0, 1.0]}).tolist() == [2.0, 3.0]


def test_feeding_a_variable_the_run_updates_is_refused():
    w = tf.Variable([1.0, 2.0], name="w")
    x = tf.placeholder(tf.float32, [None, 2])
    loss = tf.reduce_mean(tf.square(tf.reduce_sum(x * w, 1) - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    c = tf.Variable(0.0)
    update = tf.assign(c, loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: InvalidArgumentError (a ref input fed a value), nothing changes
        with pytest.raises(tf.errors.InvalidArgumentError, match="from w:0 incompatible with expected float_ref"):
            sess.run(train, {x: [[1.0, 1.0]], w: [0.5, 0.5]})
        with pytest.raises(tf.errors.InvalidArgumentError, match="expected float_ref"):
            sess.run(tf.group(update), {x: [[1.0, 1.0]], c: 3.0})
        assert sess.run(w).tolist() == [1.0, 2.0] and sess.run(c) == 0.0
        assert sess.run(loss, {x: [[1.0, 1.0]], w: [0.5, 0.5]}) == 0.0  # reading a fed variable is fine
        assert sess.run(update, {x: [[1.0, 1.0]], w: [0.5, 0.5]}) == 0.0


def test_consumers_inputs_and_outputs():
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.Variable([3.0, 4.0], name="b")
    c = a * b
    d = tf.reduce_sum(c, name="d")
    tf.square(c, name="e")
    update = tf.assign(b, c)
    # TF 2.21 tf.compat.v1
    assert [op.name for op in c.consumers()] == ["d", "e", "Assign"] and [op.name for op in a.consumers()] == ["mul"]
    assert sorted(t.name for t in c.op.inputs) == ["a:0", "b/read:0"]
    assert d.op.outputs == [d] and tf.group(update).outputs == [] and update.outputs == [update]

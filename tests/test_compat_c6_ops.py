"""Operations as TF1 shows them (compat6, G5/G7/G8 leftovers): an assignment is a tensor ``Assign:0`` whose ``.op``
is the operation ``Assign``; fetching an operation (``tensor.op``, ``assign(...).op``, its name) runs it and gives
``None``; ``tf.rank`` of a placeholder without a shape and ``top_k``'s indices of one.  Expected values: TF 2.21
``tf.compat.v1`` (graph mode), each program run there."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_assignment_names_and_value_index():
    w = tf.Variable(0.0, name="w")
    first, added, taken, method = tf.assign(w, 1.0), tf.assign_add(w, 2.0), w.assign_sub(1.0), w.assign(3.0)
    # TF 2.21: Assign:0 AssignAdd:0 AssignSub:0 Assign_1:0, ops Assign ..., value_index 0
    assert [t.name for t in (first, added, taken, method)] == ["Assign:0", "AssignAdd:0", "AssignSub:0", "Assign_1:0"]
    assert [t.op.name for t in (first, added, taken, method)] == ["Assign", "AssignAdd", "AssignSub", "Assign_1"]
    assert (first.value_index, first.op.type, added.op.type) == (0, "Assign", "AssignAdd")
    assert str(first) == 'Tensor("Assign:0", shape=(), dtype=float32_ref)'
    graph = tf.get_default_graph()
    assert graph.get_tensor_by_name("AssignAdd:0") is added
    assert graph.get_operation_by_name("AssignAdd") is added.op
    assert "AssignAdd" in [op.name for op in graph.get_operations()]


def test_fetching_operations_runs_them_and_gives_none():
    w = tf.Variable(0.0, name="w")
    counter = tf.Variable(0.0, name="counter")
    increment = tf.assign_add(counter, 1.0)
    y = tf.identity(w + 1.0, name="y")
    with tf.control_dependencies([increment.op]):
        z = w * 2.0
    both = tf.group(increment.op, y.op)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21: None 1.0 / None 2.0 / 0.0 3.0 / [0.0, None, None, {'k': None}] 4.0 / None 6.0 6.0 / 7.0
        assert (sess.run(increment.op), sess.run(counter)) == (None, 1.0)
        assert (sess.run(both), sess.run(counter)) == (None, 2.0)
        assert (sess.run(z), sess.run(counter)) == (0.0, 3.0)
        assert sess.run([z, increment.op, y.op, {"k": y.op}]) == [0.0, None, None, {"k": None}]
        assert sess.run(counter) == 4.0
        assert (sess.run("AssignAdd"), sess.run("AssignAdd:0"), sess.run(counter)) == (None, 6.0, 6.0)
        increment.op.run()
        assert sess.run(counter) == 7.0
        assert sess.run(y.op) is None


def test_feeding_a_computed_tensor_adds_no_operation():
    a = tf.add(2, 5, name="a")
    b = tf.multiply(a, 3, name="b")
    names = [op.name for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        assert sess.run(b, {a: 15}) == 45
    assert [op.name for op in tf.get_default_graph().get_operations()] == names  # TF1: the graph is unchanged


def test_rank_of_a_placeholder_without_shape_is_computed_when_fed():
    p = tf.placeholder(tf.float32)
    r = tf.rank(p)
    # TF 2.21: Tensor("Rank:0", shape=(), dtype=int32); 2 0 1 as numpy.int32
    assert str(r) == 'Tensor("Rank:0", shape=(), dtype=int32)'
    with tf.Session() as sess:
        values = [sess.run(r, {p: value}) for value in ([[1.0, 2.0]], 3.0, [1.0, 2.0, 3.0])]
    assert values == [2, 0, 1] and all(type(v) is np.int32 for v in values)


def test_top_k_indices_of_a_placeholder_without_shape_are_int32():
    x = tf.placeholder(tf.float32)
    values, indices = tf.nn.top_k(x, 2)
    assert (values.dtype, indices.dtype) == (tf.float32, tf.int32)  # TF 2.21
    with tf.Session() as sess:
        got = sess.run(indices, {x: [[1.0, 5.0, 3.0]]})
    assert got.tolist() == [[1, 2]] and got.dtype == np.int32

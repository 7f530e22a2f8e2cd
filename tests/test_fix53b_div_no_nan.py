"""final41a F41a-4: ``tf.div_no_nan``'s gradients are ``+0.0`` where ``y == 0`` (w.r.t. ``y`` it was ``-0.0``), each
zero's sign compared with ``np.signbit``; F41a-10: ``tf.div_no_nan`` is one op of type ``DivNoNan`` whose inner
tensors take none of the program's names, so ``"add:0"`` after it is the user's ``x + y``.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), printed as
``value.tolist(), np.signbit(value).tolist()``."""

import numpy as np

import symopt.compat.v1 as tf


def test_gradients_at_a_zero_denominator_are_positive_zeros():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2])
    y = tf.placeholder(tf.float32, [2])
    gradient_x, gradient_y = tf.gradients(tf.reduce_sum(tf.div_no_nan(x, y)), [x, y])
    with tf.Session() as session:
        by_x, by_y = session.run([gradient_x, gradient_y], {x: [3., 4.], y: [0., 2.]})
    assert by_x.tolist() == [0.0, 0.5] and np.signbit(by_x).tolist() == [False, False]  # TF 2.21
    assert by_y.tolist() == [0.0, -1.0] and np.signbit(by_y).tolist() == [False, True]  # TF 2.21


def test_div_no_nan_is_one_op_and_leaves_the_program_its_names():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.placeholder(tf.float32, [2], name="y")
    quotient = tf.div_no_nan(x, y)
    total = x + y
    same = tf.equal(x, y)
    one = tf.constant(1.0)
    operations = [(op.name, op.type) for op in tf.get_default_graph().get_operations()]
    # TF 2.21: add:0 Equal:0 Const:0 div_no_nan:0 DivNoNan, and these six operations
    assert (total.name, same.name, one.name, quotient.name, quotient.op.type) == (
        "add:0", "Equal:0", "Const:0", "div_no_nan:0", "DivNoNan")
    assert operations == [("x", "Placeholder"), ("y", "Placeholder"), ("div_no_nan", "DivNoNan"), ("add", "AddV2"),
                          ("Equal", "Equal"), ("Const", "Const")]
    with tf.Session() as session:
        assert session.run("add:0", {x: [1., 2.], y: [3., 0.]}).tolist() == [4.0, 2.0]  # TF 2.21

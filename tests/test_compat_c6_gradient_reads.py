"""B17 (compat6): a training step, or a fetched gradient, runs the ``tf.control_dependencies`` inputs of exactly the
forward ops TF1's gradient reads (symopt.compat.v1.gradient_reads).  Each program was run in TF 2.21
``tf.compat.v1`` (graph mode); the expected numbers are its output: ``counter`` counts the runs of ``inc``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

X0 = np.float32([[1, 2], [3, 4], [5, 6]])
Y0 = np.float32([[1], [2], [3]])


def _loss_inside(w, inc, X, W):  # the whole loss made in the block (TF1: inc runs, the gradient reads w - 3.0)
    with tf.control_dependencies([inc]):
        return tf.square(w - 3.0)


def _identity_inside(w, inc, X, W):  # the slim idiom: the identity's gradient reads nothing (TF1: inc does not run)
    loss = tf.square(w - 3.0)
    with tf.control_dependencies([inc]):
        return tf.identity(loss)


def _constant_operand_inside(w, inc, X, W):  # 3.0 is a constant made in the block, read by Mul's gradient
    with tf.control_dependencies([inc]):
        return 3.0 * w


def _off_the_path(w, inc, X, W):  # c has no gradient to give: never computed by the step
    with tf.control_dependencies([inc]):
        c = tf.constant(1.0) * 2.0
    return tf.square(w - 3.0) + c


def _square_of_outside(w, inc, X, W):  # Square's gradient reads its input, made outside the block
    d = w - 3.0
    with tf.control_dependencies([inc]):
        return tf.square(d)


def _product_of_variables(w, inc, X, W):  # Mul's gradients read both variables, not the product
    v = tf.Variable(2.0)
    with tf.control_dependencies([inc]):
        return w * v


def _sigmoid_inside(w, inc, X, W):  # Sigmoid's gradient reads its output
    with tf.control_dependencies([inc]):
        return tf.sigmoid(w)


def _product_with_batch(w, inc, X, W):  # the mean of a batch reads its input's shape: the product runs
    with tf.control_dependencies([inc]):
        h = tf.matmul(X, W)
    return tf.reduce_mean(h)


@pytest.mark.parametrize("build, w_after, runs", [
    (_loss_inside, 1.4, 1.0), (_identity_inside, 1.4, 0.0), (_constant_operand_inside, 0.7, 1.0),
    (_off_the_path, 1.4, 0.0), (_square_of_outside, 1.4, 0.0), (_product_of_variables, 0.8, 0.0),
    (_sigmoid_inside, 0.9803388, 1.0), (_product_with_batch, 1.0, 1.0)])
def test_a_step_runs_the_control_inputs_tf1_gradient_reads(build, w_after, runs):
    w = tf.Variable(1.0, name="w")
    counter = tf.Variable(0.0, name="counter")
    inc = tf.assign_add(counter, 1.0)
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[0.1], [0.2]])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(build(w, inc, X, W))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {X: X0})
        assert sess.run([w, counter]) == [np.float32(w_after), runs]


def test_fetching_a_gradient_runs_what_it_reads():
    w = tf.Variable(1.0, name="w")
    counter = tf.Variable(0.0, name="counter")
    inc = tf.assign_add(counter, 1.0)
    with tf.control_dependencies([inc]):
        y = w * 2.0
    optimizer = tf.train.GradientDescentOptimizer(0.1)
    (gradient, _), _ = optimizer.compute_gradients(tf.square(y - 3.0))
    through_identity = tf.gradients(_identity_inside(w, inc, None, None), [w])[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert (sess.run(gradient), sess.run(counter)) == (-4.0, 1.0)  # TF 2.21: the gradient reads y (and 2.0)
        assert (sess.run(through_identity), sess.run(counter)) == (-4.0, 1.0)  # TF 2.21: nothing more


def test_a_print_on_the_loss_does_not_print_one_inside_does(capsys):
    w = tf.Variable(1.0, name="w")
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[0.1], [0.2]])
    on_top = tf.Print(tf.square(w - 3.0), [w], "ON TOP ")
    inside = tf.Print(tf.matmul(X, W), [w], "INSIDE ")
    optimizer = tf.train.GradientDescentOptimizer(0.1)
    steps = optimizer.minimize(on_top), optimizer.minimize(tf.reduce_mean(tf.square(tf.matmul(inside, [[1.0]]) - 1.0)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(steps, {X: X0})
    printed = capsys.readouterr().err
    assert "INSIDE [1]" in printed and "ON TOP" not in printed  # TF 2.21: the matmul's gradient reads the Print


def test_clip_by_value_of_a_scalar_builds():
    w = tf.Variable(1.0, name="w")
    clipped = [tf.clip_by_value(e, -1.0, 1.0) for e in (w * 2.0 - 6.0, w - 3.0, w + 1.0, w * 0.5)]
    gradient = tf.gradients(clipped, w)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(clipped) == [-1.0, -1.0, 1.0, 0.5] and sess.run(gradient) == [0.5]  # TF 2.21

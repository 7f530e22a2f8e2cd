"""probe53 P53-2: an assignment made under ``tf.control_dependencies([train])`` that reads a variable the step
updates (the global step of ``ExponentialMovingAverage(0.9, num_updates=global_step)``, a step counter) still
reads the loss the step saw: TF1 computes a tensor made outside every block once per run, before the update.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` in graph mode (``disable_eager_execution()``), the same programs
(probe53 ``r03_ema_loss.py loss_gs``, ``r04_assign_reads_step.py group``), float32 printed with ``repr``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

X = np.array([[1., 2.], [3., -1.], [0.5, 0.5]], np.float32)
Y = np.array([[1.], [2.], [-1.]], np.float32)
LOSSES_SEEN = [2.0, 0.76185185, 0.6408811]  # TF 2.21: the loss each step saw (also symopt's before the fix)
EMA_OF_LOSS = [1.6363636, 0.9804798, 0.745373]  # TF 2.21: ema.average(loss) after each run
RUNNING_MEAN = [2.0, 1.3809259, 1.1342443]  # TF 2.21: the mean of LOSSES_SEEN, kept by hand


def _linear_regression():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    y = tf.placeholder(tf.float32, [None, 1])
    w = tf.Variable(tf.zeros([2, 1]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
    step = tf.Variable(0, trainable=False)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step)
    return {x: X, y: Y}, w, loss, step, train


def _three_runs(fetch, loss, feed, read):
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        seen, kept = [], []
        for _ in range(3):
            seen.append(session.run([fetch, loss], feed)[1])
            kept.append(session.run(read))
    np.testing.assert_array_equal(np.float32(seen), np.float32(LOSSES_SEEN))
    return np.float32(kept)


@pytest.mark.parametrize("how", ["fetched", "control input"])
def test_moving_average_with_num_updates_averages_the_loss_the_step_saw(how):
    feed, w, loss, step, train = _linear_regression()
    ema = tf.train.ExponentialMovingAverage(decay=0.9, num_updates=step)
    with tf.control_dependencies([train]):
        averages = ema.apply([w, loss])
    fetch = averages
    if how == "control input":  # CIFAR-10's train_op = tf.no_op() under control_dependencies([..., averages])
        with tf.control_dependencies([averages]):
            fetch = tf.no_op()
    np.testing.assert_array_equal(_three_runs(fetch, loss, feed, ema.average(loss)), np.float32(EMA_OF_LOSS))


def test_grouped_running_mean_divides_by_the_step_after_it_and_adds_the_loss_before_it():
    feed, w, loss, step, train = _linear_regression()
    mean = tf.Variable(0.0)
    with tf.control_dependencies([train]):
        steps_done = tf.cast(step, tf.float32)  # read after the step: 1, 2, 3
        update = tf.group(tf.assign(mean, mean + (loss - mean) / steps_done))
    np.testing.assert_array_equal(_three_runs(update, loss, feed, mean), np.float32(RUNNING_MEAN))

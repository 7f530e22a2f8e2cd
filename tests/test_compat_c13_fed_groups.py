"""A run that feeds a variable (or a tensor) runs the operations of a ``tf.group`` on the fed value (probe13 W11
addendum, W10 addendum 3): ``ExponentialMovingAverage.apply`` returns a group, which a run's feed rebuild left as
it was, so ``sess.run(ema.apply([b]), {b: 4.0})`` averaged the stored ``b`` and a fed ``num_updates`` step was
ignored; ``tf.group(tf.assign(W, W * b))`` and ``tf.group(train)`` likewise, silently.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_moving_average_of_a_fed_variable_averages_the_fed_value():
    b = tf.Variable(np.float32(0.5), name="b")
    ema = tf.train.ExponentialMovingAverage(0.5)
    apply = ema.apply([b])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(apply, {b: 4.0})
        assert sess.run(ema.average(b)) == np.float32(2.25)  # TF 2.21 tf.compat.v1 (symopt gave 0.5)
        assert sess.run(b) == np.float32(0.5)  # the feed stored nothing


def test_moving_average_decays_with_a_fed_num_updates_step():
    step = tf.Variable(0, trainable=False)
    w = tf.Variable(1.0)
    ema = tf.train.ExponentialMovingAverage(0.99, num_updates=step)
    apply = ema.apply([w])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign(w, 3.0))
        sess.run(apply, {step: 1000})
        assert np.isclose(sess.run(ema.average(w)), 1.02, rtol=1e-6)  # TF 2.21 tf.compat.v1 (symopt gave 2.8)
        assert sess.run(step) == 0


def test_group_of_assignments_reads_the_fed_variable():
    W = tf.Variable(np.float32([1., 2.]), name="W")
    b = tf.Variable(np.float32(0.5), name="b")
    scale = tf.group(tf.assign(W, W * b))
    shift = tf.group(tf.assign_add(W, tf.stack([b, b])))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(scale, {b: 3.0})
        np.testing.assert_array_equal(sess.run(W), np.float32([3., 6.]))  # TF 2.21 (symopt gave [0.5, 1.])
        sess.run(shift, {b: 3.0})
        np.testing.assert_array_equal(sess.run(W), np.float32([6., 9.]))  # TF 2.21 (symopt gave [1., 1.5])


def test_group_of_a_training_step_reads_the_fed_frozen_variable():
    W = tf.Variable(np.float32([1., 2.]), name="W")
    b = tf.Variable(np.float32(0.5), name="b")
    loss = tf.reduce_sum(tf.square(W * b - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[W])
    step = tf.group(train)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(step, {b: 2.0})
        np.testing.assert_allclose(sess.run(W), np.float32([0.6, 0.79999995]), rtol=1e-7)  # TF 2.21 ([1.05, 2.])
        sess.run(tf.group([step]), {b: 2.0})
        np.testing.assert_allclose(sess.run(W), np.float32([0.52, 0.56]), rtol=1e-7)  # TF 2.21


def test_moving_average_as_a_control_input_runs_once_per_step():
    X = tf.placeholder(tf.float32, [None, 2])
    training = tf.placeholder_with_default(False, shape=(), name="training")
    m = tf.reduce_mean(X)
    ema = tf.train.ExponentialMovingAverage(decay=0.5)
    apply = ema.apply([m])
    W = tf.Variable(1.0)
    loss = tf.reduce_sum(W * X) + tf.cond(training, lambda: m, lambda: ema.average(m))
    with tf.control_dependencies([apply]):
        train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    averages = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {X: [[1., 1.]], training: True})
        averages.append(sess.run(ema.average(m)))
        sess.run(train, {X: [[1., 1.]]})
        averages.append(sess.run(ema.average(m)))
        sess.run(apply, {X: [[1., 1.]], training: True})
        averages.append(sess.run(ema.average(m)))
    assert averages == [0.5, 0.75, 0.875]  # TF 2.21 tf.compat.v1


def test_group_inputs_stay_control_inputs():
    v = tf.Variable(1.0, name="v")
    grouped = tf.group(tf.assign(v, 2.0), v * 3.0)
    assert grouped.inputs == []  # TF1: a NoOp's members are control inputs only
    assert grouped.control_input_names() == ["^Assign", "^mul"]


def test_training_step_with_a_schedule_of_a_fed_rate_variable():
    """probe13 W10 addendum 2 (already TF's numbers on 317536b; kept as a regression test)."""
    w = tf.Variable(np.float32([1., -2.]))
    lr = tf.Variable(0.1, trainable=False, name="lr")
    loss = tf.reduce_sum(tf.square(w))
    rate = tf.train.exponential_decay(lr, tf.train.get_or_create_global_step(), 1, 0.5)
    train = tf.train.AdamOptimizer(rate).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(lr.assign(0.01))
        sess.run(train)
        sess.run(tf.assign(lr, lr * 0.5))
        sess.run(train)
        sess.run(train, {lr: 0.3})
        # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(w), np.float32([0.5869263, -1.5858208]), rtol=2e-7)
        assert np.isclose(sess.run(lr), 0.005)


def test_a_training_run_that_feeds_the_global_step_it_increments_is_refused():
    """review4 Q5: TF1 refuses the feed (the step needs the variable, int64_ref); symopt stepped with the fed step's
    rate and then incremented the stored step.  Fetching the schedule at a fed step stays supported."""
    w = tf.Variable(1.0, name="w")
    step = tf.train.get_or_create_global_step()
    rate = tf.train.exponential_decay(0.1, step, 100, .5, staircase=True)
    train = tf.train.GradientDescentOptimizer(rate).minimize(w * w, global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for fetches in ([train, w, step], train, tf.group(train)):
            # TF 2.21 tf.compat.v1: "Input 0 of node GradientDescent was passed int64 from _arg_global_step_0_0:0
            # incompatible with expected int64_ref."
            with pytest.raises(tf.errors.InvalidArgumentError, match="Input 0 of node GradientDescent was passed "
                               "int64 from global_step:0 incompatible with expected int64_ref"):
                sess.run(fetches, {step: 250})
            assert sess.run([w, step]) == [np.float32(1.0), 0]  # nothing ran
        assert sess.run(rate, {step: 250}) == np.float32(0.025)  # TF 2.21 tf.compat.v1


def test_grouped_assignments_read_fed_tensors_that_are_not_placeholders():
    """probe15 Y6 and its addendum."""
    W = tf.Variable([1.0, 2.0], name="W")
    b = tf.Variable(0.0, name="b")
    c = tf.Variable(0.0, name="c")
    t = tf.Variable([0.0, 0.0], name="t")
    h = W * 2.0
    p = tf.placeholder(tf.float32, [])
    first = tf.group(tf.assign(b, tf.reduce_sum(h)), tf.assign(c, p))
    second = tf.group(*[tf.assign(b, tf.reduce_sum(W)), tf.assign(c, W[0])])
    sync = tf.group(*[tf.assign(t, W)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.group(tf.assign(b, tf.reduce_sum(W))), {W: [2., 2.]})
        assert sess.run(b) == 4.0  # TF 2.21 tf.compat.v1 (symopt gave 3.0)
        sess.run(first, {h: [10., 10.], p: 3.0})
        assert sess.run([b, c]) == [20.0, 3.0]  # TF 2.21 (symopt gave 6.0, 3.0)
        sess.run(second, {W: [4., 4.]})
        assert sess.run([b, c]) == [8.0, 4.0]  # TF 2.21
        sess.run([second, W], {W: [5., 5.]})
        assert sess.run([b, c]) == [10.0, 5.0]  # TF 2.21
        sess.run(sync, {W: [7., 7.]})
        assert sess.run(t).tolist() == [7.0, 7.0]  # TF 2.21 (symopt gave [1, 2])


def test_initializers_set_a_fed_initial_value():
    """probe15 Y7 and its addendum: variables_initializer and global_variables_initializer read a fed
    W.initial_value, as W.initializer and W/Assign do; a variable made from W's follows."""
    W = tf.Variable([1.0, 2.0], name="W")
    v = tf.Variable(W.initialized_value() + 10.0, name="v")
    train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(W * W))
    init = tf.global_variables_initializer()
    with tf.Session() as sess:
        sess.run(init, {W.initial_value: [9., 9.]})
        assert [value.tolist() for value in sess.run([W, v])] == [[9., 9.], [19., 19.]]  # TF 2.21 tf.compat.v1
        sess.run(train)
        sess.run(tf.variables_initializer([W]), {W.initial_value: [6., 6.]})
        assert sess.run(W).tolist() == [6., 6.]  # TF 2.21 (symopt gave [1, 2])
        sess.run(W.initializer, {W.initial_value: [5., 5.]})
        assert sess.run(W).tolist() == [5., 5.]  # TF 2.21 (symopt gave [1, 2])
        sess.run(init)
        assert sess.run(W).tolist() == [1., 2.]
        with pytest.raises(tf.errors.InvalidArgumentError, match="Input 0 of node W/Assign was passed float from W:0 "
                           "incompatible with expected float_ref"):
            sess.run(init, {W: [3., 3.]})  # TF 2.21: InvalidArgumentError


def test_assertions_read_a_fed_tensor():
    """probe15 Y6 addendum 2: tf.Assert / tf.assert_less of a fed computed tensor read the fed value (they asked for
    its placeholder, or recomputed it from the stored variable)."""
    x = tf.placeholder(tf.float32, [None])
    W = tf.Variable(2.0, name="W")
    h = x * W
    check = tf.Assert(tf.reduce_all(h < 5.0), [h])
    less = tf.assert_less(h, 5.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for operation, feed in ((check, {h: [1., 1.]}), (less, {h: [1., 1.]}), (check, {W: 1.0, x: [3.]}),
                                (tf.group(check), {h: [1., 1.]})):
            assert sess.run(operation, feed) is None  # TF 2.21 tf.compat.v1: runs
        with pytest.raises(tf.errors.InvalidArgumentError, match="assertion failed"):
            sess.run(check, {h: [6., 6.]})


def test_fed_gradients_need_no_feed_of_the_loss_placeholders():
    """probe15 Y8: gradients of compute_gradients averaged in NumPy and fed to the apply_gradients step (the
    policy-gradient recipe) asked for the loss's placeholder."""
    x = tf.placeholder(tf.float32, [None])
    w = tf.Variable(1.0)
    loss = tf.reduce_mean(tf.square(x * w - 2.0))
    optimizer = tf.train.GradientDescentOptimizer(0.1)
    pairs = optimizer.compute_gradients(loss)
    train = optimizer.apply_gradients(pairs)
    gradient = pairs[0][0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(gradient, {x: [1., 2.]}) == -1.0  # TF 2.21 tf.compat.v1
        sess.run(train, {x: [1., 2.], gradient: 10.0})
        assert sess.run(w) == 0.0  # TF 2.21
        sess.run(train, {gradient: 5.0})
        assert sess.run(w) == -0.5  # TF 2.21 (symopt: "You must feed a value for placeholder tensor 'Placeholder'")
        _, value = sess.run([train, loss], {x: [1., 2.], gradient: 1.0})
        assert value == pytest.approx(np.mean(np.square(np.float32([1., 2.]) * -0.5 - 2.0)))  # before the step
        assert sess.run(w) == pytest.approx(-0.6)


def test_a_step_run_as_a_control_input_of_a_fetched_tensor_refuses_a_feed_it_updates():
    """review5 R5-3: "the loss after the step" (`tf.identity(loss)` under control_dependencies([train])) with the
    global step or a trained variable fed: TF 2.21 refuses both runs; symopt trained with the fed values."""
    w = tf.Variable([1.0, -2.0], name="w")
    step = tf.train.get_or_create_global_step()
    rate = tf.train.exponential_decay(0.1, step, 100, .5, staircase=True)
    loss = tf.reduce_sum(w * w)
    train = tf.train.GradientDescentOptimizer(rate).minimize(loss, global_step=step)
    with tf.control_dependencies([train]):
        after = tf.identity(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for feed, kind in (({step: 250}, "int64"), ({w: [3.0, 3.0]}, "float")):
            with pytest.raises(tf.errors.InvalidArgumentError, match=f"Input 0 of node GradientDescent was passed "
                               f"{kind} from .* incompatible with expected {kind}_ref"):
                sess.run(after, feed)
            stored_w, stored_step = sess.run([w, step])
            assert stored_w.tolist() == [1.0, -2.0] and stored_step == 0  # nothing ran
        assert sess.run(after) == np.float32(5.0)  # unfed: the loss before the step (TF 2.21: 5.0)

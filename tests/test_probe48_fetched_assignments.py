"""A fetched assignment beside a later update of the same variable (probe48 P48-3): TF1 fetches an assignment as
a reference to its variable, read when the run returns, so the gradient-accumulation idiom's ``acc_op`` fetched
beside the zeroing of the buffer gives 0.0; symopt gave the value between the updates, silently.  Updates with no
order between them, not all adding, are refused: the fetched value would depend on an order TF1 does not fix.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_fetched_assign_add_before_a_dependent_update_reads_the_end_of_the_run():
    c = tf.Variable(0.0)
    inc = tf.assign_add(c, 1.0)
    with tf.control_dependencies([inc]):
        inc10 = tf.assign_add(c, 10.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([inc, inc10]) == [11.0, 11.0]  # TF 2.21 tf.compat.v1
        assert sess.run([inc, inc10]) == [22.0, 22.0]  # TF 2.21 tf.compat.v1
        assert sess.run(inc) == 23.0  # alone: the value it stores


def test_gradient_accumulation_fetches_the_zeroed_buffer():
    """By hand: w = 1, x = [1, 2, 3]: d/dw mean((w x - 1)^2) = (2/3) (0 + 2 + 6) = 16/3; w - 0.1 * 16/3 = 7/15."""
    w = tf.Variable(1.0)
    acc = tf.Variable(0.0, trainable=False)
    x = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_mean(tf.square(w * x - 1.0))
    acc_op = tf.assign_add(acc, tf.gradients(loss, w)[0])
    with tf.control_dependencies([acc_op]):
        apply = tf.assign_sub(w, 0.1 * acc)
    with tf.control_dependencies([apply]):
        zero = tf.assign(acc, 0.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        accumulated, new_w, zeroed = sess.run([acc_op, apply, zero], {x: [1.0, 2.0, 3.0]})
        assert accumulated == 0.0 and zeroed == 0.0  # TF 2.21 tf.compat.v1: 0.0, 0.0
        np.testing.assert_allclose(new_w, 7.0 / 15.0, rtol=1e-6)  # TF 2.21 tf.compat.v1: 0.46666664
        assert sess.run([acc_op, apply, zero], {x: [1.0, 2.0, 3.0]})[0] == 0.0  # TF 2.21 tf.compat.v1


def test_unordered_additions_read_their_common_sum():
    c = tf.Variable(0.0)
    a, b = tf.assign_add(c, 1.0), tf.assign_add(c, 10.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([a, b]) == [11.0, 11.0]  # TF 2.21 tf.compat.v1
        assert sess.run([a, b]) == [22.0, 22.0]  # TF 2.21 tf.compat.v1


def test_an_assignment_fetched_beside_an_unordered_update_is_refused_before_anything_runs():
    c = tf.Variable(0.0)
    set_five, add_one = tf.assign(c, 5.0), tf.assign_add(c, 1.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match=r"the fetched assignment Assign:0 is read as its variable "
                           r"Variable when the run returns .* with no order between them: TF1 does not fix which "
                           r"runs last.*tf.control_dependencies\(\[Assign\]\)"):
            sess.run([set_five, add_one])
        assert sess.run(c) == 0.0


def test_two_operators_on_one_assignment_run_it_once_per_run():
    """final39c F39c-1: each Python operator on an assignment ran it again: ``[log_now, half]`` of ``inc`` stepped the
    counter twice per run (s = 6 after three runs; TF1: 3)."""
    s = tf.Variable(0)
    inc = tf.assign_add(s, 1)
    log_now, half = tf.equal(inc % 2, 0), inc // 2
    v = tf.Variable([1.0, 2.0])
    a = v.assign_add([1.0, 1.0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fetched = [[bool(x), int(y)] for x, y in (sess.run([log_now, half]) for _ in range(3))]
        assert fetched == [[False, 0], [True, 1], [False, 1]] and sess.run(s) == 3  # TF 2.21 tf.compat.v1
        first, second = sess.run([a + 0.0, a * 1.0])
        assert first.tolist() == second.tolist() == [2.0, 3.0] and sess.run(v).tolist() == [2.0, 3.0]  # TF 2.21
        assert [float(x) for x in sess.run([a[0], a[1]])] == [3.0, 4.0]  # one update of [2, 3], as TF 2.21 (from [1, 2]: [2, 3])


def test_an_assignment_of_global_step_beside_the_step_that_increments_it_is_refused():
    """final39c F39c-6: ``sess.run([gs.assign(100), train])`` has no order between the assignment and the step's
    increment; it fetched 101 (TF 2.21: 100 in 20 of 20 sessions, an order TF1 does not promise).  An assign_add
    beside it ends at the same sum in either order."""
    gs, w = tf.Variable(0, trainable=False), tf.Variable(1.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(w * w, global_step=gs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(UnsupportedOperationError, match="no order between them"):
            sess.run([gs.assign(100), train])
        assert sess.run([gs.assign_add(5), train])[0] == 6 and sess.run(gs) == 6  # TF 2.21: 5 + 1 either way

"""final46a 46a-1, 46a-2, 46a-11: which optimizer slots count as initialized for a training operation made after
the initializer ran.  A slot is initialized when its own initializer ran or one that set a training operation
holding it (a second ``minimize`` of the same optimizer object trains, as TF1); a slot set through its initializer
with a fed ``initial_value`` initializes that slot only.

Oracle: TF 2.21 ``tf.compat.v1`` graph mode (/work/wt/final46a/init_scen.py, init_scen2.py, printed values copied
here as literals)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import FailedPreconditionError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _loss(w, c=3.0):
    return tf.reduce_sum((w - c) ** 2)


@pytest.mark.parametrize("first_step, expected", [(True, [1.1, 2.1, 4.839787]), (False, [1.0, 2.0, 4.800075])])
def test_second_minimize_on_a_new_variable_reuses_the_initialized_beta_powers(first_step, expected):
    w = tf.Variable([1.0, 2.0])
    opt = tf.train.AdamOptimizer(0.1)
    t1 = opt.minimize(_loss(w))
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    if first_step:
        sess.run(t1)
    u = tf.Variable(5.0)
    t2 = opt.minimize(_loss(u, 1.0), var_list=[u])
    sess.run(tf.variables_initializer([u, opt.get_slot(u, "m"), opt.get_slot(u, "v")]))
    for _ in range(2):
        sess.run(t2)
    np.testing.assert_allclose([*sess.run(w), sess.run(u)], expected, atol=1e-6)  # TF 2.21 (init_scen.py T, T0)


@pytest.mark.parametrize("make, first_step, expected", [
    (lambda: tf.train.AdamOptimizer(0.1), True, [1.05008, 1.977711]),  # TF 2.21 init_scen.py K
    (lambda: tf.train.AdamOptimizer(0.1), False, [0.800167, 1.800103]),  # K0
    (lambda: tf.train.MomentumOptimizer(0.1, 0.9), False, [-0.08, 0.38]),  # KM
])
def test_second_minimize_on_the_same_variable_trains(make, first_step, expected):
    w = tf.Variable([1.0, 2.0])
    opt = make()
    t1 = opt.minimize(_loss(w))
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    if first_step:
        sess.run(t1)
    t2 = opt.minimize(_loss(w, -1.0))
    for _ in range(2):
        sess.run(t2)
    np.testing.assert_allclose(sess.run(w), expected, atol=1e-6)


def _adam_made_after_the_initializer():
    w = tf.Variable([1.0, 2.0])
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    opt = tf.train.AdamOptimizer(0.1)
    train = opt.minimize(_loss(w))
    return w, sess, opt, train, opt.get_slot(w, "m")


def test_a_fed_slot_initializer_initializes_that_slot_only():
    _, sess, _, train, m = _adam_made_after_the_initializer()
    sess.run(m.initializer, {m.initial_value: np.array([0.5, 0.5], np.float32)})
    with pytest.raises(FailedPreconditionError, match="beta1_power"):  # TF 2.21: FailedPreconditionError
        sess.run(train)  # (init_scen2.py FED: could not find / uninitialized beta1_power)


def test_a_fed_slot_keeps_its_value_when_the_others_are_initialized_after_it():
    w, sess, opt, train, m = _adam_made_after_the_initializer()
    sess.run(m.initializer, {m.initial_value: np.array([0.5, 0.5], np.float32)})
    sess.run(tf.variables_initializer([v for v in opt.variables() if v is not m]))
    for _ in range(2):
        sess.run(train)
    np.testing.assert_allclose(sess.run(w), [1.034392, 1.875], atol=1e-6)  # TF 2.21
    np.testing.assert_allclose(sess.run(m), [-0.3575, 0.0], atol=1e-6)

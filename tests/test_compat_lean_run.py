"""``Session.run``'s lean path (``RunPlan.lean_run``): fixed-shape feeds of the placeholders' own dtype, a NumPy
step whose optimizer state exists.  It must give exactly what the general path gives, take every other case to the
general path before changing anything, and do nothing per run but the step and its stores."""

import numpy as np
import pytest
import sympy

import symopt.compat.v1 as tf
from symopt.compat.v1.run_plan import RunPlan
from symopt.compat.v1.train import TrainOperation


def lecture():
    """The course's program: ``x`` holds the coefficients of ``w**2 - 10 w + 25``, fed at every run."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3, 1])
    w = tf.Variable(0, dtype=tf.float32)
    cost = x[0][0] * w ** 2 + x[1][0] * w + x[2][0]
    train = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
    return x, w, cost, train, np.array([[1.0], [-10.0], [25.0]], np.float32)


def regression(optimizer):
    """Linear regression on a fixed batch of 6 rows: ``X`` [6, 2], ``y`` rank 1, a rank-0 weight ``c`` on the
    regularizer, two variables and a global step."""
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, [6, 2], name="X")
    y = tf.placeholder(tf.float32, [6], name="y")
    c = tf.placeholder(tf.float32, [], name="c")
    W = tf.Variable([[0.5], [-0.25]], dtype=tf.float32, name="W")
    b = tf.Variable(0.1, dtype=tf.float32, name="b")
    step = tf.train.get_or_create_global_step()
    prediction = tf.reshape(tf.matmul(X, W) + b, [-1])
    loss = tf.reduce_mean(tf.square(prediction - y)) + c * tf.reduce_sum(tf.square(W))
    train = optimizer.minimize(loss, global_step=step)
    rng = np.random.default_rng(3)
    xs = rng.standard_normal((6, 2)).astype(np.float32)
    ys = (xs @ np.array([2.0, -1.0]) + 0.5).astype(np.float32)
    return (X, y, c), (W, b, step), loss, train, {X: xs, y: ys, c: np.array(0.01, np.float32)}


def counting_applies(monkeypatch) -> list:
    """The calls of ``TrainOperation.apply`` (the general path's step), recorded."""
    calls, original = [], TrainOperation.apply
    monkeypatch.setattr(TrainOperation, "apply", lambda self, *a, **k: (calls.append(self), original(self, *a, **k))[1])
    return calls


OPTIMIZERS = {
    "gd": lambda: tf.train.GradientDescentOptimizer(0.1),
    "momentum": lambda: tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True),
    "adam": lambda: tf.train.AdamOptimizer(0.05),
    "rmsprop": lambda: tf.train.RMSPropOptimizer(0.01, momentum=0.5, centered=True),
}


def run_regression(name, planned, monkeypatch):
    with monkeypatch.context() as patch:
        if not planned:
            patch.setattr(RunPlan, "for_fetches", classmethod(lambda cls, session, fetches: None))
        _, variables, loss, train, feed = regression(OPTIMIZERS[name]())
        session = tf.Session()
        session.run(tf.global_variables_initializer())
        costs = [session.run([train, loss], feed_dict=feed)[1] for _ in range(40)]
        return costs, session.run(list(variables)), session, train


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_lean_runs_are_the_general_paths_bit_for_bit(monkeypatch, name):
    applies = counting_applies(monkeypatch)
    lean_costs, lean_values, session, train = run_regression(name, True, monkeypatch)
    assert session._plans and all(plan.run == plan.lean_run for plan in session._plans.values())
    assert len(applies) == 1  # the first run makes the optimizer's state on the general path; 39 lean runs follow
    general_costs, general_values, _, _ = run_regression(name, False, monkeypatch)
    assert len(applies) == 41
    assert [type(c) for c in lean_costs] == [np.float32] * 40 and lean_costs == general_costs
    for ours, theirs in zip(lean_values, general_values):
        assert np.asarray(ours).dtype == np.asarray(theirs).dtype and np.array_equal(ours, theirs)
    assert lean_values[2] == 40  # the global step counted every lean run
    assert lean_costs[-1] < lean_costs[0] / 4


def test_the_lecture_takes_the_lean_path_with_tf1s_digits(monkeypatch):
    x, w, cost, train, coefficients = lecture()
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    applies = counting_applies(monkeypatch)
    hashes, original = [], sympy.Basic.__hash__
    session.run(train, feed_dict={x: coefficients})
    monkeypatch.setattr(sympy.Basic, "__hash__", lambda self: (hashes.append(self), original(self))[1])
    for _ in range(999):
        assert session.run(train, feed_dict={x: coefficients}) is None
    monkeypatch.setattr(sympy.Basic, "__hash__", original)
    assert len(applies) == 1 and len(hashes) == 999 * 2 and set(hashes) == {w.expr}  # one read, one store a run
    assert str(session.run(w)) == "4.9999886"  # TF1's lecture: 1000 steps of GD(0.01)


def test_other_feeds_go_the_general_way_and_give_its_numbers(monkeypatch):
    """A float64 or list feed (converted), an extra placeholder, a feed by name: the general path, same numbers;
    a wrong shape: TF1's ValueError before anything changes."""
    x, w, cost, train, coefficients = lecture()
    extra = tf.placeholder(tf.float32, [2], name="extra")
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(train, feed_dict={x: coefficients})
    applies = counting_applies(monkeypatch)
    feeds = [{x: coefficients.astype(np.float64)}, {x: coefficients.tolist()},
             {x: coefficients, extra: np.zeros(2, np.float32)}, {"Placeholder:0": coefficients},
             {x: np.asfortranarray(coefficients.astype(">f4"))}]
    for feed in feeds:
        session.run(train, feed_dict=feed)
    assert len(applies) == len(feeds)
    reference = np.float32(0)
    for _ in range(len(feeds) + 1):  # the same steps written out in float32: w -= 0.01 * (2 w - 10)
        reference = reference - (np.float32(2) * reference + np.float32(-10)) * np.float32(0.01)
    assert session.run(w) == reference
    with pytest.raises(ValueError, match=r"Cannot feed value of shape \(3,\)"):
        session.run(train, feed_dict={x: coefficients[:, 0]})
    assert session.run(w) == reference and len(applies) == len(feeds)


def test_an_optimizer_shared_by_two_training_operations_goes_the_general_way(monkeypatch):
    """One Adam object minimizing two losses shares its beta powers (TF1): the lean path leaves the grouped state to
    the general path, which keeps it."""
    def program(planned):
        with monkeypatch.context() as patch:
            if not planned:
                patch.setattr(RunPlan, "for_fetches", classmethod(lambda cls, session, fetches: None))
            tf.reset_default_graph()
            x = tf.placeholder(tf.float32, [2])
            u, v = tf.Variable(1.0), tf.Variable(-2.0)
            adam = tf.train.AdamOptimizer(0.1)
            first = adam.minimize(tf.reduce_sum(tf.square(u * x - 3.0)), var_list=[u])
            second = adam.minimize(tf.reduce_sum(tf.square(v * x + 1.0)), var_list=[v])
            session = tf.Session()
            session.run(tf.global_variables_initializer())
            feed = {x: np.array([1.0, 2.0], np.float32)}
            for _ in range(10):
                session.run(first, feed_dict=feed)
                session.run(second, feed_dict=feed)
            return session.run([u, v])
    applies = counting_applies(monkeypatch)
    planned = program(True)
    assert len(applies) == 20
    assert planned == program(False)


@pytest.mark.parametrize("planned", [True, False])
def test_a_float_array_fed_to_a_bool_placeholder_is_its_truth_values(monkeypatch, planned):
    """review2 F1: on the plan path a float64 array fed to a ``tf.bool`` placeholder passed the dtype check of the
    number it is read as (float64) and 0.5 stayed 0.5; TF1 (and the general path) convert it to bool first."""
    if not planned:
        monkeypatch.setattr(RunPlan, "for_fetches", classmethod(lambda cls, session, fetches: None))
    tf.reset_default_graph()
    mask = tf.placeholder(tf.bool, [2])
    w = tf.Variable([2.0, 1.0])
    cost = tf.reduce_sum(w * w * tf.cast(mask, tf.float32))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(cost)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    costs = [session.run([train, cost], feed_dict={mask: np.array([0.5, 0.0])})[1] for _ in range(4)]
    expected, first = [], np.float32(2.0)
    for _ in range(4):  # cost = w0**2 (the mask is [True, False]); GD: w0 -= 0.1 * 2 w0
        expected.append(first * first)
        first = first - np.float32(0.1) * (np.float32(2) * first)
    assert costs == pytest.approx(expected, rel=1e-6) and costs[0] == 4.0
    np.testing.assert_allclose(session.run(w), [first, 1.0], rtol=1e-6)

"""``Session.run``'s planned fast path (``symopt/compat/v1/run_plan.py``): the training loop's calls give exactly
what the general path gives, keep every check, and look nothing up by SymPy expression but the trained
variables' own values."""

import numpy as np
import pytest
import sympy

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import FailedPreconditionError, InvalidArgumentError
from symopt.compat.v1.run_plan import RunPlan


def network(seed=0):
    """A 3-4-2 softmax network with [None, k] placeholders and Adam (TF1 style), and its data."""
    tf.reset_default_graph()
    rng = np.random.default_rng(seed)
    X = tf.placeholder(tf.float32, [None, 3], name="X")
    Y = tf.placeholder(tf.float32, [None, 2], name="Y")
    W1 = tf.Variable(rng.standard_normal((3, 4)).astype(np.float32), name="W1")
    b1 = tf.Variable(np.zeros(4, np.float32), name="b1")
    W2 = tf.Variable(rng.standard_normal((4, 2)).astype(np.float32), name="W2")
    logits = tf.matmul(tf.nn.relu(tf.matmul(X, W1) + b1), W2)
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=logits))
    train = tf.train.AdamOptimizer(0.05).minimize(cost)
    x = rng.standard_normal((40, 3)).astype(np.float32)
    y = np.eye(2, dtype=np.float32)[(x[:, 0] > 0).astype(int)]
    return (X, Y), (W1, b1, W2), cost, train, (x, y)


def trained(planned: bool, monkeypatch, fetch=lambda train, cost: [train, cost]):
    """Costs and final variables of 12 steps on batches of 8, 16 and 5 rows (float64 feeds every third step)."""
    with monkeypatch.context() as patch:
        if not planned:
            patch.setattr(RunPlan, "for_fetches", classmethod(lambda cls, session, fetches: None))
        (X, Y), variables, cost, train, (x, y) = network()
        session = tf.Session()
        session.run(tf.global_variables_initializer())
        costs = []
        for step in range(12):
            start, size = (step * 8) % 32, (8, 16, 5)[step % 3]
            xs, ys = x[start:start + size], y[start:start + size]
            if step % 3 == 2:
                xs = xs.astype(np.float64)  # converted to the placeholder's float32, as the general path does
            costs.append(session.run(fetch(train, cost), feed_dict={X: xs, Y: ys}))
        return costs, session.run(list(variables)), session


def test_planned_runs_are_the_general_paths_bit_for_bit(monkeypatch):
    planned_costs, planned_values, session = trained(True, monkeypatch)
    general_costs, general_values, general = trained(False, monkeypatch)
    assert len(session._plans) == 1 and not general._plans
    assert [type(c) for c in planned_costs] == [list] * 12 and planned_costs[0][0] is None
    assert [c[1] for c in planned_costs] == [c[1] for c in general_costs]
    assert all(type(c[1]) is np.float32 for c in planned_costs)
    for ours, theirs in zip(planned_values, general_values):
        assert ours.dtype == np.float32 and ours.shape == theirs.shape and np.array_equal(ours, theirs)


@pytest.mark.parametrize("fetch, expected", [
    (lambda train, cost: (train, cost), lambda c: type(c) is tuple and c[0] is None),
    (lambda train, cost: [cost, train], lambda c: type(c) is list and c[1] is None and type(c[0]) is np.float32),
    (lambda train, cost: train, lambda c: c is None),
])
def test_fetch_structures_keep_their_shape(monkeypatch, fetch, expected):
    costs, _, session = trained(True, monkeypatch, fetch)
    assert len(session._plans) == 1 and all(expected(c) for c in costs)


def test_the_hot_path_hashes_only_the_trained_variables(monkeypatch):
    """Per run: one lookup and one store of each trained variable's value; no other SymPy hashing (fetches and
    feeds are found by id)."""
    (X, Y), variables, cost, train, (x, y) = network()
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    feed = {X: x[:8], Y: y[:8]}
    session.run([train, cost], feed_dict=feed)  # plans
    calls = []
    original = sympy.Basic.__hash__

    def counted(self):
        calls.append(self)
        return original(self)
    monkeypatch.setattr(sympy.Basic, "__hash__", counted)
    for _ in range(5):
        session.run([train, cost], feed_dict=feed)
    monkeypatch.undo()
    assert len(calls) == 5 * 2 * len(variables)
    assert set(calls) == {v.expr for v in variables}


def test_errors_on_the_planned_path_are_tf1s_and_change_nothing(monkeypatch):
    (X, Y), variables, cost, train, (x, y) = network()
    session = tf.Session()
    with pytest.raises(FailedPreconditionError, match="uninitialized value"):
        session.run([train, cost], feed_dict={X: x[:8], Y: y[:8]})
    session.run(tf.global_variables_initializer())
    session.run([train, cost], feed_dict={X: x[:8], Y: y[:8]})
    before = {k: np.copy(v) for k, v in session.values.items()}
    slots = [np.copy(v) for part in session.optimizer_state[train.key] for v in part]
    with pytest.raises(InvalidArgumentError, match="You must feed a value for placeholder tensor 'Y'"):
        session.run([train, cost], feed_dict={X: x[:8]})
    with pytest.raises(ValueError, match=r"Cannot feed value of shape \(8, 2\) for Tensor X:0, which has shape "
                                         r"\(\?, 3\)"):
        session.run([train, cost], feed_dict={X: x[:8, :2], Y: y[:8]})
    with pytest.raises(InvalidArgumentError, match="Incompatible batch sizes"):
        session.run([train, cost], feed_dict={X: x[:8], Y: y[:7]})
    with pytest.raises(TypeError, match="cannot be a tf.Tensor"):
        session.run(train, feed_dict={X: X, Y: y[:8]})
    assert all(np.array_equal(before[k], v) for k, v in session.values.items())
    assert all(np.array_equal(a, b) for a, b in zip(
        slots, [v for part in session.optimizer_state[train.key] for v in part]))


def test_feeds_the_plan_cannot_place_go_the_general_way(monkeypatch):
    """A feed by name and a fed non-placeholder tensor (TF1: its value replaces the computed one) still work."""
    (X, Y), variables, cost, train, (x, y) = network()
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    by_name = session.run([train, cost], feed_dict={"X:0": x[:8], "Y:0": y[:8]})
    assert type(by_name[1]) is np.float32
    unused = tf.placeholder(tf.float32, [2], name="unused")
    with pytest.raises(ValueError, match="Cannot feed value of shape"):  # checked even though the step ignores it
        session.run(train, feed_dict={X: x[:8], Y: y[:8], unused: np.zeros(3, np.float32)})
    session.run(train, feed_dict={X: x[:8], Y: y[:8], unused: np.zeros(2, np.float32)})


def test_variables_never_share_memory_with_what_was_assigned():
    """The session stores copies: a step that updates its state in place can never reach the array a program
    built a variable from, its initial value, or an array given to ``load``."""
    tf.reset_default_graph()
    start = np.array([[1.0, 2.0]], np.float32)
    W = tf.Variable(start)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    loaded = np.array([[3.0, 4.0]], np.float32)
    W.load(loaded, session)
    stored = session.values[W.expr]
    assert not np.shares_memory(stored, start) and not np.shares_memory(stored, loaded)
    assert not np.shares_memory(stored, W.start_value)


@pytest.mark.parametrize("planned", [True, False])
def test_a_fed_variable_replaces_its_value_with_or_without_plans(monkeypatch, planned):
    """Feeding a variable (not a placeholder): a run that only reads it computes with the fed value; a run that
    trains it is TF1's InvalidArgumentError (TF 2.21 tf.compat.v1: a ref input fed a value), with or without plans,
    and changes nothing."""
    if not planned:
        monkeypatch.setattr(RunPlan, "for_fetches", classmethod(lambda cls, session, fetches: None))
    (X, Y), (W1, b1, W2), cost, train, (x, y) = network()
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run([train, cost], feed_dict={X: x[:8], Y: y[:8]})
    fed = np.full((4, 2), 0.5, np.float32)
    with_fed = session.run(cost, feed_dict={X: x[:8], Y: y[:8], W2: fed})
    before = session.run(W2)
    with pytest.raises(tf.errors.InvalidArgumentError, match="expected float_ref"):
        session.run([train, cost], feed_dict={X: x[:8], Y: y[:8], W2: fed})
    np.testing.assert_array_equal(session.run(W2), before)  # feeding never assigns
    assert session.run(cost, feed_dict={X: x[:8], Y: y[:8], W2: fed}) == with_fed

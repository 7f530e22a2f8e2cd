"""Two ``minimize`` ops of one ``AdamOptimizer`` run in one ``session.run``: both step with the beta powers the run
starts with, and the run leaves them advanced once per op (TF1's two ``_finish`` updates)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

#: TF 2.21 tf.compat.v1 (graph mode): u after each run, and beta1_power, beta2_power after it.  v's value in the
#: same runs varies between TF processes (0.9, 0.947, 0.859 after the first: its ApplyAdam races the other op's
#: finish); 0.9000000357627869 is its start-values outcome, the one symopt's docs promise.
TF1_BOTH = [(2.9000000953674316, 0.7289999127388, 0.9970030784606934),
            (2.8142426013946533, 0.59048992395401, 0.9950100779533386),
            (2.7290701866149902, 0.47829681634902954, 0.9930210709571838)]
TF1_AFTER_SEPARATE_RUNS = 2.839803695678711  # run(t1), run(t2), then run([t1, t2]): u


def _program():
    graph = tf.Graph()
    with graph.as_default():
        v = tf.Variable([1.0, 2.0])
        u = tf.Variable(3.0)
        optimizer = tf.train.AdamOptimizer(0.1)
        train_v = optimizer.minimize(tf.reduce_sum(v * v), var_list=[v])
        train_u = optimizer.minimize(u * u, var_list=[u])
        powers = [x for x in optimizer.variables() if "power" in x.name]
        session = tf.Session()
        session.run(tf.global_variables_initializer())
    return session, v, u, train_v, train_u, powers


@pytest.mark.parametrize("together", ["list", "group"])
def test_both_steps_read_the_runs_starting_beta_powers(together):
    session, v, u, train_v, train_u, powers = _program()
    with session.graph.as_default():
        fetch = [train_v, train_u] if together == "list" else tf.group(train_v, train_u)
    for expected_u, expected_b1, expected_b2 in TF1_BOTH:
        session.run(fetch)
        b1, b2 = session.run(powers)
        assert np.float32(session.run(u)) == np.float32(expected_u)
        assert (np.float32(b1), np.float32(b2)) == (np.float32(expected_b1), np.float32(expected_b2))
    first = _program()
    first[0].run([first[3], first[4]])
    assert first[0].run(first[1]).tolist() == [0.9000000357627869, 1.899999976158142]


def test_separate_runs_then_a_run_of_both():
    session, v, u, train_v, train_u, powers = _program()
    session.run(train_v)
    session.run(train_u)
    session.run([train_v, train_u])
    assert np.float32(session.run(u)) == np.float32(TF1_AFTER_SEPARATE_RUNS)

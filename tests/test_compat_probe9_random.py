"""probe9 S13: TF1's random tensors of a fixed shape are drawn afresh at every run, once per run."""

import numpy as np

import symopt.compat.v1 as tf


def test_a_fixed_shape_random_tensor_is_drawn_at_every_run():
    tf.reset_default_graph()
    tf.set_random_seed(0)
    eps = tf.random_uniform([])  # an epsilon-greedy coin
    noise = tf.random_normal([2])  # a VAE's epsilon of a fixed batch
    clipped = tf.truncated_normal([3], stddev=0.5)
    explore = eps < 0.5
    with tf.Session() as session:
        draws = [session.run([eps, noise, clipped, explore]) for _ in range(12)]
    assert len({float(d[0]) for d in draws}) == 12 and len({tuple(d[1]) for d in draws}) == 12
    assert len({tuple(d[2]) for d in draws}) == 12 and all(np.abs(d[2]).max() <= 1.0 for d in draws)
    assert all(bool(d[3]) == (d[0] < 0.5) for d in draws)  # one draw per run, whoever reads it
    assert 0 < sum(bool(d[3]) for d in draws) < 12
    with tf.Session() as session:  # seeded: a new session repeats the sequence
        assert all(np.array_equal(session.run(noise), d[1]) for d in draws[:3])


def test_a_training_step_uses_the_draw_its_run_fetches():
    tf.reset_default_graph()
    mu, log_sigma = tf.Variable([0.5, -0.5]), tf.Variable([0.1, 0.2])
    eps = tf.random_normal([2])
    z = mu + tf.exp(log_sigma) * eps  # the reparameterisation trick
    loss = tf.reduce_sum(tf.square(z - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        seen = []
        for _ in range(3):
            before, scale = session.run([mu, log_sigma])
            _, value, drawn = session.run([train, loss, eps])
            sample = before + np.exp(scale) * drawn  # hand NumPy of the step with the fetched draw
            np.testing.assert_allclose(value, np.sum((sample - 1.0) ** 2), rtol=1e-6)
            np.testing.assert_allclose(session.run(mu), before - np.float32(0.1) * 2 * (sample - 1.0), rtol=1e-6)
            seen.append(tuple(drawn))
    assert len(set(seen)) == 3


def test_variables_made_from_random_tensors_draw_at_each_run_of_their_initializer():
    tf.reset_default_graph()
    tf.set_random_seed(3)
    r = tf.random_normal([4, 3])
    w, v = tf.Variable(r), tf.Variable(r * 0.01)
    W = tf.get_variable("W", [3, 2])  # Glorot uniform: TF1's random op W/Initializer/random_uniform
    init = tf.global_variables_initializer()
    with tf.Session() as session:
        session.run(init)
        first, glorot = session.run([w, W])
        np.testing.assert_allclose(session.run(v), first * np.float32(0.01), rtol=1e-6)  # one draw in the run
        session.run(init)  # TF1 draws anew: random restarts differ
        assert not np.array_equal(session.run(w), first) and not np.array_equal(session.run(W), glorot)
        session.run(w.initializer)
        assert not np.array_equal(session.run(w), first)
    with tf.Session() as session:  # seeded: a new session repeats the sequence of draws
        session.run(init)
        np.testing.assert_array_equal(session.run(w), first)
        np.testing.assert_array_equal(session.run(W), glorot)
    assert W.initial_value.name == "W/Initializer/random_uniform:0"  # TF 2.21's name


def test_a_random_tensor_of_a_known_shape_given_as_a_tensor():
    tf.reset_default_graph()  # probe9 S13 addendum: tf.random_uniform(tf.shape(W)) of a variable
    W = tf.Variable(tf.ones([4, 4]))
    mask = tf.random_uniform(tf.shape(W))
    normal, truncated = tf.random_normal(tf.constant([3])), tf.truncated_normal([tf.constant(2), 3])
    assert (mask.shape, normal.shape, truncated.shape) == ((4, 4), (3,), (2, 3))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert len({session.run(mask).tobytes() for _ in range(4)}) == 4
        assert session.run(tf.reduce_sum(W * tf.cast(mask < 2.0, tf.float32))) == 16.0


def test_the_initializer_run_consumes_a_draw_of_the_random_tensor():
    tf.reset_default_graph()  # review1 F6: TF1 (2.21's tf.compat.v1, seeded) gives the same pattern of draws
    tf.set_random_seed(3)
    r = tf.random_uniform([2], seed=1)
    v, scaled = tf.Variable(r), tf.Variable(r * 10.0)
    init = tf.global_variables_initializer()
    with tf.Session() as session:  # draws d0, d1, ...: the initializer takes d0, the next fetch of r d1
        session.run(init)
        initialized, tenfold, fetched = session.run(v), session.run(scaled), session.run(r)
    with tf.Session() as session:  # r fetched first takes d0, the initializer d1
        first, _ = session.run(r), session.run(init)
        later = session.run(v)
    np.testing.assert_array_equal(initialized, first)
    np.testing.assert_array_equal(fetched, later)
    np.testing.assert_allclose(tenfold, initialized * np.float32(10.0), rtol=1e-6)
    assert not np.array_equal(initialized, fetched)

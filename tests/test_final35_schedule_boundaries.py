"""review final35 F35-2: PiecewiseConstant compares the step with its boundaries in integers, as TF1's
piecewise_constant compares its int64 global_step; a boundary float32 cannot hold (2**24 + 51 rounds to 2**24 + 52)
fired two steps late on the NumPy and JAX backends, in Schedule.__call__ and in the TF1 layer.  The oracle is the
schedule's own formula with integer comparisons (TF 2.21 gives the same numbers: /work/wt/final35/p/p9_pc.py)."""

import numpy as np
import pytest

import symopt

BOUNDARY = 2 ** 24 + 51  # odd: float32 holds no odd integer past 2**24
STEPS = 2 ** 24 + 100
AFTER = STEPS - BOUNDARY - 1  # steps t = BOUNDARY + 1 .. STEPS - 1 at the second rate


def oracle_rate(t: int) -> float:
    return 0.5 if t <= BOUNDARY else 0.25


def test_the_rate_switches_right_after_an_odd_boundary_past_two_to_the_24():
    schedule = symopt.PiecewiseConstant((BOUNDARY,), (0.5, 0.25))
    steps = list(range(BOUNDARY - 2, BOUNDARY + 4))
    assert [float(schedule(t)) for t in steps] == [oracle_rate(t) for t in steps]
    assert schedule(np.array(steps)).tolist() == [oracle_rate(t) for t in steps]


def test_a_boundary_with_a_fraction_still_compares_as_before():
    schedule = symopt.PiecewiseConstant((2.5, 1000.75), (0.5, 0.25, 0.125))
    assert schedule(np.arange(0, 5)).tolist() == [0.5, 0.5, 0.5, 0.25, 0.25]
    assert [float(schedule(t)) for t in (1000, 1001)] == [0.25, 0.125]


def halving_run(backend: str, dtype: str):
    """GD on w²/2 at rate 2 flips w's sign (|w| kept exactly), at rate 1/2 halves it: the result counts the steps
    taken at the second rate, exactly in float32 and float64."""
    w = symopt.Variable("w", 1.0, dtype=dtype)
    schedule = symopt.PiecewiseConstant((BOUNDARY,), (2.0, 0.5))
    result = symopt.minimize(w ** 2 / 2, w, optimizer=symopt.GradientDescent(schedule), steps=STEPS, dtype=dtype,
                             backend=backend)
    return result[w], result.optimizer_state["global_step"]


def expected_halving() -> float:
    return (-1.0) ** (BOUNDARY + 1) * 0.5 ** AFTER


def test_the_numpy_run_switches_right_after_the_boundary():
    value, counter = halving_run("numpy", "float64")
    assert counter == STEPS
    assert value == expected_halving()  # fired 2 steps late: 4 times this


def test_the_jax_run_switches_right_after_the_boundary():
    pytest.importorskip("jax")
    value, counter = halving_run("jax", "float32")
    assert counter == STEPS
    assert float(value) == expected_halving()


def test_a_jax_boundary_past_the_int32_counter_is_never_reached():
    pytest.importorskip("jax")
    w = symopt.Variable("w", 0.0)
    schedule = symopt.PiecewiseConstant((2 ** 40,), (0.5, 0.25))
    result = symopt.minimize(-w, w, optimizer=symopt.GradientDescent(schedule), steps=4, backend="jax")
    assert float(result[w]) == 2.0


def tf1_session(tf, backend: str):
    if backend == "jax":
        pytest.importorskip("jax")
        return tf.Session(config=tf.ConfigProto(backend="jax"))
    return tf.Session()


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_the_tf1_layer_switches_right_after_the_boundary(backend):
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    step = tf.Variable(0, dtype=tf.int64, trainable=False)
    rate = tf.train.piecewise_constant(step, [BOUNDARY], [0.5, 0.25])
    decayed = tf.train.exponential_decay(1.0, step, 2 ** 24 + 1, 0.5, staircase=True)
    session = tf1_session(tf, backend)
    session.run(tf.global_variables_initializer())
    for t in range(BOUNDARY - 1, BOUNDARY + 4):
        session.run(step.assign(t))
        # TF 2.21: [0.5, 0.5], [0.5, 0.5], [0.25, 0.5], [0.25, 0.5], [0.25, 0.5] (the decay casts t to float32)
        assert session.run([rate, decayed]) == [oracle_rate(t), 0.5]


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_tf1_optimizer_on_the_rate_trains_with_the_switched_rate(backend):
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    step = tf.Variable(BOUNDARY - 1, dtype=tf.int64, trainable=False)
    w = tf.Variable(0.0, dtype=tf.float64 if backend == "numpy" else tf.float32)
    rate = tf.train.piecewise_constant(step, [BOUNDARY], [0.5, 0.25])
    train = tf.train.GradientDescentOptimizer(rate).minimize(-w, global_step=step)
    session = tf1_session(tf, backend)
    session.run(tf.global_variables_initializer())
    for _ in range(4):
        session.run(train)
    # steps BOUNDARY - 1 .. BOUNDARY + 2: hand sum of the float32 rates
    assert session.run(w) == sum(oracle_rate(t) for t in range(BOUNDARY - 1, BOUNDARY + 3))
    assert session.run(step) == BOUNDARY + 3


def test_a_warmup_shifts_the_step_in_integers():
    schedule = symopt.Warmup(symopt.PiecewiseConstant((2 ** 24 + 50,), (0.5, 0.25)), 1)
    steps = range(2 ** 24 + 49, 2 ** 24 + 55)
    # then(t - 1): 0.5 while t - 1 <= 2**24 + 50 (float32 t - 1 switched one step early)
    assert [float(schedule(t)) for t in steps] == [0.5 if t - 1 <= 2 ** 24 + 50 else 0.25 for t in steps]


def test_a_tf1_jax_boundary_past_the_int32_counter_is_never_reached():
    pytest.importorskip("jax")
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    step = tf.Variable(3, dtype=tf.int64, trainable=False)
    rate = tf.train.piecewise_constant(step, [2 ** 40], [0.5, 0.25])
    w = tf.Variable(0.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(-w * rate, global_step=step)  # the rate in the cost
    session = tf1_session(tf, "jax")
    session.run(tf.global_variables_initializer())
    session.run(train)
    assert session.run(w) == np.float32(0.1) * np.float32(0.5)


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_rate_inside_the_cost_switches_right_after_the_boundary(backend):
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    step = tf.Variable(BOUNDARY - 1, dtype=tf.int64, trainable=False)
    rate = tf.train.piecewise_constant(step, [BOUNDARY], [0.5, 0.25])
    w = tf.Variable(0.0)
    train = tf.train.GradientDescentOptimizer(1.0).minimize(-w * rate, global_step=step)  # w grows by the rate
    session = tf1_session(tf, backend)
    session.run(tf.global_variables_initializer())
    for _ in range(4):
        session.run(train)
    assert session.run(w) == sum(oracle_rate(t) for t in range(BOUNDARY - 1, BOUNDARY + 3))

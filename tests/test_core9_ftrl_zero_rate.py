"""probe12 V14: Ftrl divides by the learning rate ((√(a+g²) − √a)/η and √(a+g²)/η).  A schedule that reaches 0
(CosineDecay's default alpha=0 at its end, Warmup's default start at 0) crashed a scalar run with a raw
ZeroDivisionError and told a matrix run to "try a smaller learning rate".  TF1's ApplyFtrl kernel refuses a rate that
is not positive ('lr is not a positive scalar'); symopt refuses such a schedule when Ftrl is made, and a decay that
underflows to 0 within the run before its first step.  The addendum: with initial_accumulator_value=0 a zero gradient
made √(a+g²)/η = 0 and the update 0/0, where TF1's select gives the variable 0."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError
from symopt.more_schedules import CosineDecayRestarts, LinearCosineDecay

w = symopt.Variable("w", 0.0)

REACH_ZERO = {  # schedule, a step where its float32 rate is 0, the fix the message names
    "CosineDecay alpha=0": (symopt.CosineDecay(0.05, 20), 20, "alpha > 0"),
    "CosineDecay tiny": (symopt.CosineDecay(1e-30, 20, alpha=1e-30), 20, "alpha > 0"),
    "Warmup from 0": (symopt.Warmup(symopt.CosineDecay(0.05, 20, alpha=0.1), 5), 0, "initial_learning_rate > 0"),
    "Warmup then alpha=0": (symopt.Warmup(symopt.CosineDecay(0.05, 20), 5, 0.01), 25, "alpha > 0"),
    "PolynomialDecay end 0": (symopt.PolynomialDecay(0.05, 10, end_learning_rate=0.0), 10, "end_learning_rate > 0"),
    "LinearCosineDecay beta=0": (LinearCosineDecay(0.05, 10, beta=0.0), 10, "beta > 0"),
    "CosineDecayRestarts alpha=0": (CosineDecayRestarts(0.05, 41, t_mul=1.0), 41, "alpha > 0"),
}


@pytest.mark.parametrize("name", sorted(REACH_ZERO))
def test_a_schedule_that_reaches_zero_is_refused_when_ftrl_is_made(name):
    schedule, step, fix = REACH_ZERO[name]
    assert schedule(step) == 0  # the refusal is justified: the float32 rate itself is 0 there
    with pytest.raises(ConfigurationError) as error:
        symopt.Ftrl(schedule)
    assert "Ftrl divides by the learning rate" in str(error.value) and fix in str(error.value)
    symopt.Adam(schedule)  # an optimizer that multiplies by the rate takes it


def _ftrl_kernel(start, gradient, rates, initial=0.1, dtype="float64"):
    """TF1's ApplyFtrl (lr_power = -0.5, l1 = l2 = 0) in NumPy, one rate per step: var = select(|ℓ| > 0, -ℓ/y, 0)."""
    theta = np.asarray(start, dtype=dtype)
    a, linear = np.full_like(theta, initial), np.zeros_like(theta)
    with np.errstate(all="ignore"):
        for rate in rates:
            lr, g = np.dtype(dtype).type(rate), gradient(theta)
            new_a = a + g * g
            linear = linear + (g - (np.sqrt(new_a) - np.sqrt(a)) / lr * theta)
            theta = np.where(np.abs(linear) > 0, -linear / (np.sqrt(new_a) / lr), 0 * theta)
            a = new_a
    return theta


def test_a_schedule_above_zero_trains_past_its_decay_as_the_kernel():
    schedule = symopt.CosineDecay(0.05, 20, alpha=0.01)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Ftrl(schedule), steps=30)
    expected = _ftrl_kernel(0.0, lambda x: 2 * (x - 3), [schedule(t) for t in range(30)])
    assert result[w] == float(expected)


def test_a_decay_that_underflows_within_the_run_is_refused_before_the_first_step():
    schedule = symopt.ExponentialDecay(0.1, 1, 0.5)  # 0.1·0.5^t is 0 in float32 from step 147
    assert schedule(146) > 0 and schedule(147) == 0
    calls = []
    with pytest.raises(ConfigurationError, match="decays to 0 in float32 from step 147 on.*at most 146 steps"):
        symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Ftrl(schedule), steps=200,
                        callback=lambda *args: calls.append(args))
    assert calls == []
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.Ftrl(schedule), steps=146)
    assert result[w] == float(_ftrl_kernel(0.0, lambda x: 2 * (x - 3), [schedule(t) for t in range(146)]))


def test_zero_accumulator_and_zero_gradient_give_tf1s_zero():
    start = symopt.Variable("start", 3.0)
    result = symopt.minimize((start - 3) ** 2, start, optimizer=symopt.Ftrl(0.1, initial_accumulator_value=0.0),
                             steps=5)
    expected = _ftrl_kernel(3.0, lambda x: 2 * (x - 3), [np.float32(0.1)] * 5, initial=0.0)
    assert result[start] == float(expected)
    W, T = symopt.Variable("W", np.array([[3.0], [1.0]])), symopt.Placeholder("T", (2, 1))
    target = np.full((2, 1), 3.0)
    vector = symopt.minimize(ops.sum(ops.square(W - T)), W, data={T: target},
                             optimizer=symopt.Ftrl(0.1, initial_accumulator_value=0.0), steps=1)
    # by hand: the first entry has g = 0 and a = 0, TF1's select gives 0; the second ℓ = -4 - (4/η)·1, θ = -ℓ/(4/η)
    assert vector[W][0, 0] == 0.0 and np.isclose(vector[W][1, 0], 1.1, rtol=1e-7, atol=0)
    more = symopt.minimize(ops.sum(ops.square(W - T)), W, data={T: target},
                           optimizer=symopt.Ftrl(0.1, initial_accumulator_value=0.0), steps=6)
    expected = _ftrl_kernel([[3.0], [1.0]], lambda x: 2 * (x - target), [np.float32(0.1)] * 6, initial=0.0)
    assert np.array_equal(more[W], expected)


def test_a_nan_linear_slot_gives_tf1s_zero_after_the_nan_step():
    """TF1's ApplyFtrl selects ``|z| > λ₁ ? (λ₁sign(z) - z)/y : 0``: a NaN linear slot (the rate reached 0) gives 0 from
    the next step on; symopt's ``|z| <= λ₁ ? 0 : ...`` kept NaN forever (review3 R3).  TF 2.21 tf.compat.v1:
    steps 4..7 give w = [0.20110998, 0.4045798], nan, 0, 0."""
    import symopt.compat.v1 as tf
    tf.reset_default_graph()
    w = tf.Variable(np.array([1.0, 2.0], np.float32))
    step = tf.train.get_or_create_global_step()
    rate = tf.train.cosine_decay(0.1, step, 5)
    train = tf.train.FtrlOptimizer(rate).minimize(tf.reduce_sum(tf.square(w - 3.0)), global_step=step)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        seen = []
        for _ in range(8):
            session.run(train)
            seen.append(session.run(w))
    np.testing.assert_allclose(seen[4], [0.20110998, 0.4045798], rtol=1e-6)
    assert np.isnan(seen[5]).all()
    assert (seen[6] == 0).all() and (seen[7] == 0).all()

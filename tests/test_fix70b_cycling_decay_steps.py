"""F44b-1: ``polynomial_decay(cycle=True)`` of a step tensor that is not the variable itself (``tf.cast(gs,
tf.int64)``, ``tf.convert_to_tensor(gs)``, ``tf.add_n([gs])``, a fed step) trains as TF1 (it was refused)."""

import pytest

import symopt.compat.v1 as tf

# TF 2.21 tf.compat.v1 graph mode (RefVariables), review final44b s/poly.py: lr before each of 6 steps, final w
TF_RATES = [0.1, 0.07, 0.04, 0.01, 0.04, 0.025]
TF_W = 0.542143
# TF 2.21: polynomial_decay(0.1, ep, 3, 0.01, power=2.0, cycle=True) of a fed int32 / float32 scalar at 0..7
TF_FED = [0.10000000149011612, 0.04999999701976776, 0.019999999552965164, 0.009999999776482582,
          0.019999999552965164, 0.012500000186264515, 0.009999999776482582, 0.014444444328546524]


@pytest.mark.parametrize("spelling", ["cast", "convert", "add_n"])
def test_cycling_decay_of_a_converted_step_trains_as_tf1(spelling):
    tf.reset_default_graph()
    gs = tf.train.get_or_create_global_step()
    step = {"cast": lambda: tf.cast(gs, tf.int64), "convert": lambda: tf.convert_to_tensor(gs),
            "add_n": lambda: tf.add_n([gs])}[spelling]()
    lr = tf.train.polynomial_decay(0.1, step, 3, 0.01, cycle=True)
    w = tf.Variable(1.0)
    train = tf.train.GradientDescentOptimizer(lr).minimize(w * w, global_step=gs)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    rates = []
    for _ in range(6):
        rates.append(round(float(sess.run(lr)), 6))
        sess.run(train)
    assert rates == TF_RATES
    assert round(float(sess.run(w)), 6) == TF_W


@pytest.mark.parametrize("dtype", [tf.int32, tf.float32])
def test_cycling_decay_of_a_fed_step_is_tf1s_float32(dtype):
    tf.reset_default_graph()
    ep = tf.placeholder(dtype, [])
    lr = tf.train.polynomial_decay(0.1, ep, 3, 0.01, power=2.0, cycle=True)
    sess = tf.Session()
    assert [float(sess.run(lr, {ep: v})) for v in range(8)] == TF_FED

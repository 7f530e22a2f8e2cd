"""probe77 P77-4 (second part): an ``ExponentialMovingAverage`` shadow is named as TF1's slot creator names it, under
the variable scope it is made in (no name scope), before the averaged variable's or tensor's own name: the 2016
StackOverflow ``batch_norm`` pattern inside ``tf.variable_scope("bn")`` gives ``bn/bn/moments/Squeeze/
ExponentialMovingAverage:0`` (it was ``bn/moments/...``).  Every expected name is TF 2.21's (tf.compat.v1, graph mode,
/work/wt/probe77/p4_names.py and a wider sweep of scopes)."""

import numpy as np

import symopt.compat.v1 as tf


def test_shadow_names_take_the_variable_scope():
    tf.reset_default_graph()
    x = tf.constant(np.ones((4, 3), np.float32))
    w = tf.Variable(1.0, name="w")
    with tf.variable_scope("bn"):
        mean, variance = tf.nn.moments(x, [0], name="moments")
        t = tf.identity(x, name="t")
        u = tf.Variable(2.0, name="u")
        ema = tf.train.ExponentialMovingAverage(0.5)
        ema.apply([mean, variance, t, u, w])
        with tf.name_scope("ns"):
            in_name_scope = tf.train.ExponentialMovingAverage(0.5, name="E2")
            in_name_scope.apply([t])
    with tf.name_scope("outer"):
        outside = tf.train.ExponentialMovingAverage(0.5, name="E3")
        outside.apply([mean, u])
    with tf.variable_scope("vs2"), tf.variable_scope("inner"):
        nested = tf.train.ExponentialMovingAverage(0.5, name="E4")
        nested.apply([mean, t, u])
    names = [ema.average(item).name for item in (mean, variance, t, u, w)]
    assert names == ["bn/bn/moments/Squeeze/ExponentialMovingAverage:0",
                     "bn/bn/moments/Squeeze_1/ExponentialMovingAverage:0", "bn/bn/t/ExponentialMovingAverage:0",
                     "bn/bn/u/ExponentialMovingAverage:0", "bn/w/ExponentialMovingAverage:0"]
    assert in_name_scope.average(t).name == "bn/bn/t/E2:0"
    assert [outside.average(item).name for item in (mean, u)] == ["bn/moments/Squeeze/E3:0", "bn/u/E3:0"]
    assert [nested.average(item).name for item in (mean, t, u)] == [
        "vs2/inner/bn/moments/Squeeze/E4:0", "vs2/inner/bn/t/E4:0", "vs2/inner/bn/u/E4:0"]
    assert ema.average_name(mean) == "bn/bn/moments/Squeeze/ExponentialMovingAverage"
    assert "bn/bn/u/ExponentialMovingAverage" in ema.variables_to_restore()


def test_shadows_in_a_variable_scope_still_average():
    # hand arithmetic: the shadow starts at u = 2; after u = 4 one update gives 2 - (2 - 4) * (1 - 0.5) = 3
    tf.reset_default_graph()
    with tf.variable_scope("bn"):
        u = tf.Variable(2.0, name="u")
        ema = tf.train.ExponentialMovingAverage(0.5)
        update = ema.apply([u])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(u.assign(4.0))
        session.run(update)
        assert session.run(ema.average(u)) == 3.0

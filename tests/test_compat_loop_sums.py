"""A loss summed over examples in a Python loop of scalar tensors, as beginners' TF1 programs write it
(final34 F34-4: a fix that held each partial sum nested them 400 deep, and SymPy's assumption queries ran out of
recursion at 150 terms; that fix, probe28 P28-5's, was reverted)."""

from __future__ import annotations

import numpy as np

import symopt.compat.v1 as tf


def test_a_loss_summed_over_400_examples_in_a_python_loop_trains_as_tf1():
    tf.reset_default_graph()
    rng = np.random.RandomState(0)
    xs = rng.rand(400).astype(np.float32)
    ys = (2 * xs + 1).astype(np.float32)
    w, b = tf.Variable(0.5), tf.Variable(0.0)
    loss = tf.constant(0.0)
    for x, y in zip(xs, ys):
        loss = loss + tf.square(w * float(x) + b - float(y))
    loss = tf.sqrt(loss / 400)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(20):
            session.run(train)
        final = session.run(loss)
    np.testing.assert_allclose(final, 0.1557419, rtol=2e-6)  # TF 2.21 compat.v1 printed 0.1557419

"""final46a2 46a2-9 (the part left by 35e347e5): a slot value fed to its initializer before the first step of a
training operation of a placeholder without a shape (whose step is compiled when first run) is kept: read back,
through a first step that fails at run time, and by the first good step.  TF 2.21 (tf.compat.v1, graph mode,
/work/wt/final46a2/started.py): m after the failed step [0.5, 0.5]; after the good one w = [0.675, -1423013.5],
m = [0.65, 0.45]; symopt dropped the fed value (m [0, 0], then w [0.9, 2.0], m [0.2, 0])."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("shape", [None, [None, 2]])
def test_fed_slot_survives_a_failed_first_step(shape):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, shape)
    w = tf.Variable([1., 2.])
    session = tf.Session()
    session.run(w.initializer)
    opt = tf.train.AdamOptimizer(0.1)
    train = opt.minimize(tf.reduce_sum(tf.matmul(x, tf.reshape(w, [2, 1])) ** 2))
    m = opt.get_slot(w, "m")
    session.run(m.initializer, {m.initial_value: [0.5, 0.5]})
    for variable in opt.variables():
        if variable.op.name != m.op.name:
            session.run(variable.initializer)
    np.testing.assert_array_equal(session.run(m), [0.5, 0.5])
    if shape is None:  # a 2x3 feed into the 2x1 product: TF1's InvalidArgumentError when run
        with pytest.raises(tf.errors.InvalidArgumentError):
            session.run(train, {x: np.ones((2, 3))})
        np.testing.assert_array_equal(session.run(m), [0.5, 0.5])
    session.run(train, {x: [[1., 0.]]})
    np.testing.assert_allclose(session.run(w), [0.675, -1423013.5], rtol=1e-6)
    np.testing.assert_allclose(session.run(m), [0.65, 0.45], rtol=1e-6)

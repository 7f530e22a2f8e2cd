"""final46a2 46a2-9: a slot value fed to its initializer before the first step is kept when that step fails at run
time (an out-of-range label), and the next step starts from it (values from TF 2.21's tf.compat.v1 graph mode)."""
import numpy as np

import symopt.compat.v1 as tf


def test_fed_slot_survives_a_failed_first_step():
    tf.reset_default_graph()
    x, y = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.int32, [None])
    w = tf.Variable([[1., 2.], [3., 4.]])
    sess = tf.Session()
    sess.run(w.initializer)
    opt = tf.train.AdamOptimizer(0.1)
    train = opt.minimize(tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x @ w)))
    m = opt.get_slot(w, "m")
    sess.run(m.initializer, {m.initial_value: [[0.5, 0.5], [0.5, 0.5]]})
    sess.run([v.initializer for v in opt.variables() if v.op.name != m.op.name])
    try:
        sess.run(train, {x: [[1., 0.]], y: [5]})
    except tf.errors.InvalidArgumentError:
        pass  # TF 2.21 too: label 5 of 2 classes
    np.testing.assert_array_equal(sess.run(m), [[0.5, 0.5], [0.5, 0.5]])  # TF 2.21
    sess.run(train, {x: [[1., 0.]], y: [1]})
    np.testing.assert_allclose(sess.run(m), [[0.476894, 0.423106], [0.45, 0.45]], atol=1e-6)  # TF 2.21
    np.testing.assert_allclose(sess.run(w), [[-0.773224, 0.426775], [-1423012.5, -1423011.5]], rtol=1e-6)  # TF 2.21

"""final46a2 46a2-1: running a global_variables_initializer again resets the beta powers of its optimizer object also
in the state of a later minimize of that object (TF 2.21: beta1_power 0.9 and w2 2.691913 after two more steps,
/work/wt/final46a2/reinit3.py; the slot m of w2, not reset, by hand NumPy's Adam)."""
import numpy as np

import symopt.compat.v1 as tf


def test_initializer_resets_beta_powers_of_a_later_minimize():
    tf.reset_default_graph()
    w, w2 = tf.Variable([1., 2.]), tf.Variable([3.])
    opt = tf.train.AdamOptimizer(0.1)
    opt.minimize(tf.reduce_sum(w ** 2))
    init = tf.global_variables_initializer()
    sess = tf.Session()
    sess.run(init)
    train2 = opt.minimize(tf.reduce_sum(w2 ** 2))
    sess.run(tf.variables_initializer([w2, opt.get_slot(w2, "m"), opt.get_slot(w2, "v")]))
    for _ in range(3):
        sess.run(train2)
    sess.run(init)
    beta1_power = [v for v in opt.variables() if v.op.name == "beta1_power"][0]
    np.testing.assert_allclose(sess.run(beta1_power), 0.9)  # TF 2.21
    sess.run(train2)
    sess.run(train2)
    np.testing.assert_allclose(sess.run(w2), [2.691913], atol=1e-6)  # TF 2.21
    np.testing.assert_allclose(sess.run(opt.get_slot(w2, "m")), [2.375705], atol=1e-6)  # hand NumPy

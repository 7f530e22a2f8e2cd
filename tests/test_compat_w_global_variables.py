"""``tf.global_variables()`` lists the optimizers' variables (Adam's beta powers and moments, Momentum's and RMSProp's
slots) in TF1's order, so ``tf.train.Saver(tf.global_variables())`` checkpoints the optimizer state and
``tf.variables_initializer(tf.global_variables())`` resets it, as in TF1.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_saver_of_the_global_variables_keeps_the_optimizer_state(tmp_path):
    w = tf.Variable([1.0, -2.0], name="w")
    b = tf.Variable(0.5, name="b")
    train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w - 3.0)) + tf.square(b))
    c = tf.Variable(1.0, name="c")
    train2 = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.square(c * w[0]), var_list=[c])
    tf.train.RMSPropOptimizer(0.1).minimize(tf.square(c))
    tf.train.get_or_create_global_step()
    # TF 2.21 tf.compat.v1
    assert [v.name for v in tf.global_variables()] == [
        "w:0", "b:0", "beta1_power:0", "beta2_power:0", "w/Adam:0", "w/Adam_1:0", "b/Adam:0", "b/Adam_1:0", "c:0",
        "c/Momentum:0", "c/RMSProp:0", "c/RMSProp_1:0", "global_step:0"]
    assert [v.name for v in tf.global_variables(scope="w")] == ["w:0", "w/Adam:0", "w/Adam_1:0"]
    assert [v.name for v in tf.trainable_variables()] == ["w:0", "b:0", "c:0"]
    saver = tf.train.Saver(tf.global_variables())
    runs = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run([train, train2])
        path = saver.save(sess, str(tmp_path / "model"))
        for _ in range(2):
            sess.run([train, train2])
        runs.append(sess.run([w, b, c]))
        saver.restore(sess, path)
        for _ in range(2):
            sess.run([train, train2])
        runs.append(sess.run([w, b, c]))
        sess.run(tf.variables_initializer(tf.global_variables()))
        for _ in range(2):
            sess.run([train, train2])
        runs.append(sess.run([w, b, c]))
    # TF 2.21 tf.compat.v1: the restored run repeats the saved one's trajectory (the moments were saved)
    for got in runs[:2]:
        np.testing.assert_array_equal(got[0], np.float32([1.4970427, -1.5009845]))
        assert got[1:] == [np.float32(0.027815871), np.float32(-0.6265549)]
    # TF 2.21 tf.compat.v1: every variable, slots and beta powers included, back to its initial value
    np.testing.assert_array_equal(runs[2][0], np.float32([1.1998332, -1.8000581]))
    assert runs[2][1:] == [np.float32(0.3011878), np.float32(0.4264)]
